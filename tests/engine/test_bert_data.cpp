// Tests of BERT's data (D2L §14.8–14.10, §15.6–15.7; issue 14): the word tokenizer, paragraphs from any text and
// WikiText-2's format, the vocabulary, pretraining examples (shapes of D2L's batch, the 15 % / 80-10-10 masking
// rule, next-sentence labels, segments), pair encoding, Tatoeba paraphrases and SNLI files.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/data/bert_encoding.h"
#include "engine/data/bert_paragraphs.h"
#include "engine/data/bert_pretraining.h"
#include "engine/data/bert_tokenizer.h"
#include "engine/data/bert_vocabulary.h"
#include "engine/data/paraphrase_data.h"
#include "engine/data/registry.h"
#include "engine/data/snli_data.h"
#include "engine/data/text_corpus.h"
#include "engine/data/text_file.h"

using namespace dl;

namespace {

using Words = std::vector<std::string>;

template <class F>
std::string input_error_of(F&& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return {};
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

int32_t at(const Tensor& t, int64_t i, int64_t j) {
    return static_cast<int32_t>(t.data()[i * t.size(1) + j]);
}

// The words of row i of a BERT data set (tokens before the padding).
Words decode(const Dataset& d, int64_t i) {
    Words words;
    for (int64_t t = 0; t < d.valid_lengths[static_cast<size_t>(i)]; ++t)
        words.push_back(d.bert->idx_to_token[static_cast<size_t>(at(d.features, i, t))]);
    return words;
}

// The sentence pair of row i as two strings.
std::pair<std::string, std::string> pair_text(const Dataset& d, int64_t i) {
    std::string a, b;
    bool second = false;
    for (const std::string& w : decode(d, i)) {
        if (w == "<cls>") continue;
        if (w == "<sep>") {
            second = true;
            continue;
        }
        std::string& side = second ? b : a;
        side += (side.empty() ? "" : " ") + w;
    }
    return {a, b};
}

// |x − expected| within k binomial standard deviations of n trials at p.
bool within_binomial(double count, double n, double p, double k = 4.0) {
    return std::abs(count - n * p) <= k * std::sqrt(n * p * (1 - p));
}

}  // namespace

class TestBertData : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    std::string write(const QString& name, const QByteArray& bytes) {
        const QString path = dir_.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
        f.write(bytes);
        return path.toStdString();
    }

    static DataSplit time_machine_pretraining(uint64_t seed) {
        BertPretrainingOptions o;
        o.seed = seed;
        return make_bert_pretraining(read_bert_paragraphs(time_machine_path()), "timemachine", o);
    }

private slots:
    void tokenizer() {
        QCOMPARE(bert_tokenize("The Time Traveller's \"grey\" eyes -- don't!"),
                 (Words{"the", "time", "traveller's", "grey", "eyes", "don't"}));
        QCOMPARE(bert_tokenize("'Tis 1895, isn\u2019t it?' said Filby."),
                 (Words{"tis", "1895", "isn't", "it", "said", "filby"}));
        QCOMPARE(bert_tokenize("\u00C9T\u00C9 \u00ABcaf\u00E9\u00BB\u2014ok"),
                 (Words{"\u00E9t\u00E9", "caf\u00E9", "ok"}));
        QVERIFY(bert_tokenize(" ... -- !? ").empty());
        QCOMPARE(bert_words_with_masks("The time [MASK] was <Mask>."),
                 (Words{"the", "time", "<mask>", "was", "<mask>"}));
    }

