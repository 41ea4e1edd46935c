#include "engine/ops/broadcast.h"

#include <algorithm>

#include "engine/core/error.h"

namespace dl {

Shape broadcast_shape(const Shape& a, const Shape& b, const char* op) {
    const size_t r = std::max(a.size(), b.size());
    Shape out(r);
    for (size_t i = 0; i < r; ++i) {
        int64_t da = i < r - a.size() ? 1 : a[i - (r - a.size())];
        int64_t db = i < r - b.size() ? 1 : b[i - (r - b.size())];
        if (da != db && da != 1 && db != 1)
            throw ShapeError(std::string(op) + ": shapes " + to_string(a) + " and " + to_string(b) +
                             " cannot be broadcast together (dimension " + std::to_string(i) + ": " +
                             std::to_string(da) + " vs " + std::to_string(db) + ")");
        out[i] = std::max(da, db);
    }
    return out;
}

namespace {
// Strides of `in` seen through the broadcast to `out` (0 where the input is stretched).
std::vector<int64_t> broadcast_strides(const Shape& out, const Shape& in) {
    std::vector<int64_t> strides(out.size(), 0);
    int64_t stride = 1;
    for (int64_t i = static_cast<int64_t>(in.size()) - 1; i >= 0; --i) {
        size_t o = out.size() - in.size() + static_cast<size_t>(i);
        strides[o] = in[i] == 1 ? 0 : stride;
        stride *= in[i];
    }
    return strides;
}
}  // namespace

void for_each_broadcast(const Shape& out, const Shape& a, const Shape& b,
                        const std::function<void(int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t)>& row) {
    // row(out_offset, a_offset, b_offset, length, out_step, a_step, b_step) handles one innermost row.
    const int64_t r = static_cast<int64_t>(out.size());
    if (r == 0) {
        row(0, 0, 0, 1, 1, 0, 0);
        return;
    }
    auto sa = broadcast_strides(out, a), sb = broadcast_strides(out, b);
    const int64_t inner = out[r - 1];
    const int64_t rows = numel(out) / std::max<int64_t>(inner, 1);
    std::vector<int64_t> idx(r, 0);
    int64_t oa = 0, ob = 0;
    for (int64_t n = 0; n < rows; ++n) {
        row(n * inner, oa, ob, inner, 1, sa[r - 1], sb[r - 1]);
        for (int64_t d = r - 2; d >= 0; --d) {  // odometer increment over the outer dimensions
            ++idx[d];
            oa += sa[d];
            ob += sb[d];
            if (idx[d] < out[d]) break;
            oa -= sa[d] * out[d];
            ob -= sb[d] * out[d];
            idx[d] = 0;
        }
    }
}

Tensor sum_to(const Tensor& grad, const Shape& shape) {
    if (grad.shape() == shape) return grad;
    Tensor out = Tensor::zeros(shape);
    float* o = out.data();
    const float* g = grad.data();
    for_each_broadcast(grad.shape(), shape, grad.shape(),
                       [&](int64_t go, int64_t oo, int64_t, int64_t len, int64_t, int64_t ostep, int64_t) {
                           if (ostep == 0) {
                               float s = 0;
                               for (int64_t i = 0; i < len; ++i) s += g[go + i];
                               o[oo] += s;
                           } else {
                               for (int64_t i = 0; i < len; ++i) o[oo + i] += g[go + i];
                           }
                       });
    return out;
}

}  // namespace dl
