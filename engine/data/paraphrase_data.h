#pragma once
// Paraphrase detection on Tatoeba sentences (issue 14's fine-tuning task, standing in for D2L §15.6–15.7's
// SNLI): two English sentences of manythings.org's fra.txt that share an identical French translation are
// paraphrases ("We need evidence." / "We need proof.").
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/data/bert_paragraphs.h"
#include "engine/data/dataset.h"

namespace dl {

inline constexpr int64_t kParaphraseMaxLen = 32;

// French sentences with their distinct English translations (those with at least 2), in order of first
// appearance, read from either file format:
//  - DiveLab's tatoeba-paraphrase.tsv: "French<TAB>English" lines, every French sentence on ≥ 2 lines;
//  - manythings.org's fra.txt: "English<TAB>French[<TAB>attribution]" lines.
// The first is recognised by every first-column sentence occurring on at least 2 lines (in fra.txt most
// English sentences have one translation). Lines with fewer than two tab-separated fields are skipped.
struct ParaphraseGroups {
    std::vector<std::string> english;          // distinct English sentences, first appearance
    std::vector<std::vector<int32_t>> groups;  // per French sentence: ids into `english`, ≥ 2 of them
    int64_t positive_pairs() const;            // Σ C(k, 2) over the groups
};
ParaphraseGroups parse_paraphrase_groups(const std::vector<std::string>& lines, const std::string& who);
ParaphraseGroups read_paraphrase_groups(const std::string& path);

struct ParaphraseOptions {
    int64_t max_len = kParaphraseMaxLen;  // "<cls> a <sep> b <sep>", truncated/padded
    double test_fraction = 0.1;           // share of the linked groups (components) that go to test
    uint64_t seed = 0;
    // The vocabulary: this one (a pretrained model's, as D2L fine-tunes on SNLI) or, when null, one built from
    // the training split's sentences with min_freq (default 1: every training word gets an embedding; the
    // corpus is small, and test words not seen in training become <unk>).
    std::shared_ptr<const BertVocabulary> vocabulary;
    int64_t min_freq = 1;
};

// The data set: positives are every C(k, 2) pair of English sentences under one French sentence (a pair under
// two French sentences counts twice, as in the 10,483); as many negatives, half random pairs and half
// "hard" pairs sharing a word of ≥ 3 letters outside the split's 20 most frequent words, never two sentences
// with a common French translation. a and b are swapped at random, examples shuffled. The split is by linked
// groups (French sentences sharing an English one), so no English sentence is in both splits; negatives pair
// sentences of their own split only (sentences with the same words, "Hello!" / "Hello.", count as one). Labels: 1
// paraphrase, 0 not (class_names {"different", "paraphrase"}).
DataSplit make_paraphrase_split(const ParaphraseGroups& groups, const std::string& name,
                                const ParaphraseOptions& options = {});
DataSplit load_paraphrase(const std::string& path, const std::string& name, const ParaphraseOptions& options = {});

// The bundled pairs (resources/data/tatoeba-paraphrase.tsv, see SOURCES.txt), under resources_dir()/data.
std::string tatoeba_paraphrase_path();

}  // namespace dl
