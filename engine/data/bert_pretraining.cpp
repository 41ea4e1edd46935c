#include "engine/data/bert_pretraining.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/core/random.h"

namespace dl {

namespace {

// One example before padding, as ids.
struct PretrainingExample {
    std::vector<int32_t> tokens, segments;
    std::vector<int32_t> positions, labels;  // masked-LM predictions, sorted by position
    int32_t is_next = 0;
};

// Python's round() (half to even) of x·0.15, as D2L computes num_mlm_preds and max_num_mlm_preds.
int64_t fifteen_percent(int64_t x) {
    return static_cast<int64_t>(std::nearbyint(static_cast<double>(x) * 0.15));
}

// D2L's _get_next_sentence: half the time b is the real next sentence, else a random sentence of a random
// paragraph (which may by chance be the real one, as in D2L).
const BertSentence& next_sentence(const BertSentence& next, const BertParagraphs& paragraphs, Rng& rng, bool& is_next) {
    is_next = rng.uniform() < 0.5;
    if (is_next) return next;
    const BertParagraph& paragraph = paragraphs[rng.below(paragraphs.size())];
    return paragraph[rng.below(paragraph.size())];
}

// D2L's _replace_mlm_tokens and _get_mlm_data_from_tokens on one example's token ids.
void mask_tokens(PretrainingExample& example, int64_t vocab_size, Rng& rng) {
    std::vector<int32_t>& tokens = example.tokens;
    std::vector<int32_t> candidates;
    for (size_t i = 0; i < tokens.size(); ++i)
        if (tokens[i] != BertVocabulary::kCls && tokens[i] != BertVocabulary::kSep)
            candidates.push_back(static_cast<int32_t>(i));
    const auto num_preds =
        static_cast<size_t>(std::max<int64_t>(1, fifteen_percent(static_cast<int64_t>(tokens.size()))));
    rng.shuffle(candidates.begin(), candidates.end());
    candidates.resize(std::min(num_preds, candidates.size()));
    std::sort(candidates.begin(), candidates.end());
    const std::vector<int32_t> original = tokens;
    // D2L draws in shuffled order; drawing in sorted order is the same distribution.
    for (const int32_t position : candidates) {
        const auto at = static_cast<size_t>(position);
        if (rng.uniform() < 0.8)
            tokens[at] = BertVocabulary::kMask;
        else if (rng.uniform() >= 0.5)  // else unchanged
            tokens[at] = static_cast<int32_t>(rng.below(static_cast<uint64_t>(vocab_size)));
        example.positions.push_back(position);
        example.labels.push_back(original[at]);
    }
}

// D2L's _get_nsp_data_from_paragraph, then the masking, for every paragraph.
std::vector<PretrainingExample> make_examples(const BertParagraphs& paragraphs, const BertVocabulary& vocab,
                                              int64_t max_len, Rng& rng) {
    const BertTokenIds id(vocab);
    std::vector<PretrainingExample> examples;
    for (const BertParagraph& paragraph : paragraphs)
        for (size_t i = 0; i + 1 < paragraph.size(); ++i) {
            bool is_next = false;
            const BertSentence& a = paragraph[i];
            const BertSentence& b = next_sentence(paragraph[i + 1], paragraphs, rng, is_next);
            if (static_cast<int64_t>(a.size() + b.size()) + 3 > max_len) continue;
            PretrainingExample example;
            example.is_next = is_next ? 1 : 0;
            example.tokens.push_back(BertVocabulary::kCls);
            for (const std::string& word : a) example.tokens.push_back(id(word));
            example.tokens.push_back(BertVocabulary::kSep);
            example.segments.assign(example.tokens.size(), 0);
            for (const std::string& word : b) example.tokens.push_back(id(word));
            example.tokens.push_back(BertVocabulary::kSep);
            example.segments.resize(example.tokens.size(), 1);
            examples.push_back(std::move(example));
        }
    for (PretrainingExample& example : examples) mask_tokens(example, vocab.size(), rng);
    return examples;
}

// D2L's _pad_bert_inputs into the Dataset's BERT fields.
Dataset pad_examples(const std::vector<PretrainingExample>& examples, const std::string& name, int64_t max_len) {
    const auto n = static_cast<int64_t>(examples.size());
    const int64_t max_preds = bert_max_predictions(max_len);
    Dataset data;
    data.name = name;
    data.features = Tensor({n, max_len}, static_cast<float>(BertVocabulary::kPad));
    data.segments = Tensor::zeros({n, max_len});
    data.mlm_positions = Tensor::zeros({n, max_preds});
    data.mlm_labels.assign(static_cast<size_t>(n * max_preds), 0);
    for (int64_t i = 0; i < n; ++i) {
        const PretrainingExample& e = examples[static_cast<size_t>(i)];
        for (size_t t = 0; t < e.tokens.size(); ++t) {
            data.features.data()[i * max_len + static_cast<int64_t>(t)] = static_cast<float>(e.tokens[t]);
            data.segments.data()[i * max_len + static_cast<int64_t>(t)] = static_cast<float>(e.segments[t]);
        }
        for (size_t p = 0; p < e.positions.size(); ++p) {
            data.mlm_positions.data()[i * max_preds + static_cast<int64_t>(p)] = static_cast<float>(e.positions[p]);
            data.mlm_labels[static_cast<size_t>(i * max_preds) + p] = e.labels[p];
        }
        data.valid_lengths.push_back(static_cast<int32_t>(e.tokens.size()));
        data.mlm_counts.push_back(static_cast<int32_t>(e.positions.size()));
        data.labels.push_back(e.is_next);
    }
    data.num_classes = 2;
    data.class_names = {"random", "next"};
    return data;
}

}  // namespace

int64_t bert_max_predictions(int64_t max_len) {
    return fifteen_percent(max_len);
}

DataSplit make_bert_pretraining(const BertParagraphs& paragraphs, const std::string& name,
                                const BertPretrainingOptions& o) {
    if (o.max_len < 5)
        throw InputError(name + ": BERT pretraining needs max_len >= 5 (<cls>, a word, <sep>, a word, <sep>), got " +
                         std::to_string(o.max_len));
    if (o.min_freq < 0) throw InputError(name + ": the minimum word frequency must be >= 0");
    if (paragraphs.empty()) throw InputError(name + ": no paragraph with at least two sentences to pretrain on");
    for (const BertParagraph& paragraph : paragraphs)
        if (paragraph.empty()) throw InputError(name + ": a paragraph without sentences");
    auto vocab = o.vocabulary ? o.vocabulary
                              : std::make_shared<const BertVocabulary>(build_bert_vocabulary(paragraphs, o.min_freq));
    check_bert_vocabulary(*vocab, name);
    Rng rng(o.seed);
    const std::vector<PretrainingExample> examples = make_examples(paragraphs, *vocab, o.max_len, rng);
    if (examples.empty())
        throw InputError(name + ": no pair of sentences fits in max_len = " + std::to_string(o.max_len) +
                         " tokens (with <cls> and two <sep>)");
    DataSplit split;
    split.train = pad_examples(examples, name, o.max_len);
    split.train.bert = vocab;
    split.test.name = name;
    return split;
}

}  // namespace dl
