#pragma once
// Register-tiled convolution kernels that read the column matrix straight off the padded image (Im2col's
// row and pixel offsets) instead of building and packing it: each keeps a tile of outputs in registers (6 × 16
// in twelve YMM registers with AVX2, the GEMM micro-kernel's tile; 6 × 32 or 12 × 16 in twelve ZMM registers with
// AVX-512), so they run at GEMM speed without its data movement. Every kernel set has them (conv_kernels_impl.h),
// with the same order of additions in each (AVX-512 gives AVX2's bits); each call runs the active set's.
// Internal to conv2d.
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

// Input gradient for stride-1 windows, col2im without the column matrix: padded (+)= col2im(Wᵀ · dY), where
// row r of Wᵀ · dY [rows, columns] is added at row_offsets[r] (Im2col's), tiles of 6 rows × 16 columns. wt is Wᵀ
// [rows, out_rows] regrouped by pack_six_rows; gy is dY [out_rows, columns] in wide columns (Im2col's), zero in
// the junk ones and up to `columns`, a multiple of 16. padded needs Im2col::scratch_size() floats.
void add_columns_back(const float* wt, int64_t rows, const float* gy, int64_t out_rows, int64_t columns,
                      const int64_t* row_offsets, float* padded);

// Pixel-major forward pass, any stride: yt [OH·OW, out_cols rounded up to 16] = Colᵀ · Wᵀ, tiles of 6 pixels ×
// 16 output columns, each pixel's window values broadcast from the padded image. wt is Wᵀ [K, out_cols] in
// gemm_packed_b's layout (pack_b_panels).
void conv_pixels(const Im2col& im2col, const float* image, const float* wt, int64_t out_cols, float* yt,
                 float* scratch);

// Weight gradient for stride-1 windows and many pixels (LeNet's first layer): dw [out_rows, K] (+)= dY · Colᵀ
// as 6 × 2 dot products at a time along the output rows. gy is dY [out_rows, OH, gy_row_width(OW)], each output
// row zero past OW (widen_rows).
void weight_grad_rows(const Im2col& im2col, const float* image, const float* gy, int64_t out_rows, float* dw,
                      bool accumulate, float* scratch);
int64_t gy_row_width(int64_t out_w);  // OW rounded up to whole vectors
// gy_wide [rows, OH, gy_row_width(OW)] = gy [rows, OH, OW] with zeros past OW.
void widen_rows(const float* gy, int64_t rows, int64_t out_h, int64_t out_w, float* gy_wide);

// Weight gradient, transposed, for few pixels and many output columns (LeNet's second layer), any stride:
// dwt [K, out_cols] (+)= Col · dYᵀ, tiles of 6 rows of Col × 16 output columns. gyt is dY transposed
// (transpose_pixels).
void weight_grad_pixels(const Im2col& im2col, const float* image, const float* gyt, int64_t out_cols, float* dwt,
                        bool accumulate, float* scratch);
// gyt [pixels, out_cols rounded up to 16] = gy [out_cols, pixels] transposed, zero-padded.
void transpose_pixels(const float* gy, int64_t out_cols, int64_t pixels, float* gyt);

}  // namespace dl::detail
