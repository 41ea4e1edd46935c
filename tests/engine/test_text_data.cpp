// Tests of D2L's text pipeline (§8.2–8.3) and sequence data (§8.1): reading text files with clear
// errors, cleaning, tokens, the vocabulary, The Time Machine's published numbers, the sine wave
// and the lag MLP's 1-step and k-step predictions.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/data/ngram_counts.h"
#include "engine/data/registry.h"
#include "engine/data/sine_wave.h"
#include "engine/data/text_cleaning.h"
#include "engine/data/text_corpus.h"
#include "engine/data/text_file.h"
#include "engine/data/vocabulary.h"
#include "engine/io/project_file.h"
#include "engine/train/lag_prediction.h"
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

double variance(const std::vector<float>& v) {
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    double sum = 0;
    for (const float x : v) sum += (x - mean) * (x - mean);
    return sum / static_cast<double>(v.size());
}

// The median over non-overlapping windows of `width` values of the variance inside each window.
double median_window_variance(const std::vector<float>& v, size_t width = 50) {
    std::vector<double> variances;
    for (size_t start = 0; start + width <= v.size(); start += width)
        variances.push_back(variance(std::vector<float>(v.begin() + static_cast<std::ptrdiff_t>(start),
                                                        v.begin() + static_cast<std::ptrdiff_t>(start + width))));
    std::nth_element(variances.begin(), variances.begin() + static_cast<std::ptrdiff_t>(variances.size() / 2),
                     variances.end());
    return variances[variances.size() / 2];
}

double mse_against(const SeriesPrediction& p, const std::vector<float>& series) {
    double sum = 0;
    for (size_t i = 0; i < p.values.size(); ++i)
        sum += std::pow(p.values[i] - series[static_cast<size_t>(p.start) + i], 2);
    return sum / static_cast<double>(p.values.size());
}

TextCorpusOptions all_tokens(const std::string& kind) {
    TextCorpusOptions o;
    o.token_kind = kind;
    return o;
}

// D2L §8.1's lag model: Linear(10), ReLU, Linear(1), Xavier initialisation.
NetworkSpec lag_mlp() {
    NetworkSpec spec;
    spec.name = "seq-mlp";
    spec.nodes = {{"fc1", "Linear", {}, {}}, {"relu", "ReLU", {}, {}}, {"fc2", "Linear", {}, {}}};
    spec.nodes[0].attrs.set("out_features", int64_t{10});
    spec.nodes[2].attrs.set("out_features", int64_t{1});
    for (int i : {0, 2}) spec.nodes[i].attrs.set("init", std::string("xavier_uniform"));
    return spec;
}

}  // namespace

class TestTextData : public QObject {
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
    void cleaningIsD2LsRegex() {
        QCOMPARE(clean_line("  The Time-Machine, by H. G. Wells [1898]\n"),
                 std::string("the time machine by h g wells"));
        QCOMPARE(clean_line("42 !!"), std::string());
        QCOMPARE(clean_line("Caf\xC3\xA9 au lait"), std::string("caf au lait"));  // é is not in [A-Za-z]
        QCOMPARE(clean_line("a\tB\r\n"), std::string("a b"));
    }

    void tokensAreCharactersOrWords() {
        const auto chars = tokenize({"ab c", ""}, "char");
        QCOMPARE(chars.size(), size_t{2});
        QCOMPARE(chars[0], (std::vector<std::string>{"a", "b", " ", "c"}));
        QVERIFY(chars[1].empty());
        QCOMPARE(tokenize({"the time  machine"}, "word")[0], (std::vector<std::string>{"the", "time", "machine"}));
        QVERIFY(contains(input_error_of([] { tokenize({"x"}, "byte"); }), "char or word"));
    }

