#pragma once
// Matrix products: the GEMM-shaped hot path of every dense layer.
#include "engine/autograd/variable.h"

namespace dl {

// [m, k] @ [k, n]; [..., m, k] @ [k, n] (leading axes folded into rows); [B, m, k] @ [B, k, n].
Var matmul(const Var& a, const Var& b);

// Fully connected: y = x Wᵀ + b with x [..., in], W [out, in] (PyTorch's layout), b [out] or undefined.
// One GEMM forward; backward computes dx only when x needs it (never for the input batch).
Var linear(const Var& x, const Var& weight, const Var& bias);

}  // namespace dl
