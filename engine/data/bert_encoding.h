#pragma once
// Sentence pairs as BERT reads them (D2L §14.8 get_tokens_and_segments, §15.7 _truncate_pair_of_tokens):
// "<cls> a <sep> b <sep>" padded with <pad>, segment ids 0 for <cls>, a and its <sep>, 1 for b and its <sep>.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/data/bert_paragraphs.h"
#include "engine/data/dataset.h"

namespace dl {

struct BertEncodedPair {
    std::vector<std::string> tokens;  // the words after truncation, with <cls> and <sep> (no padding)
    std::vector<int32_t> ids;         // max_len ids
    std::vector<int32_t> segments;    // max_len segment ids
    int32_t valid_length = 0;         // tokens before the padding
};

// One pair for inference. tokens_b may be empty: then "<cls> a <sep>". Words not in the vocabulary become
// <unk>; "[MASK]" and "<mask>" (any case) become <mask>. Too long a pair loses words from the end of its
// longer sentence until it fits (D2L's _truncate_pair_of_tokens). Throws InputError for max_len < 3 or a
// vocabulary that does not start with BERT's special tokens.
BertEncodedPair encode_bert_pair(const BertVocabulary& vocab, const std::vector<std::string>& tokens_a,
                                 const std::vector<std::string>& tokens_b, int64_t max_len);

// A typed sentence as words for encode_bert_pair: bert_tokenize, except that "[MASK]" and "<mask>" (any case,
// even next to punctuation: "the time [MASK]." ) stay one "<mask>" word.
std::vector<std::string> bert_words_with_masks(std::string_view text);

// A fine-tuning data set (paraphrase, SNLI): row i is the pair (a[i], b[i]) with label labels[i], encoded as
// above over `vocab` (features, segments, valid_lengths; bert = vocab).
Dataset bert_pair_dataset(const std::string& name, const std::vector<BertSentence>& a,
                          const std::vector<BertSentence>& b, std::vector<int32_t> labels,
                          std::vector<std::string> class_names, std::shared_ptr<const BertVocabulary> vocab,
                          int64_t max_len);

}  // namespace dl
