#pragma once
// The generic path's register tile: 6 rows × 16 columns of float sums, in plain C++ that the compiler
// vectorises for the baseline (SSE2 on x86-64, NEON on aarch64). Same interface and the same order of
// additions as the AVX2 tile (gemm_tile_avx2.h), but a multiply and an add where AVX2 fuses them.
// Included by the *_generic.cpp kernel files only; internal linkage, like every kernel header.
#include <cstdint>

namespace dl::detail {
namespace {

struct GenericTile {
    static constexpr int64_t kRows = 6, kCols = 16, kLanes = 8, kDotCols = 2;
    float c[kRows][kCols] = {};

    // Row i += a[i][at] · b[0..16): a rank-1 update.
    void add(const float* const* a, int64_t at, const float* b) {
        for (int64_t i = 0; i < kRows; ++i) {
            const float ai = a[i][at];
            for (int64_t j = 0; j < kCols; ++j) c[i][j] += ai * b[j];
        }
    }

    // Dot product (i, j) += a[i][at..at+8) · b[j][bat..bat+8) lane by lane, for j < kDotCols: row i, half j.
    void add_products(const float* const* a, int64_t at, const float* const* b, int64_t bat) {
        for (int64_t i = 0; i < kRows; ++i)
            for (int64_t l = 0; l < kLanes; ++l) {
                const float x = a[i][at + l];
                c[i][l] += x * b[0][bat + l];
                c[i][kLanes + l] += x * b[1][bat + l];
            }
    }

    // The eight lanes of row i, half h, summed in a fixed order.
    float lane_sum(int64_t i, int64_t h) const {
        const float* l = c[i] + h * kLanes;
        return ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
    }

    // out row i [0..cols) = row i (+ bias[i]) for the first `count` rows, row i at out + i·ld.
    void store(float* out, int64_t ld, int64_t count, const float* bias = nullptr, int64_t cols = kCols) const {
        for (int64_t i = 0; i < count; ++i) {
            const float b = bias ? bias[i] : 0.0f;
            for (int64_t j = 0; j < cols; ++j) out[i * ld + j] = c[i][j] + b;
        }
    }

    // out[i] [0..cols) += row i, for the first `count` rows (each at its own place).
    void add_to(float* const* out, int64_t count, int64_t cols = kCols) const {
        for (int64_t i = 0; i < count; ++i)
            for (int64_t j = 0; j < cols; ++j) out[i][j] += c[i][j];
    }

    // C = alpha·tile + beta·C over the first mr rows and nr columns (beta 0: C is not read).
    void update(float* out, int64_t ld, int64_t mr, int64_t nr, float alpha, float beta) const {
        for (int64_t i = 0; i < mr; ++i) {
            float* row = out + i * ld;
            if (beta == 0.0f)
                for (int64_t j = 0; j < nr; ++j) row[j] = alpha * c[i][j];
            else
                for (int64_t j = 0; j < nr; ++j) row[j] = beta * row[j] + alpha * c[i][j];
        }
    }

    // An 8 × 8 block: rows src[0..8) (stride lds) become columns of dst (stride ldd).
    static void transpose8x8(const float* src, int64_t lds, float* dst, int64_t ldd) {
        for (int64_t i = 0; i < 8; ++i)
            for (int64_t j = 0; j < 8; ++j) dst[j * ldd + i] = src[i * lds + j];
    }
};

}  // namespace
}  // namespace dl::detail
