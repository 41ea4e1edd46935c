#pragma once
// Pooling (D2L §7.5) on NCHW float tensors: max and average over sliding windows, and the global
// average that NiN and ResNet use as their head.
#include <string>

#include "engine/autograd/variable.h"
#include "engine/ops/window.h"

namespace dl {

// The largest value of each window (padding never wins, as in PyTorch). Backward routes each output's
// gradient to the input element that was the maximum.
Var max_pool2d(const Var& x, const Window2d& window);

// The mean of each window. count_include_pad = true (PyTorch's default) divides by the whole window
// size even where it overlaps the padding; false divides by the number of real input values.
Var avg_pool2d(const Var& x, const Window2d& window, bool count_include_pad = true);
// avg_pool2d(sigmoid(x)) as one op (LeNet's sigmoid, then 2×2 pooling), with the same numbers as the two: each
// plane is pooled while its sigmoid is in cache, and backward takes the pooling's gradient through the sigmoid
// in the same pass, never storing the gradient between them.
Var sigmoid_avg_pool2d(const Var& x, const Window2d& window, bool count_include_pad = true);

// [N, C, H, W] -> [N, C, 1, 1]: the mean of each channel, like nn.AdaptiveAvgPool2d((1, 1)).
Var global_avg_pool2d(const Var& x);

// Per-example output shape [C, OH, OW] of a pooling window on an input [C, H, W]. Throws ShapeError when
// the window does not fit or the padding is more than half the window; `who` starts shape messages.
Shape pool2d_output_shape(const Shape& input, const Window2d& window, const std::string& who);

}  // namespace dl
