#pragma once
// Indexing ops: pick one entry per row (labels), and select rows.
#include <cstdint>
#include <vector>

#include "engine/autograd/variable.h"

namespace dl {

// x[i, index[i]] for a 2-D x: [B, C] -> [B]. Used for label lookups (D2L §3.6 `y_hat[range(n), y]`).
Var gather(const Var& x, const std::vector<int32_t>& index);
// Rows x[index[k]] along axis 0: [N, ...] -> [K, ...]; gradient scatter-adds (repeats accumulate).
Var index_select(const Var& x, const std::vector<int64_t>& index);

}  // namespace dl
