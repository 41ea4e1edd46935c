#pragma once
// The blocked GEMM behind every kernel set (BLIS's design): op(B) packed in KC × 16 slivers, op(A) in KC × 6
// slivers unless its rows can be read in place, and a register Tile (gemm_tile_generic.h, gemm_tile_avx2.h)
// that keeps a 6 × 16 block of C while it runs along k. Each kernel_*.cpp file instantiates it with its own
// Tile, compiled for its own instruction set; everything here has internal linkage, so that the linker can
// never hand code built for AVX2 to a baseline caller.
//
// Every element of C is one sum over k: KC-long blocks in order, each a chain of multiply-adds in k order,
// whatever tile or thread computes it. That makes results independent of how callers split C.
//
// A micro-kernel skips the steps p of its chain where its B sliver's row (16 values) is exactly zero: an MLP's
// first-layer weight gradient, Xᵀ-side, meets Fashion-MNIST's black background in ~16% of them. A skipped term is
// ±0 (finite operands), and adding ±0 to a chain that starts at +0 never changes a bit, so skipping keeps every
// result; only an inf or NaN met by an exact zero (0·inf) no longer turns the sum into NaN.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

#include "engine/core/gemm.h"
#include "engine/core/gemm_kernel.h"

namespace dl::detail {
namespace {

template <class Tile>
class BlockedGemm {
public:
    static constexpr int64_t MR = Tile::kRows, NR = Tile::kCols;
    static constexpr int64_t KC = 256, MC = 96, NC = 2048;  // packed A block ≈ 96 KB (L2), B sliver 16 KB (L1)
    static_assert(NR == kPanelWidth, "the packed layout of op(B) is shared by every kernel set");

    // a_whole: op(A) already packed by pack_a_whole (nullptr: pack it here, block by block).
    static void tile(const MatrixRef& a, const MatrixRef& b, float* c, int64_t ldc, int64_t m0, int64_t m1, int64_t n0,
                     int64_t n1, float alpha, float beta, const float* a_whole = nullptr) {
        const int64_t k = inner_dim(a);
        if (m1 <= m0 || n1 <= n0) return;
        if (k == 0) return scale(c, ldc, m0, m1, n0, n1, beta);
        thread_local PackBuffer a_buffer, b_buffer;
        thread_local StepList b_steps[NC / NR];
        float* ap = a_buffer.get(MC * KC);
        float* bp = b_buffer.get(KC * ((NC + NR - 1) / NR * NR));
        for (int64_t jc = n0; jc < n1; jc += NC) {
            const int64_t nc = std::min(NC, n1 - jc);
            for (int64_t pc = 0; pc < k; pc += KC) {
                const int64_t kc = std::min(KC, k - pc);
                const bool listed = pack_b(b, pc, kc, jc, nc, bp, b_steps);
                const float* a_block = a_whole ? a_whole + pc * padded_rows(a) : nullptr;
                multiply_block(a, m0, m1, pc, kc, bp, kc * NR, nc, c + jc, ldc, alpha, pc == 0 ? beta : 1.0f, ap,
                               a_block, listed ? b_steps : nullptr);
            }
        }
    }

    static void packed_b(const MatrixRef& a, const float* b_packed, int64_t n, float* c, int64_t ldc, int64_t m0,
                         int64_t m1, float alpha, float beta) {
        const int64_t k = inner_dim(a);
        if (m1 <= m0 || n <= 0) return;
        if (k == 0) return scale(c, ldc, m0, m1, 0, n, beta);
        thread_local PackBuffer a_buffer;
        float* ap = a_buffer.get(MC * KC);
        for (int64_t jc = 0; jc < n; jc += NC) {
            const int64_t nc = std::min(NC, n - jc);
            for (int64_t pc = 0; pc < k; pc += KC) {  // a k-block of sliver j starts at (j·k + pc)·NR
                const float* bp = b_packed + (jc / NR * k + pc) * NR;
                multiply_block(a, m0, m1, pc, std::min(KC, k - pc), bp, k * NR, nc, c + jc, ldc, alpha,
                               pc == 0 ? beta : 1.0f, ap, nullptr, nullptr);
            }
        }
    }

