// The engine-to-UI bridge: training runs on a worker thread, results arrive as buffered signals on
// the GUI thread, the controls work, and the event loop stays responsive while training runs.
#include <QtTest>

#include <algorithm>
#include <chrono>

#include "engine/core/error.h"
#include "engine/data/registry.h"
#include "engine/train/inspection.h"
#include "event_loop_latency.h"
#include "toy_setup.h"
#include "ui/training/training_controller.h"

using namespace dl;

namespace {
using uitest::mlp;
using uitest::spiral;

struct Received {
    int64_t batches = 0, batch_signals = 0, gradient_events = 0;
    std::vector<EpochMetrics> epochs;
    bool all_on_gui_thread = true;
    bool finished = false;
    TrainSummary summary;
    std::vector<TrainingController::State> states;

    void connect(TrainingController& c) {
        QObject::connect(&c, &TrainingController::batchesArrived, [this](const std::vector<BatchEvent>& b) {
            batches += static_cast<int64_t>(b.size());
            ++batch_signals;
            all_on_gui_thread = all_on_gui_thread && QThread::currentThread() == qApp->thread();
        });
        QObject::connect(&c, &TrainingController::gradientsArrived, [this](const std::vector<GradientEvent>& g) {
            gradient_events += static_cast<int64_t>(g.size());
        });
        QObject::connect(&c, &TrainingController::epochFinished,
                         [this](const EpochMetrics& m) { epochs.push_back(m); });
        QObject::connect(&c, &TrainingController::stateChanged,
                         [this](TrainingController::State s) { states.push_back(s); });
        QObject::connect(&c, &TrainingController::finished, [this](const TrainSummary& s) {
            finished = true;
            summary = s;
        });
    }
};
}  // namespace

