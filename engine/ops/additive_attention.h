#pragma once
// Additive (Bahdanau) attention scoring (D2L §10.3.2): score(q, k) = w_vᵀ tanh(W_q q + W_k k), every query
// against every key through a [B, Q, K, hidden] feature tensor, then masked softmax and weights @ V.
// Built from the engine's differentiable ops: D2L's sizes are tiny, and correctness comes first.
#include "engine/ops/dot_product_attention.h"

namespace dl {

struct AdditiveWeights {
    Var w_q;  // [hidden, query features]
    Var w_k;  // [hidden, key features]
    Var w_v;  // [1, hidden]
};

// q [B, Q, dq], k [B, K, dk], v [B, K, dv].
AttentionResult additive_attention(const Var& q, const Var& k, const Var& v, const AdditiveWeights& w,
                                   const SoftmaxMask& mask, const AttentionDropout& dropout = {});

}  // namespace dl
