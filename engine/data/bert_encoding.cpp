#include "engine/data/bert_encoding.h"

#include <algorithm>
#include <cctype>

#include "engine/core/error.h"
#include "engine/data/bert_tokenizer.h"
#include "engine/data/bert_vocabulary.h"

namespace dl {

namespace {

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

bool is_mask_word(const std::string& word) {
    const std::string lower = lower_ascii(word);
    return lower == "[mask]" || lower == "<mask>";
}

void check_max_len(int64_t max_len) {
    if (max_len < 3)
        throw InputError("a BERT sequence needs room for <cls>, a word and <sep>: max_len must be at least 3, got " +
                         std::to_string(max_len));
}

// D2L's _truncate_pair_of_tokens: drop the last word of the longer sentence (b on a tie) until the pair fits.
void truncate_pair(std::vector<std::string>& a, std::vector<std::string>& b, int64_t max_len) {
    const int64_t special = b.empty() ? 2 : 3;
    while (static_cast<int64_t>(a.size() + b.size()) + special > max_len) {
        if (a.size() > b.size())
            a.pop_back();
        else
            b.pop_back();
    }
}

// Tokens, ids, segments and valid length of a truncated pair; `id` maps a word to its id.
template <class Lookup>
BertEncodedPair encode(const Lookup& id, std::vector<std::string> a, std::vector<std::string> b, int64_t max_len) {
    truncate_pair(a, b, max_len);
    BertEncodedPair out;
    out.tokens.push_back("<cls>");
    out.tokens.insert(out.tokens.end(), a.begin(), a.end());
    out.tokens.push_back("<sep>");
    const size_t first_b = out.tokens.size();
    if (!b.empty()) {
        out.tokens.insert(out.tokens.end(), b.begin(), b.end());
        out.tokens.push_back("<sep>");
    }
    out.valid_length = static_cast<int32_t>(out.tokens.size());
    out.ids.assign(static_cast<size_t>(max_len), BertVocabulary::kPad);
    out.segments.assign(static_cast<size_t>(max_len), 0);
    for (size_t t = 0; t < out.tokens.size(); ++t) {
        out.ids[t] = id(out.tokens[t]);
        out.segments[t] = t >= first_b ? 1 : 0;
    }
    return out;
}

}  // namespace

BertEncodedPair encode_bert_pair(const BertVocabulary& vocab, const std::vector<std::string>& tokens_a,
                                 const std::vector<std::string>& tokens_b, int64_t max_len) {
    check_max_len(max_len);
    check_bert_vocabulary(vocab, "encoding a sentence for BERT");
    const BertTokenIds ids(vocab);
    auto id = [&](const std::string& word) { return is_mask_word(word) ? BertVocabulary::kMask : ids(word); };
    return encode(id, tokens_a, tokens_b, max_len);
}

std::vector<std::string> bert_words_with_masks(std::string_view text) {
    const std::string lower = lower_ascii(text);
    std::vector<std::string> words;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t square = lower.find("[mask]", start), angle = lower.find("<mask>", start);
        const size_t mask = std::min(square, angle);
        const size_t end = mask == std::string::npos ? text.size() : mask;
        for (std::string& word : bert_tokenize(text.substr(start, end - start))) words.push_back(std::move(word));
        if (mask == std::string::npos) break;
        words.push_back("<mask>");
        start = mask + 6;
    }
    return words;
}

Dataset bert_pair_dataset(const std::string& name, const std::vector<BertSentence>& a,
                          const std::vector<BertSentence>& b, std::vector<int32_t> labels,
                          std::vector<std::string> class_names, std::shared_ptr<const BertVocabulary> vocab,
                          int64_t max_len) {
    check_max_len(max_len);
    check_bert_vocabulary(*vocab, name);
    const BertTokenIds ids(*vocab);
    const auto n = static_cast<int64_t>(a.size());
    Dataset data;
    data.name = name;
    data.features = Tensor::empty({n, max_len});
    data.segments = Tensor::empty({n, max_len});
    data.valid_lengths.reserve(a.size());
    for (int64_t i = 0; i < n; ++i) {
        const BertEncodedPair pair = encode(ids, a[static_cast<size_t>(i)], b[static_cast<size_t>(i)], max_len);
        for (int64_t t = 0; t < max_len; ++t) {
            data.features.data()[i * max_len + t] = static_cast<float>(pair.ids[static_cast<size_t>(t)]);
            data.segments.data()[i * max_len + t] = static_cast<float>(pair.segments[static_cast<size_t>(t)]);
        }
        data.valid_lengths.push_back(pair.valid_length);
    }
    data.labels = std::move(labels);
    data.num_classes = static_cast<int>(class_names.size());
    data.class_names = std::move(class_names);
    data.bert = std::move(vocab);
    return data;
}

}  // namespace dl
