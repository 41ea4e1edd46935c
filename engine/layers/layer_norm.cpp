#include "engine/layers/layer_norm.h"

#include "engine/core/error.h"
#include "engine/ops/norm.h"

namespace dl {

std::vector<AttrSpec> LayerNorm::attribute_specs() {
    using K = AttrSpec::Kind;
    return {
        {"normalized_axes",
         K::Int,
         int64_t{0},
         0,
         8,
         {},
         "How many trailing axes of each example to normalise over: 0 = the whole example, 1 = the last axis "
         "(a Transformer's features)."},
        {"eps",
         K::Float,
         1e-5,
         1e-12,
         1.0,
         {},
         "Added to the variance before the square root, so it never divides by 0."},
    };
}

LayerNorm::LayerNorm(Attributes attrs)
    : Layer(std::move(attrs)),
      normalized_axes_(attrs_.get_int("normalized_axes")),
      eps_(static_cast<float>(attrs_.get_float("eps"))) {}

int64_t LayerNorm::axes_for(const Shape& example) const {
    const int64_t rank = static_cast<int64_t>(example.size());
    if (rank == 0) throw ShapeError("LayerNorm needs at least one feature axis, got a scalar input");
    if (normalized_axes_ > rank)
        throw ShapeError("LayerNorm cannot normalise over the last " + std::to_string(normalized_axes_) +
                         " axes of examples of shape " + to_string(example) + ", which have only " +
                         std::to_string(rank));
    return normalized_axes_ == 0 ? rank : normalized_axes_;
}

Shape LayerNorm::output_shape(const std::vector<Shape>& inputs) const {
    const Shape& in = single_input(inputs, "LayerNorm");
    axes_for(in);
    return in;
}

std::vector<ParamShape> LayerNorm::parameter_shapes(const std::vector<Shape>& inputs) const {
    const Shape& in = single_input(inputs, "LayerNorm");
    const Shape normalized(in.end() - axes_for(in), in.end());
    return {{"weight", normalized}, {"bias", normalized}};
}

void LayerNorm::build(const std::vector<Shape>& inputs) {
    const Shape& in = inputs[0];
    axes_ = axes_for(in);
    const Shape normalized(in.end() - axes_, in.end());
    weight_ = Var(Tensor::ones(normalized), true);
    bias_ = Var(Tensor::zeros(normalized), true);
}

void LayerNorm::reset_parameters(Rng&) {
    weight_.value().fill(1.0f);
    bias_.value().fill(0.0f);
}

Var LayerNorm::forward(const std::vector<Var>& inputs, ForwardContext&) {
    return layer_norm(inputs[0], weight_, bias_, axes_, eps_);
}

std::vector<std::pair<std::string, Var*>> LayerNorm::parameters() {
    return {{"weight", &weight_}, {"bias", &bias_}};
}

int64_t LayerNorm::flops(const std::vector<Shape>&, const Shape& output) const {
    // per value: mean (1 add), variance (subtract, multiply-add), normalise (subtract, multiply), affine (multiply-add)
    return 8 * numel(output);
}

}  // namespace dl
