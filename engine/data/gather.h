#pragma once
// Row gather: dst row i = src row rows[i]. The hot path of batching, so it is a memcpy per row,
// spread over threads when the copy is big.
#include <cstdint>

namespace dl {

void gather_rows(const float* src, int64_t row_len, const int64_t* rows, int64_t count, float* dst);

}  // namespace dl
