#pragma once
// How the convolutions (engine/ops/conv.cpp, engine/ops/winograd.cpp) share a batch between threads while
// keeping every sum in a fixed order. Internal to the convolution ops.
#include <cstdint>
#include <functional>

#include "engine/autograd/variable.h"
#include "engine/core/gemm.h"

namespace dl::detail {

// The weight gradient is summed over the batch in this many fixed slices (fewer for small batches), each
// into its own buffer, then the slices are added in order: the same numbers whatever the thread count.
// Large weights (weight_floats) get fewer slices, at least 4 so up to 4 threads share the work.
int64_t weight_grad_slices(int64_t batch, int64_t weight_floats);

// Runs fn(begin, end, threaded) over [0, n): examples split across threads when there are enough of
// them, else one call whose matrix products use the threads instead.
void split_batch(int64_t n, const std::function<void(int64_t, int64_t, bool)>& fn);

// Adds the slices (stride floats apart) in order into slices[0 .. size).
void sum_slices(float* slices, int64_t count, int64_t size, int64_t stride);

// grad(target) += sum, where sum[j] belongs at grad index where(j).
template <class Where>
void accumulate_into(GradNode& target, const float* sum, int64_t size, Where where) {
    const bool fresh = target.begin_grad_write();
    float* dst = target.grad.data();
    for (int64_t j = 0; j < size; ++j) dst[where(j)] = fresh ? sum[j] : dst[where(j)] + sum[j];
}

// C = op(A)·op(B) + beta·C for a dense row-major C: threaded by dl::gemm, or on this thread alone
// when the caller already splits the batch across threads (parallel_for does not nest).
void matrix_product(const MatrixRef& a, const MatrixRef& b, float* c, float beta, bool threaded);

}  // namespace dl::detail