    void timeMachineParagraphs() {
        const BertParagraphs paragraphs = read_bert_paragraphs(time_machine_path());
        size_t sentences = 0, words = 0;
        for (const BertParagraph& p : paragraphs) {
            QVERIFY(p.size() >= 2);
            sentences += p.size();
            for (const BertSentence& s : p) {
                QVERIFY(!s.empty());
                words += s.size();
            }
        }
        qInfo("The Time Machine: %zu paragraphs, %zu sentences, %zu words", paragraphs.size(), sentences, words);
        // The book has ~32,000 words; dropped one-sentence paragraphs lose some of them.
        QVERIFY(paragraphs.size() > 200 && paragraphs.size() < 1000);
        QVERIFY(sentences > 1000 && sentences < 4000);
        QVERIFY(words > 20000 && words < 33000);
        // The title line is a one-sentence paragraph, so the first kept paragraph is the book's opening.
        QCOMPARE(paragraphs[0][0][0], std::string("the"));
        QCOMPARE(paragraphs[0][0][1], std::string("time"));
        QCOMPARE(paragraphs[0][0][2], std::string("traveller"));
        // "...misconception.'" ends a sentence: the closing quote does not hide the full stop.
        const std::vector<std::string> lines{"'You must follow me. I shall controvert one idea.'", "",
                                             "One sentence only.", "", "Why? Because!"};
        const BertParagraphs small = text_paragraphs(lines);
        QCOMPARE(small.size(), size_t{2});
        QCOMPARE(small[0],
                 (BertParagraph{{"you", "must", "follow", "me"}, {"i", "shall", "controvert", "one", "idea"}}));
        QCOMPARE(small[1], (BertParagraph{{"why"}, {"because"}}));
    }

    void wikiTextFormat() {
        const std::string path =
            write("wiki.train.tokens",
                  " \n = Valkyria Chronicles III = \n"
                  " Senjō no Valkyria 3 : <unk> Chronicles is a game . It was released in 2011 . \n"
                  " One sentence only here \n"
                  " The game 's 1 @,@ 000 players @-@ fans . They liked it . A lot . \n");
        const BertParagraphs p = read_bert_paragraphs(path);
        QCOMPARE(p.size(), size_t{2});
        QCOMPARE(p[0].size(), size_t{2});
        QCOMPARE(p[0][0], (Words{"senjō", "no", "valkyria", "3", "<unk>", "chronicles", "is", "a", "game"}));
        QCOMPARE(p[0][1], (Words{"it", "was", "released", "in", "2011"}));
        QCOMPARE(p[1].size(), size_t{3});
        QCOMPARE(p[1][0], (Words{"the", "game", "s", "1", "000", "players", "fans"}));
        // <unk> in WikiText is the vocabulary's own <unk>.
        const BertVocabulary vocab = build_bert_vocabulary(p, 1);
        QCOMPARE(bert_token_id(vocab, "<unk>"), BertVocabulary::kUnk);
        QCOMPARE(std::count(vocab.idx_to_token.begin(), vocab.idx_to_token.end(), "<unk>"), 1L);
    }

    void vocabulary() {
        const std::vector<BertSentence> sentences{{"b", "a", "b"}, {"c", "a", "b", "d"}, {"c", "<sep>"}};
        const BertVocabulary vocab = build_bert_vocabulary(sentences, 2);
        QCOMPARE(vocab.idx_to_token, (Words{"<unk>", "<pad>", "<mask>", "<cls>", "<sep>", "b", "a", "c"}));
        QCOMPARE(vocab.token_counts[5], 3L);
        QCOMPARE(vocab.token_counts[7], 2L);
        QCOMPARE(bert_token_id(vocab, "a"), 6);
        QCOMPARE(bert_token_id(vocab, "d"), BertVocabulary::kUnk);
        QCOMPARE(BertTokenIds(vocab)("c"), 7);
        QCOMPARE(BertTokenIds(vocab)("zzz"), BertVocabulary::kUnk);
    }

