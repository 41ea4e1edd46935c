#include "engine/ops/gather_positions.h"

#include <cmath>
#include <cstring>
#include <vector>

#include "engine/core/error.h"
#include "engine/ops/op_util.h"

namespace dl {

namespace {
// Row offsets into x (in units of H) for every gathered vector, checked.
std::vector<int64_t> gathered_rows(const Shape& xs, const Tensor& positions) {
    const Shape& ps = positions.shape();
    if (xs.size() != 3 || ps.size() != 2 || ps[0] != xs[0])
        throw ShapeError("gather_positions: expects a sequence batch [B, T, H] and positions [B, P], got " +
                         to_string(xs) + " and " + to_string(ps));
    const int64_t B = ps[0], P = ps[1], T = xs[1];
    std::vector<int64_t> rows(static_cast<size_t>(B * P));
    for (int64_t b = 0; b < B; ++b)
        for (int64_t p = 0; p < P; ++p) {
            const float v = positions.data()[b * P + p];
            if (!(v >= 0 && v < static_cast<float>(T)) || v != std::floor(v))
                throw ShapeError("gather_positions: position " + std::to_string(v) + " of example " +
                                 std::to_string(b) + " is not a whole number in 0.." + std::to_string(T - 1));
            rows[static_cast<size_t>(b * P + p)] = b * T + static_cast<int64_t>(v);
        }
    return rows;
}
}  // namespace

Var gather_positions(const Var& x, const Tensor& positions) {
    const std::vector<int64_t> rows = gathered_rows(x.shape(), positions);
    const int64_t H = x.shape()[2];
    Tensor out = Tensor::empty({positions.size(0), positions.size(1), H});
    const float* px = x.value().data();
    for (size_t k = 0; k < rows.size(); ++k)
        std::memcpy(out.data() + static_cast<int64_t>(k) * H, px + rows[k] * H, static_cast<size_t>(H) * sizeof(float));
    return Var::make(out, {x}, "gather_positions", [rows, H](GradNode& self) {
        GradNode& in = detail::input(self, 0);
        if (!in.requires_grad) return;
        float* gi = in.grad_buffer().data();  // zeroed on first write: scatter-add accumulates
        const float* g = self.grad.data();
        for (size_t k = 0; k < rows.size(); ++k)
            for (int64_t j = 0; j < H; ++j) gi[rows[k] * H + j] += g[static_cast<int64_t>(k) * H + j];
    });
}

}  // namespace dl