    // op(A) whole, each KC-block as multiply_block packs it: block pc at out + pc·padded_rows(a), its MR-row
    // sliver from row i at + i·kc. Callers that split C by columns pack A once, not once per part.
    static void pack_a_whole(const MatrixRef& a, float* out) {
        const int64_t k = inner_dim(a);
        for (int64_t pc = 0; pc < k; pc += KC)
            pack_a(a, 0, outer_dim(a), pc, std::min(KC, k - pc), out + pc * padded_rows(a));
    }

    static int64_t outer_dim(const MatrixRef& a) { return a.transposed ? a.cols : a.rows; }
    static int64_t padded_rows(const MatrixRef& a) { return (outer_dim(a) + MR - 1) / MR * MR; }

    static void pack_panels(const MatrixRef& b, float* packed) {
        const int64_t k = b.transposed ? b.cols : b.rows, n = b.transposed ? b.rows : b.cols;
        for (int64_t j = 0; j < n; j += NR)  // one sliver and one k-block at a time: pack_b's edge buffer holds KC
            for (int64_t pc = 0; pc < k; pc += KC)
                pack_b(b, pc, std::min(KC, k - pc), j, std::min(NR, n - j), packed + (j / NR * k + pc) * NR);
    }

private:
    // The steps p of a k-block a micro-kernel runs, in order (count -1: all kc of them).
    struct StepList {
        int64_t count = -1;
        uint16_t at[KC];
    };

    // A list pays for its bookkeeping once it skips a 32nd of the steps (a listed step costs about a dense one).
    static void finish_list(StepList& steps, int64_t n, int64_t kc) { steps.count = n <= kc - kc / 32 ? n : -1; }

    // Whether the n floats at x are all ±0 (bit patterns without their sign: vectorises to ORs).
    static bool all_zero(const float* x, int64_t n) {
        uint32_t bits = 0;
        for (int64_t i = 0; i < n; ++i) {
            uint32_t v;
            std::memcpy(&v, x + i, sizeof v);
            bits |= v;
        }
        return (bits & 0x7FFFFFFFu) == 0;
    }

    // A buffer that grows but is never freed per call: packing is on the hot path.
    struct PackBuffer {
        float* data = nullptr;
        int64_t size = 0;
        float* get(int64_t n) {
            if (n > size) {
                std::free(data);
                data = static_cast<float*>(std::aligned_alloc(64, static_cast<size_t>((n + 15) / 16 * 16) * 4));
                if (!data) throw std::bad_alloc();
                size = n;
            }
            return data;
        }
        ~PackBuffer() { std::free(data); }
    };

    static int64_t inner_dim(const MatrixRef& a) { return a.transposed ? a.rows : a.cols; }

    // C = beta·C over the block (an empty sum over k).
    static void scale(float* c, int64_t ldc, int64_t m0, int64_t m1, int64_t n0, int64_t n1, float beta) {
        for (int64_t i = m0; i < m1; ++i)
            for (int64_t j = n0; j < n1; ++j) c[i * ldc + j] = beta == 0.0f ? 0.0f : beta * c[i * ldc + j];
    }

    // op(A)[i0:i0+mc, p0:p0+kc] as MR-row slivers, each kc × MR, rows past mc zero-padded.
    static void pack_a(const MatrixRef& a, int64_t i0, int64_t mc, int64_t p0, int64_t kc, float* out) {
        const int64_t lda = a.cols;
        for (int64_t s = 0; s < mc; s += MR) {
            const int64_t rows = std::min(MR, mc - s);
            float* dst = out + s * kc;
            if (a.transposed) {  // op(A)(i, p) = a[p][i]: MR neighbours per p are contiguous
                for (int64_t p = 0; p < kc; ++p) {
                    const float* src = a.data + (p0 + p) * lda + i0 + s;
                    for (int64_t r = 0; r < MR; ++r) dst[p * MR + r] = r < rows ? src[r] : 0.0f;
                }
                continue;
            }
            for (int64_t r = 0; r < MR; ++r) {  // op(A)(i, p) = a[i][p]: each row is contiguous in p
                if (r >= rows) {
                    for (int64_t p = 0; p < kc; ++p) dst[p * MR + r] = 0.0f;
                    continue;
                }
                const float* src = a.data + (i0 + s + r) * lda + p0;
                for (int64_t p = 0; p < kc; ++p) dst[p * MR + r] = src[p];
            }
        }
    }

