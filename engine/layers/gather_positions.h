#pragma once
// GatherPositions (BERT's masked-LM head, D2L §14.8.5): the encoder's vectors at the positions to predict.
// Inputs per example: the encoded sequence [T, H] and the positions [P] (a network input, ids as floats)
// -> [P, H]. The MLP that scores the vocabulary follows as ordinary layers.
#include "engine/nn/layer.h"

namespace dl {

class GatherPositions : public Layer {
public:
    using Layer::Layer;
    std::string type() const override { return "GatherPositions"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    int64_t flops(const std::vector<Shape>&, const Shape&) const override { return 0; }
    static std::vector<AttrSpec> attribute_specs() { return {}; }
};

}  // namespace dl
