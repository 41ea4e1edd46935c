#pragma once
// The direct convolution kernels, written once over a register Tile of 6 × 16 sums (engine/core/gemm_tile_*.h)
// and instantiated by each kernel set's conv_kernels_<set>.cpp. Internal linkage throughout, like the tiles.
// What each kernel computes is documented in conv_kernels.h.
#include <algorithm>
#include <cstdint>

#include "engine/ops/conv_kernels_variants.h"

namespace dl::detail {
namespace {

template <class Tile>
struct ConvKernels {
    static constexpr int64_t kRows = Tile::kRows;

    // Tiles of 6 output rows × 16 pixels of one output row; wt holds the weights six rows side by side.
    static void conv_rows(const PaddedImage& im, const float* wt, int64_t out_rows, const float* bias, float* y) {
        constexpr int64_t kCols = Tile::kCols;
        for (int64_t o0 = 0; o0 < out_rows; o0 += kRows, wt += kRows * im.rows) {
            const float* w[kRows];  // row i's weight for Col row r at w[i][6r]
            for (int64_t i = 0; i < kRows; ++i) w[i] = wt + i;
            const int64_t count = std::min(kRows, out_rows - o0);
            // The last tile overlaps the one before, so none is partial, unless a row is narrower than a tile:
            // then its one tile reads on into the padded image's next row (or its zero slack) and stores `cols`.
            const int64_t cols = std::min(kCols, im.out_w);
            for (int64_t oh = 0; oh < im.out_h; ++oh)
                for (int64_t ow = 0;; ow += kCols) {
                    ow = std::max<int64_t>(0, std::min(ow, im.out_w - kCols));
                    const float* corner = im.data + oh * im.padded_w + ow;
                    Tile t;
                    for (int64_t r = 0; r < im.rows; ++r) t.add(w, kRows * r, corner + im.row_offsets[r]);
                    t.store(y + o0 * im.pixels + oh * im.out_w + ow, im.pixels, count, bias ? bias + o0 : nullptr,
                            cols);
                    if (ow + kCols >= im.out_w) break;
                }
        }
    }

    // Tiles of 6 pixels × 16 output columns, each pixel's window values read off the padded image.
    static void conv_pixels(const PaddedImage& im, const float* wt, int64_t out_cols, float* yt) {
        constexpr int64_t kCols = Tile::kCols;
        const int64_t width = (out_cols + kCols - 1) / kCols * kCols;
        for (int64_t s = 0; s < width / kCols; ++s)
            for (int64_t p0 = 0; p0 < im.pixels; p0 += kRows) {
                const float* px[kRows];  // the six pixels' window corners (the last one repeated past the end)
                for (int64_t i = 0; i < kRows; ++i) px[i] = im.data + im.pixel_offsets[std::min(p0 + i, im.pixels - 1)];
                Tile t;
                const float* b = wt + s * im.rows * kCols;
                for (int64_t r = 0; r < im.rows; ++r, b += kCols) t.add(px, im.row_offsets[r], b);
                t.store(yt + p0 * width + s * kCols, width, std::min(kRows, im.pixels - p0));
            }
    }

    // 6 rows of dY against kDotCols rows of Col at a time: 6·kDotCols dot products along the output rows, eight
    // lanes each. dY's rows are whole vectors (gy_row_width), zero past OW, so no load is masked; when they are as
    // wide as the padded image's, the output rows run on as one loop.
    static void weight_grad_rows(const PaddedImage& im, const float* gy, int64_t out_rows, float* dw, bool accumulate) {
        constexpr int64_t lanes = Tile::kLanes, cols = Tile::kDotCols;
        static_assert(lanes == kDotLanes, "gy_row_width lays dY out for kDotLanes");
        const int64_t row = (im.out_w + lanes - 1) / lanes * lanes, plane = im.out_h * row;
        for (int64_t o0 = 0; o0 < out_rows; o0 += kRows)
            for (int64_t r0 = 0; r0 < im.rows; r0 += cols) {
                const float* a[kRows];  // six rows of dY (the last one repeated past the end)
                for (int64_t i = 0; i < kRows; ++i) a[i] = gy + std::min(o0 + i, out_rows - 1) * plane;
                const float* b[cols];  // rows of Col: window positions in the padded image (the last repeated)
                for (int64_t j = 0; j < cols; ++j) b[j] = im.data + im.row_offsets[std::min(r0 + j, im.rows - 1)];
                Tile t;
                if (row == im.padded_w)
                    for (int64_t x = 0; x < plane; x += lanes) t.add_products(a, x, b, x);
                else
                    for (int64_t oh = 0; oh < im.out_h; ++oh)  // output row oh meets the padded image's row oh
                        for (int64_t ow = 0; ow < row; ow += lanes)
                            t.add_products(a, oh * row + ow, b, oh * im.padded_w + ow);
                for (int64_t i = 0; i < kRows && o0 + i < out_rows; ++i)
                    for (int64_t j = 0; j < cols && r0 + j < im.rows; ++j) {
                        float& out = dw[(o0 + i) * im.rows + r0 + j];
                        out = accumulate ? out + t.lane_sum(i, j) : t.lane_sum(i, j);
                    }
            }
    }

