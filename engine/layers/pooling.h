#pragma once
// Pooling layers (D2L §7.5 and the global average of NiN §8.3): no parameters; they shrink feature maps
// and make the network tolerant of small shifts. Input and output are [channels, height, width].
#include "engine/nn/layer.h"
#include "engine/ops/window.h"

namespace dl {

class MaxPool2d : public Layer {
public:
    explicit MaxPool2d(Attributes attrs);
    std::string type() const override { return "MaxPool2d"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;
    static std::vector<AttrSpec> attribute_specs();

private:
    Window2d window_;
};

class AvgPool2d : public Layer {
public:
    explicit AvgPool2d(Attributes attrs);
    std::string type() const override { return "AvgPool2d"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    // forward(sigmoid(x)) in one op (sigmoid_avg_pool2d): the network's choice when this layer alone reads a
    // Sigmoid.
    Var forward_after_sigmoid(const Var& x) const;
    const Window2d& window() const { return window_; }
    bool count_include_pad() const { return count_include_pad_; }
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;
    static std::vector<AttrSpec> attribute_specs();

private:
    Window2d window_;
    bool count_include_pad_ = true;
};

// [C, H, W] -> [C, 1, 1]: the mean of each channel (nn.AdaptiveAvgPool2d((1, 1))).
class GlobalAvgPool2d : public Layer {
public:
    using Layer::Layer;
    std::string type() const override { return "GlobalAvgPool2d"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;
};

}  // namespace dl
