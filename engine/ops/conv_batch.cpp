#include "engine/ops/conv_batch.h"

#include <algorithm>

#include "engine/core/gemm_kernel.h"
#include "engine/core/parallel.h"

namespace dl::detail {

namespace {
// ResNet's 512-channel 3×3 weight is 9 MB, and 32 copies of it would cost more memory traffic than the
// products themselves: a budget of floats per slice bounds the copies.
constexpr int64_t kWeightGradSlices = 32, kMinWeightGradSlices = 4, kSliceFloatsBudget = int64_t{2} << 20;
}  // namespace

int64_t weight_grad_slices(int64_t batch, int64_t weight_floats) {
    const int64_t by_size = std::max(kMinWeightGradSlices, kSliceFloatsBudget / std::max<int64_t>(weight_floats, 1));
    return std::min({batch, kWeightGradSlices, by_size});
}

void split_batch(int64_t n, const std::function<void(int64_t, int64_t, bool)>& fn) {
    if (n >= num_threads())
        parallel_for_balanced(n, 1, [&](int64_t b, int64_t e) { fn(b, e, false); });
    else
        fn(0, n, true);
}

void matrix_product(const MatrixRef& a, const MatrixRef& b, float* c, float beta, bool threaded) {
    if (threaded) {
        gemm(a, b, c, 1.0f, beta);
        return;
    }
    const int64_t m = a.transposed ? a.cols : a.rows, n = b.transposed ? b.rows : b.cols;
    gemm_tile(a, b, c, n, 0, m, 0, n, 1.0f, beta);
}

}  // namespace dl::detail
