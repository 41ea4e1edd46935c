#pragma once
// Small real training set-ups shared by the UI tests: the spiral toy set and a two-hidden-layer MLP.
#include <memory>

#include "engine/data/registry.h"
#include "engine/nn/network_spec.h"

namespace uitest {

inline std::shared_ptr<const dl::DataSplit> spiral(int64_t size) {
    dl::DatasetOptions opt;
    opt.size = size;
    opt.seed = 2;
    return std::make_shared<const dl::DataSplit>(dl::load_dataset("spiral", opt));
}

inline dl::NetworkSpec mlp(int64_t hidden, int64_t classes) {
    dl::NetworkSpec spec;
    spec.name = "mlp";
    spec.nodes = {{"fc1", "Linear", {}, {}},
                  {"act1", "ReLU", {}, {}},
                  {"fc2", "Linear", {}, {}},
                  {"act2", "ReLU", {}, {}},
                  {"out", "Linear", {}, {}}};
    spec.nodes[0].attrs.set("out_features", hidden);
    spec.nodes[2].attrs.set("out_features", hidden);
    spec.nodes[4].attrs.set("out_features", classes);
    return spec;
}

}  // namespace uitest
