#pragma once
// SequenceOutput: what a recurrent stack hands on. steps "last": the last time step only, [T, H] → [H]
// (classifying or regressing a whole sequence); "all": every step unchanged (a language model predicts a
// token at each step).
#include "engine/nn/layer.h"

namespace dl {

class SequenceOutput : public Layer {
public:
    explicit SequenceOutput(Attributes attrs);
    std::string type() const override { return "SequenceOutput"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    int64_t flops(const std::vector<Shape>&, const Shape&) const override { return 0; }

    static std::vector<AttrSpec> attribute_specs();

private:
    bool last_ = true;
};

}  // namespace dl
