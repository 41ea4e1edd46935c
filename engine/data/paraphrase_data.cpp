#include "engine/data/paraphrase_data.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "engine/core/error.h"
#include "engine/core/random.h"
#include "engine/data/bert_encoding.h"
#include "engine/data/bert_tokenizer.h"
#include "engine/data/bert_vocabulary.h"
#include "engine/data/text_file.h"
#include "engine/io/presets.h"

namespace dl {

namespace {

constexpr size_t kHardWordMinLength = 3;    // letters of a word hard negatives may share
constexpr size_t kCommonWordsLeftOut = 20;  // the split's most frequent words do not make a pair hard

// Union-find over English sentence ids: French sentences sharing an English one end up in one component.
struct Components {
    std::vector<int32_t> parent;
    explicit Components(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    int32_t find(int32_t x) {
        while (parent[static_cast<size_t>(x)] != x)
            x = parent[static_cast<size_t>(x)] = parent[static_cast<size_t>(parent[static_cast<size_t>(x)])];
        return x;
    }
    void join(int32_t a, int32_t b) { parent[static_cast<size_t>(find(a))] = find(b); }
};

// Code points in a UTF-8 word.
size_t letters(const std::string& word) {
    return static_cast<size_t>(std::count_if(word.begin(), word.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// Pairs (a, b, label) of one split before encoding.
struct PairExamples {
    std::vector<BertSentence> a, b;
    std::vector<int32_t> labels;
    void add(const BertSentence& x, const BertSentence& y, int32_t label) {
        a.push_back(x);
        b.push_back(y);
        labels.push_back(label);
    }
};

// Builds one split's examples from its groups (indices into ParaphraseGroups::groups).
class SplitBuilder {
public:
    // canonical[e]: the first English sentence with e's words (to BERT they are one sentence).
    SplitBuilder(const ParaphraseGroups& all, const std::vector<BertSentence>& words,
                 const std::vector<int32_t>& canonical, const std::vector<size_t>& groups, Rng& rng)
        : words_(words), canonical_(canonical), rng_(rng) {
        std::unordered_set<int32_t> seen;
        for (const size_t g : groups)
            for (const int32_t e : all.groups[g]) {
                if (seen.insert(e).second) sentences_.push_back(e);
                french_of_[canonical[static_cast<size_t>(e)]].push_back(g);
            }
        for (const size_t g : groups) add_positives(all.groups[g]);
        index_hard_words();
    }

    void add_negatives() {
        const size_t positives = examples_.labels.size();
        const size_t hard = positives / 2;
        for (size_t i = 0; i < hard; ++i) try_negative(/*hard=*/true);
        while (examples_.labels.size() < 2 * positives && attempts_ < 100 * positives) try_negative(false);
    }

    const std::vector<int32_t>& sentences() const { return sentences_; }
    PairExamples take() { return std::move(examples_); }

private:
    void add_positives(const std::vector<int32_t>& group) {
        for (size_t i = 0; i < group.size(); ++i)
            for (size_t j = i + 1; j < group.size(); ++j) add_maybe_swapped(group[i], group[j], 1);
    }

    void add_maybe_swapped(int32_t x, int32_t y, int32_t label) {
        if (rng_.uniform() < 0.5) std::swap(x, y);
        examples_.add(words_[static_cast<size_t>(x)], words_[static_cast<size_t>(y)], label);
    }

    // Words of ≥ 3 letters outside the split's 20 most frequent, each with the sentences holding it.
    void index_hard_words() {
        std::unordered_map<std::string, int64_t> count;
        for (const int32_t e : sentences_)
            for (const std::string& w : words_[static_cast<size_t>(e)]) ++count[w];
        std::vector<std::pair<int64_t, std::string>> by_count;
        for (const auto& [w, c] : count) by_count.emplace_back(-c, w);
        std::sort(by_count.begin(), by_count.end());
        std::unordered_set<std::string> common;
        for (size_t i = 0; i < std::min(kCommonWordsLeftOut, by_count.size()); ++i) common.insert(by_count[i].second);
        for (const int32_t e : sentences_) {
            std::vector<std::string>& mine = hard_words_[e];
            for (const std::string& w : words_[static_cast<size_t>(e)])
                if (letters(w) >= kHardWordMinLength && !common.count(w) &&
                    std::find(mine.begin(), mine.end(), w) == mine.end()) {
                    mine.push_back(w);
                    holders_[w].push_back(e);
                }
        }
    }

    bool share_french(int32_t x, int32_t y) const {
        const std::vector<size_t>& fx = french_of_.at(canonical_[static_cast<size_t>(x)]);
        const std::vector<size_t>& fy = french_of_.at(canonical_[static_cast<size_t>(y)]);
        return std::any_of(fx.begin(), fx.end(),
                           [&](size_t g) { return std::find(fy.begin(), fy.end(), g) != fy.end(); });
    }

    int32_t random_sentence() { return sentences_[rng_.below(sentences_.size())]; }

    // A partner for x sharing one of its rarer words, or -1 when it has none.
    int32_t hard_partner(int32_t x) {
        const std::vector<std::string>& mine = hard_words_[x];
        if (mine.empty()) return -1;
        const std::vector<int32_t>& holders = holders_[mine[rng_.below(mine.size())]];
        return holders[rng_.below(holders.size())];
    }

    // One negative (a few tries for a usable pair); a hard one falls back to a random one.
    void try_negative(bool hard) {
        for (int tries = 0; tries < 50; ++tries, ++attempts_) {
            const int32_t x = random_sentence();
            const int32_t y = hard ? hard_partner(x) : random_sentence();
            if (y < 0 || x == y || share_french(x, y)) continue;
            const int32_t cx = canonical_[static_cast<size_t>(x)], cy = canonical_[static_cast<size_t>(y)];
            if (cx == cy || !negatives_.insert({std::min(cx, cy), std::max(cx, cy)}).second) continue;
            add_maybe_swapped(x, y, 0);
            return;
        }
        if (hard) try_negative(false);
    }

    const std::vector<BertSentence>& words_;
    const std::vector<int32_t>& canonical_;
    Rng& rng_;
    std::vector<int32_t> sentences_;  // English ids of this split, first appearance
    std::unordered_map<int32_t, std::vector<size_t>> french_of_;
    std::unordered_map<int32_t, std::vector<std::string>> hard_words_;
    std::unordered_map<std::string, std::vector<int32_t>> holders_;
    std::set<std::pair<int32_t, int32_t>> negatives_;
    PairExamples examples_;
    size_t attempts_ = 0;
};

// Examples in a random order (so that head() keeps both classes).
PairExamples shuffled(PairExamples in, Rng& rng) {
    std::vector<size_t> order(in.labels.size());
    std::iota(order.begin(), order.end(), size_t{0});
    rng.shuffle(order.begin(), order.end());
    PairExamples out;
    for (const size_t i : order) out.add(in.a[i], in.b[i], in.labels[i]);
    return out;
}

// Group indices of each split: whole components (groups linked by a shared English sentence, or by sentences
// with the same words) go to test, a seeded test_fraction of them.
void split_groups(const ParaphraseGroups& groups, const std::vector<BertSentence>& words, const ParaphraseOptions& o,
                  std::vector<size_t>& train, std::vector<size_t>& test) {
    Components components(groups.english.size());
    for (const auto& group : groups.groups)
        for (const int32_t e : group) components.join(group.front(), e);
    // Sentences with the same words ("It's out of the question." / "...!") are the same sentence to BERT.
    std::map<BertSentence, int32_t> same_words;
    for (size_t e = 0; e < words.size(); ++e) {
        const auto [it, added] = same_words.try_emplace(words[e], static_cast<int32_t>(e));
        if (!added) components.join(it->second, static_cast<int32_t>(e));
    }
    std::unordered_map<int32_t, int64_t> component_index;
    std::vector<int64_t> component_of_group;
    for (const auto& group : groups.groups) {
        const auto [it, added] =
            component_index.try_emplace(components.find(group.front()), static_cast<int64_t>(component_index.size()));
        component_of_group.push_back(it->second);
    }
    std::vector<int64_t> train_components, test_components;
    split_indices(static_cast<int64_t>(component_index.size()), o.test_fraction, o.seed, train_components,
                  test_components);
    const std::unordered_set<int64_t> in_test(test_components.begin(), test_components.end());
    for (size_t g = 0; g < groups.groups.size(); ++g)
        (in_test.count(component_of_group[g]) ? test : train).push_back(g);
}

}  // namespace

int64_t ParaphraseGroups::positive_pairs() const {
    int64_t pairs = 0;
    for (const auto& group : groups) pairs += static_cast<int64_t>(group.size() * (group.size() - 1) / 2);
    return pairs;
}

ParaphraseGroups parse_paraphrase_groups(const std::vector<std::string>& lines, const std::string& who) {
    std::vector<std::pair<std::string, std::string>> rows;  // the first two fields
    std::unordered_map<std::string, int64_t> first_count;
    for (const std::string& line : lines) {
        std::vector<std::string> fields = split_tab_fields(line);
        if (fields.size() < 2 || fields[0].empty() || fields[1].empty()) continue;
        ++first_count[fields[0]];
        rows.emplace_back(std::move(fields[0]), std::move(fields[1]));
    }
    if (rows.empty())
        throw InputError(who +
                         ": no line of the form \"English<TAB>French\" (fra.txt) or \"French<TAB>English\" "
                         "(tatoeba-paraphrase.tsv)");
    const bool french_first =
        std::all_of(first_count.begin(), first_count.end(), [](const auto& c) { return c.second >= 2; });
    ParaphraseGroups out;
    std::unordered_map<std::string, int32_t> english_id;
    std::unordered_map<std::string, size_t> french_index;
    std::vector<std::vector<int32_t>> translations;  // per French sentence, first appearance
    for (const auto& [first, second] : rows) {
        const std::string& french = french_first ? first : second;
        const std::string& english = french_first ? second : first;
        const auto [e, new_english] = english_id.try_emplace(english, static_cast<int32_t>(out.english.size()));
        if (new_english) out.english.push_back(english);
        const auto [f, new_french] = french_index.try_emplace(french, translations.size());
        if (new_french) translations.emplace_back();
        std::vector<int32_t>& group = translations[f->second];
        if (std::find(group.begin(), group.end(), e->second) == group.end()) group.push_back(e->second);
    }
    for (auto& group : translations)
        if (group.size() >= 2) out.groups.push_back(std::move(group));
    if (out.groups.empty())
        throw InputError(who +
                         ": no French sentence has two different English translations, so there are no "
                         "paraphrases to learn from");
    return out;
}

ParaphraseGroups read_paraphrase_groups(const std::string& path) {
    return parse_paraphrase_groups(read_text_lines(path), path);
}

DataSplit make_paraphrase_split(const ParaphraseGroups& groups, const std::string& name, const ParaphraseOptions& o) {
    if (!(o.test_fraction >= 0.0 && o.test_fraction < 1.0))
        throw InputError(name + ": test fraction " + std::to_string(o.test_fraction) + " must be in [0, 1)");
    if (o.min_freq < 0) throw InputError(name + ": the minimum word frequency must be >= 0");
    std::vector<BertSentence> words;
    for (const std::string& sentence : groups.english) words.push_back(bert_tokenize(sentence));
    std::vector<size_t> train_groups, test_groups;
    split_groups(groups, words, o, train_groups, test_groups);
    if (train_groups.empty()) throw InputError(name + ": the test share leaves no paraphrases to train on");

    std::vector<int32_t> canonical;
    std::map<BertSentence, int32_t> first_with;
    for (size_t e = 0; e < words.size(); ++e)
        canonical.push_back(first_with.try_emplace(words[e], static_cast<int32_t>(e)).first->second);
    Rng rng(o.seed);
    SplitBuilder train(groups, words, canonical, train_groups, rng), test(groups, words, canonical, test_groups, rng);
    train.add_negatives();
    test.add_negatives();
    std::shared_ptr<const BertVocabulary> vocab = o.vocabulary;
    if (!vocab) {
        std::vector<BertSentence> train_words;
        for (const int32_t e : train.sentences()) train_words.push_back(words[static_cast<size_t>(e)]);
        vocab = std::make_shared<const BertVocabulary>(build_bert_vocabulary(train_words, o.min_freq));
    }
    const std::vector<std::string> classes{"different", "paraphrase"};
    DataSplit split;
    PairExamples train_pairs = shuffled(train.take(), rng), test_pairs = shuffled(test.take(), rng);
    split.train = bert_pair_dataset(name, train_pairs.a, train_pairs.b, train_pairs.labels, classes, vocab, o.max_len);
    if (test_pairs.labels.empty()) {
        split.test.name = name;
    } else {
        split.test = bert_pair_dataset(name, test_pairs.a, test_pairs.b, test_pairs.labels, classes, vocab, o.max_len);
    }
    return split;
}

DataSplit load_paraphrase(const std::string& path, const std::string& name, const ParaphraseOptions& options) {
    return make_paraphrase_split(read_paraphrase_groups(path), name, options);
}

std::string tatoeba_paraphrase_path() {
    return (std::filesystem::path(resources_dir()) / "data" / "tatoeba-paraphrase.tsv").string();
}

}  // namespace dl
