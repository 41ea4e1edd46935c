#pragma once
// PositionwiseFFN (D2L §10.7.2): the same two-layer MLP applied to every position of a sequence,
// dense2(activation(dense1(X))) over the last axis: [..., in] → [..., outputs] through `hidden` units.
// D2L uses ReLU; GELU is BERT's and GPT's choice. Parameters dense1.weight [hidden, in], dense1.bias,
// dense2.weight [outputs, hidden], dense2.bias, as D2L's state_dict.
#include "engine/layers/dense_params.h"
#include "engine/nn/layer.h"

namespace dl {

class PositionwiseFFN : public Layer {
public:
    explicit PositionwiseFFN(Attributes attrs) : Layer(std::move(attrs)) {}
    std::string type() const override { return "PositionwiseFFN"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    void reset_parameters(Rng& rng) override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    std::vector<std::pair<std::string, Var*>> parameters() override;
    bool decays(const std::string& parameter) const override { return parameter.ends_with(".weight"); }
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;

    static std::vector<AttrSpec> attribute_specs();

private:
    DenseParams dense1_{"dense1", true}, dense2_{"dense2", true};
};

}  // namespace dl