    // op(B)[p0:p0+kc, j0:j0+nc] as NR-column slivers, each kc × NR, columns past nc zero-padded. Given `steps`,
    // also lists each sliver's nonzero rows there while they are at hand (returns true); a transposed B's
    // slivers come from 8 × 8 transposes, with no row at hand, and get no lists (false).
    static bool pack_b(const MatrixRef& b, int64_t p0, int64_t kc, int64_t j0, int64_t nc, float* out,
                       StepList* steps = nullptr) {
        const int64_t ldb = b.cols;
        for (int64_t t = 0; t < nc; t += NR) {
            const int64_t cols = std::min(NR, nc - t);
            float* dst = out + t * kc;
            if (!b.transposed) {  // op(B)(p, j) = b[p][j]: a sliver row is NR contiguous floats
                StepList* list = steps ? steps + t / NR : nullptr;
                int64_t n = 0;
                for (int64_t p = 0; p < kc; ++p) {
                    const float* src = b.data + (p0 + p) * ldb + j0 + t;
                    if (cols == NR)
                        std::memcpy(dst + p * NR, src, NR * sizeof(float));
                    else
                        for (int64_t j = 0; j < NR; ++j) dst[p * NR + j] = j < cols ? src[j] : 0.0f;
                    if (!list) continue;
                    list->at[n] = static_cast<uint16_t>(p);
                    n += !all_zero(dst + p * NR, NR);
                }
                if (list) finish_list(*list, n, kc);
                continue;
            }
            pack_b_transposed(b.data + (j0 + t) * ldb + p0, ldb, kc, cols, dst);
        }
        return steps && !b.transposed;
    }

    // One sliver of op(B)(p, j) = b[j][p] from `cols` stored rows at src: 8 × 8 transposes.
    static void pack_b_transposed(const float* src, int64_t ldb, int64_t kc, int64_t cols, float* dst) {
        int64_t lds = ldb;
        if (cols < NR) {  // a partial sliver: its rows, zero-padded to NR, go through the same transposes
            alignas(64) thread_local float edge[NR * KC];
            for (int64_t j = 0; j < NR; ++j)
                for (int64_t p = 0; p < kc; ++p) edge[j * kc + p] = j < cols ? src[j * ldb + p] : 0.0f;
            src = edge;
            lds = kc;
        }
        int64_t p = 0;
        for (; p + 8 <= kc; p += 8)
            for (int64_t h = 0; h < NR; h += 8) Tile::transpose8x8(src + h * lds + p, lds, dst + p * NR + h, NR);
        for (; p < kc; ++p)
            for (int64_t j = 0; j < NR; ++j) dst[p * NR + j] = src[j * lds + p];
    }

    // C(6×16 at c) = beta·C + alpha · A(6×kc)·Bp(kc×16) over mr × nr, where A(r, p) = a[r·rs + p·cs] (a packed
    // sliver: rs 1, cs MR; rows of a row-major matrix read in place: rs = lda, cs 1), over the steps in `steps`
    // (nullptr or count -1: all kc).
    template <bool Packed>
    static void micro_kernel(int64_t kc, const float* a, int64_t lda, const float* bp, float* c, int64_t ldc,
                             int64_t mr, int64_t nr, float alpha, float beta, const StepList* steps) {
        const int64_t rs = Packed ? 1 : lda, cs = Packed ? MR : 1;
        const float* rows[MR];
        for (int64_t r = 0; r < MR; ++r) rows[r] = a + r * rs;
        Tile t;
        if (steps && steps->count >= 0) {
#pragma GCC unroll 2
            for (int64_t s = 0; s < steps->count; ++s) {
                const int64_t p = steps->at[s];
                t.add(rows, p * cs, bp + p * NR);
            }
        } else {
#pragma GCC unroll 4
            for (int64_t p = 0, q = 0; p < kc; ++p, q += cs, bp += NR) t.add(rows, q, bp);
        }
        t.update(c, ldc, mr, nr, alpha, beta);
    }

