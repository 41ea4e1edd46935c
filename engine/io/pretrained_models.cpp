#include "engine/io/pretrained_models.h"

#include <cstdlib>
#include <filesystem>

namespace dl {

namespace {
std::filesystem::path data_dir() {
    if (const char* dir = std::getenv("DIVELAB_STATE_DIR"); dir && *dir) return dir;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "DiveLab" / "DiveLab";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : ".") / ".local" / "share" / "DiveLab" / "DiveLab";
}
}  // namespace

std::string pretrained_model_path(const std::string& preset) {
    return (data_dir() / "pretrained" / (preset + ".json")).string();
}

}  // namespace dl