    void vocabularySortsByFrequencyThenFirstAppearance() {
        const Vocabulary v = build_vocabulary({{"b", "c", "a"}, {"a", "b", "d"}, {"c", "e"}});
        // b, c, a all occur twice: they keep the order they first appeared in, then d and e (once).
        QCOMPARE(v.idx_to_token, (std::vector<std::string>{"<unk>", "b", "c", "a", "d", "e"}));
        QCOMPARE(v.token_counts, (std::vector<int64_t>{0, 2, 2, 2, 1, 1}));
        QCOMPARE(v.id("a"), 3);
        QCOMPARE(v.id("zebra"), 0);
        const Vocabulary rare = build_vocabulary({{"b", "c", "a"}, {"a", "b", "d"}, {"c", "e"}}, 2, {"<pad>"});
        QCOMPARE(rare.idx_to_token, (std::vector<std::string>{"<unk>", "<pad>", "b", "c", "a"}));
        QCOMPARE(rare.token_counts[0], int64_t{2});  // d and e now read as <unk>
        QCOMPARE(rare.id("d"), 0);
    }

    void timeMachineMatchesD2L() {
        const std::vector<std::string> raw = read_text_lines(time_machine_path());
        QCOMPARE(raw.size(), size_t{3221});
        const TextCorpus chars = make_text_corpus(raw, all_tokens("char"));
        QCOMPARE(chars.lines.size(), size_t{3221});
        QCOMPARE(chars.lines[0], std::string("the time machine by h g wells"));
        QCOMPARE(chars.tokens.size(), size_t{170580});
        QCOMPARE(chars.vocab_size(), int64_t{28});
        // D2L prints the character vocabulary as <unk>, ' ', e, t, a, i, n, o, s, h, ...
        const std::vector<std::string> first{"<unk>", " ", "e", "t", "a", "i", "n", "o", "s", "h"};
        QCOMPARE(std::vector<std::string>(chars.idx_to_token.begin(), chars.idx_to_token.begin() + 10), first);
        QCOMPARE(chars.token_counts[0], int64_t{0});
        QCOMPARE(std::accumulate(chars.token_counts.begin(), chars.token_counts.end(), int64_t{0}), int64_t{170580});

        const TextCorpus words = make_text_corpus(raw, all_tokens("word"));
        const std::vector<std::pair<std::string, int64_t>> top{
            {"the", 2261}, {"i", 1267}, {"and", 1245}, {"of", 1155}, {"a", 816}};
        for (size_t i = 0; i < top.size(); ++i) {
            QCOMPARE(words.idx_to_token[i + 1], top[i].first);
            QCOMPARE(words.token_counts[i + 1], top[i].second);
        }
        QCOMPARE(words.vocab_size(), int64_t{4580});  // D2L: len(vocab) for word tokens
        QCOMPARE(words.tokens.size(), size_t{32775});
        // The stream is every token of every line in order: "the time machine by h g wells" first.
        QCOMPARE(words.idx_to_token[static_cast<size_t>(words.tokens[0])], std::string("the"));
        QCOMPARE(words.idx_to_token[static_cast<size_t>(words.tokens[2])], std::string("machine"));
    }

    void timeMachineDataSetKeepsD2LsFirst10000Tokens() {
        const DataSplit split = load_dataset("timemachine");
        QVERIFY(split.train.is_language_model());
        QCOMPARE(split.train.text->tokens.size(), size_t{10000});
        QCOMPARE(split.train.num_classes, 28);
        QCOMPARE(split.train.num_steps, int64_t{35});
        QCOMPARE(split.train.sampling, Sampling::Random);
        QCOMPARE(split.train.size(), int64_t{(10000 - 1) / 35});
        QCOMPARE(split.train.sample_shape(), (Shape{35}));
        QCOMPARE(split.test.size(), int64_t{0});
        split.train.check();
        QCOMPARE(dataset_sample_shape("timemachine"), std::optional<Shape>(Shape{35}));

        DatasetOptions options;
        options.max_tokens = 0;
        options.token_kind = "word";
        options.num_steps = 5;
        options.sampling = Sampling::Sequential;
        options.min_freq = 3;
        const DataSplit words = load_dataset("timemachine", options);
        QCOMPARE(words.train.text->tokens.size(), size_t{32775});
        QCOMPARE(words.train.text->token_kind, std::string("word"));
        QCOMPARE(words.train.sampling, Sampling::Sequential);
        QVERIFY(words.train.num_classes > 100 && words.train.num_classes < 4580);  // rare words are <unk> now
        QVERIFY(words.train.text->token_counts[0] > 0);
        QCOMPARE(dataset_sample_shape("timemachine", options), std::optional<Shape>(Shape{5}));
    }

