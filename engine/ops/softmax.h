#pragma once
// Softmax and log-softmax along one axis, computed with the max-subtraction (log-sum-exp) trick.
#include "engine/autograd/variable.h"

namespace dl {

Var softmax(const Var& x, int64_t axis = -1);
Var log_softmax(const Var& x, int64_t axis = -1);

}  // namespace dl
