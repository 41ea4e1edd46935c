// Tests of D2L's translation data (§9.5): reading tab-separated pair files with clear errors, the
// preprocessing (lower case, a space before punctuation), num_examples' off-by-one, the vocabularies,
// the padded arrays with their valid lengths, and the "fra-eng" data set with D2L's test sentences.
// Reference numbers marked "D2L replica" come from tests/engine/translation_d2l_reference.py, which runs
// D2L's preprocess_nmt / tokenize_nmt / Vocab / build_array_nmt (copied from d2l-zh, without torch).
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/data/nmt_preprocessing.h"
#include "engine/data/registry.h"
#include "engine/data/translation_data.h"
#include "engine/data/translation_pairs.h"
#include "engine/io/project_file.h"
#include "engine/train/trainer.h"

using namespace dl;

namespace {

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

std::vector<float> row(const Tensor& t, int64_t i) {
    const int64_t n = t.size(1);
    return std::vector<float>(t.data() + i * n, t.data() + (i + 1) * n);
}

// The whole manythings.org file, where CI has it (../shared next to the checkout).
const char* const kFullFraTxt = "/work/shared/data/fra-eng/fra.txt";

}  // namespace

class TestTranslationData : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    std::string write(const QString& name, const QByteArray& bytes) {
        const QString path = dir_.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
        f.write(bytes);
        return path.toStdString();
    }

