#pragma once
// How often each n-gram of a token stream occurs, most frequent first: the data of D2L §8.3's Zipf
// plot (frequency against rank, log–log, for unigrams, bigrams and trigrams).
#include <cstdint>
#include <vector>

namespace dl {

// Counts of every distinct run of n consecutive ids in `tokens`, sorted in decreasing order. n >= 1.
std::vector<int64_t> ngram_frequencies(const std::vector<int32_t>& tokens, int n);

}  // namespace dl
