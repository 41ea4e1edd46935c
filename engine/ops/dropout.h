#pragma once
// Inverted dropout (D2L §5.6): zero each value with probability p and scale survivors by 1/(1−p),
// so evaluation needs no rescaling.
#include "engine/autograd/variable.h"
#include "engine/core/random.h"

namespace dl {

Var dropout(const Var& x, float p, Rng& rng);

// Fills mask[0, n) with 0 (probability p) or 1/(1−p), drawing from rng exactly as dropout() does, so
// channel-wise dropout (dropout2d) gets the same masks from the same seed.
void dropout_mask(float* mask, int64_t n, float p, Rng& rng);

}  // namespace dl
