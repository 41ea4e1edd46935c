#pragma once
// The AVX2/FMA register tile behind the GEMM micro-kernel and the direct convolution kernels: 6 rows × 16
// columns of float sums in twelve YMM registers (two per row), written once. Include it only from
// translation units compiled with -mavx2 -mfma (the *_avx2.cpp kernel files). Everything here has internal
// linkage, so no AVX2 code can be merged into the baseline build by the linker.
#include <immintrin.h>

#include <cstdint>

namespace dl::detail {
namespace {

struct Avx2Tile {
    static constexpr int64_t kRows = 6, kCols = 16, kLanes = 8, kDotCols = 2;
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
           c40 = c00, c41 = c00, c50 = c00, c51 = c00;

    // Row i += a[i][at] · b[0..16): one rank-1 update, 12 FMAs.
    void add(const float* const* a, int64_t at, const float* b) {
        const __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + 8);
        __m256 v = _mm256_broadcast_ss(a[0] + at);
        c00 = _mm256_fmadd_ps(v, b0, c00);
        c01 = _mm256_fmadd_ps(v, b1, c01);
        v = _mm256_broadcast_ss(a[1] + at);
        c10 = _mm256_fmadd_ps(v, b0, c10);
        c11 = _mm256_fmadd_ps(v, b1, c11);
        v = _mm256_broadcast_ss(a[2] + at);
        c20 = _mm256_fmadd_ps(v, b0, c20);
        c21 = _mm256_fmadd_ps(v, b1, c21);
        v = _mm256_broadcast_ss(a[3] + at);
        c30 = _mm256_fmadd_ps(v, b0, c30);
        c31 = _mm256_fmadd_ps(v, b1, c31);
        v = _mm256_broadcast_ss(a[4] + at);
        c40 = _mm256_fmadd_ps(v, b0, c40);
        c41 = _mm256_fmadd_ps(v, b1, c41);
        v = _mm256_broadcast_ss(a[5] + at);
        c50 = _mm256_fmadd_ps(v, b0, c50);
        c51 = _mm256_fmadd_ps(v, b1, c51);
    }

    // Dot product (i, j) += a[i][at..at+8) · b[j][bat..bat+8) lane by lane, for j < kDotCols: row i, half j.
    void add_products(const float* const* a, int64_t at, const float* const* b, int64_t bat) {
        const __m256 v0 = _mm256_loadu_ps(b[0] + bat), v1 = _mm256_loadu_ps(b[1] + bat);
        auto load = [](const float* x) { return _mm256_loadu_ps(x); };
        __m256 x = load(a[0] + at);
        c00 = _mm256_fmadd_ps(x, v0, c00);
        c01 = _mm256_fmadd_ps(x, v1, c01);
        x = load(a[1] + at);
        c10 = _mm256_fmadd_ps(x, v0, c10);
        c11 = _mm256_fmadd_ps(x, v1, c11);
        x = load(a[2] + at);
        c20 = _mm256_fmadd_ps(x, v0, c20);
        c21 = _mm256_fmadd_ps(x, v1, c21);
        x = load(a[3] + at);
        c30 = _mm256_fmadd_ps(x, v0, c30);
        c31 = _mm256_fmadd_ps(x, v1, c31);
        x = load(a[4] + at);
        c40 = _mm256_fmadd_ps(x, v0, c40);
        c41 = _mm256_fmadd_ps(x, v1, c41);
        x = load(a[5] + at);
        c50 = _mm256_fmadd_ps(x, v0, c50);
        c51 = _mm256_fmadd_ps(x, v1, c51);
    }

    // The eight lanes of dot product (i, h), summed in a fixed order.
    float lane_sum(int64_t i, int64_t h) const {
        alignas(32) float l[kLanes];
        _mm256_store_ps(l, row(i, h));
        return ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
    }

    // out row i [0..cols) = row i (+ bias[i]) for the first `count` rows, row i at out + i·ld.
    void store(float* out, int64_t ld, int64_t count, const float* bias = nullptr, int64_t cols = kCols) const {
        alignas(32) float part[kCols];
        for (int64_t i = 0; i < count; ++i) {
            const __m256 b = _mm256_set1_ps(bias ? bias[i] : 0.0f);
            float* to = cols == kCols ? out + i * ld : part;
            _mm256_storeu_ps(to, _mm256_add_ps(row(i, 0), b));
            _mm256_storeu_ps(to + 8, _mm256_add_ps(row(i, 1), b));
            for (int64_t j = 0; to == part && j < cols; ++j) out[i * ld + j] = part[j];
        }
    }

