#pragma once
// RNN, GRU and LSTM layers (D2L §9.4–10.4): [T, in] → [T, H] per example ([T, 2H] bidirectional, the two
// directions concatenated), any number of stacked layers with dropout between them in training. Parameters
// are named and shaped as in PyTorch (weight_ih_l0, weight_hh_l0_reverse, …) so a model exports directly.
// Each layer and direction is one autograd op (engine/ops/recurrent.h). The state can be carried from one
// forward pass to the next (ForwardContext::state), stored as PyTorch's h_n (and c_n) [layers·directions, B, H].
//
// Ports (D2L §9.7's encoder–decoder): output 0 "output" is the sequence above; output 1 "state" is the final
// hidden state of every layer and direction, [layers·directions, H] per example (PyTorch's h_n, batch first;
// row l·directions + d), differentiable. An optional second INPUT is the starting state in that same layout
// (a decoder reads "encoder:state"); gradients flow back through it, and it overrides a carried state.
// LSTM: the state port carries h only; with a starting-state input the cell c starts from zeros (c_n stays
// internal, so an LSTM encoder hands its decoder h_n, not c_n).
#include "engine/nn/layer.h"
#include "engine/ops/recurrent.h"

namespace dl {

class RecurrentLayer : public Layer {
public:
    RecurrentLayer(CellKind kind, Attributes attrs);
    std::string type() const override;
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    void reset_parameters(Rng& rng) override;  // U(−1/√H, 1/√H), PyTorch's default
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    std::vector<std::string> output_names() const override { return {"output", "state"}; }
    std::vector<Shape> output_shapes(const std::vector<Shape>& inputs) const override;
    std::vector<Var> forward_outputs(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    std::vector<std::pair<std::string, Var*>> parameters() override;
    bool decays(const std::string& parameter) const override { return parameter.rfind("weight", 0) == 0; }
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;

    static std::vector<AttrSpec> attribute_specs();

private:
    int64_t directions() const { return bidirectional_ ? 2 : 1; }
    int64_t layer_input(int64_t layer, int64_t in) const { return layer == 0 ? in : hidden_ * directions(); }
    // The starting state of layer/direction i from the carried state (undefined tensors: zeros).
    std::pair<Tensor, Tensor> carried_state(const std::vector<Tensor>* state, int64_t i, int64_t batch) const;
    void store_state(ForwardContext& ctx, const std::vector<RecurrentResult>& results, int64_t batch) const;
    // The "state" port: each layer's and direction's last hidden vector, [B, layers·directions, H].
    Var final_state(const std::vector<RecurrentResult>& results) const;

    CellKind kind_;
    int64_t hidden_ = 0, layers_ = 1;
    bool bidirectional_ = false;
    double dropout_ = 0;
    std::vector<std::pair<std::string, Var>> params_;  // PyTorch's order: per layer, per direction, 4 tensors
};

}  // namespace dl
