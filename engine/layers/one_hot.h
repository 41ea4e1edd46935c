#pragma once
// OneHot (D2L §9.5's F.one_hot input): each token id [T] becomes a vector of vocab_size zeros with a 1 at
// the id, [T] → [T, vocab_size]. No parameters. vocab_size 0 means "the data set's vocabulary".
#include "engine/nn/layer.h"

namespace dl {

class OneHot : public Layer {
public:
    explicit OneHot(Attributes attrs);
    std::string type() const override { return "OneHot"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    int64_t flops(const std::vector<Shape>&, const Shape&) const override { return 0; }

    static std::vector<AttrSpec> attribute_specs();

private:
    int64_t vocab_ = 0;
};

}  // namespace dl
