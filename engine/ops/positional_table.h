#pragma once
// The sinusoidal positional-encoding table of D2L §10.6 ("Attention Is All You Need"):
// P[i, 2j] = sin(i / 10000^(2j/d)), P[i, 2j+1] = cos(i / 10000^(2j/d)). The PositionalEncoding layer
// adds its first rows to a sequence; the positional-encoding view draws it.
#include <cstdint>

#include "engine/core/tensor.h"

namespace dl {

// [steps, dims]; dims may be odd (the last column is then a sine).
Tensor sinusoidal_positions(int64_t steps, int64_t dims);

}  // namespace dl
