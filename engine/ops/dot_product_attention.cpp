#include "engine/ops/dot_product_attention.h"

#include <cmath>

#include "engine/core/error.h"
#include "engine/ops/batched_matmul.h"
#include "engine/ops/dropout.h"

namespace dl {

AttentionResult attend(const Var& scores, const Var& v, const SoftmaxMask& mask, const AttentionDropout& dropout) {
    const Shape& ss = scores.shape();
    const Shape& vs = v.shape();
    if (ss.size() != 3 || vs.size() != 3 || vs[0] != ss[0] || vs[1] != ss[2])
        throw ShapeError("attention: values " + to_string(vs) + " do not fit scores " + to_string(ss) +
                         " (need one value per key)");
    AttentionResult r;
    r.scores = scores;
    r.weights = masked_softmax(scores, mask);
    const Var kept = dropout.rng && dropout.p > 0 ? dl::dropout(r.weights, dropout.p, *dropout.rng) : r.weights;
    r.output = batched_matmul(kept, v);
    return r;
}

AttentionResult dot_product_attention(const Var& q, const Var& k, const Var& v, const SoftmaxMask& mask,
                                      const AttentionDropout& dropout) {
    const Shape& qs = q.shape();
    const Shape& ks = k.shape();
    if (qs.size() != 3 || ks.size() != 3 || qs[0] != ks[0] || qs[2] != ks[2])
        throw ShapeError("dot-product attention needs queries [N, Q, d] and keys [N, K, d] of the same N and d, got " +
                         to_string(qs) + " and " + to_string(ks));
    const float scale = 1.0f / std::sqrt(static_cast<float>(std::max<int64_t>(qs[2], 1)));
    return attend(batched_matmul(q, k, false, true, scale), v, mask, dropout);
}

}  // namespace dl
