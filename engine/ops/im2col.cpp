#include "engine/ops/im2col.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "engine/core/gemm_kernel.h"

#if defined(__AVX__)
#include <immintrin.h>
#define DIVELAB_IM2COL_AVX 1  // GCC copies 64 bytes in 16-byte pieces otherwise
#endif

namespace dl::detail {

namespace {
constexpr int64_t kLanes = kPanelWidth;  // columns per GEMM sliver

#if DIVELAB_IM2COL_AVX
// kPrefixMasks[n]: all bits set in the first n of 8 lanes.
#define DIVELAB_ONES std::bit_cast<float>(~0u)
alignas(32) const float kPrefixMasks[9][8] = {
    {0, 0, 0, 0, 0, 0, 0, 0},
    {DIVELAB_ONES, 0, 0, 0, 0, 0, 0, 0},
    {DIVELAB_ONES, DIVELAB_ONES, 0, 0, 0, 0, 0, 0},
    {DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, 0, 0, 0, 0, 0},
    {DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, 0, 0, 0, 0},
    {DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, 0, 0, 0},
    {DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, 0, 0},
    {DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, 0},
    {DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES, DIVELAB_ONES}};
#undef DIVELAB_ONES

// v[u] = (src[0][u], src[1][u], …, src[7][u]): eight rows of eight floats transposed in registers.
inline void transpose8x8(const float* const src[8], __m256 v[8]) {
    __m256 r0 = _mm256_loadu_ps(src[0]), r1 = _mm256_loadu_ps(src[1]), r2 = _mm256_loadu_ps(src[2]),
           r3 = _mm256_loadu_ps(src[3]), r4 = _mm256_loadu_ps(src[4]), r5 = _mm256_loadu_ps(src[5]),
           r6 = _mm256_loadu_ps(src[6]), r7 = _mm256_loadu_ps(src[7]);
    const __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1), t2 = _mm256_unpacklo_ps(r2, r3),
                 t3 = _mm256_unpackhi_ps(r2, r3), t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5),
                 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
    r0 = _mm256_shuffle_ps(t0, t2, 0x44); r1 = _mm256_shuffle_ps(t0, t2, 0xEE);
    r2 = _mm256_shuffle_ps(t1, t3, 0x44); r3 = _mm256_shuffle_ps(t1, t3, 0xEE);
    r4 = _mm256_shuffle_ps(t4, t6, 0x44); r5 = _mm256_shuffle_ps(t4, t6, 0xEE);
    r6 = _mm256_shuffle_ps(t5, t7, 0x44); r7 = _mm256_shuffle_ps(t5, t7, 0xEE);
    v[0] = _mm256_permute2f128_ps(r0, r4, 0x20); v[1] = _mm256_permute2f128_ps(r1, r5, 0x20);
    v[2] = _mm256_permute2f128_ps(r2, r6, 0x20); v[3] = _mm256_permute2f128_ps(r3, r7, 0x20);
    v[4] = _mm256_permute2f128_ps(r0, r4, 0x31); v[5] = _mm256_permute2f128_ps(r1, r5, 0x31);
    v[6] = _mm256_permute2f128_ps(r2, r6, 0x31); v[7] = _mm256_permute2f128_ps(r3, r7, 0x31);
}
#endif

bool wide_columns(const ImageWindow& g) { return g.window.stride_h == 1 && g.window.stride_w == 1; }
}  // namespace

int64_t Im2col::columns_for(const ImageWindow& g) {
    return wide_columns(g) ? g.out_h * (g.width + 2 * g.window.pad_w) : g.pixels();
}

Im2col::Im2col(const ImageWindow& g)
    : g_(g), wide_(wide_columns(g)), padded_h_(g.height + 2 * g.window.pad_h), padded_w_(g.width + 2 * g.window.pad_w),
      columns_(columns_for(g)), slivers_((columns_ + kLanes - 1) / kLanes) {
    for (int64_t c = 0; c < g.channels; ++c)
        for (int64_t i = 0; i < g.window.kernel_h; ++i)
            for (int64_t j = 0; j < g.window.kernel_w; ++j) row_offsets_.push_back((c * padded_h_ + i) * padded_w_ + j);
    for (int64_t c = 0; c < g.channels; ++c)
        for (int64_t i = 0; i < g.window.kernel_h; ++i) run_offsets_.push_back((c * padded_h_ + i) * padded_w_);
    zero_area_ = g_.channels * padded_h_ * padded_w_ + g_.window.kernel_w + 2 * kLanes;
    junk_row_ = zero_area_ + zero_area_size();
    for (int64_t r = 0; r < pixel_stride(); ++r)
        pixel_row_offsets_.push_back(r < g.rows() ? row_offsets_[r] : zero_area_);
    if (wide_) {
        for (int64_t q = 0; q < (columns_ + 7) / 8 * 8; ++q) {
            const int64_t ow = q % padded_w_;
            pixel_of_column_.push_back(q < columns_ && ow < g.out_w ? q / padded_w_ * g.out_w + ow : -1);
        }
        return;
    }
    for (int64_t p = 0; p < slivers_ * kLanes; ++p) {
        const int64_t oh = p / g.out_w, ow = p % g.out_w;
        lane_offsets_.push_back(p < columns_ ? oh * g.window.stride_h * padded_w_ + ow * g.window.stride_w : -1);
    }
}

