#pragma once
// NumPy broadcasting: shapes are aligned at the right; a dimension of 1 stretches to match.
#include <functional>

#include "engine/core/tensor.h"

namespace dl {

// The broadcast result shape of a and b; throws ShapeError naming `op` and both shapes.
Shape broadcast_shape(const Shape& a, const Shape& b, const char* op);

// Calls fn(out_index, a_index, b_index) for every element of `out`, in row-major order.
// Inner loop is over the last dimension so per-element cost is a few adds.
void for_each_broadcast(const Shape& out, const Shape& a, const Shape& b,
                        const std::function<void(int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t)>& row);

// Sums `grad` (of a broadcast result) down to `shape`: the gradient rule for broadcasting.
Tensor sum_to(const Tensor& grad, const Shape& shape);

}  // namespace dl
