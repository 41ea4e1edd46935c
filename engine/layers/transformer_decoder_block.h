#pragma once
// TransformerDecoderBlock (D2L §10.7.5): two inputs, the target-side sequence X [T, hidden] and the encoder's
// outputs [S, features]; output [T, hidden]:
//   Y = AddNorm(X, causal self-attention(X))                       attention1 (mask "causal"), addnorm1
//   Z = AddNorm(Y, attention(queries Y, keys = values encoder))    attention2 (mask "source"), addnorm2
//   out = AddNorm(Z, PositionwiseFFN(Z))                           ffn, addnorm3
// A Block whose inside is that network with the two inputs "input" and "encoder_outputs", so the editor opens
// it. Parameters and probes are named by those parts, as D2L's state_dict: "attention1.W_q.weight",
// "addnorm3.ln.bias"; probes "<node>.attention1.attention", "<node>.attention2.scores"…
// Training runs the whole target at once; causal masking makes query t see positions ≤ t only, which is
// what D2L's step-by-step prediction with its key/value cache computes, so decoding reruns the prefix (the
// inside takes target sequences of any length) and keeps no state between steps.
#include "engine/nn/block.h"

namespace dl {

class TransformerDecoderBlock : public Block {
public:
    explicit TransformerDecoderBlock(Attributes attrs);
    // Each part draws from its own stream, taken from `rng` in the parts' order (as before the block was a
    // Block: the same seed gives the same initial weights, so runs and tests keep their numbers).
    void reset_parameters(Rng& rng) override;

    static std::vector<AttrSpec> attribute_specs();
    // The inside for validated attributes (hidden, ffn_hidden, heads, dropout, activation).
    static NetworkSpec inside(const Attributes& attrs);
};

}  // namespace dl
