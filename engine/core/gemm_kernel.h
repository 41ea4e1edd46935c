#pragma once
// The single-threaded GEMM kernel behind dl::gemm (BLIS's design: packed panels, a register-blocked
// micro-kernel, engine/core/gemm_blocked.h). Each call runs the active kernel set's version
// (engine/core/cpu_features.h): AVX2/FMA at ~85% of a core's peak, or portable C++.
#include <cstdint>

#include "engine/core/gemm.h"

namespace dl::detail {

// C[m0:m1, n0:n1] = alpha · op(A)[m0:m1, :] · op(B)[:, n0:n1] + beta · C[m0:m1, n0:n1], where C is
// row-major with leading dimension ldc. beta == 0 never reads C (it may hold garbage).
// Each element's sum over k is accumulated in the same order whatever the [m0,m1)×[n0,n1) tile,
// so results do not depend on how callers split the work between threads.
void gemm_tile(const MatrixRef& a, const MatrixRef& b, float* c, int64_t ldc, int64_t m0, int64_t m1, int64_t n0,
               int64_t n1, float alpha, float beta);

// The micro-kernel reads op(B) in slivers of this many columns (every kernel set).
inline constexpr int64_t kPanelWidth = 16;

// Floats of op(B) [k, n] in the packed layout below.
inline int64_t packed_b_size(int64_t k, int64_t n) {
    return (n + kPanelWidth - 1) / kPanelWidth * kPanelWidth * k;
}

// gemm_tile with op(B) [k, n] already packed: ⌈n/16⌉ slivers one after another, sliver s holding columns
// 16s … 16s+15 as k rows of 16 floats (columns past n zero), 32-byte aligned. Callers that can write op(B)
// straight in this layout (convolution's im2col) save building the matrix and packing it. Computes
// C[m0:m1, 0:n] with the same sums, in the same order, as gemm_tile.
void gemm_packed_b(const MatrixRef& a, const float* b_packed, int64_t n, float* c, int64_t ldc, int64_t m0, int64_t m1,
                   float alpha, float beta);

// Packs op(B) into that layout, e.g. once for a weight that many GEMMs share.
void pack_b_panels(const MatrixRef& b, float* packed);

// Floats of op(A) [m, k] packed whole (pack_a_whole) in any set: m rounded up to 12 rows (the micro-kernels
// have 6 or 12), times k.
inline int64_t packed_a_size(int64_t m, int64_t k) {
    return (m + 11) / 12 * 12 * k;
}

// Packs all of op(A) for gemm_tile_packed_a: in the active set's layout, valid for that set only.
void pack_a_whole(const MatrixRef& a, float* packed);

// gemm_tile over all rows of C and columns [n0, n1), reading op(A) from pack_a_whole's buffer: the same sums, in
// the same order, as gemm_tile. Threads that split C by columns each pack A once, not once per part.
void gemm_tile_packed_a(const MatrixRef& a, const float* a_packed, const MatrixRef& b, float* c, int64_t ldc,
                        int64_t n0, int64_t n1, float alpha, float beta);

}  // namespace dl::detail
