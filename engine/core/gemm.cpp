#include "engine/core/gemm.h"

#include <algorithm>
#include <atomic>
#include <utility>
#include <vector>

#include "engine/core/cpu_features.h"
#include "engine/core/error.h"
#include "engine/core/gemm_kernel.h"
#include "engine/core/parallel.h"

namespace dl {

namespace {
// A transposed A up to this many floats is packed once per thread and call (4 MB), not once per block.
constexpr int64_t kWholePackedA = int64_t{1} << 20;
std::atomic<uint64_t> g_next_call{1};

// C split by columns into blocks of whole 16-column micro-tiles, balanced between threads (a core that runs
// slower for a while takes fewer blocks): every element is the same sum wherever the cuts fall.
void gemm_by_columns(const MatrixRef& a, const MatrixRef& b, float* c, int64_t m, int64_t k, int64_t n, float alpha,
                     float beta, bool small) {
    constexpr int64_t cols_per_tile = 16;
    const int64_t tiles = (n + cols_per_tile - 1) / cols_per_tile, grain = small ? tiles : 2;
    auto columns = [&](int64_t t0, int64_t t1) {
        return std::pair{t0 * cols_per_tile, std::min(n, t1 * cols_per_tile)};
    };
    auto multiply = [&](int64_t t0, int64_t t1) {
        const auto [n0, n1] = columns(t0, t1);
        detail::gemm_tile(a, b, c, n, 0, m, n0, n1, alpha, beta);
    };
    if (!a.transposed) return parallel_for_balanced(tiles, grain, multiply);  // A's rows are read in place
    // Too big to keep whole: each thread packs A per k-block inside gemm_tile, so fewer, bigger parts pay less.
    if (m * k > kWholePackedA) return parallel_for(tiles, grain, multiply);
    // Every block needs all of op(A): each thread packs it once, for the first block it runs of this call.
    const uint64_t call = g_next_call.fetch_add(1, std::memory_order_relaxed);
    parallel_for_balanced(tiles, grain, [&](int64_t t0, int64_t t1) {
        thread_local std::vector<float> packed;
        thread_local uint64_t packed_for = 0;
        if (packed_for != call) {
            packed.resize(static_cast<size_t>(detail::packed_a_size(m, k)));
            detail::pack_a_whole(a, packed.data());
            packed_for = call;
        }
        const auto [n0, n1] = columns(t0, t1);
        detail::gemm_tile_packed_a(a, packed.data(), b, c, n, n0, n1, alpha, beta);
    });
}
}  // namespace

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
        gemm_by_columns(a, b, c, m, k, n, alpha, beta, small);
    }
}

}  // namespace dl
