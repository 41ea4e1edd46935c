#include "engine/io/presets.h"

#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <tuple>

#include <nlohmann/json.hpp>

#include "engine/core/error.h"
#include "engine/io/network_json.h"

namespace dl {

namespace fs = std::filesystem;

namespace {

fs::path preset_file(const std::string& name) {
    return fs::path(resources_dir()) / "presets" / (name + ".json");
}

[[noreturn]] void no_such_preset(const std::string& name) {
    std::string list;
    for (const auto& n : preset_names()) list += (list.empty() ? "" : ", ") + n;
    throw InputError("no preset called '" + name + "'; the presets are " + (list.empty() ? "(none found)" : list));
}

std::string text_field(const nlohmann::json& j, const char* key, const std::string& where) {
    if (!j.contains(key)) return {};
    if (!j[key].is_string()) throw InputError(where + ": \"" + key + "\" must be text");
    return j[key].get<std::string>();
}

// "8.6" -> {8, 6}; "" -> {} (sorts after every section when compared as described in preset_catalog).
std::vector<long> leading_numbers(const std::string& text) {
    std::vector<long> numbers;
    size_t i = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        size_t end = i;
        numbers.push_back(std::stol(text.substr(i), &end));
        i += end;
        if (i < text.size() && text[i] == '.')
            ++i;
        else
            break;
    }
    return numbers;
}

// Empty keys (no chapter, no section) go last.
auto menu_key(const PresetInfo& p) {
    const auto chapter = leading_numbers(p.chapter), section = leading_numbers(p.section);
    return std::make_tuple(chapter.empty(), chapter, section.empty(), section, !p.start_here, p.name);
}

}  // namespace

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
    const fs::path file = preset_file(name);
    if (!fs::exists(file)) no_such_preset(name);
    return load_network_file(file.string());
}

PresetInfo preset_info(const std::string& name) {
    const fs::path file = preset_file(name);
    if (!fs::exists(file)) no_such_preset(name);
    const std::string where = file.string();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(read_file(where));
    } catch (const nlohmann::json::parse_error&) {
        throw InputError(where + " is damaged: not valid JSON");
    }
    if (!j.is_object()) throw InputError(where + " is not a network file");
    PresetInfo info;
    info.name = name;
    info.title = text_field(j, "title", where);
    if (info.title.empty()) info.title = name;
    info.chapter = text_field(j, "chapter", where);
    info.section = text_field(j, "section", where);
    info.description = text_field(j, "description", where);
    if (j.contains("start_here")) {
        if (!j["start_here"].is_boolean()) throw InputError(where + ": \"start_here\" must be true or false");
        info.start_here = j["start_here"].get<bool>();
    }
    return info;
}

std::vector<PresetInfo> preset_catalog() {
    std::vector<PresetInfo> catalog;
    for (const std::string& name : preset_names()) {
        try {
            catalog.push_back(preset_info(name));
        } catch (const InputError&) {
            PresetInfo unreadable;
            unreadable.name = unreadable.title = name;
            catalog.push_back(unreadable);
        }
    }
    std::sort(catalog.begin(), catalog.end(),
              [](const PresetInfo& a, const PresetInfo& b) { return menu_key(a) < menu_key(b); });
    return catalog;
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
