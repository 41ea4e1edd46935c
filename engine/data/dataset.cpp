#include "engine/data/dataset.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/core/error.h"
#include "engine/core/random.h"
#include "engine/data/gather.h"
#include "engine/data/resize.h"

namespace dl {

Sampling parse_sampling(const std::string& name) {
    if (name == "random") return Sampling::Random;
    if (name == "sequential") return Sampling::Sequential;
    throw InputError("unknown sampling '" + name + "': use random or sequential");
}

std::string sampling_name(Sampling sampling) {
    return sampling == Sampling::Random ? "random" : "sequential";
}

int64_t Dataset::size() const {
    if (text) return num_steps > 0 ? (static_cast<int64_t>(text->tokens.size()) - 1) / num_steps : 0;
    return features.defined() ? features.size(0) : 0;
}

Shape Dataset::stored_sample_shape() const {
    if (text) return {num_steps};
    if (!features.defined()) return {};
    return Shape(features.shape().begin() + 1, features.shape().end());
}

Shape Dataset::sample_shape() const {
    Shape s = stored_sample_shape();
    if (image_size > 0 && s.size() == 3) s[1] = s[2] = image_size;
    return s;
}

int64_t Dataset::sample_numel() const {
    return numel(sample_shape());
}

namespace {

// Token ids as floats [n, num_steps], each in [0, vocab), and valid lengths in 1..num_steps.
void check_sentences(const std::string& who, const char* side, const Tensor& ids, const std::vector<int32_t>& lengths,
                     int64_t n, int64_t num_steps, int64_t vocab) {
    if (!ids.defined() || ids.shape() != Shape{n, num_steps})
        throw InputError(who + ": the " + side + " sentences must be [" + std::to_string(n) + ", " +
                         std::to_string(num_steps) + "], got " +
                         (ids.defined() ? to_string(ids.shape()) : std::string("nothing")));
    if (static_cast<int64_t>(lengths.size()) != n)
        throw InputError(who + ": " + std::to_string(lengths.size()) + " " + side + " lengths for " +
                         std::to_string(n) + " sentences");
    for (const int32_t length : lengths)
        if (length < 1 || length > num_steps)
            throw InputError(who + ": a " + side + " valid length of " + std::to_string(length) + " is outside 1.." +
                             std::to_string(num_steps));
    for (int64_t i = 0; i < ids.numel(); ++i)
        if (const float id = ids.data()[i]; !(id >= 0 && id < static_cast<float>(vocab)))
            throw InputError(who + ": " + side + " token id " +
                             (std::isfinite(id) ? std::to_string(static_cast<int64_t>(id)) : std::string("NaN")) +
                             " is outside the vocabulary of " + std::to_string(vocab));
}

void check_translation(const Dataset& d, const std::string& who) {
    const int64_t n = d.size();
    const TranslationCorpus& corpus = *d.translation;
    check_sentences(who, "source", d.features, d.source_lengths, n, d.num_steps, corpus.source_vocab_size());
    check_sentences(who, "target", d.target_tokens, d.target_lengths, n, d.num_steps, corpus.target_vocab_size());
    if (static_cast<int64_t>(corpus.source_text.size()) != n || static_cast<int64_t>(corpus.target_text.size()) != n)
        throw InputError(who + ": " + std::to_string(corpus.source_text.size()) + " source and " +
                         std::to_string(corpus.target_text.size()) + " target sentences for " + std::to_string(n) +
                         " examples");
}

// BERT rows: segments like the tokens, valid lengths in 1..max_len, masked-LM targets inside the tokens.
void check_bert(const Dataset& d, const std::string& who) {
    const int64_t n = d.size();
    const int64_t max_len = d.features.defined() && d.features.dim() == 2 ? d.features.size(1) : 0;
    check_sentences(who, "BERT token", d.features, d.valid_lengths, n, max_len, d.bert->size());
    if (!d.segments.defined() || d.segments.shape() != d.features.shape())
        throw InputError(who + ": the segment ids must have the tokens' shape " + to_string(d.features.shape()));
    if (!d.mlm_positions.defined()) return;
    const int64_t max_preds = d.mlm_positions.dim() == 2 ? d.mlm_positions.size(1) : -1;
    if (d.mlm_positions.dim() != 2 || d.mlm_positions.size(0) != n || static_cast<int64_t>(d.mlm_counts.size()) != n ||
        static_cast<int64_t>(d.mlm_labels.size()) != n * max_preds)
        throw InputError(who + ": the masked-LM positions, counts and labels do not match " + std::to_string(n) +
                         " examples");
    for (int64_t i = 0; i < n; ++i) {
        const int32_t count = d.mlm_counts[static_cast<size_t>(i)];
        if (count < 0 || count > max_preds)
            throw InputError(who + ": example " + std::to_string(i) + " has " + std::to_string(count) +
                             " masked-LM predictions, outside 0.." + std::to_string(max_preds));
        for (int64_t p = 0; p < count; ++p) {
            const float position = d.mlm_positions.data()[i * max_preds + p];
            const int32_t label = d.mlm_labels[static_cast<size_t>(i * max_preds + p)];
            if (!(position >= 0 && position < static_cast<float>(d.valid_lengths[static_cast<size_t>(i)])) ||
                label < 0 || label >= d.bert->size())
                throw InputError(who + ": example " + std::to_string(i) +
                                 " has a masked-LM position past its tokens or a label outside the vocabulary");
        }
    }
}

}  // namespace

void Dataset::check() const {
    const std::string who = "dataset '" + name + "'";
    if (translation) {
        check_translation(*this, who);
        return;
    }
    if (bert) check_bert(*this, who);  // then the labels like any classification
    if (text) {                        // a token stream: every id must be in the vocabulary
        for (const int32_t id : text->tokens)
            if (id < 0 || id >= text->vocab_size())
                throw InputError(who + ": token id " + std::to_string(id) + " is outside the vocabulary of " +
                                 std::to_string(text->vocab_size()));
        return;
    }
    if (!features.defined() || features.dim() < 2)
        throw InputError(who + ": features must be a tensor [N, ...], got " +
                         (features.defined() ? to_string(features.shape()) : std::string("nothing")));
    const int64_t n = size();
    if (is_classification()) {
        if (static_cast<int64_t>(labels.size()) != n)
            throw InputError(who + ": " + std::to_string(labels.size()) + " labels for " + std::to_string(n) +
                             " examples");
        if (!class_names.empty() && static_cast<int>(class_names.size()) != num_classes)
            throw InputError(who + ": " + std::to_string(class_names.size()) + " class names for " +
                             std::to_string(num_classes) + " classes");
        for (int64_t i = 0; i < n; ++i)
            if (labels[i] < 0 || labels[i] >= num_classes)
                throw InputError(who + ": example " + std::to_string(i) + " has label " + std::to_string(labels[i]) +
                                 ", outside 0.." + std::to_string(num_classes - 1));
    } else if (targets.defined()) {
        if (targets.dim() != 2 || targets.size(0) != n)
            throw InputError(who + ": targets " + to_string(targets.shape()) + " do not match " + std::to_string(n) +
                             " examples (expected [N, k])");
    }
}

namespace {
Tensor gather(const Tensor& t, const std::vector<int64_t>& indices) {
    if (!t.defined()) return Tensor();
    Shape shape = t.shape();
    shape[0] = static_cast<int64_t>(indices.size());
    Tensor out = Tensor::empty(shape);
    const int64_t row = numel(Shape(shape.begin() + 1, shape.end()));
    gather_rows(t.data(), row, indices.data(), shape[0], out.data());
    return out;
}

// A translation subset: its target sentences, lengths and texts (the vocabularies stay the same).
void subset_translation(const Dataset& data, const std::vector<int64_t>& indices, Dataset& out) {
    out.num_steps = data.num_steps;
    out.target_tokens = gather(data.target_tokens, indices);
    auto corpus = std::make_shared<TranslationCorpus>();
    corpus->source_vocab = data.translation->source_vocab;
    corpus->target_vocab = data.translation->target_vocab;
    corpus->skipped_lines = data.translation->skipped_lines;
    for (const int64_t i : indices) {
        const auto row = static_cast<size_t>(i);
        out.source_lengths.push_back(data.source_lengths[row]);
        out.target_lengths.push_back(data.target_lengths[row]);
        corpus->source_text.push_back(data.translation->source_text[row]);
        corpus->target_text.push_back(data.translation->target_text[row]);
    }
    out.translation = std::move(corpus);
}

// A BERT subset: segments, valid lengths and the masked-LM rows (the vocabulary is shared).
void subset_bert(const Dataset& data, const std::vector<int64_t>& indices, Dataset& out) {
    out.bert = data.bert;
    out.segments = gather(data.segments, indices);
    out.mlm_positions = gather(data.mlm_positions, indices);
    const int64_t max_preds = data.mlm_positions.defined() ? data.mlm_positions.size(1) : 0;
    for (const int64_t i : indices) {
        const auto row = static_cast<size_t>(i);
        out.valid_lengths.push_back(data.valid_lengths[row]);
        if (!data.mlm_positions.defined()) continue;
        out.mlm_counts.push_back(data.mlm_counts[row]);
        const auto first = data.mlm_labels.begin() + i * max_preds;
        out.mlm_labels.insert(out.mlm_labels.end(), first, first + max_preds);
    }
}
}  // namespace

void gather_examples(const Dataset& data, const int64_t* rows, int64_t count, float* dst) {
    const Shape stored = data.stored_sample_shape();
    if (data.image_size > 0 && stored.size() == 3)
        gather_resized(data.features.data(), stored, rows, count, dst, data.image_size, data.image_size);
    else
        gather_rows(data.features.data(), numel(stored), rows, count, dst);
}

Tensor gather_examples(const Dataset& data, const std::vector<int64_t>& rows) {
    Shape shape = data.sample_shape();
    shape.insert(shape.begin(), static_cast<int64_t>(rows.size()));
    Tensor out = Tensor::empty(shape);
    gather_examples(data, rows.data(), static_cast<int64_t>(rows.size()), out.data());
    return out;
}

Dataset subset(const Dataset& data, const std::vector<int64_t>& indices) {
    const int64_t n = data.size();
    for (int64_t i : indices)
        if (i < 0 || i >= n)
            throw InputError("subset of '" + data.name + "': index " + std::to_string(i) + " is outside 0.." +
                             std::to_string(n - 1));
    Dataset out;
    out.name = data.name;
    out.num_classes = data.num_classes;
    out.class_names = data.class_names;
    out.feature_names = data.feature_names;
    out.image_size = data.image_size;
    out.features = gather(data.features, indices);
    out.targets = gather(data.targets, indices);
    if (!data.labels.empty()) {
        out.labels.reserve(indices.size());
        for (int64_t i : indices) out.labels.push_back(data.labels[i]);
    }
    if (data.translation) subset_translation(data, indices, out);
    if (data.bert) subset_bert(data, indices, out);
    return out;
}

Dataset head(const Dataset& data, int64_t n) {
    std::vector<int64_t> indices(static_cast<size_t>(std::clamp<int64_t>(n, 0, data.size())));
    std::iota(indices.begin(), indices.end(), int64_t{0});
    return subset(data, indices);
}

void split_indices(int64_t n, double test_fraction, uint64_t seed, std::vector<int64_t>& train,
                   std::vector<int64_t>& test) {
    if (!(test_fraction >= 0.0 && test_fraction < 1.0))
        throw InputError("test fraction " + std::to_string(test_fraction) + " must be in [0, 1)");
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), int64_t{0});
    Rng rng(seed);
    rng.shuffle(order.begin(), order.end());
    const auto n_test = static_cast<int64_t>(std::llround(static_cast<double>(n) * test_fraction));
    test.assign(order.begin(), order.begin() + n_test);
    train.assign(order.begin() + n_test, order.end());
    std::sort(test.begin(), test.end());
    std::sort(train.begin(), train.end());
}

DataSplit split_train_test(const Dataset& data, double test_fraction, uint64_t seed) {
    std::vector<int64_t> train, test;
    split_indices(data.size(), test_fraction, seed, train, test);
    return {subset(data, train), subset(data, test)};
}

}  // namespace dl
