#pragma once
// Conv2d (D2L §7.2–7.4): learned filters slide over [channels, height, width] feature maps.
// in_channels is inferred from the input shape (like PyTorch's LazyConv2d, which D2L uses), so a
// learner chooses out_channels, kernel_size, stride, padding and groups.
#include "engine/nn/init.h"
#include "engine/nn/layer.h"
#include "engine/ops/conv.h"

namespace dl {

class AvgPool2d;

class Conv2d : public Layer {
public:
    explicit Conv2d(Attributes attrs);
    std::string type() const override { return "Conv2d"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    void reset_parameters(Rng& rng) override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    // pool.forward(sigmoid(forward(x))) in one op (conv2d_sigmoid_avg_pool2d): the network's choice when a
    // Sigmoid alone reads this layer and an AvgPool2d alone reads the Sigmoid (LeNet).
    Var forward_sigmoid_pool(const Var& x, const AvgPool2d& pool) const;
    std::vector<std::pair<std::string, Var*>> parameters() override;
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;

    static std::vector<AttrSpec> attribute_specs();

private:
    Conv2dParams params() const;

    int64_t in_channels_ = 0, out_channels_ = 0, groups_ = 1;
    Window2d window_;  // kernel size, stride, padding
    bool has_bias_ = true;
    InitSpec init_;
    Var weight_, bias_;  // weight [out, in/groups, kernel_h, kernel_w] as in PyTorch
};

}  // namespace dl
