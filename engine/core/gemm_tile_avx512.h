#pragma once
// The AVX-512 GEMM tile, also the pixel-major direct convolutions' (conv_kernels_avx512.cpp): 12 rows × 16
// columns of float sums, one ZMM register per row (twelve independent chains of fused multiply-adds keep both
// 512-bit FMA pipes busy). Partial tiles use masked loads and stores,
// so every element takes the same instructions wherever the tile edges fall. Include it only from translation
// units compiled with -mavx512f (the *_avx512.cpp kernel files); internal linkage, like every kernel header.
#include <immintrin.h>

#include <cstdint>

#include "engine/core/gemm_tile_avx2.h"

namespace dl::detail {
namespace {

struct Avx512Tile {
    static constexpr int64_t kRows = 12, kCols = 16;
    __m512 c[kRows];

    Avx512Tile() {
#pragma GCC unroll 12
        for (int64_t i = 0; i < kRows; ++i) c[i] = _mm512_setzero_ps();
    }

    // Row i += a[i][at] · b[0..16): one rank-1 update, 12 FMAs.
    void add(const float* const* a, int64_t at, const float* b) {
        const __m512 bv = _mm512_loadu_ps(b);
#pragma GCC unroll 12
        for (int64_t i = 0; i < kRows; ++i) c[i] = _mm512_fmadd_ps(_mm512_set1_ps(a[i][at]), bv, c[i]);
    }

    // out row i [0..cols) = row i (+ bias[i]) for the first `count` rows, row i at out + i·ld: the AVX2 tile's
    // additions (0 is added where there is no bias, as there), so the direct convolutions give its bits.
    void store(float* out, int64_t ld, int64_t count, const float* bias = nullptr, int64_t cols = kCols) const {
        const __mmask16 valid = cols >= kCols ? __mmask16(0xFFFF) : __mmask16((1u << cols) - 1);
        for (int64_t i = 0; i < count; ++i)
            _mm512_mask_storeu_ps(out + i * ld, valid, _mm512_add_ps(c[i], _mm512_set1_ps(bias ? bias[i] : 0.0f)));
    }

    // C = alpha·tile + beta·C over the first mr rows and nr columns (beta 0: C is not read).
    void update(float* out, int64_t ld, int64_t mr, int64_t nr, float alpha, float beta) const {
        const __mmask16 cols = nr >= kCols ? __mmask16(0xFFFF) : __mmask16((1u << nr) - 1);
        const __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
        for (int64_t i = 0; i < mr; ++i) {
            float* row = out + i * ld;
            __m512 v = _mm512_mul_ps(va, c[i]);
            if (beta != 0.0f) v = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(cols, row), v);
            _mm512_mask_storeu_ps(row, cols, v);
        }
    }

    static void transpose8x8(const float* src, int64_t lds, float* dst, int64_t ldd) {
        Avx2Tile::transpose8x8(src, lds, dst, ldd);
    }
};

}  // namespace
}  // namespace dl::detail
