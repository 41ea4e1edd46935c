#include "engine/data/ngram_counts.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "engine/core/error.h"

namespace dl {

namespace {
// A run of up to three ids packed into one key (ids stay below 2^21 for any vocabulary DiveLab reads).
uint64_t pack(const int32_t* ids, int n) {
    uint64_t key = 0;
    for (int i = 0; i < n; ++i) key = (key << 21) | (static_cast<uint64_t>(ids[i]) & 0x1FFFFF);
    return key;
}
}  // namespace

std::vector<int64_t> ngram_frequencies(const std::vector<int32_t>& tokens, int n) {
    if (n < 1 || n > 3) throw InputError("n-gram frequencies are counted for n = 1, 2 or 3, not " + std::to_string(n));
    std::unordered_map<uint64_t, int64_t> counts;
    for (size_t i = 0; i + static_cast<size_t>(n) <= tokens.size(); ++i) ++counts[pack(tokens.data() + i, n)];
    std::vector<int64_t> frequencies;
    frequencies.reserve(counts.size());
    for (const auto& entry : counts) frequencies.push_back(entry.second);
    std::sort(frequencies.begin(), frequencies.end(), std::greater<>());
    return frequencies;
}

}  // namespace dl
