#pragma once
// Inverted dropout (D2L §5.6): zero each value with probability p and scale survivors by 1/(1−p),
// so evaluation needs no rescaling.
#include "engine/autograd/variable.h"
#include "engine/core/random.h"

namespace dl {

Var dropout(const Var& x, float p, Rng& rng);

}  // namespace dl