    void textOptionsRoundTripThroughAProject() {
        Project p;
        p.dataset = "timemachine";
        p.dataset_options.token_kind = "word";
        p.dataset_options.num_steps = 12;
        p.dataset_options.sampling = Sampling::Sequential;
        p.dataset_options.min_freq = 2;
        p.dataset_options.max_tokens = 0;
        const Project back = parse_project(project_to_string(p), "test");
        QCOMPARE(back.dataset_options.token_kind, std::string("word"));
        QCOMPARE(back.dataset_options.num_steps, std::optional<int64_t>(12));
        QCOMPARE(back.dataset_options.sampling, Sampling::Sequential);
        QCOMPARE(back.dataset_options.min_freq, std::optional<int64_t>(2));
        QCOMPARE(back.dataset_options.max_tokens, std::optional<int64_t>(0));
        p.dataset_options.max_tokens.reset();
        QVERIFY(!parse_project(project_to_string(p), "test").dataset_options.max_tokens);
        std::string text = project_to_string(p);
        text.replace(text.find("\"sequential\""), 12, "\"shuffled\"");
        QVERIFY(contains(input_error_of([&] { parse_project(text, "bad.divelab"); }), "random or sequential"));
    }

    void anyTextFileLoadsAsACorpus() {
        const std::string path = write("story.txt", "The cat sat.\r\nThe dog sat!\n\xC3\x89t\xC3\xA9 on the mat");
        DatasetOptions short_steps;
        short_steps.num_steps = 5;
        const DataSplit split = load_dataset(path, short_steps);  // no default token limit for files
        const TextCorpus& text = *split.train.text;
        QCOMPARE(text.lines, (std::vector<std::string>{"the cat sat", "the dog sat", "t on the mat"}));
        QCOMPARE(text.tokens.size(), size_t{11 + 11 + 12});
        DatasetOptions few;
        few.max_tokens = 20;
        few.num_steps = 4;
        QCOMPARE(load_dataset(path, few).train.text->tokens.size(), size_t{20});
        QCOMPARE(load_dataset(path, few).train.size(), int64_t{(20 - 1) / 4});
    }

    void badTextFilesGiveClearErrors() {
        const std::string missing = dir_.filePath("missing.txt").toStdString();
        QVERIFY(contains(input_error_of([&] { load_dataset(missing); }), "no such file"));
        const std::string empty = write("empty.txt", "");
        QVERIFY(contains(input_error_of([&] { load_dataset(empty); }), "empty"));
        const std::string no_letters = write("digits.txt", "123 456\n!!! ...\n");
        const std::string letters_error = input_error_of([&] { load_dataset(no_letters); });
        QVERIFY2(contains(letters_error, "no letters left after cleaning") && contains(letters_error, "digits.txt"),
                 letters_error.c_str());
        const std::string nul = write("nul.txt", QByteArray("text\0more", 9));
        QVERIFY(contains(input_error_of([&] { load_dataset(nul); }), "binary"));
        const std::string controls = write("controls.txt", QByteArray("ab\x01\x02\x03\x04\x05\x06\x07\x08", 10));
        QVERIFY(contains(input_error_of([&] { load_dataset(controls); }), "binary"));
        const std::string latin1 = write("latin1.txt", "hello\nthe caf\xE9 is open\n");
        const std::string utf8_error = input_error_of([&] { load_dataset(latin1); });
        QVERIFY2(contains(utf8_error, "not valid UTF-8") && contains(utf8_error, "line 2, byte 8"), utf8_error.c_str());
        const std::string folder = dir_.path().toStdString() + "/folder.txt";
        QVERIFY(QDir().mkpath(QString::fromStdString(folder)));
        QVERIFY(contains(input_error_of([&] { load_dataset(folder); }), "folder"));
        DatasetOptions short_steps;
        short_steps.num_steps = 50;
        const std::string tiny = write("tiny.txt", "a b c\n");
        QVERIFY(contains(input_error_of([&] { load_dataset(tiny, short_steps); }), "too few"));
        const QByteArray resources = qgetenv("DIVELAB_RESOURCES");
        qputenv("DIVELAB_RESOURCES", dir_.filePath(QStringLiteral("no-resources")).toUtf8());
        const std::string no_book = input_error_of([] { load_dataset("timemachine"); });
        qputenv("DIVELAB_RESOURCES", resources);
        QVERIFY2(contains(no_book, "The Time Machine is missing") && contains(no_book, "DIVELAB_RESOURCES"),
                 no_book.c_str());
        DatasetOptions bad_kind;
        bad_kind.token_kind = "bytes";
        QVERIFY(contains(input_error_of([&] { load_dataset("timemachine", bad_kind); }), "char or word"));
    }

