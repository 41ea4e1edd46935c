#pragma once
// Elementwise activation functions (D2L §5.1).
#include "engine/autograd/variable.h"

namespace dl {

Var relu(const Var& x);
Var leaky_relu(const Var& x, float negative_slope = 0.01f);
Var sigmoid(const Var& x);
Var tanh(const Var& x);
Var gelu(const Var& x);  // exact form x·Φ(x), as PyTorch's default

}  // namespace dl