    // D2L §14.9.2: for batch_size 512, max_len 64 its loader prints tokens [512, 64], segments [512, 64],
    // valid_lens [512], pred_positions [512, 10], mlm_weights [512, 10], mlm_labels [512, 10], nsp_labels [512].
    void batchHasD2LShapes() {
        const DataSplit split = time_machine_pretraining(0);
        const Dataset& d = split.train;
        d.check();
        QVERIFY(d.is_bert_pretraining());
        QCOMPARE(split.test.size(), 0);
        qInfo("Time Machine pretraining: %lld examples at max_len 64 (seed 0), vocabulary %lld words (min_freq 5)",
              static_cast<long long>(d.size()), static_cast<long long>(d.bert->size()));
        QVERIFY(d.size() >= 512);
        const Dataset batch = head(d, 512);
        batch.check();
        QCOMPARE(batch.features.shape(), (Shape{512, 64}));
        QCOMPARE(batch.segments.shape(), (Shape{512, 64}));
        QCOMPARE(batch.valid_lengths.size(), size_t{512});
        QCOMPARE(batch.mlm_positions.shape(), (Shape{512, 10}));
        QCOMPARE(batch.mlm_counts.size(), size_t{512});
        QCOMPARE(batch.mlm_labels.size(), size_t{512 * 10});
        QCOMPARE(batch.labels.size(), size_t{512});
        QCOMPARE(bert_max_predictions(64), 10);
        // The batch's rows are the data set's first rows.
        for (int64_t t = 0; t < 64; ++t) QCOMPARE(at(batch.features, 511, t), at(d.features, 511, t));
        QCOMPARE(batch.mlm_labels[5110], d.mlm_labels[5110]);
        // A vocabulary of the book's words seen ≥ 5 times (the word-level Time Machine has ~4,600 distinct words).
        QVERIFY(d.bert->size() > 500 && d.bert->size() < 4600);
    }

    // The 15 % rule with 80/10/10 over the whole Time Machine set, and padding, <cls>, <sep> never chosen.
    void maskingRule() {
        const Dataset d = time_machine_pretraining(0).train;
        const BertTokenIds id(*d.bert);
        const BertParagraphs paragraphs = read_bert_paragraphs(time_machine_path());
        // The unmasked token rows: every allowed (a, b) pair, to find each example's originals.
        std::set<std::vector<int32_t>> sentences;
        for (const BertParagraph& p : paragraphs)
            for (const BertSentence& s : p) {
                std::vector<int32_t> ids;
                for (const std::string& w : s) ids.push_back(id(w));
                sentences.insert(ids);
            }
        const int64_t max_len = d.features.size(1), max_preds = d.mlm_positions.size(1);
        double chosen = 0, candidates = 0, masked = 0, unchanged = 0, random = 0;
        for (int64_t i = 0; i < d.size(); ++i) {
            const int32_t valid = d.valid_lengths[static_cast<size_t>(i)];
            const int32_t count = d.mlm_counts[static_cast<size_t>(i)];
            // D2L's max(1, round(len(tokens) * 0.15)); Python rounds halves to even (30 tokens → 4), as nearbyint does.
            QCOMPARE(static_cast<int64_t>(count),
                     std::max<int64_t>(1, static_cast<int64_t>(std::nearbyint(valid * 0.15))));
            candidates += valid - 3;
            chosen += count;
            std::vector<int32_t> original(d.features.data() + i * max_len, d.features.data() + i * max_len + valid);
            int32_t previous = -1;
            for (int64_t p = 0; p < count; ++p) {
                const auto pos = static_cast<int32_t>(d.mlm_positions.data()[i * max_preds + p]);
                const int32_t label = d.mlm_labels[static_cast<size_t>(i * max_preds + p)];
                QVERIFY(pos > previous && pos < valid);  // sorted, inside the tokens
                previous = pos;
                QVERIFY(label != BertVocabulary::kCls && label != BertVocabulary::kSep &&
                        label != BertVocabulary::kPad);
                const int32_t shown = at(d.features, i, pos);
                if (shown == BertVocabulary::kMask)
                    ++masked;
                else if (shown == label)
                    ++unchanged;
                else
                    ++random;
                original[static_cast<size_t>(pos)] = label;
            }
            for (int64_t p = count; p < max_preds; ++p) {
                QCOMPARE(d.mlm_positions.data()[i * max_preds + p], 0.0f);
                QCOMPARE(d.mlm_labels[static_cast<size_t>(i * max_preds + p)], 0);
            }
            // Restoring the labels gives back <cls> a <sep> b <sep> of real sentences of the book.
            QCOMPARE(original.front(), BertVocabulary::kCls);
            QCOMPARE(original.back(), BertVocabulary::kSep);
            const auto sep = std::find(original.begin() + 1, original.end(), BertVocabulary::kSep);
            QVERIFY(sep != original.end() - 1);
            QVERIFY(sentences.count(std::vector<int32_t>(original.begin() + 1, sep)));
            QVERIFY(sentences.count(std::vector<int32_t>(sep + 1, original.end() - 1)));
            for (int64_t t = valid; t < max_len; ++t) QCOMPARE(at(d.features, i, t), BertVocabulary::kPad);
        }
        // 15 % of all tokens (<cls> and <sep> included, as D2L counts) are chosen; among the candidates
        // (non-special tokens) that is ~15·n/(n−3) %: between 15 % and 25 % for these lengths.
        const double share = chosen / candidates;
        qInfo(
            "masked LM: %.0f of %.0f candidate positions chosen (%.1f %%); <mask> %.1f %%, unchanged %.1f %%, "
            "random %.1f %%",
            chosen, candidates, 100 * share, 100 * masked / chosen, 100 * unchanged / chosen, 100 * random / chosen);
        QVERIFY(share > 0.15 && share < 0.25);
        // 80 % <mask>; the other 20 % split evenly between unchanged and a random id (which equals the original
        // with probability ~1/vocab, counted as unchanged: negligible at 4 binomial standard deviations).
        QVERIFY(within_binomial(masked, chosen, 0.8));
        QVERIFY(within_binomial(unchanged, chosen, 0.1));
        QVERIFY(within_binomial(random, chosen, 0.1));
    }

