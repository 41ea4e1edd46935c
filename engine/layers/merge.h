#pragma once
// Merge layers join branches of a network: Add (ResNet's shortcut) and Concat (Inception, DenseNet).
#include "engine/nn/layer.h"

namespace dl {

class Add : public Layer {
public:
    using Layer::Layer;
    std::string type() const override { return "Add"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
};

class Concat : public Layer {
public:
    using Layer::Layer;
    std::string type() const override { return "Concat"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    int64_t flops(const std::vector<Shape>&, const Shape&) const override { return 0; }
    static std::vector<AttrSpec> attribute_specs();
};

}  // namespace dl
