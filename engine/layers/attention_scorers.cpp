#include "engine/layers/attention_scorers.h"

#include "engine/core/error.h"
#include "engine/layers/attention_context.h"
#include "engine/ops/additive_attention.h"

namespace dl {

namespace {
// Checks queries [Q, dq], keys [K, dk] and values [K, dv]; returns the output shape [Q, dv].
Shape scorer_output(const std::vector<Shape>& inputs, const std::string& type) {
    if (inputs.size() < 2 || inputs.size() > 3)
        throw ShapeError(type + " takes 2 inputs (queries, keys = values) or 3 (queries, keys, values), got " +
                         std::to_string(inputs.size()));
    for (const Shape& s : inputs)
        if (s.size() != 2)
            throw ShapeError(type + " needs sequences [steps, features] per example, got " + to_string(s));
    const Shape& values = inputs.back();
    if (values[0] != inputs[1][0])
        throw ShapeError(type + ": " + std::to_string(inputs[1][0]) + " keys but " + std::to_string(values[0]) +
                         " values; every key needs one value");
    return {inputs[0][0], values[1]};
}
}  // namespace

std::vector<AttrSpec> DotProductAttention::attribute_specs() {
    return {attention_dropout_spec(0.0), attention_mask_spec("none")};
}

Shape DotProductAttention::output_shape(const std::vector<Shape>& inputs) const {
    Shape out = scorer_output(inputs, "DotProductAttention");
    if (inputs[0][1] != inputs[1][1])
        throw ShapeError("DotProductAttention needs queries and keys with the same features, got " +
                         std::to_string(inputs[0][1]) + " and " + std::to_string(inputs[1][1]));
    return out;
}

Var DotProductAttention::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    const int64_t batch = inputs[0].shape().at(0);
    const AttentionResult r = dot_product_attention(inputs[0], inputs[1], inputs.back(),
                                                    attention_mask(attrs_.get_string("mask"), ctx, batch, 1),
                                                    attention_dropout(attrs_.get_float("dropout"), ctx));
    publish_attention(ctx, r, batch, 1);
    return r.output;
}

int64_t DotProductAttention::flops(const std::vector<Shape>& inputs, const Shape& output) const {
    const int64_t Q = inputs[0][0], K = inputs[1][0];
    return 2 * Q * K * inputs[0][1] + 2 * Q * K * output[1] + 5 * Q * K;
}

std::vector<AttrSpec> AdditiveAttention::attribute_specs() {
    return {{"hidden",
             AttrSpec::Kind::Int,
             int64_t{8},
             1,
             1 << 16,
             {},
             "Features of the tanh layer that scores each query–key pair (num_hiddens)."},
            attention_dropout_spec(0.1),
            attention_mask_spec("source")};
}

AdditiveAttention::AdditiveAttention(Attributes attrs) : Layer(std::move(attrs)), hidden_(attrs_.get_int("hidden")) {}

Shape AdditiveAttention::output_shape(const std::vector<Shape>& inputs) const {
    return scorer_output(inputs, "AdditiveAttention");
}

std::vector<ParamShape> AdditiveAttention::parameter_shapes(const std::vector<Shape>& inputs) const {
    std::vector<ParamShape> shapes;
    w_q_.append_shapes(inputs[0][1], hidden_, shapes);
    w_k_.append_shapes(inputs[1][1], hidden_, shapes);
    w_v_.append_shapes(hidden_, 1, shapes);
    return shapes;
}

void AdditiveAttention::build(const std::vector<Shape>& inputs) {
    w_q_.build(inputs[0][1], hidden_);
    w_k_.build(inputs[1][1], hidden_);
    w_v_.build(hidden_, 1);
}

void AdditiveAttention::reset_parameters(Rng& rng) {
    for (DenseParams* p : {&w_q_, &w_k_, &w_v_}) p->reset(rng);
}

Var AdditiveAttention::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    const int64_t batch = inputs[0].shape().at(0);
    const AttentionResult r = additive_attention(
        inputs[0], inputs[1], inputs.back(), {w_q_.weight(), w_k_.weight(), w_v_.weight()},
        attention_mask(attrs_.get_string("mask"), ctx, batch, 1), attention_dropout(attrs_.get_float("dropout"), ctx));
    publish_attention(ctx, r, batch, 1);
    return r.output;
}

std::vector<std::pair<std::string, Var*>> AdditiveAttention::parameters() {
    std::vector<std::pair<std::string, Var*>> p;
    for (DenseParams* d : {&w_q_, &w_k_, &w_v_}) d->append_parameters(p);
    return p;
}

int64_t AdditiveAttention::flops(const std::vector<Shape>& inputs, const Shape& output) const {
    const int64_t Q = inputs[0][0], K = inputs[1][0], h = hidden_;
    return 2 * h * (Q * inputs[0][1] + K * inputs[1][1]) + Q * K * (4 * h + 5) + 2 * Q * K * output[1];
}

}  // namespace dl
