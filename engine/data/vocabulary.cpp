#include "engine/data/vocabulary.h"

#include <algorithm>

namespace dl {

int32_t Vocabulary::id(const std::string& token) const {
    const auto it = token_to_idx.find(token);
    return it == token_to_idx.end() ? 0 : it->second;
}

namespace {

struct TokenCount {
    std::string token;
    int64_t count = 0;
};

// Tokens with their counts in order of first appearance (what iterating a Python Counter gives).
std::vector<TokenCount> count_tokens(const std::vector<std::vector<std::string>>& lines) {
    std::vector<TokenCount> counts;
    std::unordered_map<std::string, size_t> where;
    for (const auto& line : lines)
        for (const std::string& token : line) {
            const auto [it, added] = where.try_emplace(token, counts.size());
            if (added) counts.push_back({token, 0});
            ++counts[it->second].count;
        }
    return counts;
}

void add_token(Vocabulary& vocab, const std::string& token, int64_t count) {
    vocab.token_to_idx.emplace(token, static_cast<int32_t>(vocab.idx_to_token.size()));
    vocab.idx_to_token.push_back(token);
    vocab.token_counts.push_back(count);
}

}  // namespace

Vocabulary build_vocabulary(const std::vector<std::vector<std::string>>& lines, int64_t min_freq,
                            const std::vector<std::string>& reserved) {
    std::vector<TokenCount> counts = count_tokens(lines);
    std::stable_sort(counts.begin(), counts.end(),
                     [](const TokenCount& a, const TokenCount& b) { return a.count > b.count; });
    std::unordered_map<std::string, int64_t> count_of;
    for (const TokenCount& c : counts) count_of.emplace(c.token, c.count);

    Vocabulary vocab;
    add_token(vocab, kUnknownToken, 0);
    for (const std::string& token : reserved)
        if (!vocab.token_to_idx.count(token)) add_token(vocab, token, count_of.count(token) ? count_of[token] : 0);
    for (const TokenCount& c : counts) {
        if (c.count < min_freq) {
            if (!vocab.token_to_idx.count(c.token)) vocab.token_counts[0] += c.count;  // stands for it
            continue;
        }
        if (!vocab.token_to_idx.count(c.token)) add_token(vocab, c.token, c.count);
    }
    return vocab;
}

}  // namespace dl