private Q_SLOTS:
    void preprocessingIsD2Ls() {
        // The narrow no-break space of French typography ("Cours\u202f!") becomes the one space before "!".
        QCOMPARE(preprocess_nmt("Cours\xE2\x80\xAF!", true), std::string("cours !"));
        QCOMPARE(preprocess_nmt("Go.", false), std::string("go ."));
        QCOMPARE(preprocess_nmt("Hi,you?Yes!", false), std::string("hi ,you ?yes !"));  // no space after
        QCOMPARE(preprocess_nmt("Tom\xC2\xA0!", true), std::string("tom !"));           // U+00A0 no-break space
        // A sentence that starts with punctuation: in the file a tab or line end comes before it.
        QCOMPARE(preprocess_nmt("!", true), std::string(" !"));
        QCOMPARE(preprocess_nmt("!", false), std::string("!"));
        // Unicode lower case: À, É, Ç, Ê, Œ and Cyrillic, not only ASCII.
        QCOMPARE(unicode_lower("\xC3\x80 l'aide \xC3\x89T\xC3\x89 \xC3\x87"
                               "A \xC3\x8A \xC5\x92UF \xD0\xA1"),
                 std::string("\xC3\xA0 l'aide \xC3\xA9t\xC3\xA9 \xC3\xA7"
                             "a \xC3\xAA \xC5\x93uf \xD1\x81"));
        QCOMPARE(preprocess_nmt("\xC3\x80 l'aide\xE2\x80\xAF!", true), std::string("\xC3\xA0 l'aide !"));
        QCOMPARE(unicode_lower("caf\xE9"), std::string("caf\xE9"));  // not UTF-8: kept
        // Python's split(' '): empty tokens stay.
        QCOMPARE(split_words_nmt("a  b "), (std::vector<std::string>{"a", "", "b", ""}));
        QCOMPARE(split_words_nmt(""), (std::vector<std::string>{""}));
    }

    void bundledPairsLookLikeD2Ls() {
        const DataSplit split = load_dataset("fra-eng");
        QVERIFY(split.train.is_translation());
        const TranslationCorpus& c = *split.train.translation;
        // D2L prints text[:75] of the preprocessed file: "go .\tva !\nhi .\tsalut !\nrun !\tcours !\n...".
        const std::vector<std::pair<std::string, std::string>> first{{"go .", "va !"},
                                                                     {"hi .", "salut !"},
                                                                     {"run !", "cours !"},
                                                                     {"run !", "courez !"},
                                                                     {"who ?", "qui ?"},
                                                                     {"wow !",
                                                                      "\xC3\xA7"
                                                                      "a alors !"}};
        for (size_t i = 0; i < first.size(); ++i) {
            QCOMPARE(c.source_text[i], first[i].first);
            QCOMPARE(c.target_text[i], first[i].second);
        }
        QCOMPARE(c.target_text[7], std::string("\xC3\xA0 l'aide !"));  // "À l'aide\u202f!"
        QCOMPARE(c.skipped_lines, int64_t{0});
    }

    void numExamplesKeepsOneLineMore() {
        // D2L's tokenize_nmt breaks when i > num_examples: lines 0..num_examples are read.
        std::vector<std::string> lines;
        for (int i = 0; i < 10; ++i) lines.push_back("s" + std::to_string(i) + "\tt" + std::to_string(i));
        QCOMPARE(parse_sentence_pairs(lines, 3, "x").source.size(), size_t{4});
        QCOMPARE(parse_sentence_pairs(lines, 0, "x").source.size(), size_t{10});
        // Lines that are not pairs count as lines (D2L's i) but give no pair; non-empty ones are counted.
        lines[1] = "three\tcolumns\there";
        lines[2] = "";
        const SentencePairs pairs = parse_sentence_pairs(lines, 3, "x");
        QCOMPARE(pairs.source, (std::vector<std::string>{"s0", "s3"}));
        QCOMPARE(pairs.line, (std::vector<int64_t>{0, 3}));
        QCOMPARE(pairs.skipped_lines, int64_t{1});

        // The bundle holds D2L's 601 pairs; max_pairs = 600 (the default) keeps all of them.
        QCOMPARE(load_dataset("fra-eng").train.size(), int64_t{601});
        DatasetOptions fewer;
        fewer.max_pairs = 99;
        QCOMPARE(load_dataset("fra-eng", fewer).train.size(), int64_t{100});
    }

    void bundledVocabulariesAndArrays() {
        const DataSplit split = load_dataset("fra-eng");
        const Dataset& train = split.train;
        const TranslationCorpus& c = *train.translation;
        // D2L replica: len(src_vocab) = 184, len(tgt_vocab) = 201 for num_examples = 600, min_freq = 2.
        QCOMPARE(c.source_vocab_size(), int64_t{184});
        QCOMPARE(c.target_vocab_size(), int64_t{201});
        QCOMPARE(c.source_vocab[TranslationCorpus::kUnk], std::string("<unk>"));
        QCOMPARE(c.source_vocab[TranslationCorpus::kPad], std::string("<pad>"));
        QCOMPARE(c.target_vocab[TranslationCorpus::kBos], std::string("<bos>"));
        QCOMPARE(c.target_vocab[TranslationCorpus::kEos], std::string("<eos>"));
        QCOMPARE(c.source_vocab[4], std::string("."));  // the most frequent word of each side
        QCOMPARE(c.target_vocab[6], std::string("je"));
        QCOMPARE(train.num_steps, kTranslationNumSteps);
        QCOMPARE(train.features.shape(), (Shape{601, 10}));
        QCOMPARE(train.target_tokens.shape(), (Shape{601, 10}));
        QCOMPARE(train.sample_shape(), (Shape{10}));
        QCOMPARE(dataset_sample_shape("fra-eng"), std::optional<Shape>(Shape{10}));
        train.check();

        // D2L replica with num_steps = 8: X[0] = [9, 4, 3, 1, 1, 1, 1, 1] ("go" "." <eos> <pad>...), valid 3;
        // Y[0] = [16, 5, 3, 1, ...] ("va" "!" <eos>), valid 3.
        DatasetOptions eight;
        eight.num_steps = 8;
        const Dataset small = load_dataset("fra-eng", eight).train;
        QCOMPARE(row(small.features, 0), (std::vector<float>{9, 4, 3, 1, 1, 1, 1, 1}));
        QCOMPARE(row(small.target_tokens, 0), (std::vector<float>{16, 5, 3, 1, 1, 1, 1, 1}));
        QCOMPARE(small.source_lengths[0], 3);
        QCOMPARE(small.target_lengths[0], 3);
        QCOMPARE(dataset_sample_shape("fra-eng", eight), std::optional<Shape>(Shape{8}));
        // A valid length counts the words and <eos>, at most num_steps; <eos> follows the last word.
        for (int64_t i = 0; i < small.size(); ++i) {
            const auto words = static_cast<int32_t>(split_words_nmt(c.source_text[static_cast<size_t>(i)]).size());
            QCOMPARE(small.source_lengths[static_cast<size_t>(i)], std::min(words + 1, 8));
            if (words < 8) QCOMPARE(row(small.features, i)[static_cast<size_t>(words)], 3.0f);
        }
        // min_freq 0 keeps every word: bigger vocabularies.
        DatasetOptions all_words;
        all_words.min_freq = 0;
        QVERIFY(load_dataset("fra-eng", all_words).train.translation->source_vocab_size() > 184);
    }

    void truncationAndPadding() {
        const std::string path = write("pairs.tsv", "a b c d e f\tu v w x y z\na b\tu\nb c\tv w\nzzz\tu\n");
        DatasetOptions three;
        three.num_steps = 3;
        three.min_freq = 1;
        const Dataset d = load_dataset(path, three).train;
        QCOMPARE(d.size(), int64_t{4});
        // Vocabulary: <unk> <pad> <bos> <eos>, then by frequency: b (3), a (2), c (2), d, e, f, zzz.
        QCOMPARE(d.translation->source_vocab[4], std::string("b"));
        QCOMPARE(row(d.features, 0), (std::vector<float>{5, 4, 6}));  // truncated: no <eos>
        QCOMPARE(d.source_lengths[0], 3);
        QCOMPARE(row(d.features, 1), (std::vector<float>{5, 4, 3}));  // a b <eos>
        QCOMPARE(d.source_lengths[1], 3);
        QCOMPARE(row(d.target_tokens, 1), (std::vector<float>{4, 3, 1}));  // u <eos> <pad>
        QCOMPARE(d.target_lengths[1], 2);
        // With min_freq 2 (the default), words seen once are <unk> (id 0).
        DatasetOptions defaults;
        defaults.num_steps = 3;
        const DataSplit unk = load_dataset(path, defaults);
        QCOMPARE(row(unk.train.features, 3), (std::vector<float>{0, 3, 1}));  // zzz <eos> <pad>
        QCOMPARE(unk.test.size(), int64_t{0});                                // no test split unless asked
    }

    void encodingASentence() {
        const Dataset train = load_dataset("fra-eng").train;
        const EncodedSentence go = encode_sentence(train.translation->source_vocab, "Go.", 10);
        QCOMPARE(go.tokens, (std::vector<std::string>{"go", "."}));
        QCOMPARE(go.valid_length, 3);
        std::vector<float> ids(go.ids.begin(), go.ids.end());
        QCOMPARE(ids, row(train.features, 0));
        const EncodedSentence unknown =
            encode_sentence(train.translation->source_vocab, "xylophones zebras quokkas !", 4);
        QCOMPARE(unknown.ids, (std::vector<int32_t>{0, 0, 0, 5}));  // truncated before <eos>
        QCOMPARE(unknown.valid_length, 4);
        QVERIFY(contains(input_error_of([&] { encode_sentence({"<unk>"}, "go .", 10); }), "<eos>"));
    }

    void d2lTestSentencesAreTheTestSplit() {
        const DataSplit split = load_dataset("fra-eng");
        const Dataset& test = split.test;
        QCOMPARE(test.size(), int64_t{4});
        test.check();
        QCOMPARE(test.translation->source_text,
                 (std::vector<std::string>{"go .", "i lost .", "he's calm .", "i'm home ."}));
        QCOMPARE(test.translation->target_text,
                 (std::vector<std::string>{"va !", "j'ai perdu .", "il est calme .", "je suis chez moi ."}));
        QCOMPARE(test.translation->source_vocab, split.train.translation->source_vocab);
        // Every word of the four sentences and their references is in the bundled vocabularies.
        for (const Tensor* t : {&test.features, &test.target_tokens})
            for (int64_t i = 0; i < t->numel(); ++i) QVERIFY2(t->data()[i] != 0.0f, "a test word is <unk>");
        QCOMPARE(test.target_lengths, (std::vector<int32_t>{3, 4, 5, 6}));
    }

    void otherPairFilesSplitOnlyWhenAsked() {
        QByteArray text;
        for (int i = 0; i < 40; ++i)
            text += "w" + QByteArray::number(i % 5) + " .\tm" + QByteArray::number(i % 7) + " !\n";
        const std::string path = write("mine.txt", text);
        QVERIFY(is_translation_dataset(path));
        QVERIFY(!is_text_dataset(path));
        QCOMPARE(load_dataset(path).train.size(), int64_t{40});
        QCOMPARE(load_dataset(path).test.size(), int64_t{0});
        DatasetOptions held_out;
        held_out.test_fraction = 0.25;
        held_out.seed = 3;
        const DataSplit split = load_dataset(path, held_out);
        QCOMPARE(split.train.size(), int64_t{30});
        QCOMPARE(split.test.size(), int64_t{10});
        split.train.check();
        split.test.check();
        QCOMPARE(split.test.translation->source_vocab, split.train.translation->source_vocab);
        // The same seed, the same split.
        QCOMPARE(load_dataset(path, held_out).test.translation->target_text, split.test.translation->target_text);
    }

    void subsetAndHeadCarryBothSides() {
        const Dataset train = load_dataset("fra-eng").train;
        const Dataset some = subset(train, {600, 0, 0});
        some.check();
        QCOMPARE(some.size(), int64_t{3});
        QCOMPARE(row(some.features, 0), row(train.features, 600));
        QCOMPARE(row(some.target_tokens, 0), row(train.target_tokens, 600));
        QCOMPARE(some.source_lengths, (std::vector<int32_t>{train.source_lengths[600], 3, 3}));
        QCOMPARE(some.target_lengths, (std::vector<int32_t>{train.target_lengths[600], 3, 3}));
        QCOMPARE(some.translation->source_text[0], std::string("i exhaled ."));
        QCOMPARE(some.translation->target_text[1], std::string("va !"));
        QCOMPARE(some.translation->target_vocab, train.translation->target_vocab);
        QCOMPARE(some.num_steps, train.num_steps);
        const Dataset first = head(train, 5);
        first.check();
        QCOMPARE(first.size(), int64_t{5});
        QCOMPARE(first.translation->source_text[4], std::string("who ?"));
        DatasetOptions limited;
        limited.train_limit = 50;
        QCOMPARE(load_dataset("fra-eng", limited).train.size(), int64_t{50});

        // check() names what does not match.
        Dataset broken = train;
        broken.target_lengths.pop_back();
        QVERIFY(contains(input_error_of([&] { broken.check(); }), "600 target lengths for 601"));
        Dataset wrong_id = subset(train, {0});
        wrong_id.target_tokens.data()[0] = 5000;
        QVERIFY(contains(input_error_of([&] { wrong_id.check(); }), "outside the vocabulary of 201"));
    }

    void badFilesGiveClearErrors() {
        const std::string empty = write("empty.tsv", "");
        QVERIFY(contains(input_error_of([&] { load_dataset(empty); }), "empty"));
        const std::string binary = write("binary.tsv", QByteArray("go\0\tva", 6));
        QVERIFY(contains(input_error_of([&] { load_dataset(binary); }), "binary"));
        const std::string latin1 = write("latin1.tsv", "go .\tva !\ncoffee .\tcaf\xE9 .\n");
        QVERIFY(contains(input_error_of([&] { load_dataset(latin1); }), "not valid UTF-8"));
        const std::string prose = write("prose.tsv", "one line\nanother line\na\tpair\n");
        const std::string not_pairs = input_error_of([&] { load_dataset(prose); });
        QVERIFY2(contains(not_pairs, "prose.tsv is not a tab-separated pair file") && contains(not_pairs, "1 of its 3"),
                 not_pairs.c_str());
        // A .txt of prose stays a language-model corpus; a .txt of pairs becomes translation.
        const std::string story = write("story.txt", "The cat sat.\nThe dog sat.\n");
        QVERIFY(is_text_dataset(story));
        QVERIFY(!is_translation_dataset(story));
        DatasetOptions short_steps;
        short_steps.num_steps = 3;
        QVERIFY(load_dataset(story, short_steps).train.is_language_model());
        DatasetOptions bad;
        bad.num_steps = 0;
        QVERIFY(contains(input_error_of([&] { load_dataset("fra-eng", bad); }), "num_steps must be at least 1"));
        bad = {};
        bad.max_pairs = -1;
        QVERIFY(contains(input_error_of([&] { load_dataset("fra-eng", bad); }), "pair limit"));
        const QByteArray resources = qgetenv("DIVELAB_RESOURCES");
        qputenv("DIVELAB_RESOURCES", dir_.filePath(QStringLiteral("no-resources")).toUtf8());
        const std::string missing = input_error_of([] { load_dataset("fra-eng"); });
        qputenv("DIVELAB_RESOURCES", resources);
        QVERIFY2(contains(missing, "English-French pairs are missing") && contains(missing, "DIVELAB_RESOURCES"),
                 missing.c_str());
    }

    void ordinaryNetworksAreRefusedClearly() {
        // A network that does not score the target vocabulary at every step, or a loss other than
        // cross-entropy, is refused with what translation needs.
        const Dataset train = load_dataset("fra-eng").train;
        const auto error_of = [&](LossKind loss) {
            try {
                check_output_fits(Shape{1}, "fc", train, loss);
            } catch (const ShapeError& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        const std::string shape = error_of(LossKind::CrossEntropy), loss = error_of(LossKind::MeanSquaredError);
        QVERIFY2(contains(shape, "translation on 'fra-eng'") && contains(shape, "target vocabulary"), shape.c_str());
        QVERIFY2(contains(loss, "cross_entropy"), loss.c_str());
    }

    void catalogAndProjectKnowFraEng() {
        const auto& catalog = dataset_catalog();
        QVERIFY(std::any_of(catalog.begin(), catalog.end(), [](const DatasetInfo& i) { return i.name == "fra-eng"; }));
        Project p;
        p.dataset = "fra-eng";
        p.dataset_options.max_pairs = 200;
        const Project back = parse_project(project_to_string(p), "test");
        QCOMPARE(back.dataset_options.max_pairs, std::optional<int64_t>(200));
        QCOMPARE(back.dataset_options.num_steps, std::optional<int64_t>(kTranslationNumSteps));
        QCOMPARE(back.dataset_options.min_freq, std::optional<int64_t>(kTranslationMinFreq));
    }

    void fullFraTxtHasD2LsVocabulary() {
        if (!QFile::exists(QString::fromLatin1(kFullFraTxt))) QSKIP("the whole fra.txt is not on this machine");
        // fra.txt gets D2L's defaults: 600 examples (601 pairs) and the four test sentences.
        const DataSplit d2l = load_dataset(kFullFraTxt);
        QCOMPARE(d2l.train.size(), int64_t{601});
        QCOMPARE(d2l.train.translation->source_vocab_size(), int64_t{184});
        QCOMPARE(d2l.test.size(), int64_t{4});
        DatasetOptions all;
        all.max_pairs = 0;
        const DataSplit whole = load_dataset(kFullFraTxt, all);
        QCOMPARE(whole.train.size(), int64_t{167130});
        QCOMPARE(whole.train.translation->source_vocab_size(), int64_t{10012});  // D2L prints len(src_vocab)
        QCOMPARE(whole.train.translation->target_vocab_size(), int64_t{17851});  // D2L replica
        QCOMPARE(whole.train.translation->skipped_lines, int64_t{0});
    }
};

QTEST_GUILESS_MAIN(TestTranslationData)
#include "test_translation_data.moc"
