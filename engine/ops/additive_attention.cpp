#include "engine/ops/additive_attention.h"

#include "engine/core/error.h"
#include "engine/ops/activation.h"
#include "engine/ops/arithmetic.h"
#include "engine/ops/matmul.h"
#include "engine/ops/shape_ops.h"

namespace dl {

AttentionResult additive_attention(const Var& q, const Var& k, const Var& v, const AdditiveWeights& w,
                                   const SoftmaxMask& mask, const AttentionDropout& dropout) {
    const Shape& qs = q.shape();
    const Shape& ks = k.shape();
    if (qs.size() != 3 || ks.size() != 3 || qs[0] != ks[0])
        throw ShapeError("additive attention needs queries [B, Q, dq] and keys [B, K, dk] of the same batch, got " +
                         to_string(qs) + " and " + to_string(ks));
    const int64_t B = qs[0], Q = qs[1], K = ks[1], H = w.w_q.shape()[0];
    const Var queries = reshape(linear(q, w.w_q, Var()), {B, Q, 1, H});  // broadcast over keys
    const Var keys = reshape(linear(k, w.w_k, Var()), {B, 1, K, H});     // broadcast over queries
    const Var features = tanh(add(queries, keys));                       // [B, Q, K, H]
    const Var scores = reshape(linear(features, w.w_v, Var()), {B, Q, K});
    return attend(scores, v, mask, dropout);
}

}  // namespace dl