    void utf8ValidationFindsTheFirstBadByte() {
        QCOMPARE(first_invalid_utf8("plain"), std::string::npos);
        QCOMPARE(first_invalid_utf8("\xC3\xA9t\xE2\x82\xAC \xF0\x9F\x98\x80"), std::string::npos);  // é € 😀
        QCOMPARE(first_invalid_utf8("ab\xC3"), size_t{2});                                          // cut off
        QCOMPARE(first_invalid_utf8("a\xC0\xAF"), size_t{1});                                       // overlong '/'
        QCOMPARE(first_invalid_utf8("a\xED\xA0\x80"), size_t{1});                                   // surrogate
        QCOMPARE(first_invalid_utf8("ok\x80"), size_t{2});            // stray continuation
        QCOMPARE(first_invalid_utf8("\xF4\x90\x80\x80"), size_t{0});  // past U+10FFFF
    }

    void byteOrderMarkAndLineEndsAreHandled() {
        const std::string path = write("bom.txt", "\xEF\xBB\xBFone\rtwo\r\nthree\n");
        QCOMPARE(read_text_lines(path), (std::vector<std::string>{"one", "two", "three"}));
    }

    void ngramFrequenciesFollowZipf() {
        const TextCorpus words = load_text_corpus(time_machine_path(), all_tokens("word"));
        const std::vector<int64_t> uni = ngram_frequencies(words.tokens, 1);
        QCOMPARE(uni.size(), size_t{4579});  // every word but <unk>
        QCOMPARE(uni[0], int64_t{2261});     // "the"
        QVERIFY(std::is_sorted(uni.rbegin(), uni.rend()));
        const std::vector<int64_t> bi = ngram_frequencies(words.tokens, 2);
        const std::vector<int64_t> tri = ngram_frequencies(words.tokens, 3);
        QCOMPARE(bi.size(), size_t{20234});
        QCOMPARE(std::accumulate(tri.begin(), tri.end(), int64_t{0}), int64_t{32775 - 2});
        QVERIFY(bi[0] < uni[0] && tri[0] < bi[0]);  // D2L: longer n-grams are rarer, with flatter curves
        QCOMPARE(ngram_frequencies({1, 2, 1, 2, 1}, 2), (std::vector<int64_t>{2, 2}));
    }