// The padded image, then room for reads that run past its end (a wide row's slice ends up to KW − 1
// floats after the last plane, and a sliver reads up to 15 more), then the pixel-major transposes' zero
// area and junk row.
int64_t Im2col::scratch_size() const { return junk_row_ + pixel_stride() + 8; }

const float* Im2col::pad(const float* image, float* scratch) const {
    const int64_t size = g_.channels * padded_h_ * padded_w_;
    std::fill(scratch + size, scratch + scratch_size(), 0.0f);
    if (g_.window.pad_h == 0 && g_.window.pad_w == 0) {
        std::memcpy(scratch, image, static_cast<size_t>(size) * sizeof(float));
        return scratch;
    }
    std::fill(scratch, scratch + size, 0.0f);
    for (int64_t c = 0; c < g_.channels; ++c)
        for (int64_t h = 0; h < g_.height; ++h)
            std::memcpy(scratch + (c * padded_h_ + h + g_.window.pad_h) * padded_w_ + g_.window.pad_w,
                        image + (c * g_.height + h) * g_.width, static_cast<size_t>(g_.width) * sizeof(float));
    return scratch;
}

inline void Im2col::fill_sliver(const float* corner, int64_t s, float* dst) const {
    if (wide_) {  // 16 consecutive floats of the padded image
#if DIVELAB_IM2COL_AVX
        _mm256_storeu_ps(dst, _mm256_loadu_ps(corner + s * kLanes));
        _mm256_storeu_ps(dst + 8, _mm256_loadu_ps(corner + s * kLanes + 8));
#else
        std::memcpy(dst, corner + s * kLanes, kLanes * sizeof(float));
#endif
        return;
    }
    const int64_t* off = lane_offsets_.data() + s * kLanes;
    for (int64_t q = 0; q < kLanes; ++q) dst[q] = off[q] < 0 ? 0.0f : corner[off[q]];
}

void Im2col::matrix(const float* image, float* col, float* scratch) const {
    const float* padded = pad(image, scratch);
    for (int64_t r = 0; r < g_.rows(); ++r) {
        float* dst = col + r * columns_;
        if (wide_) {
            std::memcpy(dst, padded + row_offsets_[r], static_cast<size_t>(columns_) * sizeof(float));
            continue;
        }
        // The last sliver of a row overhangs into the next row, which is written after it.
        for (int64_t s = 0; s < slivers_; ++s) fill_sliver(padded + row_offsets_[r], s, dst + s * kLanes);
    }
}

void Im2col::packed(const float* image, float* packed, float* scratch) const {
    const float* padded = pad(image, scratch);
    const int64_t rows = g_.rows();
    for (int64_t s = 0; s < slivers_; ++s) {
        for (int64_t r = 0; r < rows; ++r) fill_sliver(padded + row_offsets_[r], s, packed + (s * rows + r) * kLanes);
        const int64_t valid = columns_ - s * kLanes;  // columns past the end must be 0, not junk
        if (valid < kLanes)
            for (int64_t r = 0; r < rows; ++r) {
                float* row = packed + (s * rows + r) * kLanes;
                std::fill(row + valid, row + kLanes, 0.0f);
            }
    }
}

void Im2col::add_back(const float* col, float* image, bool fresh, float* scratch, int64_t col_stride) const {
    std::fill(scratch, scratch + scratch_size(), 0.0f);
    for (int64_t r = 0; r < g_.rows(); ++r) {  // sum into the padded image, then keep its interior
        float* corner = scratch + row_offsets_[r];
        const float* src = col + r * (col_stride ? col_stride : columns_);
        if (wide_)
            for (int64_t q = 0; q < columns_; ++q) corner[q] += src[q];
        else
            for (int64_t q = 0; q < columns_; ++q) corner[lane_offsets_[q]] += src[q];
    }
    keep_interior(scratch, image, fresh);
}