    void nextSentenceAndSegments() {
        const Dataset d = time_machine_pretraining(0).train;
        const int64_t max_preds = d.mlm_positions.size(1);
        double next = 0;
        for (int64_t i = 0; i < d.size(); ++i) {
            next += d.labels[static_cast<size_t>(i)];
            const int32_t valid = d.valid_lengths[static_cast<size_t>(i)];
            // The unmasked row (a random replacement may itself be <sep>).
            std::vector<int32_t> row(d.features.data() + i * d.features.size(1),
                                     d.features.data() + (i + 1) * d.features.size(1));
            for (int64_t p = 0; p < d.mlm_counts[static_cast<size_t>(i)]; ++p)
                row[static_cast<size_t>(d.mlm_positions.data()[i * max_preds + p])] =
                    d.mlm_labels[static_cast<size_t>(i * max_preds + p)];
            // Segment 0 up to and with the first <sep>, then 1 up to and with the last, 0 in the padding.
            int64_t first_sep = -1;
            for (int64_t t = 1; t < valid; ++t)
                if (row[static_cast<size_t>(t)] == BertVocabulary::kSep) {
                    first_sep = t;
                    break;
                }
            QVERIFY(first_sep > 0);
            QCOMPARE(row[static_cast<size_t>(valid - 1)], BertVocabulary::kSep);
            for (int64_t t = 0; t < d.features.size(1); ++t)
                QCOMPARE(at(d.segments, i, t), t > first_sep && t < valid ? 1 : 0);
        }
        qInfo("next sentence: %.0f of %lld", next, static_cast<long long>(d.size()));
        QVERIFY(within_binomial(next, static_cast<double>(d.size()), 0.5));
    }

    void seeds() {
        const Dataset a = time_machine_pretraining(0).train, b = time_machine_pretraining(0).train,
                      c = time_machine_pretraining(1).train;
        QCOMPARE(a.size(), b.size());
        QVERIFY(std::equal(a.features.data(), a.features.data() + a.features.numel(), b.features.data()));
        QCOMPARE(a.mlm_labels, b.mlm_labels);
        QCOMPARE(a.labels, b.labels);
        QVERIFY(a.labels != c.labels || a.mlm_labels != c.mlm_labels);
    }

