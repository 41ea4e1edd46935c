#pragma once
// Translation data sets (D2L §9.5): sentence pairs preprocessed and tokenized (nmt_preprocessing.h), a
// vocabulary per side (min_freq 2, reserved <pad> <bos> <eos>), and the sentences as padded id arrays
// with their valid lengths (build_array_nmt), as D2L's load_data_nmt builds them.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/data/translation_pairs.h"
#include "engine/data/vocabulary.h"

namespace dl {

// D2L's load_data_nmt(batch_size, num_steps=10, num_examples=600) and the Vocab's min_freq=2.
inline constexpr int64_t kTranslationNumSteps = 10;
inline constexpr int64_t kTranslationMinFreq = 2;
inline constexpr int64_t kFraEngMaxPairs = 600;

struct TranslationOptions {
    int64_t num_steps = kTranslationNumSteps;  // padded sentence length, <eos> included
    int64_t min_freq = kTranslationMinFreq;    // rarer words become <unk>
    int64_t max_pairs = 0;                     // keep lines 0..max_pairs (see parse_sentence_pairs); 0 = all
    // The test split: D2L's four sentences (d2l_test_pairs) when set, else a seeded random share of the
    // pairs when test_fraction is set (the vocabularies then come from the training pairs only), else none.
    bool d2l_test_sentences = false;
    std::optional<double> test_fraction;
    uint64_t seed = 0;
};

// D2L §9.7's test sentences with their references: "go ." → "va !", "i lost ." → "j'ai perdu .",
// "he's calm ." → "il est calme .", "i'm home ." → "je suis chez moi .".
const std::vector<std::pair<std::string, std::string>>& d2l_test_pairs();

// D2L's build_array_nmt for word lists: each line's ids and <eos>, truncated or padded with <pad> to
// num_steps ([N, num_steps], ids as floats); a valid length counts the ids that are not <pad>.
void build_array_nmt(const std::vector<std::vector<std::string>>& lines, const Vocabulary& vocab, int64_t num_steps,
                     Tensor& array, std::vector<int32_t>& valid_lengths);

// A sentence as the network sees it: preprocessed and split like the data (so "Go." → "go ."), unknown
// words → <unk>, then <eos>, truncated or padded to num_steps. For the translation box and D2L's test
// sentences; `vocab` is a TranslationCorpus's source_vocab (or target_vocab for a reference).
struct EncodedSentence {
    std::vector<std::string> tokens;  // the words, before <eos> and padding
    std::vector<int32_t> ids;         // num_steps ids
    int32_t valid_length = 0;         // ids that are not <pad>
};
EncodedSentence encode_sentence(const std::vector<std::string>& vocab, std::string_view sentence, int64_t num_steps);

// A data set (and its test split, see TranslationOptions) from read pairs; `name` names it in messages.
DataSplit make_translation_split(const SentencePairs& pairs, const std::string& name,
                                 const TranslationOptions& options = {});
// The same from a pair file (read_sentence_pairs' errors, prefixed with the path when they do not name it).
DataSplit load_translation(const std::string& path, const std::string& name, const TranslationOptions& options = {});

// The bundled English–French pairs (the first 601 lines of manythings.org's fra.txt), under resources_dir()/data.
std::string fra_eng_path();

}  // namespace dl
