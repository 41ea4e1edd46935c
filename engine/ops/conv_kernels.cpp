#include "engine/ops/conv_kernels.h"

#include <algorithm>

#include "engine/core/gemm_kernel.h"

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define DIVELAB_CONV_KERNELS 1
#endif

namespace dl::detail {

bool kernels_available() {
#if DIVELAB_CONV_KERNELS
    return true;
#else
    return false;
#endif
}

bool rows_kernel_fits(const ImageWindow& g) {
    return kernels_available() && g.window.stride_h == 1 && g.window.stride_w == 1 && g.out_w >= 16;
}

int64_t six_rows_size(int64_t out_rows, int64_t k) {
    return (out_rows + 5) / 6 * 6 * k;
}

void pack_six_rows(const float* w, int64_t out_rows, int64_t k, float* wt) {
    for (int64_t o0 = 0; o0 < out_rows; o0 += 6)  // six output rows' weights side by side, Col row after Col row
        for (int64_t r = 0; r < k; ++r)
            for (int64_t i = 0; i < 6; ++i) *wt++ = o0 + i < out_rows ? w[(o0 + i) * k + r] : 0.0f;
}

void transpose_pixels(const float* gy, int64_t out_cols, int64_t pixels, float* gyt) {
    const int64_t width = (out_cols + kPanelWidth - 1) / kPanelWidth * kPanelWidth;
    for (int64_t p = 0; p < pixels; ++p)
        for (int64_t o = 0; o < width; ++o) gyt[p * width + o] = o < out_cols ? gy[o * pixels + p] : 0.0f;
}

#if DIVELAB_CONV_KERNELS

namespace {
// A 6 × 16 tile of sums in twelve registers.
struct Tile {
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00,
           c40 = c00, c41 = c00, c50 = c00, c51 = c00;

    // Row i += *a_i · (b0, b1): one rank-1 update, 12 FMAs.
    void add(const float* a0, const float* a1, const float* a2, const float* a3, const float* a4, const float* a5,
             __m256 b0, __m256 b1) {
        __m256 v = _mm256_broadcast_ss(a0);
        c00 = _mm256_fmadd_ps(v, b0, c00);
        c01 = _mm256_fmadd_ps(v, b1, c01);
        v = _mm256_broadcast_ss(a1);
        c10 = _mm256_fmadd_ps(v, b0, c10);
        c11 = _mm256_fmadd_ps(v, b1, c11);
        v = _mm256_broadcast_ss(a2);
        c20 = _mm256_fmadd_ps(v, b0, c20);
        c21 = _mm256_fmadd_ps(v, b1, c21);
        v = _mm256_broadcast_ss(a3);
        c30 = _mm256_fmadd_ps(v, b0, c30);
        c31 = _mm256_fmadd_ps(v, b1, c31);
        v = _mm256_broadcast_ss(a4);
        c40 = _mm256_fmadd_ps(v, b0, c40);
        c41 = _mm256_fmadd_ps(v, b1, c41);
        v = _mm256_broadcast_ss(a5);
        c50 = _mm256_fmadd_ps(v, b0, c50);
        c51 = _mm256_fmadd_ps(v, b1, c51);
    }

