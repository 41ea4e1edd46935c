#include "engine/layers/dropout_layer.h"

#include <stdexcept>

#include "engine/core/error.h"
#include "engine/ops/dropout.h"
#include "engine/ops/norm.h"

namespace dl {

std::vector<AttrSpec> Dropout::attribute_specs() {
    return {{"p", AttrSpec::Kind::Float, 0.5, 0.0, 0.99, {}, "Probability of zeroing each value during training."}};
}

Var Dropout::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    if (!ctx.training) return inputs[0];
    if (!ctx.rng) throw std::logic_error("Dropout in training needs a random generator in the forward context");
    return dropout(inputs[0], static_cast<float>(attrs_.get_float("p")), *ctx.rng);
}

std::vector<AttrSpec> Dropout2d::attribute_specs() {
    return {{"p",
             AttrSpec::Kind::Float,
             0.5,
             0.0,
             0.99,
             {},
             "Probability of zeroing each whole channel of an example during training."}};
}

Shape Dropout2d::output_shape(const std::vector<Shape>& inputs) const {
    const Shape& in = single_input(inputs, "Dropout2d");
    if (in.size() < 2)
        throw ShapeError("Dropout2d zeroes whole channels of feature maps [C, H, W], but each example has shape " +
                         to_string(in) + "; use Dropout for feature vectors");
    return in;
}

Var Dropout2d::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    if (!ctx.training) return inputs[0];
    if (!ctx.rng) throw std::logic_error("Dropout2d in training needs a random generator in the forward context");
    return dropout2d(inputs[0], static_cast<float>(attrs_.get_float("p")), *ctx.rng);
}

}  // namespace dl
