#pragma once
// Register-tiled convolution kernels that read the column matrix straight off the padded image (Im2col's
// row and pixel offsets) instead of building and packing it: each keeps a 6 × 16 tile of outputs in registers
// (twelve YMM registers with AVX2), the GEMM micro-kernel's tile, so they run at GEMM speed without its data
// movement. Every kernel set has them (conv_kernels_impl.h), with the same order of additions in each; each
// call runs the active set's. Internal to conv2d.
#include <cstdint>

#include "engine/ops/conv_kernels_variants.h"
#include "engine/ops/im2col.h"

namespace dl::detail {

// Channel-major forward pass for stride-1 windows with output rows at least 16 wide:
// y [out_rows, OH·OW] = W · Col + bias, tiles of 6 output rows × 16 pixels of one output row. wt is W
// [out_rows, K] regrouped by pack_six_rows.
bool rows_kernel_fits(const ImageWindow& g);
int64_t six_rows_size(int64_t out_rows, int64_t k);
void pack_six_rows(const float* w, int64_t out_rows, int64_t k, float* wt);
void conv_rows(const Im2col& im2col, const float* image, const float* wt, int64_t out_rows, const float* bias, float* y,
               float* scratch);

// conv_rows on an image the caller laid out itself (the input gradient's padded dY, conv_passes.h): y [out_rows,
// image.pixels] = W · Col with Col's rows at image.row_offsets; image.out_h is 1 and image.out_w its pixels.
void conv_rows_on(const PaddedImage& image, const float* wt, int64_t out_rows, float* y);

// Pixel-major forward pass, any stride: yt [OH·OW, out_cols rounded up to 16] = Colᵀ · Wᵀ, tiles of 6 pixels ×
// 16 output columns, each pixel's window values broadcast from the padded image. wt is Wᵀ [K, out_cols] in
// gemm_packed_b's layout (pack_b_panels).
void conv_pixels(const Im2col& im2col, const float* image, const float* wt, int64_t out_cols, float* yt,
                 float* scratch);

// Weight gradient for stride-1 windows and many pixels (LeNet's first layer): dw [out_rows, K] (+)= dY · Colᵀ
// for dY [out_rows, OH·OW], as 6 × 2 dot products at a time along the output rows.
void weight_grad_rows(const Im2col& im2col, const float* image, const float* gy, int64_t out_rows, float* dw,
                      bool accumulate, float* scratch);

// Weight gradient, transposed, for few pixels and many output columns (LeNet's second layer), any stride:
// dwt [K, out_cols] (+)= Col · dYᵀ, tiles of 6 rows of Col × 16 output columns. gyt is dY transposed
// (transpose_pixels).
void weight_grad_pixels(const Im2col& im2col, const float* image, const float* gyt, int64_t out_cols, float* dwt,
                        bool accumulate, float* scratch);
// gyt [pixels, out_cols rounded up to 16] = gy [out_cols, pixels] transposed, zero-padded.
void transpose_pixels(const float* gy, int64_t out_cols, int64_t pixels, float* gyt);

}  // namespace dl::detail