    // out_i[0..16) = row i (+ bias_i), for the first `count` rows, row i at out + i·ld.
    void store(float* out, int64_t ld, int64_t count, const float* bias = nullptr) const {
        const __m256 rows[6][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
        for (int64_t i = 0; i < count; ++i) {
            const __m256 b = _mm256_set1_ps(bias ? bias[i] : 0.0f);
            _mm256_storeu_ps(out + i * ld, _mm256_add_ps(rows[i][0], b));
            _mm256_storeu_ps(out + i * ld + 8, _mm256_add_ps(rows[i][1], b));
        }
    }
};

// Eight floats' sum in a fixed order.
float sum8(__m256 v) {
    alignas(32) float lanes[8];
    _mm256_store_ps(lanes, v);
    return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

// mask[n]: all bits set in the first n of 8 lanes.
__m256i prefix_mask(int64_t n) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
}  // namespace

void conv_rows(const Im2col& im2col, const float* image, const float* wt, int64_t out_rows, const float* bias, float* y,
               float* scratch) {
    const ImageWindow& g = im2col.geometry();
    const float* pad = im2col.padded(image, scratch);
    const int64_t rows = g.rows(), pixels = g.pixels(), padded_w = im2col.padded_width();
    const int64_t* row_offsets = im2col.row_offsets().data();
    for (int64_t o0 = 0; o0 < out_rows; o0 += 6, wt += 6 * rows)
        for (int64_t oh = 0; oh < g.out_h; ++oh)
            for (int64_t ow = 0;; ow += 16) {
                ow = std::min(ow, g.out_w - 16);  // the last tile overlaps the one before: no partial tile
                const float* corner = pad + oh * padded_w + ow;
                Tile t;
                const float* a = wt;
                for (int64_t r = 0; r < rows; ++r, a += 6) {
                    const float* b = corner + row_offsets[r];
                    t.add(a, a + 1, a + 2, a + 3, a + 4, a + 5, _mm256_loadu_ps(b), _mm256_loadu_ps(b + 8));
                }
                t.store(y + o0 * pixels + oh * g.out_w + ow, pixels, std::min<int64_t>(6, out_rows - o0),
                        bias ? bias + o0 : nullptr);
                if (ow + 16 >= g.out_w) break;
            }
}

void conv_pixels(const Im2col& im2col, const float* image, const float* wt, int64_t out_cols, float* yt,
                 float* scratch) {
    const ImageWindow& g = im2col.geometry();
    const float* pad = im2col.padded(image, scratch);
    const int64_t rows = g.rows(), pixels = g.pixels(), width = (out_cols + 15) / 16 * 16;
    const int64_t* row_offsets = im2col.row_offsets().data();
    const int64_t* pixel_offsets = im2col.pixel_offsets().data();
    for (int64_t s = 0; s < width / 16; ++s)
        for (int64_t p0 = 0; p0 < pixels; p0 += 6) {
            const float* px[6];  // the six pixels' window corners (the last one repeated past the end)
            for (int64_t i = 0; i < 6; ++i) px[i] = pad + pixel_offsets[std::min(p0 + i, pixels - 1)];
            Tile t;
            const float* b = wt + s * rows * 16;
            for (int64_t r = 0; r < rows; ++r, b += 16) {
                const int64_t off = row_offsets[r];
                t.add(px[0] + off, px[1] + off, px[2] + off, px[3] + off, px[4] + off, px[5] + off, _mm256_load_ps(b),
                      _mm256_load_ps(b + 8));
            }
            t.store(yt + p0 * width + s * 16, width, std::min<int64_t>(6, pixels - p0));
        }
}

void weight_grad_rows(const Im2col& im2col, const float* image, const float* gy, int64_t out_rows, float* dw,
                      bool accumulate, float* scratch) {
    const ImageWindow& g = im2col.geometry();
    const float* pad = im2col.padded(image, scratch);
    const int64_t rows = g.rows(), pixels = g.pixels(), padded_w = im2col.padded_width();
    const int64_t* row_offsets = im2col.row_offsets().data();
    const __m256i tail = prefix_mask(g.out_w % 8);
    for (int64_t o0 = 0; o0 < out_rows; o0 += 6)
        for (int64_t r0 = 0; r0 < rows; r0 += 2) {
            const float* a[6];  // six rows of dY (the last one repeated past the end)
            for (int64_t i = 0; i < 6; ++i) a[i] = gy + std::min(o0 + i, out_rows - 1) * pixels;
            const float* b0 = pad + row_offsets[r0];
            const float* b1 = pad + row_offsets[std::min(r0 + 1, rows - 1)];
            __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                   c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
            // dY's pixels p… against Col's columns q…; `load` reads eight of dY.
            auto step = [&](int64_t p, int64_t q, auto load) {
                const __m256 v0 = _mm256_loadu_ps(b0 + q), v1 = _mm256_loadu_ps(b1 + q);
                __m256 x = load(a[0] + p);
                c00 = _mm256_fmadd_ps(x, v0, c00);
                c01 = _mm256_fmadd_ps(x, v1, c01);
                x = load(a[1] + p);
                c10 = _mm256_fmadd_ps(x, v0, c10);
                c11 = _mm256_fmadd_ps(x, v1, c11);
                x = load(a[2] + p);
                c20 = _mm256_fmadd_ps(x, v0, c20);
                c21 = _mm256_fmadd_ps(x, v1, c21);
                x = load(a[3] + p);
                c30 = _mm256_fmadd_ps(x, v0, c30);
                c31 = _mm256_fmadd_ps(x, v1, c31);
                x = load(a[4] + p);
                c40 = _mm256_fmadd_ps(x, v0, c40);
                c41 = _mm256_fmadd_ps(x, v1, c41);
                x = load(a[5] + p);
                c50 = _mm256_fmadd_ps(x, v0, c50);
                c51 = _mm256_fmadd_ps(x, v1, c51);
            };
            auto full = [](const float* x) { return _mm256_loadu_ps(x); };
            // A row's last pixels: lanes past it read as 0 (and are never touched in memory).
            auto part = [tail](const float* x) { return _mm256_maskload_ps(x, tail); };
            for (int64_t oh = 0; oh < g.out_h; ++oh) {  // output row oh meets the padded image's row oh
                const int64_t p = oh * g.out_w, q = oh * padded_w;
                int64_t ow = 0;
                for (; ow + 8 <= g.out_w; ow += 8) step(p + ow, q + ow, full);
                if (ow < g.out_w) step(p + ow, q + ow, part);
            }
            const __m256 sums[6][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
            for (int64_t i = 0; i < 6 && o0 + i < out_rows; ++i)
                for (int64_t j = 0; j < 2 && r0 + j < rows; ++j) {
                    float& out = dw[(o0 + i) * rows + r0 + j];
                    out = accumulate ? out + sum8(sums[i][j]) : sum8(sums[i][j]);
                }
        }
}

void weight_grad_pixels(const Im2col& im2col, const float* image, const float* gyt, int64_t out_cols, float* dwt,
                        bool accumulate, float* scratch) {
    const ImageWindow& g = im2col.geometry();
    const float* pad = im2col.padded(image, scratch);
    const int64_t rows = g.rows(), pixels = g.pixels(), width = (out_cols + 15) / 16 * 16;
    const int64_t* row_offsets = im2col.row_offsets().data();
    const int64_t* pixel_offsets = im2col.pixel_offsets().data();
    for (int64_t s = 0; s < width / 16; ++s)
        for (int64_t r0 = 0; r0 < rows; r0 += 6) {
            const float* a[6];  // six rows of Col: kernel positions in the padded image (the last one repeated)
            for (int64_t i = 0; i < 6; ++i) a[i] = pad + row_offsets[std::min(r0 + i, rows - 1)];
            Tile t;
            const float* b = gyt + s * 16;
            for (int64_t p = 0; p < pixels; ++p, b += width) {
                const int64_t q = pixel_offsets[p];  // the pixel's window corner
                t.add(a[0] + q, a[1] + q, a[2] + q, a[3] + q, a[4] + q, a[5] + q, _mm256_loadu_ps(b),
                      _mm256_loadu_ps(b + 8));
            }
            const int64_t count = std::min<int64_t>(6, rows - r0), cols = std::min<int64_t>(16, out_cols - s * 16);
            alignas(32) float tile[6 * 16];
            t.store(tile, 16, count);
            for (int64_t i = 0; i < count; ++i)
                for (int64_t o = 0; o < cols; ++o) {
                    float& out = dwt[(r0 + i) * out_cols + s * 16 + o];
                    out = accumulate ? out + tile[i * 16 + o] : tile[i * 16 + o];
                }
        }
}

#else  // no AVX2/FMA: conv2d never calls these (kernels_available() is false)

void conv_rows(const Im2col&, const float*, const float*, int64_t, const float*, float*, float*) {}
void conv_pixels(const Im2col&, const float*, const float*, int64_t, float*, float*) {}
void weight_grad_rows(const Im2col&, const float*, const float*, int64_t, float*, bool, float*) {}
void weight_grad_pixels(const Im2col&, const float*, const float*, int64_t, float*, bool, float*) {}

#endif

}  // namespace dl::detail