    void sineWaveIsD2LsLagProblem() {
        const DataSplit split = load_dataset("sine");
        QCOMPARE(split.train.features.shape(), (Shape{600, 4}));
        QCOMPARE(split.train.targets.shape(), (Shape{600, 1}));
        QCOMPARE(split.test.features.shape(), (Shape{396, 4}));
        QCOMPARE(split.test.targets.shape(), (Shape{396, 1}));
        QCOMPARE(dataset_sample_shape("sine"), std::optional<Shape>(Shape{4}));
        const std::vector<float> x = sine_wave_series();
        QCOMPARE(x.size(), size_t{1000});
        QCOMPARE(lag_series(split), x);
        // In order: test example r is the series from 600 + r on.
        for (int64_t i = 0; i < 4; ++i) QCOMPARE(split.test.features.data()[i], x[static_cast<size_t>(600 + i)]);
        QCOMPARE(split.test.targets.data()[0], x[604]);
        // The noise is N(0, 0.2²) around sin(0.01 t).
        double residual = 0;
        for (size_t t = 0; t < x.size(); ++t)
            residual += std::pow(x[t] - std::sin(0.01 * static_cast<double>(t + 1)), 2);
        QVERIFY(std::abs(std::sqrt(residual / 1000) - 0.2) < 0.02);
        DatasetOptions seeded;
        seeded.seed = 7;
        QVERIFY(lag_series(load_dataset("sine", seeded)) != x);
    }

    // D2L §8.1: the τ = 4 MLP follows the series one step ahead, and its 64-step-ahead prediction
    // collapses to a nearly flat line.
    void lagMlpPredictsOneStepAndDecaysFarAhead() {
        const DataSplit data = load_dataset("sine");
        Network net(lag_mlp(), data.train.sample_shape());
        TrainConfig config;
        config.epochs = 5;
        config.batch_size = 16;
        config.loss = "mse";
        config.optimizer = optimizer_defaults("adam");
        config.optimizer.lr = 0.01f;
        Trainer(net, data, config).run();

        const std::vector<float> x = lag_series(data);
        const LagPredictions p = predict_lagged(net, x);
        QCOMPARE(p.one_step.start, int64_t{4});
        QCOMPARE(p.one_step.values.size(), size_t{996});
        double test_mse = 0;
        int64_t test_points = 0;
        for (size_t i = 600; i < p.one_step.values.size(); ++i, ++test_points)
            test_mse += std::pow(p.one_step.values[i] - x[i + 4], 2);
        test_mse /= static_cast<double>(test_points);
        qInfo("1-step MSE on the test part: %.4f (noise variance 0.04, series variance %.3f)", test_mse, variance(x));
        QVERIFY2(test_mse < 0.08, qPrintable(QString::number(test_mse)));

        QCOMPARE(p.k_step.size(), size_t{4});
        const std::vector<int64_t> ks{1, 4, 16, 64};
        for (size_t j = 0; j < ks.size(); ++j) {
            QCOMPARE(p.k_step[j].steps, ks[j]);
            QCOMPARE(p.k_step[j].start, 4 + ks[j] - 1);
            QCOMPARE(p.k_step[j].values.size(), size_t{1000 - 4 - 64 + 1});
        }
        // k = 1 of the max_steps construction is the plain 1-step prediction.
        for (size_t r = 0; r < p.k_step[0].values.size(); ++r) QCOMPARE(p.k_step[0].values[r], p.one_step.values[r]);
        const double far = variance(p.k_step[3].values), series = variance(x);
        qInfo("variance: series %.3f, 1-step %.3f, 4-step %.3f, 16-step %.3f, 64-step %.4f", series,
              variance(p.k_step[0].values), variance(p.k_step[1].values), variance(p.k_step[2].values), far);
        // The iterated model settles on a fixed point (which one depends on where a row starts: the
        // map can have one above and one below zero), so the 64-step line is flat between rare jumps:
        // the median variance over windows of 50 predictions, against the series' own.
        const double flat = median_window_variance(p.k_step[3].values), wave = median_window_variance(x);
        qInfo("median variance in windows of 50: series %.4f, 1-step %.4f, 64-step %.6f", wave,
              median_window_variance(p.k_step[0].values), flat);
        QVERIFY2(flat < 0.1 * wave, qPrintable(QString("64-step %1, series %2").arg(flat).arg(wave)));
        // And it no longer follows the series.
        QVERIFY(mse_against(p.k_step[3], x) > 3 * mse_against(p.k_step[0], x));
        QVERIFY(variance(p.k_step[0].values) > 0.5 * series);  // while one step ahead still follows the wave
    }
};

QTEST_APPLESS_MAIN(TestTextData)
#include "test_text_data.moc"
