#include "engine/ops/append_context.h"

#include <algorithm>

#include "engine/core/error.h"
#include "engine/ops/op_util.h"

namespace dl {

using detail::input;

Var append_context(const Var& x, const Var& context) {
    const Shape &xs = x.shape(), &cs = context.shape();
    if (xs.size() != 3 || cs.size() != 2 || cs[0] != xs[0])
        throw ShapeError("append_context: expects a sequence [B, T, E] and a context [B, H], got " + to_string(xs) +
                         " and " + to_string(cs));
    const int64_t B = xs[0], T = xs[1], E = xs[2], H = cs[1], W = E + H;
    Tensor out = Tensor::empty({B, T, W});
    const float *px = x.value().data(), *pc = context.value().data();
    for (int64_t b = 0; b < B; ++b)
        for (int64_t t = 0; t < T; ++t) {
            float* row = out.data() + (b * T + t) * W;
            std::copy(px + (b * T + t) * E, px + (b * T + t + 1) * E, row);
            std::copy(pc + b * H, pc + (b + 1) * H, row + E);
        }
    return Var::make(out, {x, context}, "append_context", [B, T, E, H, W](GradNode& self) {
        const float* g = self.grad.data();
        if (GradNode& dx = input(self, 0); dx.requires_grad) {
            float* gx = dx.grad_buffer().data();
            for (int64_t r = 0; r < B * T; ++r)
                for (int64_t j = 0; j < E; ++j) gx[r * E + j] += g[r * W + j];
        }
        if (GradNode& dc = input(self, 1); dc.requires_grad) {
            float* gc = dc.grad_buffer().data();
            for (int64_t b = 0; b < B; ++b)
                for (int64_t t = 0; t < T; ++t)
                    for (int64_t j = 0; j < H; ++j) gc[b * H + j] += g[(b * T + t) * W + E + j];
        }
    });
}

}  // namespace dl
