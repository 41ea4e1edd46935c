#include "engine/layers/add_norm.h"

#include <stdexcept>

#include "engine/core/error.h"
#include "engine/ops/arithmetic.h"
#include "engine/ops/dropout.h"
#include "engine/ops/norm.h"

namespace dl {

std::vector<AttrSpec> AddNorm::attribute_specs() {
    return {{"dropout",
             AttrSpec::Kind::Float,
             0.1,
             0.0,
             0.99,
             {},
             "Probability of zeroing each value of the sublayer's output (the second input) during training."}};
}

Shape AddNorm::output_shape(const std::vector<Shape>& inputs) const {
    if (inputs.size() != 2)
        throw ShapeError("AddNorm takes 2 inputs (X, and Y the sublayer's output), got " +
                         std::to_string(inputs.size()));
    if (inputs[0] != inputs[1])
        throw ShapeError("AddNorm adds Y to X, so both need the same shape, got " + to_string(inputs[0]) + " and " +
                         to_string(inputs[1]));
    if (inputs[0].empty()) throw ShapeError("AddNorm needs at least one feature axis, got a scalar input");
    return inputs[0];
}

std::vector<ParamShape> AddNorm::parameter_shapes(const std::vector<Shape>& inputs) const {
    const int64_t d = inputs.at(0).back();
    return {{"ln.weight", {d}}, {"ln.bias", {d}}};
}

void AddNorm::build(const std::vector<Shape>& inputs) {
    const int64_t d = inputs.at(0).back();
    gamma_ = Var(Tensor::ones({d}), true);
    beta_ = Var(Tensor::zeros({d}), true);
}

void AddNorm::reset_parameters(Rng&) {
    gamma_.value().fill(1.0f);
    beta_.value().fill(0.0f);
}

Var AddNorm::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    Var y = inputs.at(1);
    const double p = attrs_.get_float("dropout");
    if (ctx.training && p > 0) {
        if (!ctx.rng) throw std::logic_error("AddNorm in training needs a random generator in the context");
        y = dropout(y, static_cast<float>(p), *ctx.rng);
    }
    return layer_norm(add(inputs.at(0), y), gamma_, beta_, 1);
}

std::vector<std::pair<std::string, Var*>> AddNorm::parameters() {
    return {{"ln.weight", &gamma_}, {"ln.bias", &beta_}};
}

int64_t AddNorm::flops(const std::vector<Shape>&, const Shape& output) const {
    return 9 * numel(output);  // the addition, then LayerNorm's 8 per value
}

}  // namespace dl
