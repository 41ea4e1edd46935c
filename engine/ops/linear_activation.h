#pragma once
// A Linear layer and the activation that alone reads it, as one op: act(x Wᵀ + b). The same numbers as
// linear() then relu() or sigmoid(), bit for bit, without storing x Wᵀ + b: backward reads the activation's
// derivative off its output (ReLU: y > 0; sigmoid: y (1 − y)).
#include "engine/autograd/variable.h"

namespace dl {

enum class LinearActivation { ReLU, Sigmoid };

Var linear_activation(const Var& x, const Var& weight, const Var& bias, LinearActivation activation);

}  // namespace dl
