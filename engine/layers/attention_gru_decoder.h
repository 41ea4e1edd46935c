#pragma once
// AttentionGRUDecoder: D2L §10.4's Seq2SeqAttentionDecoder (Bahdanau attention; §11.4 in English) without its
// embedding and output layer, which stay separate layers. Three inputs per example: the embedded target
// [T, E], the encoder's outputs [S, K] and the encoder's final state [layers, hidden] (a GRU's "state" port);
// output [T, hidden], the top GRU layer's output at every target step. At each step t:
//   query   = the top layer's previous hidden state (at t = 0 the encoder's final top-layer state)
//   context = additive attention(query, keys = values = encoder outputs), keys past the source's valid
//             length (ForwardContext::lengths, attribute mask "source") get weight 0
//   the GRU stack advances one step on concat(context, embedded token t) (D2L's order), dropout between
//   its layers and on the attention weights in training, as D2L's nn.GRU(dropout) and AdditiveAttention(dropout).
// Parameters as D2L's state_dict names them: attention.W_q.weight [A, hidden], attention.W_k.weight [A, K],
// attention.w_v.weight [1, A] (no biases), then rnn.weight_ih_l0 [3·hidden, K + E], rnn.weight_hh_l0, … (the
// GRU layer's names and PyTorch's layout).
// Probes, only when wanted: "attention" (weights) and "scores" (unmasked), [B, 1, T, S]: every step stacked.
//
// Why a loop over steps and not one GEMM over all steps like the GRU's input projection: each step's query is
// the state the previous step produced, so the attention (and the GRU input that depends on it) cannot be
// computed before that step ran. The loop is built from the engine's differentiable ops (backward from
// autograd); each step allocates its few small op results, which at D2L's sizes (T = 10, hidden 32) costs far
// less than the products. The keys' projection W_k·enc is one GEMM for all steps.
#include <memory>

#include "engine/layers/dense_params.h"
#include "engine/nn/layer.h"

namespace dl {

class RecurrentLayer;

class AttentionGRUDecoder : public Layer {
public:
    explicit AttentionGRUDecoder(Attributes attrs);
    ~AttentionGRUDecoder() override;
    std::string type() const override { return "AttentionGRUDecoder"; }
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
    // The GRU stack's per-step input [1, K + E] for these block inputs.
    static Shape step_input(const std::vector<Shape>& inputs) { return {1, inputs[1][1] + inputs[0][1]}; }

    int64_t hidden_, layers_, attention_hidden_;
    DenseParams w_q_{"attention.W_q", false}, w_k_{"attention.W_k", false}, w_v_{"attention.w_v", false};
    std::unique_ptr<RecurrentLayer> rnn_;  // runs one step at a time, from the state of the step before
};

}  // namespace dl