void Im2col::keep_interior(const float* padded, float* image, bool fresh) const {
    for (int64_t c = 0; c < g_.channels; ++c)
        for (int64_t h = 0; h < g_.height; ++h) {
            const float* src = padded + (c * padded_h_ + h + g_.window.pad_h) * padded_w_ + g_.window.pad_w;
            float* dst = image + (c * g_.height + h) * g_.width;
            if (fresh)
                for (int64_t w = 0; w < g_.width; ++w) dst[w] = src[w];
            else
                for (int64_t w = 0; w < g_.width; ++w) dst[w] += src[w];
        }
}

void Im2col::pixel_matrix(const float* image, float* colp, float* scratch) const {
    const float* padded = pad(image, scratch);
    const int64_t stride = pixel_stride(), rows = g_.rows();
#if DIVELAB_IM2COL_AVX
    if (wide_) {
        // Eight rows of Col × eight wide columns (consecutive floats of the padded image) at a time, transposed
        // in registers. Rows past rows() read the scratch's zero area (zeroed by pad), junk columns' pixels go
        // to its junk row.
        for (int64_t q0 = 0; q0 < columns_; q0 += 8) {
            float* dst[8];
            for (int64_t u = 0; u < 8; ++u) {
                const int64_t p = pixel_of_column_[q0 + u];
                dst[u] = p < 0 ? scratch + junk_row_ : colp + p * stride;
            }
            for (int64_t r0 = 0; r0 < stride; r0 += 8) {
                const float* src[8];
                for (int64_t t = 0; t < 8; ++t) src[t] = padded + pixel_row_offsets_[r0 + t] + q0;
                __m256 v[8];
                transpose8x8(src, v);
                for (int64_t u = 0; u < 8; ++u) _mm256_storeu_ps(dst[u] + r0, v[u]);
            }
        }
        return;
    }
#endif
    const int64_t kw = g_.window.kernel_w, runs = static_cast<int64_t>(run_offsets_.size());
    for (int64_t oh = 0; oh < g_.out_h; ++oh)
        for (int64_t ow = 0; ow < g_.out_w; ++ow) {
            const float* corner = padded + oh * g_.window.stride_h * padded_w_ + ow * g_.window.stride_w;
            float* dst = colp + (oh * g_.out_w + ow) * stride;
            for (int64_t r = 0; r < runs; ++r)
                std::memcpy(dst + r * kw, corner + run_offsets_[r], static_cast<size_t>(kw) * sizeof(float));
            std::fill(dst + rows, dst + stride, 0.0f);
        }
}

void Im2col::add_back_pixels(const float* colp, float* image, bool fresh, float* col, float* scratch) const {
    const int64_t stride = pixel_stride();
#if DIVELAB_IM2COL_AVX
    if (wide_) {
        // Transposed back to Col's wide layout (8×8 blocks; junk columns read the scratch's zero area), then
        // summed like add_back does: adding each pixel's window straight into the image would make the
        // overlapping read-modify-writes of neighbouring windows wait on each other.
        std::fill(scratch + zero_area_, scratch + zero_area_ + zero_area_size(), 0.0f);
        const int64_t col_stride = transposed_stride();
        for (int64_t q0 = 0; q0 < columns_; q0 += 8) {
            const float* src[8];
            for (int64_t u = 0; u < 8; ++u) {
                const int64_t p = pixel_of_column_[q0 + u];
                src[u] = p < 0 ? scratch + zero_area_ : colp + p * stride;
            }
            for (int64_t r0 = 0; r0 < stride; r0 += 8) {
                const float* block[8];
                for (int64_t u = 0; u < 8; ++u) block[u] = src[u] + r0;
                __m256 v[8];
                transpose8x8(block, v);
                for (int64_t t = 0; t < 8; ++t) _mm256_store_ps(col + (r0 + t) * col_stride + q0, v[t]);
            }
        }
        add_back(col, image, fresh, scratch, col_stride);
        return;
    }
#endif
    (void)col;
    std::fill(scratch, scratch + scratch_size(), 0.0f);
    const int64_t kw = g_.window.kernel_w, runs = static_cast<int64_t>(run_offsets_.size());
    for (int64_t oh = 0; oh < g_.out_h; ++oh)
        for (int64_t ow = 0; ow < g_.out_w; ++ow) {
            float* corner = scratch + oh * g_.window.stride_h * padded_w_ + ow * g_.window.stride_w;
            const float* src = colp + (oh * g_.out_w + ow) * stride;
            for (int64_t r = 0; r < runs; ++r, src += kw) {
                float* d = corner + run_offsets_[r];
                for (int64_t q = 0; q < kw; ++q) d[q] += src[q];
            }
        }
    keep_interior(scratch, image, fresh);
}

