#pragma once
// AppendContext (D2L §9.7's decoder input): appends one context vector to every step of a sequence.
// Inputs per example: the sequence [T, E] and the context, either [H] or a stack of states [L, H] (a recurrent
// layer's "state" output) of which the LAST row (the top layer's final state) is taken → [T, E + H].
#include "engine/nn/layer.h"

namespace dl {

class AppendContext : public Layer {
public:
    using Layer::Layer;
    std::string type() const override { return "AppendContext"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    int64_t flops(const std::vector<Shape>&, const Shape&) const override { return 0; }
};

}  // namespace dl
