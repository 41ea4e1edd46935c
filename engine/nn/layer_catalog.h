#pragma once
// The catalogue of every layer the engine offers. The UI palette and inspector are generated from
// it, so a new layer appears in the app as soon as it is added to the list in
// engine/layers/catalog.cpp. Declared here and defined there, so nn/ (which builds networks from
// it) never includes the concrete layers and layers/ only depends on nn/'s interfaces.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/nn/layer.h"
#include "engine/nn/network_spec.h"

namespace dl {

struct LayerInfo {
    std::string type;      // "Linear"
    std::string category;  // palette group: "Core", "Activations", "Regularization", "Normalization", "Merge"
    std::string summary;   // one-sentence tooltip
    int min_inputs = 1, max_inputs = 1;  // max_inputs -1 = any number
    std::vector<AttrSpec> attrs;
    std::function<std::unique_ptr<Layer>(Attributes)> create;  // receives validated attributes
    // Blocks only (category "Blocks"): the small network inside, from validated attributes, so the
    // editor can open the block and show it.
    std::function<NetworkSpec(const Attributes&)> inside = {};
};

const std::vector<LayerInfo>& layer_catalog();
// The entry for `type`, or nullptr when the catalogue has no such layer.
const LayerInfo* find_layer_info(const std::string& type);
// Throws InputError listing the known types when `type` is unknown.
const LayerInfo& layer_info(const std::string& type);
// Validates attributes (errors name node and field) and creates the layer.
std::unique_ptr<Layer> make_layer(const std::string& node_id, const std::string& type, const Attributes& attrs);

}  // namespace dl