    void pretrainingThroughTheRegistry() {
        DatasetOptions o;
        o.bert = BertTask::Pretraining;
        o.max_len = 32;
        o.train_limit = 100;
        QCOMPARE(*dataset_sample_shape("timemachine", o), (Shape{32}));
        const DataSplit split = load_dataset("timemachine", o);
        split.train.check();
        QCOMPARE(split.train.size(), 100);
        QCOMPARE(split.train.mlm_positions.shape(), (Shape{100, 5}));
        // A given vocabulary is used as it is.
        o.bert_vocabulary = split.train.bert;
        o.min_freq = 1;
        QCOMPARE(load_dataset("timemachine", o).train.bert, split.train.bert);
        // Without the BERT task "timemachine" is still the language-model corpus.
        QVERIFY(load_dataset("timemachine").train.is_language_model());
    }

    void encodePair() {
        const BertVocabulary vocab = build_bert_vocabulary(std::vector<BertSentence>{{"the", "time", "traveller"}}, 1);
        const BertEncodedPair one = encode_bert_pair(vocab, bert_words_with_masks("the time [MASK] zebra"), {}, 8);
        QCOMPARE(one.tokens, (Words{"<cls>", "the", "time", "<mask>", "zebra", "<sep>"}));
        QCOMPARE(one.ids, (std::vector<int32_t>{3, 5, 6, 2, 0, 4, 1, 1}));
        QCOMPARE(one.segments, (std::vector<int32_t>(8, 0)));
        QCOMPARE(one.valid_length, 6);
        // Truncation pops from the longer sentence until len(a) + len(b) + 3 <= max_len.
        const BertEncodedPair two = encode_bert_pair(vocab, {"the", "time", "traveller", "the"}, {"time"}, 6);
        QCOMPARE(two.tokens, (Words{"<cls>", "the", "time", "<sep>", "time", "<sep>"}));
        QCOMPARE(two.segments, (std::vector<int32_t>{0, 0, 0, 0, 1, 1}));
        QVERIFY(contains(input_error_of([&] { encode_bert_pair(vocab, {"a"}, {}, 2); }), "max_len"));
    }

    void paraphrases() {
        const ParaphraseGroups groups = read_paraphrase_groups(tatoeba_paraphrase_path());
        QCOMPARE(groups.positive_pairs(), 10483L);  // the count over fra.txt
        QCOMPARE(groups.groups.size(), size_t{7286});
        const DataSplit split = load_dataset("tatoeba-paraphrase");
        split.train.check();
        split.test.check();
        QCOMPARE(split.train.class_names, (Words{"different", "paraphrase"}));
        int64_t positives = 0, total = 0, longest = 0;
        std::set<std::string> train_sentences, test_sentences;
        std::set<std::pair<std::string, std::string>> paraphrase_pairs;
        for (const Dataset* d : {&split.train, &split.test})
            for (int64_t i = 0; i < d->size(); ++i) {
                const auto [a, b] = pair_text(*d, i);
                (d == &split.train ? train_sentences : test_sentences).insert({a, b});
                if (d->labels[static_cast<size_t>(i)] == 1) paraphrase_pairs.insert({std::min(a, b), std::max(a, b)});
                longest = std::max<int64_t>(longest, d->valid_lengths[static_cast<size_t>(i)]);
            }
        for (const Dataset* d : {&split.train, &split.test}) {
            int64_t p = 0;
            for (const int32_t label : d->labels) p += label;
            QCOMPARE(p * 2, d->size());  // balanced
            positives += p;
            total += d->size();
        }
        qInfo("paraphrase: train %lld, test %lld examples; the longest pair is %lld tokens (max_len 32)",
              static_cast<long long>(split.train.size()), static_cast<long long>(split.test.size()),
              static_cast<long long>(longest));
        QCOMPARE(positives, 10483L);
        QVERIFY(split.test.size() > 0.05 * total && split.test.size() < 0.2 * total);
        QVERIFY(longest <= 32);
        // The longest pair before truncation, and how many pairs max_len 32 cuts.
        DatasetOptions wide;
        wide.max_len = 256;
        const DataSplit untruncated = load_dataset("tatoeba-paraphrase", wide);
        int64_t longest_untruncated = 0, cut = 0;
        for (const Dataset* d : {&untruncated.train, &untruncated.test})
            for (const int32_t length : d->valid_lengths) {
                longest_untruncated = std::max<int64_t>(longest_untruncated, length);
                cut += length > 32;
            }
        qInfo("paraphrase: the longest pair is %lld tokens with <cls> and <sep>s; max_len 32 truncates %lld of %lld",
              static_cast<long long>(longest_untruncated), static_cast<long long>(cut), static_cast<long long>(total));
        QVERIFY(longest_untruncated > 32 && longest_untruncated < 256);
        QVERIFY(cut < total / 100);
        // No sentence in both splits. (Compared as decoded words; <unk> in test is a rare word, not a sentence.)
        for (const std::string& s : test_sentences)
            if (!contains(s, "<unk>")) QVERIFY2(!train_sentences.count(s), s.c_str());
        // No negative is a paraphrase (by the raw groups, through a word-level check of the decoded pairs).
        for (const Dataset* d : {&split.train, &split.test})
            for (int64_t i = 0; i < d->size(); ++i)
                if (d->labels[static_cast<size_t>(i)] == 0) {
                    const auto [a, b] = pair_text(*d, i);
                    QVERIFY(a != b);
                    QVERIFY(!paraphrase_pairs.count({std::min(a, b), std::max(a, b)}) || contains(a + b, "<unk>"));
                }
        QVERIFY(paraphrase_pairs.count({"we need evidence", "we need proof"}));
    }

