#pragma once
// Batched matrix products for attention (D2L §10.3): C[i] = α · op(A[i]) · op(B[i]) for every i of a stack
// of N matrices, as ONE op over all of them (batch × heads), op() optionally transposing its operand, so
// Q Kᵀ needs no transposed copy of K. Backward is the same kind of product. Results do not depend on the
// thread count: each C[i] is one gemm_tile whose sums run in a fixed order.
#include "engine/autograd/variable.h"

namespace dl {

// a [N, m, k] (or [N, k, m] with transpose_a), b [N, k, n] (or [N, n, k] with transpose_b) → [N, m, n].
Var batched_matmul(const Var& a, const Var& b, bool transpose_a = false, bool transpose_b = false, float alpha = 1.0f);

}  // namespace dl
