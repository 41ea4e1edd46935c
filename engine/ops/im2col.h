#pragma once
// im2col / col2im: the rearrangement that turns a convolution into one matrix product (D2L §7.2's
// cross-correlation as matrix multiplication). Internal to the convolution op.
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
// ow·sw + j − pw] for every output pixel (oh, ow), 0 where the window hangs over the padding. Everything is
// read from a zero-bordered copy of the image (padded()), where row r starts at row_offsets()[r] and output
// pixel p's window at pixel_offsets()[p].
//
// Stride-1 windows use WIDE columns: one per position of the padded image's first OH rows (OH × W' with
// W' = W + 2·pw), so column oh·W' + ow is output pixel (oh, ow) for ow < OW and junk beyond. Then every row
// of Col is one contiguous slice of the padded image, and building it, packing it for the GEMM and adding it
// back (col2im) are plain copies and sums, at the price of W'/OW more columns (LeNet: 32/28 and 14/10). Outputs
// come back through narrow(); gradients go in through widen(), whose zeros make the junk columns drop out.
class Im2col {
public:
    explicit Im2col(const ImageWindow& g);
    static int64_t columns_for(const ImageWindow& g);
    const ImageWindow& geometry() const { return g_; }
    bool wide() const { return wide_; }
    int64_t columns() const { return columns_; }  // OH·W' when wide, else OH·OW
    int64_t scratch_size() const;                 // floats of scratch every method below needs

    // The zero-bordered copy of image, written into scratch (with zeros after it, for reads that overhang).
    const float* padded(const float* image, float* scratch) const;
    int64_t padded_width() const { return padded_w_; }
    const std::vector<int64_t>& row_offsets() const { return row_offsets_; }
    const std::vector<int64_t>& pixel_offsets() const { return pixel_offsets_; }

    // Col as a row-major [rows, columns] matrix. Writes up to 16 floats past its end: col needs 16 more.
    void matrix(const float* image, float* col, float* scratch) const;
    // Col straight in gemm_packed_b's layout (slivers of 16 columns, each rows × 16, zero past the last column),
    // so the GEMM neither reads a column matrix nor packs one.
    void packed(const float* image, float* packed, float* scratch) const;
    // image (+)= col2im(col) for col [rows, columns] (junk columns must be 0); writes when `fresh`.
    void add_back(const float* col, float* image, bool fresh, float* scratch) const;
    // image (+)= the interior of a padded image laid out as padded() writes it; writes when `fresh`.
    void take_interior(const float* padded, float* image, bool fresh) const;

    // count rows of OH·OW pixels -> rows of columns() (zeros in the junk columns).
    void widen(const float* rows, int64_t count, float* wide_rows) const;
    // The inverse: count rows of columns() -> OH·OW pixels, plus bias[row] when bias is given.
    void narrow(const float* wide_rows, int64_t count, const float* bias, float* rows) const;

private:
    void fill_sliver(const float* corner, int64_t sliver, float* dst) const;  // corner: the row's window corner

    ImageWindow g_;
    bool wide_;
    int64_t padded_h_, padded_w_, columns_, slivers_;
    std::vector<int64_t> row_offsets_;    // per row (c, i, j) of Col: its window corner in the padded image
    std::vector<int64_t> pixel_offsets_;  // per output pixel: its window's corner in the padded image
    std::vector<int64_t> lane_offsets_;   // strided windows: each column's offset from the corner, −1 = none
};

}  // namespace dl::detail