    // C[m0:m1, 0:nc] = beta·C + alpha·op(A)[m0:m1, pc:pc+kc] · (packed B, sliver j at bp + j·sliver_stride), c
    // pointing at the block's first column. a_block: this k-block of pack_a_whole's layout, or nullptr.
    // b_steps: each B sliver's step list (pack_b's), or nullptr.
    static void multiply_block(const MatrixRef& a, int64_t m0, int64_t m1, int64_t pc, int64_t kc, const float* bp,
                               int64_t sliver_stride, int64_t nc, float* c, int64_t ldc, float alpha, float beta,
                               float* ap, const float* a_block, const StepList* b_steps) {
        for (int64_t ic = m0; ic < m1; ic += MC) {
            const int64_t mc = std::min(MC, m1 - ic);
            // Rows of a row-major A are read in place (no packing); full MR-row slivers only.
            const int64_t full = a.transposed || a_block ? 0 : mc / MR * MR;
            const float* slivers = a_block ? a_block + ic * kc : ap;  // the slivers pack_a writes, or wrote whole
            if (!a_block && full < mc) pack_a(a, ic + full, mc - full, pc, kc, ap);
            for (int64_t jr = 0; jr < nc; jr += NR) {
                const int64_t nr = std::min(NR, nc - jr);
                const float* sliver = bp + jr / NR * sliver_stride;
                const StepList* steps = b_steps ? b_steps + jr / NR : nullptr;
                for (int64_t ir = 0; ir < mc; ir += MR) {
                    float* cc = c + (ic + ir) * ldc + jr;
                    if (ir < full)
                        micro_kernel<false>(kc, a.data + (ic + ir) * a.cols + pc, a.cols, sliver, cc, ldc, MR, nr,
                                            alpha, beta, steps);
                    else
                        micro_kernel<true>(kc, slivers + (ir - full) * kc, 0, sliver, cc, ldc, std::min(MR, mc - ir),
                                           nr, alpha, beta, steps);
                }
            }
        }
    }
};

}  // namespace
}  // namespace dl::detail

// Defines kernel set `set`'s GEMM entry points (gemm_variants.h) on BlockedGemm<Tile>: the whole body of each
// gemm_kernel_<set>.cpp.
#define DIVELAB_DEFINE_GEMM_KERNELS(set, Tile)                                                                        \
    namespace dl::detail::set {                                                                                       \
    void gemm_tile(const MatrixRef& a, const MatrixRef& b, float* c, int64_t ldc, int64_t m0, int64_t m1, int64_t n0, \
                   int64_t n1, float alpha, float beta) {                                                             \
        BlockedGemm<Tile>::tile(a, b, c, ldc, m0, m1, n0, n1, alpha, beta);                                           \
    }                                                                                                                 \
    void gemm_packed_b(const MatrixRef& a, const float* b_packed, int64_t n, float* c, int64_t ldc, int64_t m0,       \
                       int64_t m1, float alpha, float beta) {                                                         \
        BlockedGemm<Tile>::packed_b(a, b_packed, n, c, ldc, m0, m1, alpha, beta);                                     \
    }                                                                                                                 \
    void pack_b_panels(const MatrixRef& b, float* packed) {                                                           \
        BlockedGemm<Tile>::pack_panels(b, packed);                                                                    \
    }                                                                                                                 \
    void pack_a_whole(const MatrixRef& a, float* packed) {                                                            \
        BlockedGemm<Tile>::pack_a_whole(a, packed);                                                                   \
    }                                                                                                                 \
    void gemm_tile_packed_a(const MatrixRef& a, const float* a_packed, const MatrixRef& b, float* c, int64_t ldc,     \
                            int64_t n0, int64_t n1, float alpha, float beta) {                                        \
        BlockedGemm<Tile>::tile(a, b, c, ldc, 0, BlockedGemm<Tile>::outer_dim(a), n0, n1, alpha, beta, a_packed);     \
    }                                                                                                                 \
    }
