#pragma once
// Matrix multiply on row-major buffers: C = alpha * op(A) * op(B) + beta * C.
// The active kernel set's blocked kernel (gemm_kernel.h) does the arithmetic; oneTBB splits the rows (or
// columns) of C between threads, without changing any element's sum.
#include <cstdint>

namespace dl {

struct MatrixRef {
    const float* data;
    int64_t rows, cols;  // of the stored (untransposed) matrix
    bool transposed = false;
};

// C is rows(op(A)) x cols(op(B)), row-major, leading dimension = its column count.
void gemm(const MatrixRef& a, const MatrixRef& b, float* c, float alpha = 1.0f, float beta = 0.0f);

}  // namespace dl
