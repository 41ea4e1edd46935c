#pragma once
// The model zoo: network presets under resources/presets/*.json.
#include <string>
#include <vector>

#include "engine/nn/network_spec.h"

namespace dl {

// Where resources live: $DIVELAB_RESOURCES, else share/divelab next to the installed binary,
// else the source tree's resources/ (for builds run in place).
std::string resources_dir();
std::vector<std::string> preset_names();           // sorted
NetworkSpec load_preset(const std::string& name);  // throws InputError listing the presets
// A preset name or a path to a network JSON file.
NetworkSpec load_network(const std::string& preset_or_path);

}  // namespace dl
