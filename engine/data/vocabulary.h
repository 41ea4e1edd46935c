#pragma once
// Vocabulary (D2L §8.2's Vocab): token ↔ id. Id 0 is "<unk>", then the reserved tokens, then every
// token seen at least min_freq times by frequency, most frequent first; equal frequencies keep the
// order of first appearance (Python's stable sort over a Counter).
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace dl {

inline constexpr const char* kUnknownToken = "<unk>";

struct Vocabulary {
    std::vector<std::string> idx_to_token;
    std::vector<int64_t> token_counts;  // per id: occurrences in the text (<unk>: tokens it stands for)
    std::unordered_map<std::string, int32_t> token_to_idx;

    int64_t size() const { return static_cast<int64_t>(idx_to_token.size()); }
    int32_t id(const std::string& token) const;  // 0 (<unk>) for a token not in the vocabulary
};

Vocabulary build_vocabulary(const std::vector<std::vector<std::string>>& lines, int64_t min_freq = 0,
                            const std::vector<std::string>& reserved = {});

}  // namespace dl