    // Tiles of 6 rows of Wᵀ · dY × 16 (or 32) wide columns, over the O/G products, each row added at its window
    // corner. columns is a multiple of 16; a 32-wide tile's last one may add only its first 16 (its other 16
    // read on into the next row of dY, or 16 floats past its end).
    static void add_columns_back(const float* wt, int64_t rows, const float* gy, int64_t out_rows, int64_t columns,
                                 const int64_t* row_offsets, float* padded) {
        constexpr int64_t kCols = Tile::kCols;
        for (int64_t r0 = 0; r0 < rows; r0 += kRows, wt += kRows * out_rows) {
            const float* w[kRows];  // row i's weight for product o at w[i][6o]
            for (int64_t i = 0; i < kRows; ++i) w[i] = wt + i;
            const int64_t count = std::min(kRows, rows - r0);
            for (int64_t q0 = 0; q0 < columns; q0 += kCols) {
                Tile t;
                for (int64_t o = 0; o < out_rows; ++o) t.add(w, kRows * o, gy + o * columns + q0);
                float* out[kRows];
                for (int64_t i = 0; i < count; ++i) out[i] = padded + row_offsets[r0 + i] + q0;
                t.add_to(out, count, std::min(kCols, columns - q0));
            }
        }
    }

    // Tiles of 6 rows of Col × 16 output columns, summed over the pixels.
    static void weight_grad_pixels(const PaddedImage& im, const float* gyt, int64_t out_cols, float* dwt,
                                   bool accumulate) {
        constexpr int64_t kCols = Tile::kCols;
        const int64_t width = (out_cols + kCols - 1) / kCols * kCols;
        for (int64_t s = 0; s < width / kCols; ++s)
            for (int64_t r0 = 0; r0 < im.rows; r0 += kRows) {
                const float* a[kRows];  // six rows of Col: kernel positions in the padded image (the last repeated)
                for (int64_t i = 0; i < kRows; ++i) a[i] = im.data + im.row_offsets[std::min(r0 + i, im.rows - 1)];
                Tile t;
                const float* b = gyt + s * kCols;
                for (int64_t p = 0; p < im.pixels; ++p, b += width) t.add(a, im.pixel_offsets[p], b);
                const int64_t count = std::min(kRows, im.rows - r0), cols = std::min(kCols, out_cols - s * kCols);
                alignas(64) float tile[kRows * kCols];
                t.store(tile, kCols, count);
                for (int64_t i = 0; i < count; ++i)
                    for (int64_t o = 0; o < cols; ++o) {
                        float& out = dwt[(r0 + i) * out_cols + s * kCols + o];
                        out = accumulate ? out + tile[i * kCols + o] : tile[i * kCols + o];
                    }
            }
    }
};

}  // namespace
}  // namespace dl::detail

// Defines kernel set `set`'s convolution entry points (conv_kernels_variants.h): the whole body of each
// conv_kernels_<set>.cpp. RowTile runs conv_rows and add_columns_back (six rows: the weights are packed in sixes),
// PixelTile conv_pixels and weight_grad_pixels (16 columns: B's panel width), DotTile weight_grad_rows (its lane
// sums fix the order of the additions, so every set keeps 8 lanes).
#define DIVELAB_DEFINE_CONV_KERNELS(set, RowTile, PixelTile, DotTile)                                                \
    namespace dl::detail::set {                                                                                      \
    static_assert(RowTile::kRows == 6 && PixelTile::kCols == 16 && DotTile::kLanes == kDotLanes);                    \
    void conv_rows(const PaddedImage& image, const float* wt, int64_t out_rows, const float* bias, float* y) {       \
        ConvKernels<RowTile>::conv_rows(image, wt, out_rows, bias, y);                                               \
    }                                                                                                                \
    void conv_pixels(const PaddedImage& image, const float* wt, int64_t out_cols, float* yt) {                       \
        ConvKernels<PixelTile>::conv_pixels(image, wt, out_cols, yt);                                                \
    }                                                                                                                \
    void weight_grad_rows(const PaddedImage& image, const float* gy, int64_t out_rows, float* dw, bool accumulate) { \
        ConvKernels<DotTile>::weight_grad_rows(image, gy, out_rows, dw, accumulate);                                 \
    }                                                                                                                \
    void weight_grad_pixels(const PaddedImage& image, const float* gyt, int64_t out_cols, float* dwt,                \
                            bool accumulate) {                                                                       \
        ConvKernels<PixelTile>::weight_grad_pixels(image, gyt, out_cols, dwt, accumulate);                           \
    }                                                                                                                \
    void add_columns_back(const float* wt, int64_t rows, const float* gy, int64_t out_rows, int64_t columns,         \
                          const int64_t* row_offsets, float* padded) {                                               \
        ConvKernels<RowTile>::add_columns_back(wt, rows, gy, out_rows, columns, row_offsets, padded);                \
    }                                                                                                                \
    }
