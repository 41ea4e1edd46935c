#pragma once
// Masked softmax over the last axis of attention scores (D2L §10.3's masked_softmax), as one op with its
// own backward. scores [..., Q, K] hold N = (product of the leading axes) matrices of Q queries × K keys;
// key j of query row i is VALID when j < the row's valid length (if lengths are given) and, with causal
// masking, j ≤ i. Invalid keys get weight exactly 0 and no gradient.
//
// A row with no valid key follows D2L, which fills invalid scores with −1e6 before a plain softmax: every
// score is then the same, so the row's weights are uniform (1/K over all keys) and its gradient is 0.
#include <cstdint>
#include <vector>

#include "engine/autograd/variable.h"

namespace dl {

struct SoftmaxMask {
    // Empty: no length mask. Otherwise one length per batch row (N / per_batch_row entries, broadcast over
    // heads and queries) or one per (batch row, query) (N / per_batch_row · Q entries, D2L's 2-D valid_lens).
    std::vector<int32_t> valid_lens;
    // Consecutive matrices that share one batch row's lengths: the heads when they are folded into the
    // leading axis ([B·heads, Q, K], head-minor as D2L's transpose_qkv makes them). 0 = scores.shape[1] for
    // 4-D scores [B, heads, Q, K], else 1.
    int64_t per_batch_row = 0;
    bool causal = false;  // query i sees keys j ≤ i only (decoder self-attention)
};

// Throws ShapeError when the lengths do not fit the scores, InputError when one is negative.
Var masked_softmax(const Var& scores, const SoftmaxMask& mask);

}  // namespace dl
