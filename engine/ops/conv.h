#pragma once
// 2-D convolution (D2L §7.2–7.4) on NCHW float tensors: im2col + the engine's GEMM.
#include "engine/autograd/variable.h"
#include "engine/ops/window.h"

namespace dl {

struct Conv2dParams {
    int64_t stride_h = 1, stride_w = 1;
    int64_t pad_h = 0, pad_w = 0;  // zeros added on both sides
    int64_t groups = 1;            // channels split into independent groups (ResNeXt); 1 = ordinary convolution
};

// Cross-correlation like PyTorch's F.conv2d: x [N, C, H, W], weight [O, C/groups, KH, KW], bias [O] or
// undefined -> [N, O, OH, OW]. Backward gives x, weight and bias gradients; the weight gradient is summed
// over the batch in a fixed order, so results do not depend on the thread count.
Var conv2d(const Var& x, const Var& weight, const Var& bias, const Conv2dParams& params = {});

// 3×3 stride-1 convolutions with enough channels run Winograd's F(4×4, 3×3) (engine/ops/winograd.h): about
// twice as fast, with results that differ from direct convolution by rounding only. On unless turned off here
// (process-wide) or by DIVELAB_WINOGRAD=0 in the environment.
void set_winograd(bool enabled);
bool winograd_enabled();

// Per-example output shape [O, OH, OW] for an input [C, H, W]; throws ShapeError explaining what does not fit.
Shape conv2d_output_shape(const Shape& input, int64_t out_channels, int64_t kernel_h, int64_t kernel_w,
                          const Conv2dParams& params);

}  // namespace dl
