#include "engine/core/gemm.h"

#include "engine/core/cpu_features.h"
#include "engine/core/error.h"
#include "engine/core/gemm_kernel.h"
#include "engine/core/parallel.h"

namespace dl {

void gemm(const MatrixRef& a, const MatrixRef& b, float* c, float alpha, float beta) {
    const int64_t m = a.transposed ? a.cols : a.rows;
    const int64_t k = a.transposed ? a.rows : a.cols;
    const int64_t kb = b.transposed ? b.cols : b.rows;
    const int64_t n = b.transposed ? b.rows : b.cols;
    if (k != kb)
        throw ShapeError("matrix multiply: inner dimensions differ (" + std::to_string(m) + "x" + std::to_string(k) +
                         " times " + std::to_string(kb) + "x" + std::to_string(n) + ")");
    if (m == 0 || n == 0) return;
    active_kernel_set();  // the first call chooses (and reports a bad DIVELAB_KERNELS) here, not in a worker
    // Products under ~1M multiply-adds finish before a sleeping second thread would even wake up; a HotTeam's
    // spinning workers pay off from ~128K (an MLP's output layer: 3–6% of its step, measured).
    const bool small = m * n * k < (HotTeam::active() ? int64_t{1} << 17 : int64_t{1} << 20);
    // Split C into whole micro-tiles (6 rows or 16 columns) per thread. Each thread packs the part of
    // op(B) it needs, and op(A) unless A's rows can be read in place; pick the split that duplicates
    // the least packing: by rows every thread packs all k×n of B, by columns all m×k of a transposed A.
    const int64_t dup_rows = k * n, dup_cols = a.transposed ? m * k : 0;
    const bool by_rows = n < 32 || (m >= 12 && dup_rows < dup_cols);
    if (by_rows) {
        constexpr int64_t rows_per_tile = 6;
        const int64_t tiles = (m + rows_per_tile - 1) / rows_per_tile;
        parallel_for(tiles, small ? tiles : 2, [&](int64_t t0, int64_t t1) {
            detail::gemm_tile(a, b, c, n, t0 * rows_per_tile, std::min(m, t1 * rows_per_tile), 0, n, alpha, beta);
        });
    } else {
        constexpr int64_t cols_per_tile = 16;
        const int64_t tiles = (n + cols_per_tile - 1) / cols_per_tile;
        parallel_for(tiles, small ? tiles : 2, [&](int64_t t0, int64_t t1) {
            detail::gemm_tile(a, b, c, n, 0, m, t0 * cols_per_tile, std::min(n, t1 * cols_per_tile), alpha, beta);
        });
    }
}

}  // namespace dl