    void paraphraseSplitKeepsSentencesApart() {
        // Two French sentences share "Hello!": they are one component and go to one split together.
        const std::string path = write("pairs.txt",
                                       "Hi.\tSalut !\nHello!\tSalut !\nHello!\tBonjour !\nGood day.\tBonjour !\n"
                                       "Run!\tCours !\nRun.\tCours !\nI see.\tJe vois.\nI understand.\tJe vois.\n"
                                       "Go.\tVa !\nWe need proof.\tIl nous faut des preuves.\n"
                                       "We need evidence.\tIl nous faut des preuves.\n");
        const ParaphraseGroups groups = read_paraphrase_groups(path);
        QCOMPARE(groups.groups.size(), size_t{5});
        QCOMPARE(groups.positive_pairs(), 5L);
        for (uint64_t seed = 0; seed < 20; ++seed) {
            ParaphraseOptions o;
            o.test_fraction = 0.5;
            o.seed = seed;
            const DataSplit split = make_paraphrase_split(groups, "pairs", o);
            std::set<std::string> train;
            for (int64_t i = 0; i < split.train.size(); ++i) {
                const auto [a, b] = pair_text(split.train, i);
                train.insert(a);
                train.insert(b);
            }
            for (int64_t i = 0; i < split.test.size(); ++i) {
                const auto [a, b] = pair_text(split.test, i);
                // The test vocabulary is the training one: only words seen in training survive.
                QVERIFY2(!train.count(a) || contains(a, "<unk>"), a.c_str());
                QVERIFY2(!train.count(b) || contains(b, "<unk>"), b.c_str());
            }
        }
        // The same file through the registry as "Pairs" data.
        DatasetOptions o;
        o.bert = BertTask::Pairs;
        o.test_fraction = 0.0;
        const DataSplit split = load_dataset(path, o);
        QCOMPARE(split.train.size(), 10);
        QCOMPARE(split.test.size(), 0);
    }

