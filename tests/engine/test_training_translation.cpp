// D2L §9.7 (zh-v2; §10.7 in English) end to end: the seq2seq preset trained with D2L's settings on the first
// 601 lines of the English–French pairs (D2L's num_examples = 600), then its four test sentences translated
// greedily and scored with BLEU. Long (a minute or so): a split suite (tests/CMakeLists.txt). The pairs are
// read by the minimal reader in translation_data.h from fra.txt: $DIVELAB_FRA_ENG, the bundled
// resources/data/fra-eng/fra.txt or /work/shared/data/fra-eng/fra.txt; skipped when none exists.
// D2L §10.4 (zh-v2; §11.4 in English): the bahdanau preset (Bahdanau attention) the same way, on the data set
// as load_dataset("fra-eng") gives it (about 1.5 minutes on the 2-core VM).
#include <QtTest>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "engine/data/registry.h"
#include "engine/data/translation_data.h"
#include "engine/io/presets.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/train/bleu.h"
#include "engine/train/trainer.h"
#include "engine/train/translation.h"
#include "engine/train/translation_batch.h"
#include "translation_data.h"

using namespace dl;

namespace {
std::string fra_eng_file() {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("DIVELAB_FRA_ENG")) candidates.push_back(env);
    candidates.push_back(std::string(DIVELAB_RESOURCES_DIR) + "/data/fra-eng/fra.txt");
    candidates.push_back("/work/shared/data/fra-eng/fra.txt");
    for (const std::string& c : candidates)
        if (std::filesystem::exists(c)) return c;
    return "";
}

struct EpochRecorder : TrainingObserver {
    std::vector<EpochMetrics> epochs;
    void on_epoch_end(const EpochMetrics& m) override { epochs.push_back(m); }
};
}  // namespace

class TestTrainingTranslation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seq2seqReachesD2LOnFraEng() {
        const std::string file = fra_eng_file();
        if (file.empty()) QSKIP("fra.txt (English–French pairs) not found");
        const NetworkSpec preset = load_preset("seq2seq");
        const TrainDefaults& d = preset.train;
        const int64_t steps = *d.num_steps;
        const Dataset train = dltest::translation_dataset(dltest::read_pairs(file, 601), steps, 2, "fra-eng");
        QCOMPARE(train.size(), int64_t{601});
        const dltest::Pairs d2l{{"go .", "va !"},
                                {"i lost .", "j'ai perdu ."},
                                {"he's calm .", "il est calme ."},
                                {"i'm home .", "je suis chez moi ."}};
        const Dataset four = dltest::dataset_over(d2l, train.translation, steps, "d2l-four");
        NetworkSpec spec = preset;
        fit_to_vocabularies(spec, train.translation->source_vocab_size(), train.translation->target_vocab_size());
        Network net(spec, network_input_shapes(train));
        TrainConfig config;
        config.epochs = static_cast<int>(*d.epochs);
        config.batch_size = *d.batch_size;
        config.optimizer.name = *d.optimizer;
        config.optimizer.lr = static_cast<float>(*d.lr);
        config.clip_norm = static_cast<float>(*d.clip);
        config.gradient_norms = false;
        const DataSplit split{train, four};  // the trainer keeps a reference
        Trainer trainer(net, split, config);
        EpochRecorder recorder;
        trainer.add_observer(&recorder);
        const auto t0 = std::chrono::steady_clock::now();
        QCOMPARE(trainer.run().outcome, TrainSummary::Outcome::Completed);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const EpochMetrics& last = recorder.epochs.back();
        qInfo("vocabularies %lld / %lld; %d epochs in %.1f s: loss %.4f (D2L 0.019), %.0f tokens/s, mean BLEU %.3f",
              static_cast<long long>(train.translation->source_vocab_size()),
              static_cast<long long>(train.translation->target_vocab_size()), config.epochs, seconds, last.train_loss,
              last.tokens_per_sec, last.bleu);
        double total = 0;
        for (const auto& [eng, fra] : d2l) {
            const Translation t = translate(net, *train.translation, eng);
            const double score = bleu(t.text, fra);
            total += score;
            qInfo("%s => %s, bleu %.3f", eng.c_str(), t.text.c_str(), score);
        }
        QVERIFY(std::fabs(total / 4 - last.bleu) < 1e-9);  // the epoch's BLEU is the same four sentences
        // D2L: loss 0.019; BLEU 1.000, 1.000, 0.658, 0.447 (mean 0.776). Another seed and initialisation
        // give other sentences, so the bounds leave room.
        QVERIFY2(last.train_loss < 0.05, std::to_string(last.train_loss).c_str());
        QVERIFY2(total / 4 > 0.5, std::to_string(total / 4).c_str());
    }

    // D2L §10.4 (zh-v2; §11.4 in English): the bahdanau preset at full length (250 epochs) on the bundled
    // fra-eng as the app loads it (600 pairs, D2L's four test sentences as the test set).
    void bahdanauReachesD2LOnFraEng() {
        const NetworkSpec preset = load_preset("bahdanau");
        const TrainDefaults& d = preset.train;
        DatasetOptions options;
        options.num_steps = *d.num_steps;
        const DataSplit split = load_dataset(*d.dataset, options);
        const TranslationCorpus& corpus = *split.train.translation;
        NetworkSpec spec = preset;
        fit_to_vocabularies(spec, corpus.source_vocab_size(), corpus.target_vocab_size());
        Network net(spec, network_input_shapes(split.train));
        TrainConfig config;
        config.epochs = static_cast<int>(*d.epochs);
        config.batch_size = *d.batch_size;
        config.optimizer.name = *d.optimizer;
        config.optimizer.lr = static_cast<float>(*d.lr);
        config.clip_norm = static_cast<float>(*d.clip);
        config.gradient_norms = false;
        Trainer trainer(net, split, config);
        EpochRecorder recorder;
        trainer.add_observer(&recorder);
        const auto t0 = std::chrono::steady_clock::now();
        QCOMPARE(trainer.run().outcome, TrainSummary::Outcome::Completed);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const EpochMetrics& last = recorder.epochs.back();
        qInfo(
            "%lld pairs, vocabularies %lld / %lld; %d epochs in %.1f s: loss %.4f (D2L 0.020), %.0f tokens/s, "
            "mean BLEU %.3f",
            static_cast<long long>(split.train.size()), static_cast<long long>(corpus.source_vocab_size()),
            static_cast<long long>(corpus.target_vocab_size()), config.epochs, seconds, last.train_loss,
            last.tokens_per_sec, last.bleu);
        double total = 0;
        for (const auto& [eng, fra] : d2l_test_pairs()) {
            const Translation t = translate(net, corpus, eng);
            const double score = bleu(t.text, fra);
            total += score;
            qInfo("%s => %s, bleu %.3f", eng.c_str(), t.text.c_str(), score);
        }
        QVERIFY(std::fabs(total / 4 - last.bleu) < 1e-9);  // the epoch's BLEU is the same four sentences
        // D2L: loss 0.020; BLEU 1.000, 1.000, 0.658, 1.000 (mean 0.915); seed 0 here: loss 0.0196 and the same
        // four scores. Another seed or initialisation gives other sentences, so the bounds leave room, but the
        // mean stays above plain seq2seq's 0.776 (D2L §9.7: i'm home . → 0.447 without attention).
        QVERIFY2(last.train_loss < 0.05, std::to_string(last.train_loss).c_str());
        QVERIFY2(total / 4 > 0.75, std::to_string(total / 4).c_str());
    }
};

QTEST_APPLESS_MAIN(TestTrainingTranslation)
#include "test_training_translation.moc"
