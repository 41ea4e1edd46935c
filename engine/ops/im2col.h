#pragma once
// im2col / col2im: the rearrangement that turns a convolution into one matrix product (D2L §7.2's
// cross-correlation as matrix multiplication). Internal to the convolution op.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/ops/window.h"

namespace dl::detail {

// One example's image (or one group's channels of it) and the window that slides over it.
struct ImageWindow {
    int64_t channels = 0, height = 0, width = 0;
    Window2d window;
    int64_t out_h = 0, out_w = 0;
    int64_t rows() const { return channels * window.kernel_h * window.kernel_w; }  // of the column matrix
    int64_t pixels() const { return out_h * out_w; }
};

// The column matrix Col [C·KH·KW, columns] of one image: row (c, i, j) holds image[c, oh·sh + i − ph,
// ow·sw + j − pw] for every output pixel (oh, ow), 0 where the window hangs over the padding. Built from a
// zero-bordered copy of the image.
//
// Stride-1 windows use WIDE columns: one per position of the padded image's first OH rows (OH × W' with
// W' = W + 2·pw), so column oh·W' + ow is output pixel (oh, ow) for ow < OW and junk beyond. Then every row
// of Col is one contiguous slice of the padded image, and building it, packing it for the GEMM and adding it
// back (col2im) are plain copies and sums, at the price of W'/OW more columns (LeNet: 32/28 and 14/10). Outputs
// come back through narrow(); gradients go in through widen(), whose zeros make the junk columns drop out.
class Im2col {
public:
    explicit Im2col(const ImageWindow& g);
    const ImageWindow& geometry() const { return g_; }
    bool wide() const { return wide_; }
    int64_t columns() const { return columns_; }  // OH·W' when wide, else OH·OW
    static int64_t columns_for(const ImageWindow& g);
    int64_t scratch_size() const;                 // floats of scratch every method below needs

    // Col as a row-major [rows, columns] matrix. Writes up to 16 floats past its end: col needs 16 more.
    void matrix(const float* image, float* col, float* scratch) const;
    // Col straight in gemm_packed_b's layout (slivers of 16 columns, each rows × 16, zero past the last column),
    // so the GEMM neither reads a column matrix nor packs one.
    void packed(const float* image, float* packed, float* scratch) const;
    // image (+)= col2im(col) for col [rows, columns] with rows `col_stride` apart (junk columns must be 0);
    // writes when `fresh`.
    void add_back(const float* col, float* image, bool fresh, float* scratch, int64_t col_stride = 0) const;

    // Colᵀ: one row per output pixel, so a GEMM can read it in place with the pixels as its rows (conv.cpp's
    // pixel-major layout). Rows are pixel_stride() = rows() rounded up to 8 floats long, zero past rows(), so
    // they are built by 8×8 transposes of the padded image with aligned stores; a GEMM uses them as
    // [OH·OW, pixel_stride()] against a weight padded with zeros to match. Writes up to 8 floats past its end.
    int64_t pixel_stride() const { return (g_.rows() + 7) / 8 * 8; }
    void pixel_matrix(const float* image, float* colp, float* scratch) const;
    // image (+)= the adjoint of pixel_matrix (col2im) for colp [OH·OW, pixel_stride()]; writes when `fresh`.
    // col holds pixel_stride() · transposed_stride() floats of scratch.
    void add_back_pixels(const float* colp, float* image, bool fresh, float* col, float* scratch) const;
    int64_t transposed_stride() const { return (columns_ + 7) / 8 * 8; }

    // Wide columns only: dw[o][r] (+)= Σ_q gy[o][q] · Col[r][q] for o < out_rows, i.e. dY · Colᵀ with dw's row
    // stride rows(), straight from the padded image instead of building and packing Col (dot products of long
    // rows: right when Col has many columns, like LeNet's 896). gy [out_rows, columns()] must be readable 8
    // floats past its end. Adds to dw when `accumulate`.
    void weight_grad(const float* image, const float* gy, int64_t out_rows, float* dw, bool accumulate,
                     float* scratch) const;

    // count rows of OH·OW pixels -> rows of columns() (zeros in the junk columns).
    void widen(const float* rows, int64_t count, float* wide_rows) const;
    // The inverse: count rows of columns() -> OH·OW pixels, plus bias[row] when bias is given.
    void narrow(const float* wide_rows, int64_t count, const float* bias, float* rows) const;

private:
    const float* pad(const float* image, float* scratch) const;  // the padded copy, inside scratch
    void keep_interior(const float* padded, float* image, bool fresh) const;  // image (+)= padded without its border
    void fill_sliver(const float* corner, int64_t sliver, float* dst) const;

    ImageWindow g_;
    bool wide_;
    int64_t padded_h_, padded_w_, columns_, slivers_;
    std::vector<int64_t> row_offsets_;   // per row (c, i, j) of Col: its window corner in the padded image
    std::vector<int64_t> run_offsets_;   // per (c, i): where a window's kernel row starts, from its corner
    std::vector<int64_t> lane_offsets_;  // strided windows: each column's offset from the corner, −1 = none
    std::vector<int64_t> pixel_of_column_;  // wide columns: the output pixel of each (−1 = junk), to a multiple of 8
    std::vector<int64_t> pixel_row_offsets_;  // row_offsets_ padded to pixel_stride() with the zero area
    int64_t zero_area_ = 0, junk_row_ = 0;    // offsets in the scratch (see scratch_size())
    int64_t zero_area_size() const { return std::max(columns_, pixel_stride()) + 16; }
};

}  // namespace dl::detail
