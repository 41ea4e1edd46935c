// BERT end to end (D2L §14.10 pretraining, §15.7 fine-tuning), on the bundled data: bert-tiny pretrained for D2L's
// 50 steps on The Time Machine lowers both losses from their start; a pretrained encoder fine-tuned on the Tatoeba
// paraphrases (the stand-in for SNLI) tells paraphrases from other pairs well above chance. Long (about a minute
// each on a quiet 2-core machine): a split suite (tests/CMakeLists.txt).
#include <QtTest>

#include <chrono>
#include <numeric>

#include "engine/data/registry.h"
#include "engine/io/presets.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/nn/parameter_transfer.h"
#include "engine/train/trainer.h"
#include "engine/train/translation_batch.h"

using namespace dl;

namespace {
struct BatchRecorder : TrainingObserver {
    std::vector<BatchEvent> batches;
    std::vector<EpochMetrics> epochs;
    void on_batch_end(const BatchEvent& e) override { batches.push_back(e); }
    void on_epoch_end(const EpochMetrics& m) override { epochs.push_back(m); }
};

Network network_for(const std::string& preset, const DataSplit& data) {
    NetworkSpec spec = load_preset(preset);
    fit_to_vocabulary(spec, data.train.bert->size());
    return Network(spec, network_input_shapes(data.train));
}

TrainConfig adam(int64_t batch_size, float lr, int epochs) {
    TrainConfig config;
    config.epochs = epochs;
    config.batch_size = batch_size;
    config.optimizer = optimizer_defaults("adam");
    config.optimizer.lr = lr;
    config.gradient_norms = false;
    return config;
}

double mean_last(const std::vector<BatchEvent>& b, size_t n, float BatchEvent::*field) {
    double s = 0;
    for (size_t i = b.size() - n; i < b.size(); ++i) s += b[i].*field;
    return s / static_cast<double>(n);
}

// bert-tiny pretrained on The Time Machine with the given settings; the network and its data.
struct Pretrained {
    DataSplit data;
    std::unique_ptr<Network> net;
    BatchRecorder recorder;
};
std::unique_ptr<Pretrained> pretrain(int64_t steps, int64_t batch_size, float lr) {
    auto p = std::make_unique<Pretrained>();
    DatasetOptions options;
    options.bert = BertTask::Pretraining;
    options.max_len = 64;
    p->data = load_dataset("timemachine", options);
    p->net = std::make_unique<Network>(network_for("bert-tiny", p->data));
    TrainConfig config = adam(batch_size, lr, 10000);
    config.max_steps = steps;
    Trainer trainer(*p->net, p->data, config);
    trainer.add_observer(&p->recorder);
    if (trainer.run().outcome != TrainSummary::Outcome::Completed) qFatal("pretraining did not complete");
    return p;
}
}  // namespace

class TestTrainingBert : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // D2L §14.10: batch 512, Adam lr 0.01, 50 steps. D2L's WikiText-2 run prints MLM 5.885 / NSP 0.760 (zh-v2: 5.424
    // / 0.777); our corpus and vocabulary are smaller, so the numbers differ: what must hold is that both fall.
    void pretrainingD2LFiftyStepsLowersBothLosses() {
        const auto t0 = std::chrono::steady_clock::now();
        const auto p = pretrain(50, 512, 0.01f);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const auto& b = p->recorder.batches;
        QCOMPARE(b.size(), size_t{50});
        const double mlm_end = mean_last(b, 5, &BatchEvent::mlm_loss), nsp_end = mean_last(b, 5, &BatchEvent::nsp_loss);
        qInfo(
            "%lld pairs, vocabulary %lld; 50 steps in %.1f s: MLM %.3f -> %.3f, NSP %.3f -> %.3f (mean of the last "
            "5 steps); last epoch: MLM %.3f, NSP %.3f, NSP accuracy %.3f",
            static_cast<long long>(p->data.train.size()), static_cast<long long>(p->data.train.bert->size()), seconds,
            b.front().mlm_loss, mlm_end, b.front().nsp_loss, nsp_end, p->recorder.epochs.back().mlm_loss,
            p->recorder.epochs.back().nsp_loss, p->recorder.epochs.back().nsp_acc);
        QVERIFY(b.front().mlm_loss > std::log(100.0));  // near chance among hundreds of words at the start
        QVERIFY(mlm_end < b.front().mlm_loss - 1.0);
        QVERIFY(nsp_end < b.front().nsp_loss);
        QVERIFY(nsp_end < 0.75);  // no worse than guessing (ln 2 = 0.693) plus noise
    }

    // D2L §15.7: the pretrained encoder and <cls> hidden layer under a new head, all fine-tuned. A short
    // pretraining (150 steps, lr 0.001, batch 128), 3 epochs over the training pairs and 1,000 test pairs keep it
    // near a minute (0.747 measured; from scratch does as well or better: see the note).
    void paraphraseFineTuningBeatsChance() {
        const auto pre = pretrain(150, 128, 0.001f);
        DatasetOptions options;
        options.bert = BertTask::Pairs;
        options.max_len = 32;
        options.bert_vocabulary = pre->data.train.bert;
        options.test_limit = 1000;
        const DataSplit data = load_dataset("tatoeba-paraphrase", options);
        Network net = network_for("bert-paraphrase", data);
        net.reset_parameters(0);
        const ParameterTransfer transfer = copy_matching_parameters(*pre->net, net);
        QCOMPARE(transfer.new_nodes, (std::vector<std::string>{"output"}));
        TrainConfig config = adam(64, 0.0005f, 3);
        config.initialize = false;
        config.head = transfer.new_nodes;
        config.head_lr = 0.001f;
        Trainer trainer(net, data, config);
        const TrainSummary summary = trainer.run();
        const EpochMetrics& last = summary.history.back();
        int64_t positives = std::accumulate(data.test.labels.begin(), data.test.labels.end(), int64_t{0});
        qInfo("fine-tuned on %lld pairs (test %lld, %lld paraphrases): train acc %.3f, test acc %.3f",
              static_cast<long long>(data.train.size()), static_cast<long long>(data.test.size()),
              static_cast<long long>(positives), last.train_acc, last.test_acc);
        const double majority = std::max<double>(positives, data.test.size() - positives) / data.test.size();
        QVERIFY(majority < 0.6);
        QVERIFY(last.test_acc > 0.7);
    }
};

QTEST_APPLESS_MAIN(TestTrainingBert)
#include "test_training_bert.moc"
