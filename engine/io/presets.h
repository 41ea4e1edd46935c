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

// How a preset is offered in the Presets menu: optional top-level fields of its JSON file
// ("title", "chapter", "section", "start_here"); the network reader ignores them.
struct PresetInfo {
    std::string name;         // the file's stem: "resnet18-cpu"
    std::string title;        // "ResNet-18 (§8.6), small for a CPU — start here"; the name when absent
    std::string chapter;      // the menu group, leading with D2L's chapter number: "8 Modern ..."; may be empty
    std::string section;      // D2L's section, "8.6"; may be empty
    bool start_here = false;  // the variant to try first (small enough for a CPU)
    std::string description;
};
// Throws InputError for a preset that does not exist or a file that is not valid JSON, and names the
// field whose value has the wrong type.
PresetInfo preset_info(const std::string& name);
// Every preset in menu order: by chapter number (presets without a chapter last), then section
// (without one last), then start_here first, then name. A preset whose file cannot be read is
// listed with its name only, so choosing it shows the reason.
std::vector<PresetInfo> preset_catalog();

}  // namespace dl