    void snli() {
        const std::string folder = dir_.filePath("snli").toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(folder)));
        const QByteArray header = "gold_label\tsentence1_binary_parse\tsentence1\tsentence2\tcaptionID\n";
        write("snli/snli_1.0_train.txt", header +
                                             "neutral\t( x )\tA man plays.\tA man plays guitar.\tc1\n"
                                             "entailment\t( x )\tA dog runs.\tAn animal moves.\tc2\n"
                                             "-\t( x )\tNo consensus.\tNone.\tc3\n"
                                             "contradiction\t( x )\tA cat sleeps.\tThe cat dances.\tc4\n");
        write("snli/snli_1.0_test.txt", header + "entailment\t( x )\tA man plays.\tSomeone plays.\tc5\n");
        for (const std::string& path : {folder, folder + "/snli_1.0_train.txt"}) {
            DatasetOptions o;
            o.min_freq = 1;
            QCOMPARE(*dataset_sample_shape(path, o), (Shape{128}));
            const DataSplit split = load_dataset(path, o);
            split.train.check();
            QCOMPARE(split.train.class_names, (Words{"entailment", "contradiction", "neutral"}));
            QCOMPARE(split.train.labels, (std::vector<int32_t>{2, 0, 1}));
            QCOMPARE(split.test.labels, (std::vector<int32_t>{0}));
            QCOMPARE(decode(split.train, 0),
                     (Words{"<cls>", "a", "man", "plays", "<sep>", "a", "man", "plays", "guitar", "<sep>"}));
            QCOMPARE(split.train.features.shape(), (Shape{3, 128}));
        }
        const std::string bad = write("snli_1.0_dev.txt", "gold_label\tsentence1\tpremise\nneutral\ta\tb\n");
        const std::string error = input_error_of([&] { load_dataset(bad); });
        QVERIFY2(contains(error, bad) && contains(error, "sentence2"), error.c_str());
    }

    void badInputs() {
        const std::string empty = write("empty.txt", "");
        DatasetOptions pretraining;
        pretraining.bert = BertTask::Pretraining;
        std::string error = input_error_of([&] { load_dataset(empty, pretraining); });
        QVERIFY2(contains(error, empty), error.c_str());
        const std::string one = write("one.txt", "Only one sentence here.\n\nAnd another lonely one.\n");
        error = input_error_of([&] { load_dataset(one, pretraining); });
        QVERIFY2(contains(error, one) && contains(error, "two sentences"), error.c_str());
        const std::string binary = write("binary.tokens", QByteArray("\x00\x01\x02 . \x00", 6));
        error = input_error_of([&] { load_dataset(binary, pretraining); });
        QVERIFY2(contains(error, binary), error.c_str());
        DatasetOptions pairs;
        pairs.bert = BertTask::Pairs;
        const std::string lonely = write("lonely.tsv", "Go.\tVa !\nHi.\tSalut !\n");
        error = input_error_of([&] { load_dataset(lonely, pairs); });
        QVERIFY2(contains(error, lonely) && contains(error, "paraphrases"), error.c_str());
        const std::string no_tabs = write("notabs.tsv", "just text\nmore text\n");
        error = input_error_of([&] { load_dataset(no_tabs, pairs); });
        QVERIFY2(contains(error, no_tabs), error.c_str());
        error = input_error_of([&] { load_dataset("tatoeba-paraphrase", pretraining); });
        QVERIFY2(contains(error, "pretraining"), error.c_str());
        const std::string empty_snli = write("snli_1.0_x.txt", "");
        error = input_error_of([&] { load_dataset(empty_snli); });
        QVERIFY2(contains(error, empty_snli), error.c_str());
        BertPretrainingOptions tiny;
        tiny.max_len = 4;
        QVERIFY(contains(input_error_of([&] { make_bert_pretraining({{{"a"}, {"b"}}}, "x", tiny); }), "max_len"));
    }

    void catalog() {
        const auto& c = dataset_catalog();
        const auto it =
            std::find_if(c.begin(), c.end(), [](const DatasetInfo& i) { return i.name == "tatoeba-paraphrase"; });
        QVERIFY(it != c.end());
        QVERIFY(contains(it->description, "SNLI"));
        QCOMPARE(*dataset_sample_shape("tatoeba-paraphrase"), (Shape{32}));
    }
};

QTEST_APPLESS_MAIN(TestBertData)
#include "test_bert_data.moc"
