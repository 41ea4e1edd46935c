#include "engine/layers/multi_head_attention.h"

#include "engine/core/error.h"
#include "engine/layers/attention_context.h"
#include "engine/ops/attention_heads.h"

namespace dl {

namespace {
// Per-example [steps, features] of the queries and of the keys (= values).
std::pair<Shape, Shape> query_and_key_shapes(const std::vector<Shape>& inputs) {
    if (inputs.empty() || inputs.size() > 2)
        throw ShapeError("MultiHeadAttention takes 1 input (self-attention) or 2 (queries, keys = values), got " +
                         std::to_string(inputs.size()));
    for (const Shape& s : inputs)
        if (s.size() != 2)
            throw ShapeError("MultiHeadAttention needs sequences [steps, features] per example, got " + to_string(s));
    return {inputs[0], inputs.back()};
}
}  // namespace

std::vector<AttrSpec> MultiHeadAttention::attribute_specs() {
    using K = AttrSpec::Kind;
    return {
        {"hidden",
         K::Int,
         int64_t{32},
         1,
         1 << 16,
         {},
         "Features of the projected queries, keys and values (num_hiddens)."},
        {"heads", K::Int, int64_t{4}, 1, 256, {}, "Attention heads; each works on hidden / heads features."},
        attention_dropout_spec(0.1),
        attention_mask_spec("none"),
        {"bias", K::Bool, false, 0, 0, {}, "Add a learned offset to the four projections (D2L: no)."},
    };
}

MultiHeadAttention::MultiHeadAttention(Attributes attrs)
    : Layer(std::move(attrs)),
      hidden_(attrs_.get_int("hidden")),
      heads_(attrs_.get_int("heads")),
      dropout_(attrs_.get_float("dropout")),
      mask_(attrs_.get_string("mask")),
      w_q_("W_q", attrs_.get_bool("bias")),
      w_k_("W_k", attrs_.get_bool("bias")),
      w_v_("W_v", attrs_.get_bool("bias")),
      w_o_("W_o", attrs_.get_bool("bias")) {}

Shape MultiHeadAttention::output_shape(const std::vector<Shape>& inputs) const {
    const auto [q, k] = query_and_key_shapes(inputs);
    if (hidden_ % heads_ != 0)
        throw ShapeError("MultiHeadAttention: hidden (" + std::to_string(hidden_) + ") must divide by heads (" +
                         std::to_string(heads_) + ") so every head gets the same number of features");
    return {q[0], hidden_};
}

std::vector<ParamShape> MultiHeadAttention::parameter_shapes(const std::vector<Shape>& inputs) const {
    const auto [q, k] = query_and_key_shapes(inputs);
    std::vector<ParamShape> shapes;
    w_q_.append_shapes(q[1], hidden_, shapes);
    w_k_.append_shapes(k[1], hidden_, shapes);
    w_v_.append_shapes(k[1], hidden_, shapes);
    w_o_.append_shapes(hidden_, hidden_, shapes);
    return shapes;
}

void MultiHeadAttention::build(const std::vector<Shape>& inputs) {
    const auto [q, k] = query_and_key_shapes(inputs);
    w_q_.build(q[1], hidden_);
    w_k_.build(k[1], hidden_);
    w_v_.build(k[1], hidden_);
    w_o_.build(hidden_, hidden_);
}

void MultiHeadAttention::reset_parameters(Rng& rng) {
    for (DenseParams* p : {&w_q_, &w_k_, &w_v_, &w_o_}) p->reset(rng);
}

Var MultiHeadAttention::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    const Var& queries = inputs.at(0);
    const Var& keys = inputs.back();
    const int64_t batch = queries.shape().at(0);
    const Var q = split_heads(w_q_.apply(queries), heads_);
    const Var k = split_heads(w_k_.apply(keys), heads_);
    const Var v = split_heads(w_v_.apply(keys), heads_);
    const AttentionResult r =
        dot_product_attention(q, k, v, attention_mask(mask_, ctx, batch, heads_), attention_dropout(dropout_, ctx));
    publish_attention(ctx, r, batch, heads_);
    return w_o_.apply(merge_heads(r.output, heads_));
}

std::vector<std::pair<std::string, Var*>> MultiHeadAttention::parameters() {
    std::vector<std::pair<std::string, Var*>> p;
    for (DenseParams* d : {&w_q_, &w_k_, &w_v_, &w_o_}) d->append_parameters(p);
    return p;
}

bool MultiHeadAttention::decays(const std::string& parameter) const {
    return parameter.ends_with(".weight");
}

int64_t MultiHeadAttention::flops(const std::vector<Shape>& inputs, const Shape& /*output*/) const {
    const auto [q, k] = query_and_key_shapes(inputs);
    const int64_t Q = q[0], K = k[0], h = hidden_;
    const int64_t projections = 2 * h * (Q * q[1] + 2 * K * k[1] + Q * h);
    return projections + 4 * Q * K * h + 5 * heads_ * Q * K;  // two products over all heads, and the softmax
}

}  // namespace dl
