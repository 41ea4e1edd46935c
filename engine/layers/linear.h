#pragma once
// Linear (fully connected): y = x Wᵀ + b over the last axis. in_features is inferred from the
// input shape (like PyTorch's LazyLinear, which D2L uses), so a learner only chooses out_features.
#include "engine/nn/init.h"
#include "engine/nn/layer.h"

namespace dl {

class Linear : public Layer {
public:
    explicit Linear(Attributes attrs);
    std::string type() const override { return "Linear"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    void reset_parameters(Rng& rng) override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    // The activation that alone reads this layer runs inside its op (linear_activation.h).
    static bool fuses(const std::string& activation) { return activation == "ReLU" || activation == "Sigmoid"; }
    Var forward_fused(const Var& x, const std::string& activation) const;
    std::vector<std::pair<std::string, Var*>> parameters() override;
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;

    static std::vector<AttrSpec> attribute_specs();

private:
    int64_t in_ = 0, out_ = 0;
    bool has_bias_ = true;
    InitSpec init_;
    Var weight_, bias_;
};

}  // namespace dl
