#pragma once
// A convolution, a sigmoid and an average pooling as one op (LeNet's Conv2d → Sigmoid → AvgPool2d, D2L §7.6):
// each example's convolution output is activated and pooled while it is still in cache, and in backward each
// slice's output gradient is made just before the convolution's products read it. Neither the convolution's
// output nor its gradient is kept for the whole batch. The numbers are conv2d's, sigmoid's and avg_pool2d's,
// bit for bit.
#include "engine/autograd/variable.h"
#include "engine/ops/conv.h"
#include "engine/ops/window.h"

namespace dl {

// avg_pool2d(sigmoid(conv2d(x, weight, bias, params)), pool, count_include_pad); the three ops one after
// another where the fused pass does not apply (Winograd's and batched convolution plans).
Var conv2d_sigmoid_avg_pool2d(const Var& x, const Var& weight, const Var& bias, const Conv2dParams& params,
                              const Window2d& pool, bool count_include_pad = true);

}  // namespace dl
