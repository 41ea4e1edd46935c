#pragma once
// Matrix products: the GEMM-shaped hot path of every dense layer.
#include "engine/autograd/variable.h"

namespace dl {

// [m, k] @ [k, n]; [..., m, k] @ [k, n] (leading axes folded into rows); [B, m, k] @ [B, k, n].
Var matmul(const Var& a, const Var& b);

// Fully connected: y = x Wᵀ + b with x [..., in], W [out, in] (PyTorch's layout), b [out] or undefined.
// One GEMM forward; backward computes dx only when x needs it (never for the input batch).
Var linear(const Var& x, const Var& weight, const Var& bias);

namespace detail {
// What linear() and linear_activation() share: the product's shape, its value, and its backward from the
// gradient of x Wᵀ + b (inputs x, weight and, if defined, bias, in that order).
struct LinearShape {
    int64_t rows = 0, in_features = 0, out_features = 0;
};
LinearShape check_linear(const Var& x, const Var& weight, const Var& bias);
Tensor linear_value(const Var& x, const Var& weight, const Var& bias, const LinearShape& s);
void linear_backward(GradNode& self, const Tensor& g, const LinearShape& s);
}  // namespace detail

}  // namespace dl
