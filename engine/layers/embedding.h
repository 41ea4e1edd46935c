#pragma once
// Embedding (D2L §9.5 nn.Embedding): each token id [T] becomes a learned vector, [T] → [T, embedding_dim].
// vocab_size 0 means "the data set's vocabulary" (fit_to_vocabulary fills it in before the network is built).
#include "engine/nn/layer.h"

namespace dl {

class Embedding : public Layer {
public:
    explicit Embedding(Attributes attrs);
    std::string type() const override { return "Embedding"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    void reset_parameters(Rng& rng) override;  // N(0, 1), PyTorch's default
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    std::vector<std::pair<std::string, Var*>> parameters() override { return {{"weight", &weight_}}; }
    bool decays(const std::string&) const override { return false; }
    int64_t flops(const std::vector<Shape>&, const Shape&) const override { return 0; }

    static std::vector<AttrSpec> attribute_specs();

private:
    int64_t vocab_ = 0, dim_ = 0;
    Var weight_;
};

}  // namespace dl