void Im2col::weight_grad(const float* image, const float* gy, int64_t out_rows, float* dw, bool accumulate,
                         float* scratch) const {
    const float* padded = pad(image, scratch);
    const int64_t rows = g_.rows(), cols = columns_;
    auto store = [&](int64_t o, int64_t r, float v) { dw[o * rows + r] = accumulate ? dw[o * rows + r] + v : v; };
#if DIVELAB_IM2COL_AVX
    // 6 × 2 dot products at a time: 12 accumulators in registers, 8 loads per 12 FMAs.
    for (int64_t o0 = 0; o0 < out_rows; o0 += 6)
        for (int64_t r0 = 0; r0 < rows; r0 += 2) {
            auto a = [&](int64_t i) { return gy + std::min(o0 + i, out_rows - 1) * cols; };  // repeats are dropped
            const float *a0 = a(0), *a1 = a(1), *a2 = a(2), *a3 = a(3), *a4 = a(4), *a5 = a(5);
            const float* b0 = padded + row_offsets_[r0];
            const float* b1 = padded + row_offsets_[std::min(r0 + 1, rows - 1)];
            __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                   c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
            auto step = [&](int64_t q, __m256 keep) {
                const __m256 v0 = _mm256_loadu_ps(b0 + q), v1 = _mm256_loadu_ps(b1 + q);
                __m256 x = _mm256_and_ps(_mm256_loadu_ps(a0 + q), keep);
                c00 = _mm256_fmadd_ps(x, v0, c00); c01 = _mm256_fmadd_ps(x, v1, c01);
                x = _mm256_and_ps(_mm256_loadu_ps(a1 + q), keep);
                c10 = _mm256_fmadd_ps(x, v0, c10); c11 = _mm256_fmadd_ps(x, v1, c11);
                x = _mm256_and_ps(_mm256_loadu_ps(a2 + q), keep);
                c20 = _mm256_fmadd_ps(x, v0, c20); c21 = _mm256_fmadd_ps(x, v1, c21);
                x = _mm256_and_ps(_mm256_loadu_ps(a3 + q), keep);
                c30 = _mm256_fmadd_ps(x, v0, c30); c31 = _mm256_fmadd_ps(x, v1, c31);
                x = _mm256_and_ps(_mm256_loadu_ps(a4 + q), keep);
                c40 = _mm256_fmadd_ps(x, v0, c40); c41 = _mm256_fmadd_ps(x, v1, c41);
                x = _mm256_and_ps(_mm256_loadu_ps(a5 + q), keep);
                c50 = _mm256_fmadd_ps(x, v0, c50); c51 = _mm256_fmadd_ps(x, v1, c51);
            };
            const __m256 all = _mm256_loadu_ps(kPrefixMasks[8]);
            int64_t q = 0;
            for (; q + 8 <= cols; q += 8) step(q, all);
            // Past the last column, gy's lanes are masked to 0 (Col's are finite: the padded image's).
            if (q < cols) step(q, _mm256_loadu_ps(kPrefixMasks[cols - q]));
            const __m256 sums[6][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
            for (int64_t i = 0; i < 6 && o0 + i < out_rows; ++i)
                for (int64_t j = 0; j < 2 && r0 + j < rows; ++j) {
                    alignas(32) float lanes[8];
                    _mm256_store_ps(lanes, sums[i][j]);
                    const float low = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
                    store(o0 + i, r0 + j, low + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7])));
                }
        }
#else
    for (int64_t o = 0; o < out_rows; ++o)
        for (int64_t r = 0; r < rows; ++r) {
            float sum = 0.0f;
            for (int64_t q = 0; q < cols; ++q) sum += gy[o * cols + q] * padded[row_offsets_[r] + q];
            store(o, r, sum);
        }
#endif
}

void Im2col::widen(const float* rows, int64_t count, float* wide_rows) const {
    if (!wide_) {
        std::memcpy(wide_rows, rows, static_cast<size_t>(count * columns_) * sizeof(float));
        return;
    }
    for (int64_t r = 0; r < count * g_.out_h; ++r) {
        const float* src = rows + r * g_.out_w;
        float* dst = wide_rows + r * padded_w_;
        for (int64_t w = 0; w < g_.out_w; ++w) dst[w] = src[w];
        for (int64_t w = g_.out_w; w < padded_w_; ++w) dst[w] = 0.0f;
    }
}

void Im2col::narrow(const float* wide_rows, int64_t count, const float* bias, float* rows) const {
    const int64_t stride = wide_ ? padded_w_ : g_.out_w;
    for (int64_t r = 0; r < count; ++r) {
        const float b = bias ? bias[r] : 0.0f;
        for (int64_t oh = 0; oh < g_.out_h; ++oh) {
            const float* src = wide_rows + r * columns_ + oh * stride;
            float* dst = rows + (r * g_.out_h + oh) * g_.out_w;
            for (int64_t w = 0; w < g_.out_w; ++w) dst[w] = src[w] + b;
        }
    }
}

}  // namespace dl::detail
