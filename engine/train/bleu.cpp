#include "engine/train/bleu.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace dl {

namespace {
std::string ngram(const std::vector<std::string>& tokens, size_t start, size_t n) {
    std::string s;
    for (size_t i = start; i < start + n; ++i) s += (i == start ? "" : " ") + tokens[i];
    return s;
}
}  // namespace

std::vector<std::string> split_tokens(const std::string& sentence) {
    std::vector<std::string> tokens;
    if (sentence.empty()) return tokens;
    size_t start = 0;
    while (true) {
        const size_t space = sentence.find(' ', start);
        tokens.push_back(sentence.substr(start, space - start));
        if (space == std::string::npos) break;
        start = space + 1;
    }
    return tokens;
}

double bleu(const std::vector<std::string>& prediction, const std::vector<std::string>& label, int k) {
    const size_t len_pred = prediction.size(), len_label = label.size();
    if (len_pred < static_cast<size_t>(std::max(k, 1))) return 0.0;  // D2L would divide by zero
    double score = std::exp(std::min(0.0, 1.0 - static_cast<double>(len_label) / static_cast<double>(len_pred)));
    for (size_t n = 1; n <= static_cast<size_t>(k); ++n) {
        std::map<std::string, int> label_subs;
        for (size_t i = 0; i + n <= len_label; ++i) ++label_subs[ngram(label, i, n)];
        int matches = 0;
        for (size_t i = 0; i + n <= len_pred; ++i) {
            auto it = label_subs.find(ngram(prediction, i, n));
            if (it != label_subs.end() && it->second > 0) {
                ++matches;
                --it->second;
            }
        }
        score *= std::pow(static_cast<double>(matches) / static_cast<double>(len_pred - n + 1), std::pow(0.5, n));
    }
    return score;
}

double bleu(const std::string& prediction, const std::string& label, int k) {
    return bleu(split_tokens(prediction), split_tokens(label), k);
}

}  // namespace dl
