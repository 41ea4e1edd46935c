#pragma once
// Weight initialisers (D2L §5.4). fan_in/fan_out follow PyTorch's definitions.
#include <string>
#include <vector>

#include "engine/core/random.h"
#include "engine/core/tensor.h"

namespace dl {

struct InitSpec {
    std::string kind = "xavier_uniform";  // see init_kinds()
    double std = 0.01;                    // for "normal"
    double range = 0.05;                  // for "uniform": U(−range, range)
    double value = 0.0;                   // for "constant"
};

const std::vector<std::string>& init_kinds();  // xavier_uniform, xavier_normal, kaiming_uniform, kaiming_normal,
                                               // normal, uniform, constant, zeros, torch_default
void initialize(Tensor& weight, const InitSpec& spec, int64_t fan_in, int64_t fan_out, Rng& rng);

}  // namespace dl
