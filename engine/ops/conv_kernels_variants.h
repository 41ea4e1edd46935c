#pragma once
// The direct convolution kernels of each kernel set (engine/core/cpu_features.h), one namespace per set, each
// defined in its own conv_kernels_<set>.cpp compiled for that instruction set; conv_kernels.cpp chooses
// between them and hands them the image as plain data (no engine classes cross into code built for AVX2).
// The kernels themselves are written once, in conv_kernels_impl.h.
#include <cstdint>

namespace dl::detail {

// One image as the kernels read it: the zero-bordered copy that Im2col::padded writes (with zero slack after
// it for reads that overhang), and the column matrix's offsets into it.
struct PaddedImage {
    const float* data;
    int64_t rows;                  // of the column matrix: C·KH·KW
    int64_t out_h, out_w, pixels;  // output pixels: out_h · out_w
    int64_t padded_w;              // a row of the padded image
    const int64_t* row_offsets;    // per row (c, i, j) of Col: its window corner in data
    const int64_t* pixel_offsets;  // per output pixel: its window's corner in data
};

// The lanes of every tile's dot products (add_products): weight_grad_rows's dY rows are whole multiples.
inline constexpr int64_t kDotLanes = 8;

#define DIVELAB_DECLARE_CONV_KERNELS(set)                                                                           \
    namespace set {                                                                                                 \
    void conv_rows(const PaddedImage& image, const float* wt, int64_t out_rows, const float* bias, float* y);       \
    void conv_pixels(const PaddedImage& image, const float* wt, int64_t out_cols, float* yt);                       \
    void weight_grad_rows(const PaddedImage& image, const float* gy, int64_t out_rows, float* dw, bool accumulate); \
    void weight_grad_pixels(const PaddedImage& image, const float* gyt, int64_t out_cols, float* dwt,               \
                            bool accumulate);                                                                       \
    void add_columns_back(const float* wt, int64_t rows, const float* gy, int64_t out_rows, int64_t columns,        \
                          const int64_t* row_offsets, float* padded);                                               \
    }

DIVELAB_DECLARE_CONV_KERNELS(generic)
#if defined(DIVELAB_X86_KERNELS)
DIVELAB_DECLARE_CONV_KERNELS(avx2)
DIVELAB_DECLARE_CONV_KERNELS(avx512)
#endif
#undef DIVELAB_DECLARE_CONV_KERNELS

}  // namespace dl::detail
