#include "engine/io/presets.h"

#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "engine/core/error.h"
#include "engine/io/network_json.h"

namespace dl {

namespace fs = std::filesystem;

std::string resources_dir() {
    if (const char* env = std::getenv("DIVELAB_RESOURCES"); env && *env) return env;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "divelab";
        if (fs::is_directory(installed / "presets", ec)) return installed.string();
    }
    return DIVELAB_RESOURCES_DIR;
}

std::vector<std::string> preset_names() {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fs::path(resources_dir()) / "presets", ec))
        if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

NetworkSpec load_preset(const std::string& name) {
    const fs::path file = fs::path(resources_dir()) / "presets" / (name + ".json");
    if (!fs::exists(file)) {
        std::string list;
        for (const auto& n : preset_names()) list += (list.empty() ? "" : ", ") + n;
        throw InputError("no preset called '" + name + "'; the presets are " + (list.empty() ? "(none found)" : list));
    }
    return load_network_file(file.string());
}

NetworkSpec load_network(const std::string& preset_or_path) {
    const bool looks_like_path =
        preset_or_path.find('/') != std::string::npos || fs::path(preset_or_path).extension() == ".json";
    if (looks_like_path) {
        if (!fs::exists(preset_or_path)) throw InputError(preset_or_path + ": no such network file");
        return load_network_file(preset_or_path);
    }
    return load_preset(preset_or_path);
}

}  // namespace dl
