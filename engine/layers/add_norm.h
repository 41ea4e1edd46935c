#pragma once
// AddNorm (D2L §10.7.3): the Transformer's residual connection and layer normalisation, LayerNorm(Dropout(Y) + X)
// over the last axis, for two inputs X and Y of the same shape (X the sublayer's input, Y its output).
// Parameters "ln.weight" and "ln.bias" [features], as D2L's AddNorm.ln.
#include "engine/nn/layer.h"

namespace dl {

class AddNorm : public Layer {
public:
    explicit AddNorm(Attributes attrs) : Layer(std::move(attrs)) {}
    std::string type() const override { return "AddNorm"; }
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
    Var gamma_, beta_;
};

}  // namespace dl
