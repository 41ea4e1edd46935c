// D2L's translation models end to end (zh-v2 §9.7 seq2seq, §10.4 Bahdanau, §10.7 Transformer; §10.7, §11.4 and
// §11.7 in English):
// each preset trained with D2L's settings on the bundled fra-eng (D2L's first 601 pairs), then D2L's four test
// sentences (the data set's test split) translated greedily and scored with BLEU. Long (under a minute each on
// a quiet 2-core machine): a split suite (tests/CMakeLists.txt).
#include <QtTest>

#include <chrono>

#include "engine/data/registry.h"
#include "engine/io/presets.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/train/bleu.h"
#include "engine/train/trainer.h"
#include "engine/train/translation.h"
#include "engine/train/translation_batch.h"

using namespace dl;

namespace {
struct EpochRecorder : TrainingObserver {
    std::vector<EpochMetrics> epochs;
    void on_epoch_end(const EpochMetrics& m) override { epochs.push_back(m); }
};

TrainConfig preset_config(const TrainDefaults& d) {
    TrainConfig config;
    config.epochs = static_cast<int>(*d.epochs);
    config.batch_size = *d.batch_size;
    config.optimizer.name = *d.optimizer;
    config.optimizer.lr = static_cast<float>(*d.lr);
    config.clip_norm = static_cast<float>(*d.clip);
    config.gradient_norms = false;
    return config;
}

// Trains `preset` at its full D2L length; returns the mean BLEU of the four sentences, after checking that it
// is what the last epoch reported and that the loss beat `loss_bound`.
double train_and_translate(const std::string& preset, double loss_bound, const char* d2l_loss) {
    const NetworkSpec loaded = load_preset(preset);
    const DataSplit data = load_dataset("fra-eng");
    const Dataset& train = data.train;
    if (train.size() != 601 || data.test.size() != 4) qFatal("fra-eng is not D2L's 601 pairs and four sentences");
    NetworkSpec spec = loaded;
    fit_to_vocabularies(spec, train.translation->source_vocab_size(), train.translation->target_vocab_size());
    Network net(spec, network_input_shapes(train));
    const TrainConfig config = preset_config(loaded.train);
    Trainer trainer(net, data, config);
    EpochRecorder recorder;
    trainer.add_observer(&recorder);
    const auto t0 = std::chrono::steady_clock::now();
    if (trainer.run().outcome != TrainSummary::Outcome::Completed) qFatal("%s did not complete", preset.c_str());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const EpochMetrics& last = recorder.epochs.back();
    qInfo("%s: vocabularies %lld / %lld; %d epochs in %.1f s: loss %.4f (D2L %s), %.0f tokens/s, mean BLEU %.3f",
          preset.c_str(), static_cast<long long>(train.translation->source_vocab_size()),
          static_cast<long long>(train.translation->target_vocab_size()), config.epochs, seconds, last.train_loss,
          d2l_loss, last.tokens_per_sec, last.bleu);
    double total = 0;
    const TranslationCorpus& test = *data.test.translation;
    for (size_t i = 0; i < test.source_text.size(); ++i) {
        const Translation t = translate(net, *train.translation, test.source_text[i]);
        const double score = bleu(t.text, test.target_text[i]);
        total += score;
        qInfo("%s => %s, bleu %.3f", test.source_text[i].c_str(), t.text.c_str(), score);
    }
    QTest::qVerify(std::fabs(total / 4 - last.bleu) < 1e-9, "epoch BLEU", "the same four sentences", __FILE__,
                   __LINE__);
    QTest::qVerify(last.train_loss < loss_bound, "loss", std::to_string(last.train_loss).c_str(), __FILE__, __LINE__);
    return total / 4;
}
}  // namespace

class TestTrainingTranslation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // D2L: loss 0.019; BLEU 1.000, 1.000, 0.658, 0.447 (mean 0.776). Measured (seed 0): loss 0.020; BLEU 1,
    // 1, 0.658, 1. Another seed gives other sentences, so the bound leaves room.
    void seq2seqReachesD2LOnFraEng() {
        const double mean = train_and_translate("seq2seq", 0.05, "0.019");
        QVERIFY2(mean > 0.5, std::to_string(mean).c_str());
    }

    // D2L §10.4 (zh-v2; §11.4 in English): loss 0.020; BLEU 1.000, 1.000, 0.658 (il est riche .), 1.000.
    // Measured (seed 0): loss 0.0196; BLEU 1, 1, 0.658 (il est <unk> .), 1. The bound is above seq2seq's D2L
    // mean (0.776): attention should do better.
    void bahdanauReachesD2LOnFraEng() {
        const double mean = train_and_translate("bahdanau", 0.05, "0.020");
        QVERIFY2(mean > 0.75, std::to_string(mean).c_str());
    }

    // D2L: loss 0.032; BLEU 1.000 on all four. Measured (seed 0): loss 0.029; BLEU 1 on all four.
    void transformerReachesD2LOnFraEng() {
        const double mean = train_and_translate("transformer", 0.06, "0.032");
        QVERIFY2(mean > 0.75, std::to_string(mean).c_str());
    }
};

QTEST_APPLESS_MAIN(TestTrainingTranslation)
#include "test_training_translation.moc"
