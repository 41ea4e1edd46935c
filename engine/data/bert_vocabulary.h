#pragma once
// BERT's vocabulary (D2L §14.9: Vocab(sentences, min_freq=5, reserved_tokens=['<pad>', '<mask>', '<cls>',
// '<sep>'])) and word → id look-ups into it.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/data/bert_paragraphs.h"
#include "engine/data/dataset.h"

namespace dl {

inline constexpr int64_t kBertMinFreq = 5;  // D2L's _WikiTextDataset

// Id 0 "<unk>", 1 "<pad>", 2 "<mask>", 3 "<cls>", 4 "<sep>", then the words seen at least min_freq times in
// `sentences`, most frequent first (ties: first appearance), with their counts.
BertVocabulary build_bert_vocabulary(const std::vector<BertSentence>& sentences, int64_t min_freq = kBertMinFreq);
BertVocabulary build_bert_vocabulary(const BertParagraphs& paragraphs, int64_t min_freq = kBertMinFreq);

// Word → id with <unk> (0) for unknown words. Builds a hash map once; use it for many look-ups.
class BertTokenIds {
public:
    explicit BertTokenIds(const BertVocabulary& vocab);
    int32_t operator()(const std::string& token) const;

private:
    std::unordered_map<std::string, int32_t> ids_;
};

// One look-up (a linear scan: for a few words, e.g. the fill-in-the-blank box).
int32_t bert_token_id(const BertVocabulary& vocab, const std::string& token);

// Throws InputError unless `vocab` starts with BERT's five special tokens in their order.
void check_bert_vocabulary(const BertVocabulary& vocab, const std::string& who);

}  // namespace dl
