#pragma once
// Position information for attention, which by itself ignores order, added to a sequence [T, d] per example:
//   PositionalEncoding  fixed sinusoids (D2L §10.6): X·(√d if scale_input) + P[:T], then dropout. D2L's
//                       Transformer encoder scales its embeddings by √d before adding them (scale_input).
//   PositionEmbedding   a learned table "weight" [max_len, d] (BERT, D2L §14.8), drawn from N(0, 1) as D2L's
//                       nn.Parameter(torch.randn(1, max_len, num_hiddens)): X + P[:T].
// Sequences may be shorter than the one the network was built for, never longer than max_len.
#include "engine/nn/layer.h"

namespace dl {

class PositionalEncoding : public Layer {
public:
    explicit PositionalEncoding(Attributes attrs) : Layer(std::move(attrs)) {}
    std::string type() const override { return "PositionalEncoding"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;

    static std::vector<AttrSpec> attribute_specs();

private:
    Var table_;  // [max_len, d], no gradient
};

class PositionEmbedding : public Layer {
public:
    explicit PositionEmbedding(Attributes attrs) : Layer(std::move(attrs)) {}
    std::string type() const override { return "PositionEmbedding"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    void reset_parameters(Rng& rng) override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    std::vector<std::pair<std::string, Var*>> parameters() override { return {{"weight", &weight_}}; }
    bool decays(const std::string&) const override { return false; }  // like an embedding table

    static std::vector<AttrSpec> attribute_specs();

private:
    Var weight_;
};

}  // namespace dl