class TestTrainingController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void trainsAndDeliversBufferedSignals() {
        auto data = spiral(2000);
        TrainingController c;
        Received r;
        r.connect(c);
        TrainConfig config;
        config.epochs = 15;
        config.batch_size = 16;
        config.optimizer = optimizer_defaults("adam");
        config.optimizer.lr = 0.01f;
        c.start(mlp(32, data->train.num_classes), data, config);
        QCOMPARE(c.state(), TrainingController::State::Running);
        QTRY_VERIFY_WITH_TIMEOUT(r.finished, 60000);
        const int64_t per_epoch = (data->train.size() + 15) / 16;
        QCOMPARE(r.batches, 15 * per_epoch);
        QCOMPARE(r.gradient_events, r.batches);
        QVERIFY2(r.batch_signals < r.batches / 10, "batches must arrive in buffered chunks, not one signal each");
        QVERIFY(r.all_on_gui_thread);
        QCOMPARE(int(r.epochs.size()), 15);
        QVERIFY(r.epochs.back().train_loss < 0.5 * r.epochs.front().train_loss);  // it learned
        QCOMPARE(r.summary.outcome, TrainSummary::Outcome::Completed);
        QCOMPARE(c.state(), TrainingController::State::Finished);
        QVERIFY(c.network() != nullptr);
    }
    // The model views' data: histograms and decision grids taken on the training thread while it
    // runs, the test predictions of every epoch, and a final snapshot of the weights that were kept.
    void deliversModelViewData() {
        auto data = spiral(4000);
        TrainingController c;
        c.setSnapshotInterval(0);
        c.setRefreshInterval(5);
        int histogram_signals = 0, grid_signals = 0;
        std::vector<int> prediction_epochs;
        std::vector<Histogram> first_histograms, last_histograms;
        DecisionGrid last_grid;
        bool finished = false;
        QObject::connect(&c, &TrainingController::histogramsArrived, [&](const std::vector<Histogram>& h) {
            if (histogram_signals++ == 0) first_histograms = h;
            last_histograms = h;
        });
        QObject::connect(&c, &TrainingController::decisionGridArrived, [&](const DecisionGrid& g) {
            // Hold the run at the first grid until the event loop turns, so that a loaded machine cannot
            // coalesce every epoch's grid into one delivery.
            if (++grid_signals == 1) {
                c.pause();
                QTimer::singleShot(20, &c, [&c] { c.resume(); });
            }
            last_grid = g;
        });
        QObject::connect(&c, &TrainingController::testPredictionsArrived,
                         [&](int epoch, const std::vector<int32_t>& p) {
                             prediction_epochs.push_back(epoch);
                             QCOMPARE(static_cast<int64_t>(p.size()), data->test.size());
                         });
        QObject::connect(&c, &TrainingController::finished, [&] { finished = true; });
        TrainConfig config;
        config.epochs = 8;
        config.batch_size = 8;  // ~30 ms an epoch: longer than a flush interval even on a loaded machine
        c.start(mlp(16, data->train.num_classes), data, config);
        QTRY_VERIFY_WITH_TIMEOUT(finished, 30000);
        // The first histograms show the initialization, before any update.
        Network initial(mlp(16, data->train.num_classes), data->train.sample_shape());
        initial.reset_parameters(config.seed);
        const auto at_init = weight_histograms(initial, TrainingController::kHistogramBins);
        QCOMPARE(first_histograms.size(), at_init.size());
        for (size_t i = 0; i < at_init.size(); ++i) QCOMPARE(first_histograms[i].counts, at_init[i].counts);
        // Only the newest predictions of each delivery are passed on; the last epoch's always arrive.
        QVERIFY(!prediction_epochs.empty());
        QCOMPARE(prediction_epochs.back(), 8);
        QVERIFY(std::is_sorted(prediction_epochs.begin(), prediction_epochs.end()));
        QVERIFY(histogram_signals >= 2);
        QVERIFY(grid_signals >= 2);
        // The last histograms and grid describe the final network exactly.
        const auto expected = weight_histograms(*c.network(), TrainingController::kHistogramBins);
        QCOMPARE(last_histograms.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) QCOMPARE(last_histograms[i].counts, expected[i].counts);
        QCOMPARE(last_grid.resolution, TrainingController::kDecisionGridResolution);
        QCOMPARE(last_grid.predicted,
                 decision_grid(*c.network(), data->train, TrainingController::kDecisionGridResolution).predicted);
    }

    // Views ask for parameter copies and one example's node outputs (feature maps): they arrive
    // during the run and, once it is over, right when asked.
    void deliversWatchedParametersAndNodeOutputs() {
        auto data = spiral(600);
        TrainingController c;
        c.setSnapshotInterval(0);
        c.setWatchedParameters({"fc1.weight", "out.bias"});
        c.setProbeExample(5);
        TensorMap last;
        int64_t example = -1;
        std::vector<Tensor> outputs;
        bool finished = false;
        QObject::connect(&c, &TrainingController::parametersArrived, [&](const TensorMap& m) { last = m; });
        QObject::connect(&c, &TrainingController::nodeOutputsArrived, [&](qint64 e, const std::vector<Tensor>& o) {
            example = e;
            outputs = o;
        });
        QObject::connect(&c, &TrainingController::finished, [&] { finished = true; });
        TrainConfig config;
        config.epochs = 2;
        config.batch_size = 32;
        c.start(mlp(16, data->train.num_classes), data, config);
        QTRY_VERIFY_WITH_TIMEOUT(finished, 30000);
        QCOMPARE(last.size(), size_t{2});
        ParamList params = c.network()->parameters();
        QCOMPARE(last.at("fc1.weight").to_vector(), params[0].var.value().to_vector());  // the final weights
        QCOMPARE(last.at("fc1.weight").shape(), (Shape{16, 2}));
        QCOMPARE(example, int64_t{5});
        QCOMPARE(outputs.size(), size_t{5});  // one per node
        QCOMPARE(outputs[0].shape(), (Shape{16}));
        QCOMPARE(outputs.back().shape(), (Shape{data->train.num_classes}));
        // Idle: a new example is answered soon, from the trained network, computed on the job thread.
        c.setProbeExample(7);
        QVERIFY(c.jobsPending());
        QTRY_COMPARE(example, int64_t{7});
        QCOMPARE(outputs.back().to_vector(), node_outputs(*c.network(), data->test, 7).back().to_vector());
    }

    void pauseStepResumeStop() {
        auto data = spiral(4000);
        TrainingController c;
        c.setRefreshInterval(10);
        Received r;
        r.connect(c);
        TrainConfig config;
        config.epochs = 10000;
        config.batch_size = 4;
        c.start(mlp(16, data->train.num_classes), data, config);
        QTRY_VERIFY_WITH_TIMEOUT(r.batches > 20, 10000);
        c.pause();
        QCOMPARE(c.state(), TrainingController::State::Paused);
        QTest::qWait(150);
        const int64_t paused_at = r.batches;
        QTest::qWait(150);
        QVERIFY(r.batches - paused_at <= 1);
        c.step();
        QTRY_COMPARE_WITH_TIMEOUT(r.batches, paused_at + 1, 5000);
        c.resume();
        QCOMPARE(c.state(), TrainingController::State::Running);
        QTRY_VERIFY_WITH_TIMEOUT(r.batches > paused_at + 50, 10000);
        c.stop();
        QTRY_VERIFY_WITH_TIMEOUT(r.finished, 10000);
        QCOMPARE(r.summary.outcome, TrainSummary::Outcome::Stopped);
        QCOMPARE(r.states.back(), TrainingController::State::Finished);
    }
    // The engine's warnings reach the GUI thread as warningRaised, once, before finished().
    void warningsArriveOnTheGuiThread() {
        auto data = spiral(600);
        TrainingController c;
        std::vector<TrainWarning> warnings;
        bool on_gui_thread = true, before_finished = false, finished = false;
        TrainSummary summary;
        QObject::connect(&c, &TrainingController::warningRaised, [&](const TrainWarning& w) {
            warnings.push_back(w);
            on_gui_thread = on_gui_thread && QThread::currentThread() == qApp->thread();
            before_finished = !finished;
        });
        QObject::connect(&c, &TrainingController::finished, [&](const TrainSummary& s) {
            finished = true;
            summary = s;
        });
        TrainConfig config;
        config.epochs = 3;
        config.batch_size = 16;
        config.optimizer = optimizer_defaults("adam");
        config.optimizer.lr = 1e6f;
        c.start(mlp(32, data->train.num_classes), data, config);
        QTRY_VERIFY_WITH_TIMEOUT(finished, 30000);
        QCOMPARE(summary.outcome, TrainSummary::Outcome::Completed);
        QCOMPARE(int(warnings.size()), 1);
        QVERIFY(on_gui_thread && before_finished);
        QCOMPARE(warnings[0].kind, TrainWarning::Kind::LossExploded);
        QCOMPARE(warnings[0].message, summary.warnings.at(0).message);
        QVERIFY(warnings[0].loss > 1e3 * warnings[0].start_loss);
    }
    void impossibleSetupThrowsAndStartsNothing() {
        auto data = spiral(200);
        TrainingController c;
        QVERIFY_THROWS_EXCEPTION(ShapeError, c.start(mlp(8, 5), data, TrainConfig{}));
        QCOMPARE(c.state(), TrainingController::State::Idle);
    }
    void eventLoopStaysResponsiveWhileTraining() {
        auto data = spiral(20000);
        TrainingController c;
        Received r;
        r.connect(c);
        TrainConfig config;
        config.epochs = 1000;
        config.batch_size = 64;
        c.start(mlp(256, data->train.num_classes), data, config);
        // How late do the GUI thread's timer ticks arrive while the engine trains?
        uitest::EventLoopLatency latency;
        latency.start();
        QTest::qWait(3000);
        latency.stop();
        c.stop();
        QTRY_VERIFY_WITH_TIMEOUT(r.finished, 10000);
        QVERIFY(r.batches > 100);  // the engine really was busy
        qInfo("%s", qPrintable(latency.summary()));
        QVERIFY2(latency.percentile(0.99) < 50.0, qPrintable(latency.summary()));
    }
};

QTEST_MAIN(TestTrainingController)
#include "test_training_controller.moc"