    // out[i] [0..cols) += row i, for the first `count` rows (each at its own place).
    void add_to(float* const* out, int64_t count, int64_t cols = kCols) const {
        alignas(32) float part[kCols];
        for (int64_t i = 0; i < count; ++i) {
            if (cols == kCols) {
                _mm256_storeu_ps(out[i], _mm256_add_ps(_mm256_loadu_ps(out[i]), row(i, 0)));
                _mm256_storeu_ps(out[i] + 8, _mm256_add_ps(_mm256_loadu_ps(out[i] + 8), row(i, 1)));
                continue;
            }
            _mm256_store_ps(part, row(i, 0));
            _mm256_store_ps(part + 8, row(i, 1));
            for (int64_t j = 0; j < cols; ++j) out[i][j] += part[j];
        }
    }

    // C = alpha·tile + beta·C over the first mr rows and nr columns (beta 0: C is not read). A partial tile
    // goes through a copy, so that every element takes the same instructions wherever the tile edges fall.
    void update(float* out, int64_t ld, int64_t mr, int64_t nr, float alpha, float beta) const {
        if (mr == kRows && nr == kCols) {
            update_full(out, ld, alpha, beta);
            return;
        }
        alignas(32) float edge[kRows][kCols] = {};
        for (int64_t i = 0; beta != 0.0f && i < mr; ++i)
            for (int64_t j = 0; j < nr; ++j) edge[i][j] = out[i * ld + j];
        update_full(&edge[0][0], kCols, alpha, beta);
        for (int64_t i = 0; i < mr; ++i)
            for (int64_t j = 0; j < nr; ++j) out[i * ld + j] = edge[i][j];
    }

    // An 8 × 8 block: rows src[0..8) (stride lds) become columns of dst (stride ldd).
    static void transpose8x8(const float* src, int64_t lds, float* dst, int64_t ldd) {
        __m256 r0 = _mm256_loadu_ps(src + 0 * lds), r1 = _mm256_loadu_ps(src + 1 * lds),
               r2 = _mm256_loadu_ps(src + 2 * lds), r3 = _mm256_loadu_ps(src + 3 * lds),
               r4 = _mm256_loadu_ps(src + 4 * lds), r5 = _mm256_loadu_ps(src + 5 * lds),
               r6 = _mm256_loadu_ps(src + 6 * lds), r7 = _mm256_loadu_ps(src + 7 * lds);
        __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1), t2 = _mm256_unpacklo_ps(r2, r3),
               t3 = _mm256_unpackhi_ps(r2, r3), t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5),
               t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
        r0 = _mm256_shuffle_ps(t0, t2, 0x44);
        r1 = _mm256_shuffle_ps(t0, t2, 0xEE);
        r2 = _mm256_shuffle_ps(t1, t3, 0x44);
        r3 = _mm256_shuffle_ps(t1, t3, 0xEE);
        r4 = _mm256_shuffle_ps(t4, t6, 0x44);
        r5 = _mm256_shuffle_ps(t4, t6, 0xEE);
        r6 = _mm256_shuffle_ps(t5, t7, 0x44);
        r7 = _mm256_shuffle_ps(t5, t7, 0xEE);
        _mm256_storeu_ps(dst + 0 * ldd, _mm256_permute2f128_ps(r0, r4, 0x20));
        _mm256_storeu_ps(dst + 1 * ldd, _mm256_permute2f128_ps(r1, r5, 0x20));
        _mm256_storeu_ps(dst + 2 * ldd, _mm256_permute2f128_ps(r2, r6, 0x20));
        _mm256_storeu_ps(dst + 3 * ldd, _mm256_permute2f128_ps(r3, r7, 0x20));
        _mm256_storeu_ps(dst + 4 * ldd, _mm256_permute2f128_ps(r0, r4, 0x31));
        _mm256_storeu_ps(dst + 5 * ldd, _mm256_permute2f128_ps(r1, r5, 0x31));
        _mm256_storeu_ps(dst + 6 * ldd, _mm256_permute2f128_ps(r2, r6, 0x31));
        _mm256_storeu_ps(dst + 7 * ldd, _mm256_permute2f128_ps(r3, r7, 0x31));
    }

private:
    __m256 row(int64_t i, int64_t h) const {
        const __m256 rows[kRows][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
        return rows[i][h];
    }

    void update_full(float* out, int64_t ld, float alpha, float beta) const {
        const __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
        for (int64_t i = 0; i < kRows; ++i)
            for (int64_t h = 0; h < 2; ++h) {
                float* at = out + i * ld + 8 * h;
                __m256 v = _mm256_mul_ps(va, row(i, h));
                if (beta != 0.0f) v = _mm256_fmadd_ps(vb, _mm256_loadu_ps(at), v);
                _mm256_storeu_ps(at, v);
            }
    }
};

}  // namespace
}  // namespace dl::detail
