#pragma once
// Dataset: a whole set of examples in memory, as one features tensor plus labels or targets.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/tensor.h"

namespace dl {

// A text corpus for language modelling (D2L §8.2–8.3): the whole text as one stream of token ids.
struct TextCorpus {
    std::string token_kind = "char";        // "char" or "word"
    std::vector<int32_t> tokens;            // the corpus as vocabulary ids, in reading order
    std::vector<std::string> idx_to_token;  // the vocabulary: id 0 is "<unk>", then by frequency
    std::vector<int64_t> token_counts;      // occurrences of each vocabulary entry in the text
    std::vector<std::string> lines;         // the cleaned lines (D2L's preprocessing), for previews
    int64_t vocab_size() const { return static_cast<int64_t>(idx_to_token.size()); }
};

// Sentence pairs for translation (D2L §9.5): each side preprocessed (a space before punctuation,
// lower case), split into word tokens and mapped to its own vocabulary. Each vocabulary is D2L's:
// id 0 "<unk>", then the reserved "<pad>" (1), "<bos>" (2), "<eos>" (3), then tokens seen at least
// min_freq times, by frequency.
struct TranslationCorpus {
    std::vector<std::string> source_vocab, target_vocab;  // idx_to_token of each side
    std::vector<std::string> source_text, target_text;    // the preprocessed sentences, one per pair
    int64_t skipped_lines = 0;  // non-empty lines of the file that were not "source<TAB>target"
    static constexpr int32_t kUnk = 0, kPad = 1, kBos = 2, kEos = 3;
    int64_t source_vocab_size() const { return static_cast<int64_t>(source_vocab.size()); }
    int64_t target_vocab_size() const { return static_cast<int64_t>(target_vocab.size()); }
};

// BERT's vocabulary (D2L §14.8–14.9): word tokens, id 0 "<unk>", then the reserved "<pad>" (1), "<mask>" (2),
// "<cls>" (3), "<sep>" (4), then the words seen at least min_freq times, by frequency (D2L's Vocab with
// reserved_tokens=['<pad>', '<mask>', '<cls>', '<sep>']).
struct BertVocabulary {
    std::vector<std::string> idx_to_token;
    std::vector<int64_t> token_counts;  // per id: occurrences in the corpus it was built from (0 for reserved)
    static constexpr int32_t kUnk = 0, kPad = 1, kMask = 2, kCls = 3, kSep = 4;
    int64_t size() const { return static_cast<int64_t>(idx_to_token.size()); }
};

// How a language model's minibatches are cut from the stream (D2L §8.3.4).
enum class Sampling { Random, Sequential };
Sampling parse_sampling(const std::string& name);  // "random" | "sequential"; throws InputError
std::string sampling_name(Sampling sampling);

struct Dataset {
    std::string name;
    Tensor features;  // [N, ...stored sample shape], e.g. [N,1,28,28], [N,2], [N,d]
    // Images [N, C, H, W] are kept at the size they were read and resized to image_size × image_size as
    // examples are taken (D2L's transforms.Resize, applied per batch): Fashion-MNIST resized to 96×96 up
    // front would hold 2.6 GB instead of 0.2 GB. 0: examples are taken as stored.
    int64_t image_size = 0;
    // Classification: one label in [0, num_classes) per example.
    std::vector<int32_t> labels;
    int num_classes = 0;
    std::vector<std::string> class_names;  // num_classes entries
    // Regression: targets [N, k]; labels stay empty.
    Tensor targets;
    std::vector<std::string> feature_names;  // optional: one per column of a table ([N,d] features)
    // Language modelling: set for a text corpus, and then features/labels stay empty. An example is
    // num_steps tokens (sample shape [num_steps], token ids as floats) whose labels are the next
    // num_steps tokens; num_classes is the vocabulary size. The trainer cuts batches with `sampling`.
    std::shared_ptr<const TextCorpus> text;
    int64_t num_steps = 0;
    Sampling sampling = Sampling::Random;

    // Translation: set for sentence pairs. Then features holds the source sentences [N, num_steps]
    // (token ids as floats, each ending in <eos>, truncated or padded with <pad>), target_tokens the
    // target sentences the same way, and the valid lengths count the tokens before the padding
    // (<eos> included). num_steps is the padded length; labels/targets stay empty.
    std::shared_ptr<const TranslationCorpus> translation;
    Tensor target_tokens;                                 // [N, num_steps]
    std::vector<int32_t> source_lengths, target_lengths;  // N each

    // BERT (D2L §14.8–14.10, §15.6–15.7): set for sentence pairs read as one sequence. features holds the token
    // rows [N, max_len] ("<cls> a <sep> b <sep>", then <pad>; ids as floats), segments the segment ids
    // [N, max_len] (0 for <cls>, a and its <sep>; 1 for b and its <sep>; 0 in the padding), valid_lengths the
    // tokens before the padding (N). Fine-tuning data (paraphrase, SNLI) is plain classification besides:
    // labels, num_classes, class_names. Pretraining data (masked LM + next sentence, D2L §14.9) has as labels the
    // next-sentence labels (1: b follows a; num_classes 2, class_names {"random", "next"}) and the masked-LM
    // targets:
    //   mlm_positions [N, max_preds]: the positions to predict (ids as floats; 0 past mlm_counts);
    //   mlm_counts    N: how many are real (D2L's mlm_weights: 1 for the first mlm_counts, then 0);
    //   mlm_labels    N·max_preds: the original token at each position (0 past mlm_counts), row-major.
    std::shared_ptr<const BertVocabulary> bert;
    Tensor segments;                     // [N, max_len]
    std::vector<int32_t> valid_lengths;  // N
    Tensor mlm_positions;                // [N, max_preds]
    std::vector<int32_t> mlm_counts;     // N
    std::vector<int32_t> mlm_labels;     // N * max_preds

    bool is_language_model() const { return text != nullptr; }
    bool is_translation() const { return translation != nullptr; }
    bool is_bert() const { return bert != nullptr; }
    bool is_bert_pretraining() const { return bert != nullptr && mlm_positions.defined(); }

    // Examples: for a text corpus, the number of whole num_steps-long subsequences with their labels.
    int64_t size() const;
    Shape sample_shape() const;         // an example as the network reads it (resized to image_size)
    int64_t sample_numel() const;       // floats per example as the network reads it
    Shape stored_sample_shape() const;  // features shape without the leading N
    bool is_classification() const { return num_classes > 0; }
    // Throws InputError if labels/targets/class names (translation: target tokens, lengths, ids) do not match
    // the features.
    void check() const;
};

struct DataSplit {
    Dataset train, test;
};

// The features of examples rows[0..count) as the network reads them (resized to image_size), into dst
// [count, ...sample_shape()].
void gather_examples(const Dataset& data, const int64_t* rows, int64_t count, float* dst);
Tensor gather_examples(const Dataset& data, const std::vector<int64_t>& rows);

// The examples at `indices`, in that order (indices may repeat).
Dataset subset(const Dataset& data, const std::vector<int64_t>& indices);
// The first min(n, size) examples.
Dataset head(const Dataset& data, int64_t n);

// Random split: round(N * test_fraction) examples go to test, chosen by a seeded shuffle.
// Both parts keep the original relative order of their examples.
DataSplit split_train_test(const Dataset& data, double test_fraction, uint64_t seed);
// The same split as index lists (used by loaders that split before building features).
void split_indices(int64_t n, double test_fraction, uint64_t seed, std::vector<int64_t>& train,
                   std::vector<int64_t>& test);

}  // namespace dl
