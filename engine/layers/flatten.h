#pragma once
// Flatten: [C, H, W] -> [C·H·W] per example, so images can feed a Linear layer.
#include "engine/nn/layer.h"

namespace dl {

class Flatten : public Layer {
public:
    using Layer::Layer;
    std::string type() const override { return "Flatten"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    int64_t flops(const std::vector<Shape>&, const Shape&) const override { return 0; }
};

}  // namespace dl
