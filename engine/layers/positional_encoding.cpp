#include "engine/layers/positional_encoding.h"

#include <cmath>
#include <stdexcept>

#include "engine/core/error.h"
#include "engine/ops/add_positions.h"
#include "engine/ops/dropout.h"
#include "engine/ops/positional_table.h"

namespace dl {

namespace {
AttrSpec max_len_spec() {
    return {"max_len", AttrSpec::Kind::Int, int64_t{1000}, 1, 1 << 20, {}, "The longest sequence this layer accepts."};
}

// A sequence [steps, features] of at most max_len steps.
const Shape& sequence_input(const std::vector<Shape>& inputs, const std::string& type, int64_t max_len) {
    const Shape& in = single_input(inputs, type);
    if (in.size() != 2) throw ShapeError(type + " needs sequences [steps, features] per example, got " + to_string(in));
    if (in[0] > max_len)
        throw ShapeError(type + ": sequences of " + std::to_string(in[0]) + " steps are longer than max_len (" +
                         std::to_string(max_len) + ")");
    return in;
}
}  // namespace

std::vector<AttrSpec> PositionalEncoding::attribute_specs() {
    return {
        {"dropout", AttrSpec::Kind::Float, 0.1, 0.0, 0.99, {}, "Probability of zeroing each value during training."},
        max_len_spec(),
        {"scale_input",
         AttrSpec::Kind::Bool,
         false,
         0,
         0,
         {},
         "Multiply the input by √features first, as D2L's Transformer does to its embeddings."}};
}

Shape PositionalEncoding::output_shape(const std::vector<Shape>& inputs) const {
    return sequence_input(inputs, "PositionalEncoding", attrs_.get_int("max_len"));
}

void PositionalEncoding::build(const std::vector<Shape>& inputs) {
    table_ = Var(sinusoidal_positions(attrs_.get_int("max_len"), inputs.at(0).at(1)));
}

Var PositionalEncoding::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    const float scale = attrs_.get_bool("scale_input") ? std::sqrt(static_cast<float>(table_.shape()[1])) : 1.0f;
    const Var y = add_positions(inputs.at(0), table_, scale);
    const double p = attrs_.get_float("dropout");
    if (!ctx.training || p <= 0) return y;
    if (!ctx.rng) throw std::logic_error("PositionalEncoding in training needs a random generator in the context");
    return dropout(y, static_cast<float>(p), *ctx.rng);
}

std::vector<AttrSpec> PositionEmbedding::attribute_specs() {
    return {max_len_spec()};
}

Shape PositionEmbedding::output_shape(const std::vector<Shape>& inputs) const {
    return sequence_input(inputs, "PositionEmbedding", attrs_.get_int("max_len"));
}

std::vector<ParamShape> PositionEmbedding::parameter_shapes(const std::vector<Shape>& inputs) const {
    return {{"weight", {attrs_.get_int("max_len"), inputs.at(0).at(1)}}};
}

void PositionEmbedding::build(const std::vector<Shape>& inputs) {
    weight_ = Var(Tensor::zeros({attrs_.get_int("max_len"), inputs.at(0).at(1)}), true);
}

void PositionEmbedding::reset_parameters(Rng& rng) {
    Tensor& w = weight_.value();
    for (int64_t i = 0; i < w.numel(); ++i) w[i] = static_cast<float>(rng.normal());
}

Var PositionEmbedding::forward(const std::vector<Var>& inputs, ForwardContext&) {
    return add_positions(inputs.at(0), weight_);
}

}  // namespace dl
