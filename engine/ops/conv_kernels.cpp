#include "engine/ops/conv_kernels.h"

#include <algorithm>

#include "engine/core/cpu_features.h"
#include "engine/core/gemm_kernel.h"
#include "engine/core/kernel_dispatch.h"
#include "engine/ops/conv_kernels_variants.h"

// Each call goes to the active kernel set's kernel (conv_kernels_<set>.cpp) with the image padded here.

namespace dl::detail {

namespace {
PaddedImage padded_image(const Im2col& im2col, const float* image, float* scratch) {
    const ImageWindow& g = im2col.geometry();
    return {im2col.padded(image, scratch),
            g.rows(),
            g.out_h,
            g.out_w,
            g.pixels(),
            im2col.padded_width(),
            im2col.row_offsets().data(),
            im2col.pixel_offsets().data()};
}
}  // namespace

bool rows_kernel_fits(const ImageWindow& g) {
    return g.window.stride_h == 1 && g.window.stride_w == 1 && g.out_w >= 16;
}

int64_t six_rows_size(int64_t out_rows, int64_t k) {
    return (out_rows + 5) / 6 * 6 * k;
}

void pack_six_rows(const float* w, int64_t out_rows, int64_t k, float* wt) {
    for (int64_t o0 = 0; o0 < out_rows; o0 += 6)  // six output rows' weights side by side, Col row after Col row
        for (int64_t r = 0; r < k; ++r)
            for (int64_t i = 0; i < 6; ++i) *wt++ = o0 + i < out_rows ? w[(o0 + i) * k + r] : 0.0f;
}

int64_t gy_row_width(int64_t out_w) {
    return (out_w + kDotLanes - 1) / kDotLanes * kDotLanes;
}

void widen_rows(const float* gy, int64_t rows, int64_t out_h, int64_t out_w, float* gy_wide) {
    const int64_t width = gy_row_width(out_w);
    for (int64_t r = 0; r < rows * out_h; ++r, gy += out_w, gy_wide += width)  // a loop, not memcpy calls
        for (int64_t w = 0; w < width; ++w) gy_wide[w] = w < out_w ? gy[w] : 0.0f;
}

void transpose_pixels(const float* gy, int64_t out_cols, int64_t pixels, float* gyt) {
    const int64_t width = (out_cols + kPanelWidth - 1) / kPanelWidth * kPanelWidth;
    for (int64_t p = 0; p < pixels; ++p)
        for (int64_t o = 0; o < width; ++o) gyt[p * width + o] = o < out_cols ? gy[o * pixels + p] : 0.0f;
}

void conv_rows(const Im2col& im2col, const float* image, const float* wt, int64_t out_rows, const float* bias, float* y,
               float* scratch) {
    const PaddedImage im = padded_image(im2col, image, scratch);
    DIVELAB_DISPATCH(conv_rows(im, wt, out_rows, bias, y));
}

void add_columns_back(const float* wt, int64_t rows, const float* gy, int64_t out_rows, int64_t columns,
                      const int64_t* row_offsets, float* padded) {
    DIVELAB_DISPATCH(add_columns_back(wt, rows, gy, out_rows, columns, row_offsets, padded));
}

void conv_pixels(const Im2col& im2col, const float* image, const float* wt, int64_t out_cols, float* yt,
                 float* scratch) {
    const PaddedImage im = padded_image(im2col, image, scratch);
    DIVELAB_DISPATCH(conv_pixels(im, wt, out_cols, yt));
}

void weight_grad_rows(const Im2col& im2col, const float* image, const float* gy, int64_t out_rows, float* dw,
                      bool accumulate, float* scratch) {
    const PaddedImage im = padded_image(im2col, image, scratch);
    DIVELAB_DISPATCH(weight_grad_rows(im, gy, out_rows, dw, accumulate));
}

void weight_grad_pixels(const Im2col& im2col, const float* image, const float* gyt, int64_t out_cols, float* dwt,
                        bool accumulate, float* scratch) {
    const PaddedImage im = padded_image(im2col, image, scratch);
    DIVELAB_DISPATCH(weight_grad_pixels(im, gyt, out_cols, dwt, accumulate));
}

}  // namespace dl::detail
