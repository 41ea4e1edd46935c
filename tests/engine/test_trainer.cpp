// The trainer's contract: observers see every batch, epoch and per-layer gradient norm; runs are
// reproducible; pause/resume/step/stop work from another thread; divergence stops cleanly.
#include <QtTest>

#include <atomic>
#include <cmath>
#include <mutex>
#include <thread>

#include "engine/core/error.h"
#include "engine/data/registry.h"
#include "engine/io/presets.h"
#include "engine/train/trainer.h"

using namespace dl;

namespace {
struct Recorder : TrainingObserver {
    std::mutex m;
    RunInfo info;
    std::vector<BatchEvent> batches;
    std::vector<GradientEvent> grads;
    std::vector<EpochMetrics> epochs;
    TrainSummary summary;
    std::atomic<int64_t> steps{0};
    void on_train_begin(const RunInfo& i) override { info = i; }
    void on_batch_end(const BatchEvent& e) override {
        std::lock_guard l(m);
        batches.push_back(e);
        steps = e.step;
    }
    void on_gradients(const GradientEvent& e) override {
        std::lock_guard l(m);
        grads.push_back(e);
    }
    void on_epoch_end(const EpochMetrics& e) override { epochs.push_back(e); }
    void on_train_end(const TrainSummary& s) override { summary = s; }
};

DataSplit spiral(int64_t size = 600) {
    DatasetOptions opt;
    opt.size = size;
    opt.seed = 3;
    return load_dataset("spiral", opt);
}

NetworkSpec small_mlp(int64_t classes) {
    NetworkSpec spec;
    spec.name = "small";
    spec.nodes = {{"fc1", "Linear", {}, {}}, {"act", "ReLU", {}, {}}, {"fc2", "Linear", {}, {}}};
    spec.nodes[0].attrs.set("out_features", int64_t{16});
    spec.nodes[2].attrs.set("out_features", classes);
    return spec;
}

std::vector<float> weights(Network& net) {
    std::vector<float> all;
    for (Param& p : net.parameters()) {
        auto v = p.var.value().to_vector();
        all.insert(all.end(), v.begin(), v.end());
    }
    return all;
}
}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void observersSeeEverything() {
        DataSplit data = spiral();
        Network net(small_mlp(data.train.num_classes), data.train.sample_shape());
        TrainConfig config;
        config.epochs = 3;
        config.batch_size = 50;
        Recorder rec;
        Trainer trainer(net, data, config);
        trainer.add_observer(&rec);
        TrainSummary s = trainer.run();
        const int64_t per_epoch = (data.train.size() + 49) / 50;
        QCOMPARE(rec.info.batches_per_epoch, per_epoch);
        QCOMPARE(rec.info.layers, (std::vector<std::string>{"fc1", "fc2"}));
        QCOMPARE(int64_t(rec.batches.size()), 3 * per_epoch);
        QCOMPARE(rec.batches.back().step, 3 * per_epoch);
        QCOMPARE(int(rec.epochs.size()), 3);
        QCOMPARE(rec.grads.size(), rec.batches.size());
        for (const auto& g : rec.grads) {
            QCOMPARE(int(g.layers.size()), 2);
            for (const auto& l : g.layers) QVERIFY(std::isfinite(l.norm) && l.norm > 0);
        }
        for (const auto& e : rec.epochs) {
            QVERIFY(e.train_acc >= 0 && e.train_acc <= 1);
            QVERIFY(e.test_acc >= 0 && e.test_acc <= 1);
            QVERIFY(e.examples_per_sec > 0);
        }
        QCOMPARE(s.outcome, TrainSummary::Outcome::Completed);
        QCOMPARE(rec.summary.epochs_done, 3);
    }
    void sameSeedSameNumbers() {
        DataSplit data = spiral();
        auto run = [&](uint64_t seed) {
            Network net(small_mlp(data.train.num_classes), data.train.sample_shape());
            TrainConfig config;
            config.epochs = 2;
            config.batch_size = 32;
            config.seed = seed;
            Trainer(net, data, config).run();
            return weights(net);
        };
        const auto a = run(7), b = run(7), c = run(8);
        QVERIFY(a == b);  // bit-for-bit
        QVERIFY(a != c);
    }
    void sameSeedSameNumbersWithDropoutOnImages() {
        DatasetOptions opt;
        opt.train_limit = 2000;
        opt.test_limit = 500;
        DataSplit data;
        try {
            data = load_dataset("fashion-mnist", opt);
        } catch (const std::exception& e) {
            QSKIP(e.what());
        }
        auto run = [&] {
            Network net(load_preset("mlp-dropout"), data.train.sample_shape());
            TrainConfig config;
            config.epochs = 1;
            config.optimizer.lr = 0.5f;
            Trainer(net, data, config).run();
            return weights(net);
        };
        QVERIFY(run() == run());
    }
    void pauseResumeStepStop() {
        DataSplit data = spiral(4000);
        Network net(small_mlp(data.train.num_classes), data.train.sample_shape());
        TrainConfig config;
        config.epochs = 1000;
        config.batch_size = 8;
        Recorder rec;
        Trainer trainer(net, data, config);
        trainer.add_observer(&rec);
        TrainSummary result;
        std::thread worker([&] { result = trainer.run(); });
        QTRY_VERIFY_WITH_TIMEOUT(rec.steps > 10, 10000);
        trainer.pause();
        QTest::qWait(100);
        const int64_t paused_at = rec.steps;
        QTest::qWait(200);
        QVERIFY(rec.steps - paused_at <= 1);  // at most the batch in flight finishes
        const int64_t before_step = rec.steps;
        trainer.step(3);
        QTRY_COMPARE_WITH_TIMEOUT(rec.steps.load(), before_step + 3, 5000);
        QTest::qWait(100);
        QCOMPARE(rec.steps.load(), before_step + 3);  // and then it stays paused
        trainer.resume();
        QTRY_VERIFY_WITH_TIMEOUT(rec.steps > before_step + 20, 10000);
        trainer.stop();
        worker.join();
        QCOMPARE(result.outcome, TrainSummary::Outcome::Stopped);
        QVERIFY(result.message.find("stopped at epoch") != std::string::npos);
    }
    void stopWhilePaused() {
        DataSplit data = spiral();
        Network net(small_mlp(data.train.num_classes), data.train.sample_shape());
        TrainConfig config;
        config.epochs = 1000;
        Trainer trainer(net, data, config);
        trainer.pause();
        TrainSummary result;
        std::thread worker([&] { result = trainer.run(); });
        QTest::qWait(50);
        trainer.stop();
        worker.join();
        QCOMPARE(result.outcome, TrainSummary::Outcome::Stopped);
    }
    void divergenceStopsAndKeepsFiniteWeights() {
        DataSplit data = spiral();
        Network net(small_mlp(data.train.num_classes), data.train.sample_shape());
        TrainConfig config;
        config.epochs = 50;
        config.batch_size = 16;
        config.optimizer.lr = 1e30f;  // certain to overflow to Inf/NaN
        Recorder rec;
        Trainer trainer(net, data, config);
        trainer.add_observer(&rec);
        const TrainSummary s = trainer.run();
        QCOMPARE(s.outcome, TrainSummary::Outcome::Diverged);
        QVERIFY2(s.message.find("diverged at epoch ") == 0, s.message.c_str());
        QVERIFY(s.message.find(", batch ") != std::string::npos);
        for (float w : weights(net)) QVERIFY(std::isfinite(w));
        // the kept weights are the ones that produced the last finite loss
        Evaluation ev = evaluate(net, data.train, LossKind::CrossEntropy);
        QVERIFY(std::isfinite(ev.loss));
        QCOMPARE(rec.summary.outcome, TrainSummary::Outcome::Diverged);
    }
    void outputThatDoesNotFitTheDataIsExplained() {
        DataSplit data = spiral();
        Network net(small_mlp(7), data.train.sample_shape());
        TrainConfig config;
        try {
            Trainer(net, data, config).run();
            QFAIL("no error");
        } catch (const ShapeError& e) {
            QVERIFY2(QString(e.what()).contains("out_features " + QString::number(data.train.num_classes)), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "test_trainer.moc"
