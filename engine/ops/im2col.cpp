#include "engine/ops/im2col.h"

#include <algorithm>
#include <cstring>

#include "engine/core/gemm_kernel.h"

namespace dl::detail {

namespace {
constexpr int64_t kLanes = kPanelWidth;  // columns per GEMM sliver

bool wide_columns(const ImageWindow& g) {
    return g.window.stride_h == 1 && g.window.stride_w == 1;
}
}  // namespace

int64_t Im2col::columns_for(const ImageWindow& g) {
    return wide_columns(g) ? g.out_h * (g.width + 2 * g.window.pad_w) : g.pixels();
}

Im2col::Im2col(const ImageWindow& g)
    : g_(g),
      wide_(wide_columns(g)),
      padded_h_(g.height + 2 * g.window.pad_h),
      padded_w_(g.width + 2 * g.window.pad_w),
      columns_(columns_for(g)),
      slivers_((columns_ + kLanes - 1) / kLanes) {
    const Window2d& w = g.window;
    for (int64_t c = 0; c < g.channels; ++c)
        for (int64_t i = 0; i < w.kernel_h; ++i)
            for (int64_t j = 0; j < w.kernel_w; ++j) row_offsets_.push_back((c * padded_h_ + i) * padded_w_ + j);
    for (int64_t p = 0; p < g.pixels(); ++p)
        pixel_offsets_.push_back(p / g.out_w * w.stride_h * padded_w_ + p % g.out_w * w.stride_w);
    if (!wide_)
        for (int64_t p = 0; p < slivers_ * kLanes; ++p) lane_offsets_.push_back(p < columns_ ? pixel_offsets_[p] : -1);
}

// The padded image, then zeros for reads that run past its end: a wide row's slice ends up to KW − 1 floats
// after the last plane, a sliver or a vector load reads up to 15 more.
int64_t Im2col::scratch_size() const {
    return g_.channels * padded_h_ * padded_w_ + g_.window.kernel_w + 2 * kLanes;
}

const float* Im2col::padded(const float* image, float* scratch) const {
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
        std::memcpy(dst, corner + s * kLanes, kLanes * sizeof(float));
        return;
    }
    const int64_t* off = lane_offsets_.data() + s * kLanes;
    for (int64_t q = 0; q < kLanes; ++q) dst[q] = off[q] < 0 ? 0.0f : corner[off[q]];
}

void Im2col::matrix(const float* image, float* col, float* scratch) const {
    const float* pad = padded(image, scratch);
    for (int64_t r = 0; r < g_.rows(); ++r) {
        float* dst = col + r * columns_;
        if (wide_) {
            std::memcpy(dst, pad + row_offsets_[r], static_cast<size_t>(columns_) * sizeof(float));
            continue;
        }
        // The last sliver of a row overhangs into the next row, which is written after it.
        for (int64_t s = 0; s < slivers_; ++s) fill_sliver(pad + row_offsets_[r], s, dst + s * kLanes);
    }
}

void Im2col::packed(const float* image, float* packed, float* scratch) const {
    const float* pad = padded(image, scratch);
    const int64_t rows = g_.rows();
    for (int64_t s = 0; s < slivers_; ++s) {
        for (int64_t r = 0; r < rows; ++r) fill_sliver(pad + row_offsets_[r], s, packed + (s * rows + r) * kLanes);
        const int64_t valid = columns_ - s * kLanes;  // columns past the end must be 0, not junk
        for (int64_t r = 0; valid < kLanes && r < rows; ++r) {
            float* row = packed + (s * rows + r) * kLanes;
            std::fill(row + valid, row + kLanes, 0.0f);
        }
    }
}

void Im2col::add_back(const float* col, float* image, bool fresh, float* scratch) const {
    std::fill(scratch, scratch + scratch_size(), 0.0f);
    for (int64_t r = 0; r < g_.rows(); ++r) {  // sum into the padded image, then keep its interior
        float* corner = scratch + row_offsets_[r];
        const float* src = col + r * columns_;
        if (wide_)
            for (int64_t q = 0; q < columns_; ++q) corner[q] += src[q];
        else
            for (int64_t q = 0; q < columns_; ++q) corner[lane_offsets_[q]] += src[q];
    }
    take_interior(scratch, image, fresh);
}

void Im2col::take_interior(const float* padded, float* image, bool fresh) const {
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
