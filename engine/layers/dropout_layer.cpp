#include "engine/layers/dropout_layer.h"

#include <stdexcept>

#include "engine/ops/dropout.h"

namespace dl {

std::vector<AttrSpec> Dropout::attribute_specs() {
    return {{"p", AttrSpec::Kind::Float, 0.5, 0.0, 0.99, {}, "Probability of zeroing each value during training."}};
}

Var Dropout::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    if (!ctx.training) return inputs[0];
    if (!ctx.rng) throw std::logic_error("Dropout in training needs a random generator in the forward context");
    return dropout(inputs[0], static_cast<float>(attrs_.get_float("p")), *ctx.rng);
}

}  // namespace dl
