#pragma once
// Splitting features into attention heads and joining them back (D2L §10.5's transpose_qkv and
// transpose_output) as plain row copies: [B, T, heads·d] ↔ [B·heads, T, d], head h of example b being
// matrix b·heads + h, so all heads of a batch go through one batched product.
#include <cstdint>

#include "engine/autograd/variable.h"

namespace dl {

Var split_heads(const Var& x, int64_t heads);  // [B, T, heads·d] → [B·heads, T, d]
Var merge_heads(const Var& x, int64_t heads);  // [B·heads, T, d] → [B, T, heads·d]

}  // namespace dl
