#pragma once
// 3×3 stride-1 convolutions by Winograd's F(4×4, 3×3) (engine/ops/winograd_kernels.h): each 4×4 block of
// output pixels costs 36 products per input–output channel pair instead of 144, done as 36 matrix products
// over channels. Backward runs the transposed transforms, so its gradients are those of what forward computed.
// The results differ from direct convolution by rounding only: within 2e-5 of each tensor's largest value
// (tests/engine/test_winograd.cpp).
// Internal to the convolution op (engine/ops/conv.cpp), which uses it where it fits.
#include "engine/autograd/variable.h"
#include "engine/ops/conv_passes.h"

namespace dl::detail {

// 3×3 kernel, stride 1, padding 1, one group, enough channels for the transforms to pay (and enabled).
bool winograd_fits(const ConvPlan& plan);

// conv2d(x, weight, bias) for a plan that fits.
Var winograd_conv2d(const Var& x, const Var& weight, const Var& bias, const ConvPlan& plan);

}  // namespace dl::detail
