#pragma once
// conv2d's backward pass over the whole batch (engine/ops/conv.cpp), shared with the ops that fuse a
// convolution with what reads its output (engine/ops/conv_sigmoid_pool.h). Internal to the ops.
#include <cstdint>
#include <functional>

#include "engine/autograd/variable.h"
#include "engine/ops/conv_passes.h"

namespace dl::detail {

// Writes the output gradients dY of examples [n0, n1) one after another into `dy` (plan.out_size floats each).
using SliceGradient = std::function<void(int64_t n0, int64_t n1, float* dy)>;

// Adds the gradients of x, weight and bias (self's inputs, in that order) for self's output gradient: self.grad,
// or, given `fill`, what it writes per weight-gradient slice of examples, which then stays in cache for the
// products (plans that are not `batched` only).
void conv2d_backward(const ConvPlan& plan, const Im2col& im2col, GradNode& self, const SliceGradient* fill = nullptr);

}  // namespace dl::detail
