#include "engine/ops/attention_heads.h"

#include <algorithm>

#include "engine/core/error.h"
#include "engine/ops/op_util.h"

namespace dl {

using detail::input;

namespace {
struct HeadDims {
    int64_t batch, steps, heads, depth;
};

// Copies (or adds, when accumulate) between the two layouts: to_heads moves [B, T, H·d] rows into
// [B·H, T, d], otherwise the reverse.
void move_rows(const float* src, float* dst, const HeadDims& d, bool to_heads, bool accumulate) {
    const int64_t B = d.batch, T = d.steps, H = d.heads, D = d.depth;
    parallel_for(B * H, std::max<int64_t>(1, detail::kElementwiseGrain / std::max<int64_t>(T * D, 1)),
                 [&](int64_t first, int64_t last) {
                     for (int64_t bh = first; bh < last; ++bh) {
                         const int64_t b = bh / H, h = bh % H;
                         for (int64_t t = 0; t < T; ++t) {
                             const int64_t split = (bh * T + t) * D, joined = (b * T + t) * H * D + h * D;
                             const float* s = src + (to_heads ? joined : split);
                             float* o = dst + (to_heads ? split : joined);
                             if (accumulate)
                                 for (int64_t i = 0; i < D; ++i) o[i] += s[i];
                             else
                                 std::copy(s, s + D, o);
                         }
                     }
                 });
}

Var regroup(const Var& x, const HeadDims& d, bool to_heads) {
    const Shape out_shape =
        to_heads ? Shape{d.batch * d.heads, d.steps, d.depth} : Shape{d.batch, d.steps, d.heads * d.depth};
    Tensor y = Tensor::empty(out_shape);
    move_rows(x.value().data(), y.data(), d, to_heads, false);
    return Var::make(y, {x}, to_heads ? "split_heads" : "merge_heads", [d, to_heads](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        const bool fresh = in.begin_grad_write();
        move_rows(self.grad.data(), in.grad.data(), d, !to_heads, !fresh);
    });
}
}  // namespace

Var split_heads(const Var& x, int64_t heads) {
    const Shape& s = x.shape();
    if (s.size() != 3 || heads < 1 || s[2] % heads != 0)
        throw ShapeError("splitting into " + std::to_string(heads) + " heads needs [batch, steps, features] with " +
                         "features divisible by the heads, got " + to_string(s));
    return regroup(x, {s[0], s[1], heads, s[2] / heads}, true);
}

Var merge_heads(const Var& x, int64_t heads) {
    const Shape& s = x.shape();
    if (s.size() != 3 || heads < 1 || s[0] % heads != 0)
        throw ShapeError("joining " + std::to_string(heads) + " heads needs [batch·heads, steps, depth], got " +
                         to_string(s));
    return regroup(x, {s[0] / heads, s[1], heads, s[2]}, false);
}

}  // namespace dl
