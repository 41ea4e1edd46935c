#pragma once
// The AVX-512 tile of the row-major direct convolutions (conv_rows, add_columns_back in conv_kernels_avx512.cpp):
// 6 rows × 32 columns of float sums, two ZMM registers per row. Six rows, because those kernels read weights
// packed six rows side by side (pack_six_rows) in every kernel set; 32 columns, so that each broadcast weight
// feeds two full-width fused multiply-adds. Each sum takes the AVX2 tile's fused multiply-adds in its order, and
// add_to adds to memory in the order two AVX2 tiles side by side would, so the kernels give the AVX2 set's bits.
// Include it only from translation units compiled with -mavx512f; internal linkage, like every kernel header.
#include <immintrin.h>

#include <cstdint>

namespace dl::detail {
namespace {

struct Avx512ConvTile {
    static constexpr int64_t kRows = 6, kCols = 32, kHalf = 16;
    __m512 c[kRows][2];

    Avx512ConvTile() {
#pragma GCC unroll 6
        for (int64_t i = 0; i < kRows; ++i) c[i][0] = c[i][1] = _mm512_setzero_ps();
    }

    // Row i += a[i][at] · b[0..32): one rank-1 update, 12 FMAs.
    void add(const float* const* a, int64_t at, const float* b) {
        const __m512 b0 = _mm512_loadu_ps(b), b1 = _mm512_loadu_ps(b + kHalf);
#pragma GCC unroll 6
        for (int64_t i = 0; i < kRows; ++i) {
            const __m512 v = _mm512_set1_ps(a[i][at]);
            c[i][0] = _mm512_fmadd_ps(v, b0, c[i][0]);
            c[i][1] = _mm512_fmadd_ps(v, b1, c[i][1]);
        }
    }

    // out row i [0..cols) = row i (+ bias[i]) for the first `count` rows, row i at out + i·ld (0 is added where
    // there is no bias, as the AVX2 tile does).
    void store(float* out, int64_t ld, int64_t count, const float* bias = nullptr, int64_t cols = kCols) const {
        const __mmask16 m0 = half_mask(cols), m1 = half_mask(cols - kHalf);
        for (int64_t i = 0; i < count; ++i) {
            const __m512 b = _mm512_set1_ps(bias ? bias[i] : 0.0f);
            _mm512_mask_storeu_ps(out + i * ld, m0, _mm512_add_ps(c[i][0], b));
            _mm512_mask_storeu_ps(out + i * ld + kHalf, m1, _mm512_add_ps(c[i][1], b));
        }
    }

    // out[i] [0..cols) += row i for the first `count` rows, cols 16 or 32: every row's first half, then every
    // row's second, as an AVX2 tile at column 0 and one at column 16 would add them (rows' places may overlap).
    void add_to(float* const* out, int64_t count, int64_t cols = kCols) const {
        for (int64_t h = 0; h < 2 && h * kHalf < cols; ++h)
            for (int64_t i = 0; i < count; ++i) {
                float* at = out[i] + h * kHalf;
                _mm512_storeu_ps(at, _mm512_add_ps(_mm512_loadu_ps(at), c[i][h]));
            }
    }

private:
    static __mmask16 half_mask(int64_t cols) {
        return cols >= kHalf ? __mmask16(0xFFFF) : cols <= 0 ? __mmask16(0) : __mmask16((1u << cols) - 1);
    }
};

}  // namespace
}  // namespace dl::detail
