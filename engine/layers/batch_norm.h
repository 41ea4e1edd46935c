#pragma once
// BatchNorm (D2L §8.5): normalises each channel over the batch, then scales and shifts it with learned
// γ ("weight") and β ("bias"). One layer type covers PyTorch's BatchNorm1d and BatchNorm2d, chosen by
// the per-example input shape — [C] or [C, L] behave like BatchNorm1d, [C, H, W] like BatchNorm2d —
// as D2L's own from-scratch BatchNorm does; so moving it between a Linear and a Conv2d never breaks it.
// The first axis of each example is the channel axis, as in PyTorch.
//
// The running mean and variance are buffers: saved with the model, used in evaluation, never trained.
#include "engine/layers/pooling.h"
#include "engine/nn/layer.h"

namespace dl {

class BatchNorm : public Layer {
public:
    explicit BatchNorm(Attributes attrs);
    std::string type() const override { return "BatchNorm"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    void reset_parameters(Rng& rng) override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    // relu(forward(x)) or sigmoid(forward(x)) in one op (batch_norm_relu, batch_norm_sigmoid): the network's
    // choice when a ReLU or a Sigmoid alone reads this layer. `activation` is that layer's type.
    static bool fuses(const std::string& activation) { return activation == "ReLU" || activation == "Sigmoid"; }
    Var forward_fused(const Var& x, const std::string& activation, ForwardContext& ctx);
    // pool(sigmoid(forward(x))) in one op (batch_norm_sigmoid_avg_pool2d): when an AvgPool2d alone reads the
    // Sigmoid that alone reads this layer.
    Var forward_sigmoid_pool(const Var& x, const AvgPool2d& pool, ForwardContext& ctx);
    std::vector<std::pair<std::string, Var*>> parameters() override;
    bool decays(const std::string&) const override { return false; }
    std::vector<std::pair<std::string, Tensor*>> buffers() override;
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;

    static std::vector<AttrSpec> attribute_specs();

private:
    float momentum_, eps_;
    Var weight_, bias_;
    Tensor running_mean_, running_var_;
};

}  // namespace dl
