#include "engine/data/gather.h"

#include <algorithm>
#include <cstring>

#include "engine/core/parallel.h"

namespace dl {

void gather_rows(const float* src, int64_t row_len, const int64_t* rows, int64_t count, float* dst) {
    const size_t row_bytes = static_cast<size_t>(row_len) * sizeof(float);
    auto copy = [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) std::memcpy(dst + i * row_len, src + rows[i] * row_len, row_bytes);
    };
    // Below ~256 KB per chunk, thread start-up costs more than the copy itself.
    const int64_t grain = std::max<int64_t>(1, (int64_t{1} << 16) / std::max<int64_t>(row_len, 1));
    parallel_for(count, grain, copy);
}

}  // namespace dl
