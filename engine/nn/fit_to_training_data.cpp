#include "engine/nn/fit_to_training_data.h"

#include "engine/core/error.h"
#include "engine/layers/nadaraya_watson.h"

namespace dl {

namespace {
constexpr const char* kType = "NadarayaWatson";

void check_points(const Dataset& train) {
    const bool one_feature = train.features.defined() && train.features.dim() == 2 && train.features.size(1) == 1;
    const bool one_target = train.targets.defined() && train.targets.numel() == train.size();
    if (!one_feature || !one_target || train.size() == 0)
        throw InputError(
            "NadarayaWatson attends to the training points (x_i, y_i) of a regression with one feature "
            "and one target, such as the nadaraya-watson data set; '" +
            train.name + "' is not such a data set");
}
}  // namespace

bool keeps_training_points(const NetworkSpec& spec) {
    for (const NodeSpec& node : spec.nodes)
        if (node.type == kType) return true;
    return false;
}

void fit_to_training_data(NetworkSpec& spec, const Dataset& train) {
    if (!keeps_training_points(spec)) return;
    check_points(train);
    for (NodeSpec& node : spec.nodes) {
        if (node.type != kType) continue;
        if (!node.attrs.has("num_keys") || node.attrs.get_int("num_keys") == 0)
            node.attrs.set("num_keys", train.size());
    }
}

void load_training_points(Network& net, const Dataset& train) {
    for (size_t i = 0; i < net.size(); ++i) {
        auto* nw = dynamic_cast<NadarayaWatson*>(&net.layer(i));
        if (!nw) continue;
        check_points(train);
        nw->set_training_points(train.features, train.targets);
    }
}

}  // namespace dl
