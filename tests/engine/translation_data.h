#pragma once
// Translation data sets built by hand for the tests, in D2L §9.5's layout (TranslationCorpus and the
// Dataset's translation fields), so the translation tests do not depend on the data loader: pairs of
// preprocessed sentences → two vocabularies (D2L's Vocab: <unk>, <pad>, <bos>, <eos>, then tokens seen at
// least min_freq times by falling frequency, ties in order of first appearance) → padded id rows.
#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/train/bleu.h"

namespace dltest {

using Pairs = std::vector<std::pair<std::string, std::string>>;

inline std::vector<std::string> d2l_vocabulary(const std::vector<std::string>& sentences, int min_freq) {
    std::map<std::string, int> counts;
    std::vector<std::string> order;
    for (const std::string& s : sentences)
        for (const std::string& w : dl::split_tokens(s))
            if (counts[w]++ == 0) order.push_back(w);
    std::stable_sort(order.begin(), order.end(), [&](const auto& a, const auto& b) { return counts[a] > counts[b]; });
    std::vector<std::string> vocab{"<unk>", "<pad>", "<bos>", "<eos>"};
    for (const std::string& w : order)
        if (counts[w] >= min_freq) vocab.push_back(w);
    return vocab;
}

// Ids + <eos>, truncated or padded to num_steps (D2L's build_array_nmt); returns the valid length.
inline int32_t fill_row(const std::string& sentence, const std::vector<std::string>& vocab, int64_t num_steps,
                        float* row) {
    std::map<std::string, int32_t> ids;
    for (size_t i = 0; i < vocab.size(); ++i) ids.emplace(vocab[i], static_cast<int32_t>(i));
    std::vector<int32_t> line;
    for (const std::string& w : dl::split_tokens(sentence)) line.push_back(ids.count(w) ? ids[w] : 0);
    line.push_back(dl::TranslationCorpus::kEos);
    line.resize(static_cast<size_t>(std::min<int64_t>(num_steps, static_cast<int64_t>(line.size()))));
    const auto valid = static_cast<int32_t>(line.size());
    line.resize(static_cast<size_t>(num_steps), dl::TranslationCorpus::kPad);
    for (int64_t t = 0; t < num_steps; ++t) row[t] = static_cast<float>(line[static_cast<size_t>(t)]);
    return valid;
}

// The pairs as id rows over the vocabularies of `corpus` (which the data set then shares).
inline dl::Dataset dataset_over(const Pairs& pairs, std::shared_ptr<const dl::TranslationCorpus> corpus,
                                int64_t num_steps, const std::string& name = "pairs") {
    dl::Dataset data;
    data.name = name;
    data.num_steps = num_steps;
    const auto n = static_cast<int64_t>(pairs.size());
    data.features = dl::Tensor::empty({n, num_steps});
    data.target_tokens = dl::Tensor::empty({n, num_steps});
    for (int64_t i = 0; i < n; ++i) {
        data.source_lengths.push_back(
            fill_row(pairs[i].first, corpus->source_vocab, num_steps, data.features.data() + i * num_steps));
        data.target_lengths.push_back(
            fill_row(pairs[i].second, corpus->target_vocab, num_steps, data.target_tokens.data() + i * num_steps));
    }
    data.translation = std::move(corpus);
    return data;
}

// The pairs with vocabularies built from them (D2L's min_freq).
inline dl::Dataset translation_dataset(const Pairs& pairs, int64_t num_steps, int min_freq = 1,
                                       const std::string& name = "pairs") {
    auto corpus = std::make_shared<dl::TranslationCorpus>();
    for (const auto& [src, tgt] : pairs) {
        corpus->source_text.push_back(src);
        corpus->target_text.push_back(tgt);
    }
    corpus->source_vocab = d2l_vocabulary(corpus->source_text, min_freq);
    corpus->target_vocab = d2l_vocabulary(corpus->target_text, min_freq);
    return dataset_over(pairs, corpus, num_steps, name);
}

// D2L's preprocess_nmt: non-breaking spaces become spaces, lower case (ASCII), a space before , . ! ? that
// follow a non-space.
inline std::string d2l_preprocess(const std::string& raw) {
    std::string text;
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw.compare(i, 3, "\xE2\x80\xAF") == 0) {
            text += ' ';
            i += 2;
        } else if (raw.compare(i, 2, "\xC2\xA0") == 0) {
            text += ' ';
            i += 1;
        } else {
            text += static_cast<char>(std::tolower(static_cast<unsigned char>(raw[i])));
        }
    }
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i > 0 && (c == ',' || c == '.' || c == '!' || c == '?') && text[i - 1] != ' ') out += ' ';
        out += c;
    }
    return out;
}

// The first `lines` lines of a tab-separated English–French file such as fra.txt, as D2L's tokenize_nmt
// reads them (num_examples = 600 keeps lines 0..600, i.e. 601).
inline Pairs read_pairs(const std::string& path, int lines) {
    std::ifstream in(path);
    Pairs pairs;
    std::string line;
    for (int i = 0; i < lines && std::getline(in, line); ++i) {
        const std::string text = d2l_preprocess(line);
        const size_t tab = text.find('\t');
        if (tab == std::string::npos || text.find('\t', tab + 1) != std::string::npos) continue;
        pairs.emplace_back(text.substr(0, tab), text.substr(tab + 1));
    }
    return pairs;
}

}  // namespace dltest
