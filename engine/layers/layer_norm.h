#pragma once
// LayerNorm (D2L §11.7, the Transformer's "add & norm"): normalises each example on its own — over
// the whole example, or over its last `normalized_axes` axes — then scales and shifts elementwise with
// learned γ ("weight") and β ("bias") of the normalised shape. Unlike BatchNorm it does not depend on
// the batch, so training and evaluation compute the same thing.
#include "engine/nn/layer.h"

namespace dl {

class LayerNorm : public Layer {
public:
    explicit LayerNorm(Attributes attrs);
    std::string type() const override { return "LayerNorm"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    void reset_parameters(Rng& rng) override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    std::vector<std::pair<std::string, Var*>> parameters() override;
    bool decays(const std::string&) const override { return false; }
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;

    static std::vector<AttrSpec> attribute_specs();

private:
    int64_t axes_for(const Shape& example) const;  // how many trailing axes are normalised

    int64_t normalized_axes_;  // 0 = every axis of the example
    float eps_;
    int64_t axes_ = 0;  // resolved by build()
    Var weight_, bias_;
};

}  // namespace dl
