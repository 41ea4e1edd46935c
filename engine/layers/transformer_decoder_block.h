#pragma once
// TransformerDecoderBlock (D2L §10.7.5): two inputs, the target-side sequence X [T, hidden] and the encoder's
// outputs [S, features]; output [T, hidden]:
//   Y = AddNorm(X, causal self-attention(X))                       attention1 (mask "causal"), addnorm1
//   Z = AddNorm(Y, attention(queries Y, keys = values encoder))    attention2 (mask "source"), addnorm2
//   out = AddNorm(Z, PositionwiseFFN(Z))                           ffn, addnorm3
// Parameters and probes are named by those parts, as D2L's state_dict: "attention1.W_q.weight",
// "addnorm3.ln.bias"; probes "<node>.attention1.attention", "<node>.attention2.scores"…
// A Layer that composes its parts, not a Block: Block's inner networks take one input today. It should
// become a Block once inner networks can take two.
// Training runs the whole target at once; causal masking makes query t see positions ≤ t only, which is
// what D2L's step-by-step prediction with its key/value cache computes, so decoding can rerun the prefix.
#include <memory>

#include "engine/nn/layer.h"

namespace dl {

class TransformerDecoderBlock : public Layer {
public:
    explicit TransformerDecoderBlock(Attributes attrs);
    ~TransformerDecoderBlock() override;
    std::string type() const override { return "TransformerDecoderBlock"; }
    Shape output_shape(const std::vector<Shape>& inputs) const override;
    std::vector<ParamShape> parameter_shapes(const std::vector<Shape>& inputs) const override;
    void build(const std::vector<Shape>& inputs) override;
    void reset_parameters(Rng& rng) override;
    Var forward(const std::vector<Var>& inputs, ForwardContext& ctx) override;
    std::vector<std::pair<std::string, Var*>> parameters() override;
    bool decays(const std::string& parameter) const override;
    int64_t flops(const std::vector<Shape>& inputs, const Shape& output) const override;

    static std::vector<AttrSpec> attribute_specs();

private:
    struct Part {
        std::string id;
        std::unique_ptr<Layer> layer;
        std::vector<int> inputs;  // earlier parts, or kTarget / kEncoder
    };
    static constexpr int kTarget = -1, kEncoder = -2;

    // Every part's input shapes and output shape for these block inputs; errors name the part.
    std::vector<std::pair<std::vector<Shape>, Shape>> part_shapes(const std::vector<Shape>& inputs) const;
    const Part* part_of(const std::string& parameter) const;

    std::vector<Part> parts_;
};

}  // namespace dl
