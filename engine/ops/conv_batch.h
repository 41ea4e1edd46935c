#pragma once
// How the convolutions (engine/ops/conv.cpp, engine/ops/winograd.cpp) share a batch between threads while
// keeping every sum in a fixed order. Internal to the convolution ops.
#include <cstdint>
#include <functional>

#include "engine/autograd/variable.h"
#include "engine/core/gemm.h"
#include "engine/core/parallel.h"

namespace dl::detail {

// The weight gradient is summed over the batch in this many fixed slices (fewer for small batches), each
// into its own buffer, then the slices are added in order: the same numbers whatever the thread count.
// Large weights (weight_floats) get fewer slices, at least 4 so up to 4 threads share the work.
int64_t weight_grad_slices(int64_t batch, int64_t weight_floats);

inline constexpr int64_t kSliceSumGrain = 1 << 14;

// Runs fn(begin, end, threaded) over [0, n): examples (or slices) split across threads in blocks when there are
// enough of them (parallel_for_balanced: fn's results must not depend on the cut, and a slow core holds nobody
// back), else one call whose matrix products use the threads instead.
void split_batch(int64_t n, const std::function<void(int64_t, int64_t, bool)>& fn);

// grad(target) += Σ over the slices (stride floats apart, added in order) of slice[j], where slice[j] belongs at
// grad index where(j). The elements are split between threads; each one's sum keeps the slices' order.
template <class Where>
void add_slices_into(GradNode& target, const float* slices, int64_t count, int64_t size, int64_t stride, Where where) {
    const bool fresh = target.begin_grad_write();
    float* dst = target.grad.data();
    parallel_for(size, kSliceSumGrain, [&](int64_t begin, int64_t end) {
        for (int64_t j = begin; j < end; ++j) {
            float sum = slices[j];
            for (int64_t i = 1; i < count; ++i) sum += slices[i * stride + j];
            float& d = dst[where(j)];
            d = fresh ? sum : d + sum;
        }
    });
}

// C = op(A)·op(B) + beta·C for a dense row-major C: threaded by dl::gemm, or on this thread alone
// when the caller already splits the batch across threads (parallel_for does not nest).
void matrix_product(const MatrixRef& a, const MatrixRef& b, float* c, float beta, bool threaded);

}  // namespace dl::detail
