#pragma once
// MultiHeadAttention (D2L §10.5): queries, keys and values are projected to `hidden` features (W_q, W_k, W_v),
// split into `heads` heads of hidden/heads features, each head does scaled dot-product attention, and the
// heads' outputs are joined and projected by W_o. All heads of the batch go through one batched GEMM.
// One input: self-attention (queries = keys = values, [T, d] per example). Two: queries [Q, dq] from the
// first, keys = values [K, dk] from the second (encoder–decoder attention). Output [Q, hidden].
// Parameters as D2L's state_dict: W_q.weight [hidden, dq], W_k.weight, W_v.weight, W_o.weight (+ biases).
// Probes "attention" and "scores" [batch, heads, Q, K] (attention_context.h).
#include "engine/layers/dense_params.h"
#include "engine/nn/layer.h"

namespace dl {

class MultiHeadAttention : public Layer {
public:
    explicit MultiHeadAttention(Attributes attrs);
    std::string type() const override { return "MultiHeadAttention"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    void reset_parameters(Rng& rng) override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    std::vector<std::pair<std::string, Var*>> parameters() override;
    bool decays(const std::string& parameter) const override;
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;

    static std::vector<AttrSpec> attribute_specs();

private:
    int64_t hidden_, heads_;
    double dropout_;
    std::string mask_;
    DenseParams w_q_, w_k_, w_v_, w_o_;
};

}  // namespace dl
