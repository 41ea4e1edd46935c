#pragma once
// BERT's pretraining examples (D2L §14.9's _WikiTextDataset): next-sentence pairs from each paragraph, 15 %
// of their tokens chosen for the masked language model with the 80/10/10 rule, padded to max_len. A seeded
// dl::Rng stands in for Python's random, so the same seed gives the same examples.
#include <cstdint>
#include <memory>
#include <string>

#include "engine/data/bert_paragraphs.h"
#include "engine/data/bert_vocabulary.h"
#include "engine/data/dataset.h"

namespace dl {

inline constexpr int64_t kBertPretrainingMaxLen = 64;  // D2L's load_data_wiki(batch_size, max_len=64)

struct BertPretrainingOptions {
    int64_t max_len = kBertPretrainingMaxLen;
    int64_t min_freq = kBertMinFreq;
    uint64_t seed = 0;
    std::shared_ptr<const BertVocabulary> vocabulary;  // use this one; null ⇒ build it from the paragraphs
};

// The masked-LM predictions per example: D2L's round(max_len * 0.15) (10 for 64).
int64_t bert_max_predictions(int64_t max_len);

// The examples as a Dataset (see dataset.h's BERT fields: features, segments, valid_lengths, mlm_positions,
// mlm_counts, mlm_labels; labels = is_next). No test split (D2L has none). Throws InputError, naming `name`,
// when max_len < 5 or no sentence pair fits in max_len.
DataSplit make_bert_pretraining(const BertParagraphs& paragraphs, const std::string& name,
                                const BertPretrainingOptions& options = {});

}  // namespace dl
