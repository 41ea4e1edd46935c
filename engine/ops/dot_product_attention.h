#pragma once
// Scaled dot-product attention (D2L §10.3.3): weights = masked_softmax(Q Kᵀ / √d), output = dropout(weights) V,
// over a stack of N independent (batch or batch × head) attention problems. Both products are one batched
// GEMM each over the whole stack.
#include "engine/autograd/variable.h"
#include "engine/core/random.h"
#include "engine/ops/masked_softmax.h"

namespace dl {

// What an attention op produces; scores and weights are kept for probes (they are in the graph anyway).
struct AttentionResult {
    Var output;   // [N, Q, dv]
    Var scores;   // [N, Q, K]: before masking and softmax
    Var weights;  // [N, Q, K]: after masking and softmax, before dropout
};

// Dropout on the attention weights with probability p, drawn from rng; rng null = no dropout (evaluation).
struct AttentionDropout {
    float p = 0.0f;
    Rng* rng = nullptr;
};

// q [N, Q, d], k [N, K, d], v [N, K, dv].
AttentionResult dot_product_attention(const Var& q, const Var& k, const Var& v, const SoftmaxMask& mask,
                                      const AttentionDropout& dropout = {});

// The last step every scorer shares: weights = masked_softmax(scores), output = dropout(weights) v.
AttentionResult attend(const Var& scores, const Var& v, const SoftmaxMask& mask, const AttentionDropout& dropout);

}  // namespace dl
