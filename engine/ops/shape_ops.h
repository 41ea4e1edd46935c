#pragma once
// Ops that move or regroup values without arithmetic.
#include <vector>

#include "engine/autograd/variable.h"

namespace dl {

Var reshape(const Var& x, Shape shape);            // one dimension may be -1
Var flatten(const Var& x, int64_t start_dim = 1);  // [N, C, H, W] -> [N, C*H*W]
Var transpose(const Var& x, int64_t dim0 = -2, int64_t dim1 = -1);
Var permute(const Var& x, const std::vector<int64_t>& order);
Var concat(const std::vector<Var>& xs, int64_t axis);
// Entries [start, start + length) along `axis` (PyTorch's narrow); the gradient lands in that range.
Var narrow(const Var& x, int64_t axis, int64_t start, int64_t length);

// Plain-tensor permutation used by several ops.
Tensor permute_tensor(const Tensor& x, const std::vector<int64_t>& order);

}  // namespace dl
