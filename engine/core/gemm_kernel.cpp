#include "engine/core/gemm_kernel.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define DIVELAB_GEMM_AVX2 1
#else
#include <vector>

#include <Eigen/Core>
#endif

namespace dl::detail {

namespace {
int64_t inner_dim(const MatrixRef& a) {
    return a.transposed ? a.rows : a.cols;
}
}  // namespace

#if DIVELAB_GEMM_AVX2

namespace {
constexpr int64_t MR = 6, NR = kPanelWidth;      // micro-tile: 6 rows × 2 AVX registers of 8 floats
constexpr int64_t KC = 256, MC = 96, NC = 2048;  // packed A block ≈ 96 KB (L2), B sliver 16 KB (L1)

// A buffer that grows but is never freed per call: packing is on the hot path.
struct PackBuffer {
    float* data = nullptr;
    int64_t size = 0;
    float* get(int64_t n) {
        if (n > size) {
            std::free(data);
            data = static_cast<float*>(std::aligned_alloc(64, static_cast<size_t>((n + 15) / 16 * 16) * sizeof(float)));
            if (!data) throw std::bad_alloc();
            size = n;
        }
        return data;
    }
    ~PackBuffer() { std::free(data); }
};

// op(A)[i0:i0+mc, p0:p0+kc] as MR-row slivers, each kc × MR, rows past mc zero-padded.
void pack_a(const MatrixRef& a, int64_t i0, int64_t mc, int64_t p0, int64_t kc, float* out) {
    const int64_t lda = a.cols;
    for (int64_t s = 0; s < mc; s += MR) {
        const int64_t rows = std::min(MR, mc - s);
        float* dst = out + s * kc;
        if (a.transposed) {  // op(A)(i, p) = a[p][i]: MR neighbours per p are contiguous
            for (int64_t p = 0; p < kc; ++p) {
                const float* src = a.data + (p0 + p) * lda + i0 + s;
                for (int64_t r = 0; r < MR; ++r) dst[p * MR + r] = r < rows ? src[r] : 0.0f;
            }
        } else {  // op(A)(i, p) = a[i][p]: each row is contiguous in p
            for (int64_t r = 0; r < MR; ++r) {
                if (r < rows) {
                    const float* src = a.data + (i0 + s + r) * lda + p0;
                    for (int64_t p = 0; p < kc; ++p) dst[p * MR + r] = src[p];
                } else {
                    for (int64_t p = 0; p < kc; ++p) dst[p * MR + r] = 0.0f;
                }
            }
        }
    }
}

// Transposes an 8×8 block: rows src[0..7] (stride lds) become columns of dst (stride ldd).
inline void transpose8x8(const float* src, int64_t lds, float* dst, int64_t ldd) {
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

// op(B)[p0:p0+kc, j0:j0+nc] as NR-column slivers, each kc × NR, columns past nc zero-padded.
void pack_b(const MatrixRef& b, int64_t p0, int64_t kc, int64_t j0, int64_t nc, float* out) {
    const int64_t ldb = b.cols;
    for (int64_t t = 0; t < nc; t += NR) {
        const int64_t cols = std::min(NR, nc - t);
        float* dst = out + t * kc;
        if (!b.transposed) {  // op(B)(p, j) = b[p][j]: a sliver row is 16 contiguous floats
            for (int64_t p = 0; p < kc; ++p) {
                const float* src = b.data + (p0 + p) * ldb + j0 + t;
                if (cols == NR) {
                    _mm256_store_ps(dst + p * NR, _mm256_loadu_ps(src));
                    _mm256_store_ps(dst + p * NR + 8, _mm256_loadu_ps(src + 8));
                } else {
                    for (int64_t j = 0; j < NR; ++j) dst[p * NR + j] = j < cols ? src[j] : 0.0f;
                }
            }
        } else {  // op(B)(p, j) = b[j][p]: 8×8 register transposes of the stored rows
            const float* src = b.data + (j0 + t) * ldb + p0;
            int64_t lds = ldb;
            if (cols < NR) {  // a partial sliver: its rows, zero-padded to 16, go through the same transposes
                alignas(32) thread_local float edge[NR * KC];
                for (int64_t j = 0; j < NR; ++j)
                    for (int64_t p = 0; p < kc; ++p) edge[j * kc + p] = j < cols ? src[j * ldb + p] : 0.0f;
                src = edge;
                lds = kc;
            }
            int64_t p = 0;
            for (; p + 8 <= kc; p += 8) {
                transpose8x8(src + p, lds, dst + p * NR, NR);
                transpose8x8(src + 8 * lds + p, lds, dst + p * NR + 8, NR);
            }
            for (; p < kc; ++p)
                for (int64_t j = 0; j < NR; ++j) dst[p * NR + j] = src[j * lds + p];
        }
    }
}

// acc(6×16) = A(6×kc) · Bp(kc×16), where A(r, p) = a[r·rs + p·cs] (a packed sliver: rs 1, cs 6; rows of
// a row-major matrix read in place: rs = lda, cs 1). Then C = beta·C + alpha·acc over mr × nr.
template <bool Packed>
void micro_kernel(int64_t kc, const float* a, int64_t lda, const float* bp, float* c, int64_t ldc, int64_t mr,
                  int64_t nr, float alpha, float beta) {
    const int64_t rs = Packed ? 1 : lda, cs = Packed ? MR : 1;
    const float *a0 = a, *a1 = a + rs, *a2 = a + 2 * rs, *a3 = a + 3 * rs, *a4 = a + 4 * rs, *a5 = a + 5 * rs;
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps(), c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps(),
           c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps(), c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps(),
           c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps(), c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
#pragma GCC unroll 4
    for (int64_t p = 0, q = 0; p < kc; ++p, q += cs) {
        const __m256 b0 = _mm256_load_ps(bp), b1 = _mm256_load_ps(bp + 8);
        __m256 v = _mm256_broadcast_ss(a0 + q);
        c00 = _mm256_fmadd_ps(v, b0, c00);
        c01 = _mm256_fmadd_ps(v, b1, c01);
        v = _mm256_broadcast_ss(a1 + q);
        c10 = _mm256_fmadd_ps(v, b0, c10);
        c11 = _mm256_fmadd_ps(v, b1, c11);
        v = _mm256_broadcast_ss(a2 + q);
        c20 = _mm256_fmadd_ps(v, b0, c20);
        c21 = _mm256_fmadd_ps(v, b1, c21);
        v = _mm256_broadcast_ss(a3 + q);
        c30 = _mm256_fmadd_ps(v, b0, c30);
        c31 = _mm256_fmadd_ps(v, b1, c31);
        v = _mm256_broadcast_ss(a4 + q);
        c40 = _mm256_fmadd_ps(v, b0, c40);
        c41 = _mm256_fmadd_ps(v, b1, c41);
        v = _mm256_broadcast_ss(a5 + q);
        c50 = _mm256_fmadd_ps(v, b0, c50);
        c51 = _mm256_fmadd_ps(v, b1, c51);
        bp += NR;
    }
    alignas(32) float acc[MR][NR];
    const __m256 rows[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
    const __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
    if (mr == MR && nr == NR) {
        for (int64_t r = 0; r < MR; ++r) {
            float* cr = c + r * ldc;
            for (int h = 0; h < 2; ++h) {
                __m256 v = _mm256_mul_ps(va, rows[r][h]);
                if (beta != 0.0f) v = _mm256_fmadd_ps(vb, _mm256_loadu_ps(cr + 8 * h), v);
                _mm256_storeu_ps(cr + 8 * h, v);
            }
        }
        return;
    }
    for (int64_t r = 0; r < MR; ++r) {
        _mm256_store_ps(acc[r], rows[r][0]);
        _mm256_store_ps(acc[r] + 8, rows[r][1]);
    }
    for (int64_t r = 0; r < mr; ++r)
        for (int64_t j = 0; j < nr; ++j) {
            float& out = c[r * ldc + j];
            out = beta == 0.0f ? alpha * acc[r][j] : beta * out + alpha * acc[r][j];
        }
}
}  // namespace

namespace {
// C[m0:m1, 0:nc] += op(A)[m0:m1, pc:pc+kc] · (packed B, sliver j at bp + j·sliver_stride), c pointing at the
// block's first column; beta applies to this k-block (1 for all but the first).
void multiply_block(const MatrixRef& a, int64_t m0, int64_t m1, int64_t pc, int64_t kc, const float* bp,
                    int64_t sliver_stride, int64_t nc, float* c, int64_t ldc, float alpha, float beta, float* ap) {
    for (int64_t ic = m0; ic < m1; ic += MC) {
        const int64_t mc = std::min(MC, m1 - ic);
        // Rows of a row-major A are read in place (no packing); full 6-row slivers only.
        const bool direct = !a.transposed;
        const int64_t full = direct ? mc / MR * MR : 0;
        if (full < mc) pack_a(a, ic + full, mc - full, pc, kc, ap);
        for (int64_t jr = 0; jr < nc; jr += NR) {
            const int64_t nr = std::min(NR, nc - jr);
            const float* sliver = bp + jr / NR * sliver_stride;
            for (int64_t ir = 0; ir < mc; ir += MR) {
                float* cc = c + (ic + ir) * ldc + jr;
                if (ir < full)
                    micro_kernel<false>(kc, a.data + (ic + ir) * a.cols + pc, a.cols, sliver, cc, ldc, MR, nr, alpha,
                                        beta);
                else
                    micro_kernel<true>(kc, ap + (ir - full) * kc, 0, sliver, cc, ldc, std::min(MR, mc - ir), nr, alpha,
                                       beta);
            }
        }
    }
}
}  // namespace

void gemm_tile(const MatrixRef& a, const MatrixRef& b, float* c, int64_t ldc, int64_t m0, int64_t m1, int64_t n0,
               int64_t n1, float alpha, float beta) {
    const int64_t k = inner_dim(a);
    if (m1 <= m0 || n1 <= n0) return;
    if (k == 0) {
        for (int64_t i = m0; i < m1; ++i)
            for (int64_t j = n0; j < n1; ++j) c[i * ldc + j] = beta == 0.0f ? 0.0f : beta * c[i * ldc + j];
        return;
    }
    thread_local PackBuffer a_buffer, b_buffer;
    float* ap = a_buffer.get(MC * KC);
    float* bp = b_buffer.get(KC * ((NC + NR - 1) / NR * NR));
    for (int64_t jc = n0; jc < n1; jc += NC) {
        const int64_t nc = std::min(NC, n1 - jc);
        for (int64_t pc = 0; pc < k; pc += KC) {
            const int64_t kc = std::min(KC, k - pc);
            pack_b(b, pc, kc, jc, nc, bp);
            multiply_block(a, m0, m1, pc, kc, bp, kc * NR, nc, c + jc, ldc, alpha, pc == 0 ? beta : 1.0f, ap);
        }
    }
}

void gemm_packed_b(const MatrixRef& a, const float* b_packed, int64_t n, float* c, int64_t ldc, int64_t m0, int64_t m1,
                   float alpha, float beta) {
    const int64_t k = inner_dim(a);
    if (m1 <= m0 || n <= 0) return;
    if (k == 0) {
        for (int64_t i = m0; i < m1; ++i)
            for (int64_t j = 0; j < n; ++j) c[i * ldc + j] = beta == 0.0f ? 0.0f : beta * c[i * ldc + j];
        return;
    }
    thread_local PackBuffer a_buffer;
    float* ap = a_buffer.get(MC * KC);
    for (int64_t jc = 0; jc < n; jc += NC) {
        const int64_t nc = std::min(NC, n - jc);
        for (int64_t pc = 0; pc < k; pc += KC) {  // a k-block of sliver j starts at (j·k + pc)·NR
            const float* bp = b_packed + (jc / NR * k + pc) * NR;
            multiply_block(a, m0, m1, pc, std::min(KC, k - pc), bp, k * NR, nc, c + jc, ldc, alpha,
                           pc == 0 ? beta : 1.0f, ap);
        }
    }
}

void pack_b_panels(const MatrixRef& b, float* packed) {
    const int64_t k = b.transposed ? b.cols : b.rows, n = b.transposed ? b.rows : b.cols;
    for (int64_t j = 0; j < n; j += NR)  // one sliver and one k-block at a time: pack_b's buffers hold KC rows
        for (int64_t pc = 0; pc < k; pc += KC)
            pack_b(b, pc, std::min(KC, k - pc), j, std::min(NR, n - j), packed + (j / NR * k + pc) * NR);
}

#else  // portable builds: Eigen's kernel

void gemm_tile(const MatrixRef& a, const MatrixRef& b, float* c, int64_t ldc, int64_t m0, int64_t m1, int64_t n0,
               int64_t n1, float alpha, float beta) {
    using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using Stride = Eigen::OuterStride<>;
    const int64_t k = inner_dim(a);
    Eigen::Map<RowMat, 0, Stride> out(c + m0 * ldc + n0, m1 - m0, n1 - n0, Stride(ldc));
    Eigen::Map<const RowMat, 0, Stride> am(a.data, a.rows, a.cols, Stride(a.cols));
    Eigen::Map<const RowMat, 0, Stride> bm(b.data, b.rows, b.cols, Stride(b.cols));
    auto lhs = [&] {
        return a.transposed ? RowMat(am.transpose().middleRows(m0, m1 - m0)) : RowMat(am.middleRows(m0, m1 - m0));
    };
    auto rhs = [&] {
        return b.transposed ? RowMat(bm.transpose().middleCols(n0, n1 - n0)) : RowMat(bm.middleCols(n0, n1 - n0));
    };
    (void)k;
    if (beta == 0.0f)
        out.noalias() = alpha * (lhs() * rhs());
    else
        out = beta * out + alpha * (lhs() * rhs());
}

void pack_b_panels(const MatrixRef& b, float* packed) {
    const int64_t k = b.transposed ? b.cols : b.rows, n = b.transposed ? b.rows : b.cols;
    const int64_t width = (n + kPanelWidth - 1) / kPanelWidth * kPanelWidth;
    for (int64_t p = 0; p < k; ++p)
        for (int64_t j = 0; j < width; ++j)
            packed[(j / kPanelWidth * k + p) * kPanelWidth + j % kPanelWidth] = j >= n         ? 0.0f
                                                                                : b.transposed ? b.data[j * b.cols + p]
                                                                                               : b.data[p * b.cols + j];
}

void gemm_packed_b(const MatrixRef& a, const float* b_packed, int64_t n, float* c, int64_t ldc, int64_t m0, int64_t m1,
                   float alpha, float beta) {
    const int64_t k = inner_dim(a);
    std::vector<float> dense(static_cast<size_t>(k * n));  // unpack the slivers into a row-major [k, n]
    for (int64_t p = 0; p < k; ++p)
        for (int64_t j = 0; j < n; ++j)
            dense[p * n + j] = b_packed[(j / kPanelWidth * k + p) * kPanelWidth + j % kPanelWidth];
    gemm_tile(a, MatrixRef{dense.data(), k, n}, c, ldc, m0, m1, 0, n, alpha, beta);
}

#endif

}  // namespace dl::detail
