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

// The AVX-512 tile of weight_grad_rows: 6 × 4 dot products, eight lanes each, two to a ZMM register (Col rows
// 0 and 1 in one, 2 and 3 in the other, dY's eight values broadcast to both halves). Every lane takes the AVX2
// tile's fused multiply-adds in its order, and lane_sum its additions, so the kernel gives the AVX2 set's bits.
struct Avx512DotTile {
    static constexpr int64_t kRows = 6, kLanes = 8, kDotCols = 4;
    __m512 c[kRows][2];

    Avx512DotTile() {
#pragma GCC unroll 6
        for (int64_t i = 0; i < kRows; ++i) c[i][0] = c[i][1] = _mm512_setzero_ps();
    }

    // Dot product (i, j) += a[i][at..at+8) · b[j][bat..bat+8) lane by lane, for j < 4.
    void add_products(const float* const* a, int64_t at, const float* const* b, int64_t bat) {
        const __m512 b01 = pair(b[0] + bat, b[1] + bat), b23 = pair(b[2] + bat, b[3] + bat);
#pragma GCC unroll 6
        for (int64_t i = 0; i < kRows; ++i) {
            const __m512 x = _mm512_broadcast_f32x8(_mm256_loadu_ps(a[i] + at));
            c[i][0] = _mm512_fmadd_ps(x, b01, c[i][0]);
            c[i][1] = _mm512_fmadd_ps(x, b23, c[i][1]);
        }
    }

    // The eight lanes of dot product (i, j), summed in the AVX2 tile's order.
    float lane_sum(int64_t i, int64_t j) const {
        alignas(64) float l[2 * kLanes];
        _mm512_store_ps(l, c[i][j / 2]);
        const float* h = l + j % 2 * kLanes;
        return ((h[0] + h[1]) + (h[2] + h[3])) + ((h[4] + h[5]) + (h[6] + h[7]));
    }

private:
    static __m512 pair(const float* lo, const float* hi) {
        return _mm512_insertf32x8(_mm512_castps256_ps512(_mm256_loadu_ps(lo)), _mm256_loadu_ps(hi), 1);
    }
};

}  // namespace
}  // namespace dl::detail
