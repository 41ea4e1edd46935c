#pragma once
// Weight initialisers (D2L §5.4). fan_in/fan_out follow PyTorch's definitions.
#include <string>
#include <vector>

#include "engine/core/random.h"
#include "engine/core/tensor.h"
#include "engine/nn/attributes.h"

namespace dl {

struct InitSpec {
    std::string kind = "xavier_uniform";  // see init_kinds()
    double std = 0.01;                    // for "normal"
    double range = 0.05;                  // for "uniform": U(−range, range)
    double value = 0.0;                   // for "constant"
};

const std::vector<std::string>& init_kinds();  // xavier_uniform, xavier_normal, kaiming_uniform, kaiming_normal,
                                               // normal, uniform, constant, zeros, torch_default
// The settings that choose a weight's initializer ("init", "init_std", "init_range", "init_value"), shared by
// every layer with weights; `what` names the weights in the help text ("weights", "filters").
std::vector<AttrSpec> init_attribute_specs(const std::string& what);
InitSpec init_from_attributes(const Attributes& attrs);

void initialize(Tensor& weight, const InitSpec& spec, int64_t fan_in, int64_t fan_out, Rng& rng);

}  // namespace dl
