// The generic kernel set's direct convolution kernels: conv_kernels_impl.h on the portable tile.
#include "engine/core/gemm_tile_generic.h"
#include "engine/ops/conv_kernels_impl.h"

namespace dl::detail::generic {

using Kernels = ConvKernels<GenericTile>;

void conv_rows(const PaddedImage& image, const float* wt, int64_t out_rows, const float* bias, float* y) {
    Kernels::conv_rows(image, wt, out_rows, bias, y);
}

void conv_pixels(const PaddedImage& image, const float* wt, int64_t out_cols, float* yt) {
    Kernels::conv_pixels(image, wt, out_cols, yt);
}

void weight_grad_rows(const PaddedImage& image, const float* gy, int64_t out_rows, float* dw, bool accumulate) {
    Kernels::weight_grad_rows(image, gy, out_rows, dw, accumulate);
}

void weight_grad_pixels(const PaddedImage& image, const float* gyt, int64_t out_cols, float* dwt, bool accumulate) {
    Kernels::weight_grad_pixels(image, gyt, out_cols, dwt, accumulate);
}

}  // namespace dl::detail::generic
