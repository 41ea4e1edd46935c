#include "engine/ops/add_positions.h"

#include "engine/core/error.h"
#include "engine/ops/op_util.h"

namespace dl {

using detail::input;

Var add_positions(const Var& x, const Var& table, float x_scale) {
    const Shape& xs = x.shape();
    const Shape& ts = table.shape();
    if (xs.size() != 3 || ts.size() != 2 || xs[2] != ts[1])
        throw ShapeError("adding positions needs sequences [batch, steps, " +
                         (ts.size() == 2 ? std::to_string(ts[1]) : "d") + "], got " + to_string(xs));
    if (xs[1] > ts[0])
        throw ShapeError("a sequence of " + std::to_string(xs[1]) + " steps is longer than the " +
                         std::to_string(ts[0]) + " positions this layer knows (raise max_len)");
    const int64_t B = xs[0], row = xs[1] * xs[2];  // one example's values; the table's first `row` values match
    Tensor y = Tensor::empty(xs);
    const float* px = x.value().data();
    const float* pt = table.value().data();
    float* py = y.data();
    for (int64_t b = 0; b < B; ++b)
        for (int64_t i = 0; i < row; ++i) py[b * row + i] = x_scale * px[b * row + i] + pt[i];
    return Var::make(y, {x, table}, "add_positions", [B, row, x_scale](GradNode& self) {
        const float* g = self.grad.data();
        GradNode& xn = input(self, 0);
        if (xn.requires_grad) {
            const bool fresh = xn.begin_grad_write();
            float* gx = xn.grad.data();
            for (int64_t i = 0; i < B * row; ++i) gx[i] = (fresh ? 0.0f : gx[i]) + x_scale * g[i];
        }
        GradNode& tn = input(self, 1);
        if (tn.requires_grad) {
            float* gt = tn.grad_buffer().data();  // rows past T get nothing
            for (int64_t b = 0; b < B; ++b)
                for (int64_t i = 0; i < row; ++i) gt[i] += g[b * row + i];
        }
    });
}

}  // namespace dl
