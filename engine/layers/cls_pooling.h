#pragma once
// ClsPooling (BERT, D2L §14.8.5 and §15.7): the vector at position 0, the "<cls>" token, which after the
// encoder's self-attention stands for the whole sentence pair: [T, H] -> [H]. The next-sentence head and the
// fine-tuning classifier read it.
#include "engine/nn/layer.h"

namespace dl {

class ClsPooling : public Layer {
public:
    using Layer::Layer;
    std::string type() const override { return "ClsPooling"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    int64_t flops(const std::vector<Shape>&, const Shape&) const override { return 0; }
    static std::vector<AttrSpec> attribute_specs() { return {}; }
};

}  // namespace dl
