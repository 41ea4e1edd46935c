#pragma once
// Token ids to vectors (D2L §9.5–9.6). Ids arrive as floats holding whole numbers (a batch of text is
// [B, T] like any other tensor); an id outside [0, vocab) is an InputError naming it.
#include "engine/autograd/variable.h"

namespace dl {

// weight [V, E], ids [...] → [..., E]: row ids[i] of weight. Backward adds each output row's gradient into
// the row it came from (repeated ids add up).
Var embedding(const Tensor& ids, const Var& weight);

// ids [...] → [..., V] of zeros with a 1 at each id (no gradient: ids are data).
Tensor one_hot(const Tensor& ids, int64_t vocab);

}  // namespace dl
