#pragma once
// a ** b with a tensor exponent (D2L §2.1's x ** y), elementwise with NumPy broadcasting.
#include "engine/autograd/variable.h"

namespace dl {

// ∂/∂a = b·a^(b−1); ∂/∂b = a^b·ln a (taken as 0 where a ≤ 0, where the logarithm is undefined).
Var power(const Var& a, const Var& b);

}  // namespace dl
