#pragma once
// Dropout (D2L §5.6) and Dropout2d: active only in training; evaluation passes values through unchanged.
#include "engine/nn/layer.h"

namespace dl {

class Dropout : public Layer {
public:
    using Layer::Layer;
    std::string type() const override { return "Dropout"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override { return single_input(inputs, "Dropout"); }
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    static std::vector<AttrSpec> attribute_specs();
};

// Dropout2d (PyTorch's nn.Dropout2d): zeroes whole channels of feature maps [C, H, W] (or [C, L]). Neighbouring
// pixels of a map are strongly correlated, so dropping single values barely regularises a convolutional layer.
class Dropout2d : public Layer {
public:
    using Layer::Layer;
    std::string type() const override { return "Dropout2d"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    static std::vector<AttrSpec> attribute_specs();
};

}  // namespace dl
