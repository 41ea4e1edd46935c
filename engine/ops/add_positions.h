#pragma once
// Adding position information to a batch of sequences (D2L §10.6, §14.8): y = scale·x + P[:T], where x is
// [B, T, d] and the table P [max_len, d] holds one row per position (sinusoids or a learned embedding). The
// table's gradient sums over the batch in a fixed order.
#include "engine/autograd/variable.h"

namespace dl {

// Throws ShapeError when x is not [B, T, d] with T ≤ max_len and d the table's width.
Var add_positions(const Var& x, const Var& table, float x_scale = 1.0f);

}  // namespace dl
