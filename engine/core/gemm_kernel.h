#pragma once
// The single-threaded GEMM kernel behind dl::gemm (BLIS's design: packed panels, a register-blocked
// micro-kernel). On AVX2+FMA builds it runs a 6×16 micro-kernel at ~85% of a core's peak; elsewhere
// it falls back to Eigen.
#include <cstdint>

#include "engine/core/gemm.h"

namespace dl::detail {

// C[m0:m1, n0:n1] = alpha · op(A)[m0:m1, :] · op(B)[:, n0:n1] + beta · C[m0:m1, n0:n1], where C is
// row-major with leading dimension ldc. beta == 0 never reads C (it may hold garbage).
// Each element's sum over k is accumulated in the same order whatever the [m0,m1)×[n0,n1) tile,
// so results do not depend on how callers split the work between threads.
void gemm_tile(const MatrixRef& a, const MatrixRef& b, float* c, int64_t ldc, int64_t m0, int64_t m1, int64_t n0,
               int64_t n1, float alpha, float beta);

}  // namespace dl::detail
