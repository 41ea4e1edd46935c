#pragma once
// The Stanford Natural Language Inference corpus's files (D2L §15.4's read_snli), for learners who have them:
// snli_1.0_train.txt / snli_1.0_test.txt, tab-separated with a header row, read by the columns gold_label,
// sentence1 (premise) and sentence2 (hypothesis).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/data/bert_paragraphs.h"
#include "engine/data/dataset.h"

namespace dl {

inline constexpr int64_t kSnliMaxLen = 128;  // D2L §15.7's SNLIBERTDataset(max_len=128)

struct SnliExamples {
    std::vector<BertSentence> premises, hypotheses;  // bert_tokenize'd
    std::vector<int32_t> labels;                     // 0 entailment, 1 contradiction, 2 neutral (D2L's order)
};

// Rows with gold_label "-" (no consensus) are dropped, as D2L does; rows with too few fields are skipped.
// Throws InputError naming `who` for a missing column or an unknown label (naming its line).
SnliExamples parse_snli(const std::vector<std::string>& lines, const std::string& who);
SnliExamples read_snli(const std::string& path);

const std::vector<std::string>& snli_class_names();  // {"entailment", "contradiction", "neutral"}

struct SnliOptions {
    int64_t max_len = kSnliMaxLen;
    // The vocabulary: this one (a pretrained model's, as D2L does) or, when null, built from the training file
    // with min_freq (D2L's SNLI vocabulary uses min_freq = 5).
    std::shared_ptr<const BertVocabulary> vocabulary;
    int64_t min_freq = 5;
};

// True for a folder holding snli_1.0_train.txt and for a file named snli_*.txt.
bool is_snli_path(const std::string& path);

// A snli_1.0_train.txt file (its snli_1.0_test.txt beside it, when present, is the test split), another
// snli_*.txt file (training only), or a folder holding snli_1.0_train.txt (and snli_1.0_test.txt).
DataSplit load_snli(const std::string& path, const std::string& name, const SnliOptions& options = {});

}  // namespace dl
