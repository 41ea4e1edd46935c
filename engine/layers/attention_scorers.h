#pragma once
// D2L §10.3's two single-head attention scorers as layers, each taking queries [Q, dq] and keys [K, dk]
// (and values [K, dv] as a third input, or the keys again when there are only two), giving [Q, dv]:
//   DotProductAttention  score = q·k/√d (dq = dk), no parameters
//   AdditiveAttention    score = w_vᵀ tanh(W_q q + W_k k) (Bahdanau's), parameters W_q.weight [hidden, dq],
//                        W_k.weight [hidden, dk], w_v.weight [1, hidden] as in D2L (no biases)
// Both mask keys by the "mask" attribute, drop weights in training, and publish "attention" and "scores"
// with heads = 1 (attention_context.h).
#include "engine/layers/dense_params.h"
#include "engine/nn/layer.h"

namespace dl {

class DotProductAttention : public Layer {
public:
    explicit DotProductAttention(Attributes attrs) : Layer(std::move(attrs)) {}
    std::string type() const override { return "DotProductAttention"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;

    static std::vector<AttrSpec> attribute_specs();
};

class AdditiveAttention : public Layer {
public:
    explicit AdditiveAttention(Attributes attrs);
    std::string type() const override { return "AdditiveAttention"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    void reset_parameters(Rng& rng) override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    std::vector<std::pair<std::string, Var*>> parameters() override;
    bool decays(const std::string& parameter) const override { return parameter.ends_with(".weight"); }
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;

    static std::vector<AttrSpec> attribute_specs();

private:
    int64_t hidden_;
    DenseParams w_q_{"W_q", false}, w_k_{"W_k", false}, w_v_{"w_v", false};
};

}  // namespace dl
