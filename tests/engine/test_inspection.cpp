// Model views: weight histograms, the decision grid of a 2-D classifier, confusion matrices and the
// test predictions the trainer reports after each epoch.
#include <QtTest>

#include <cmath>

#include "engine/core/error.h"
#include "engine/data/registry.h"
#include "engine/train/inspection.h"
#include "engine/train/trainer.h"

using namespace dl;

namespace {
NetworkSpec linear_classifier(int64_t classes) {
    NetworkSpec spec;
    spec.name = "linear";
    spec.nodes = {{"fc", "Linear", {}, {}}};
    spec.nodes[0].attrs.set("out_features", classes);
    return spec;
}

Param& param(Network& /*net*/, const std::string& name, ParamList& list) {
    for (Param& p : list)
        if (p.name == name) return p;
    throw std::runtime_error("no parameter " + name);
}

DataSplit spiral() {
    DatasetOptions opt;
    opt.size = 400;
    opt.seed = 5;
    return load_dataset("spiral", opt);
}

struct PredictionRecorder : TrainingObserver {
    std::vector<PredictionEvent> predictions;
    std::vector<EpochMetrics> epochs;
    void on_test_predictions(const PredictionEvent& e) override { predictions.push_back(e); }
    void on_epoch_end(const EpochMetrics& m) override { epochs.push_back(m); }
};
}  // namespace

class TestInspection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void histogramCountsEveryValueInItsBin() {
        Network net(linear_classifier(3), {4});
        ParamList params = net.parameters();
        // weight values 0..11: with 4 bins over [0, 11] the bins hold {0,1,2}, {3,4,5}, {6,7,8}, {9,10,11}
        Tensor& w = param(net, "fc.weight", params).var.value();
        for (int64_t i = 0; i < w.numel(); ++i) w.data()[i] = static_cast<float>(i);
        const auto hs = weight_histograms(net, 4);
        QCOMPARE(hs.size(), size_t{2});
        QCOMPARE(QString::fromStdString(hs[0].name), QStringLiteral("fc.weight"));
        QCOMPARE(hs[0].values, int64_t{12});
        QCOMPARE(hs[0].min, 0.0f);
        QCOMPARE(hs[0].max, 11.0f);
        QCOMPARE(hs[0].counts, (std::vector<int64_t>{3, 3, 3, 3}));
        QCOMPARE(hs[0].mean, 5.5);
        QVERIFY(std::abs(hs[0].stddev - std::sqrt(143.0 / 12.0)) < 1e-9);
        QCOMPARE(hs[0].bin_center(0), 11.0f / 8.0f);
        // The bias starts at zero: every value in the middle bin.
        QCOMPARE(hs[1].counts, (std::vector<int64_t>{0, 0, 3, 0}));
        QVERIFY_THROWS_EXCEPTION(InputError, weight_histograms(net, 0));
    }

    void decisionGridFollowsTheWeights() {
        const DataSplit data = spiral();
        QVERIFY(has_decision_plane(data.train));
        Network net(linear_classifier(data.train.num_classes), {2});
        ParamList params = net.parameters();
        // logit_k = x * (k == 0 ? 1 : -1): class 0 wherever x > 0, otherwise class 1 (ties to 1 of the rest).
        Tensor& w = param(net, "fc.weight", params).var.value();
        std::fill(w.data(), w.data() + w.numel(), 0.0f);
        for (int64_t k = 0; k < w.size(0); ++k) w.data()[k * 2] = k == 0 ? 1.0f : -1.0f;
        const DecisionGrid g = decision_grid(net, data.train, 20, 0.1f);
        QCOMPARE(g.resolution, 20);
        QCOMPARE(g.num_classes, data.train.num_classes);
        QCOMPARE(g.predicted.size(), size_t{400});
        QVERIFY(g.x_min < g.x_max && g.y_min < g.y_max);
        for (int iy = 0; iy < 20; ++iy)
            for (int ix = 0; ix < 20; ++ix) {
                const float x = g.x_min + (ix + 0.5f) * (g.x_max - g.x_min) / 20;
                const size_t i = static_cast<size_t>(iy * 20 + ix);
                QCOMPARE(g.predicted[i], x > 0 ? 0 : 1);
                QVERIFY(g.confidence[i] >= 1.0f / g.num_classes - 1e-6f && g.confidence[i] <= 1.0f);
            }
        // The grid covers every point, with a margin.
        for (int64_t i = 0; i < data.train.size(); ++i) {
            QVERIFY(data.train.features.data()[2 * i] > g.x_min && data.train.features.data()[2 * i] < g.x_max);
            QVERIFY(data.train.features.data()[2 * i + 1] > g.y_min && data.train.features.data()[2 * i + 1] < g.y_max);
        }
        const DataSplit linear = load_dataset("linear");
        QVERIFY(!has_decision_plane(linear.train));
        QVERIFY_THROWS_EXCEPTION(InputError, decision_grid(net, linear.train));
    }

    void confusionMatrixCountsPairs() {
        const ConfusionMatrix m = confusion_matrix({0, 0, 1, 2, 2, 2}, {0, 1, 1, 2, 0, 2}, 3);
        QCOMPARE(m.at(0, 0), int64_t{1});
        QCOMPARE(m.at(0, 1), int64_t{1});
        QCOMPARE(m.at(1, 1), int64_t{1});
        QCOMPARE(m.at(2, 0), int64_t{1});
        QCOMPARE(m.at(2, 2), int64_t{2});
        QCOMPARE(m.total(), int64_t{6});
        QCOMPARE(m.accuracy(), 4.0 / 6.0);
        QVERIFY(std::isnan(confusion_matrix({}, {}, 2).accuracy()));
        QVERIFY_THROWS_EXCEPTION(InputError, confusion_matrix({0, 3}, {0, 1}, 3));
    }

    // The predictions the trainer reports are the ones its own test accuracy was computed from.
    void trainerReportsTestPredictions() {
        const DataSplit data = spiral();
        NetworkSpec spec = linear_classifier(data.train.num_classes);
        Network net(spec, {2});
        TrainConfig config;
        config.epochs = 3;
        config.batch_size = 32;
        config.seed = 1;
        config.threads = 1;
        Trainer trainer(net, data, config);
        PredictionRecorder rec;
        trainer.add_observer(&rec);
        trainer.run();
        QCOMPARE(rec.predictions.size(), size_t{3});
        for (size_t e = 0; e < 3; ++e) {
            QCOMPARE(rec.predictions[e].epoch, static_cast<int>(e + 1));
            QCOMPARE(static_cast<int64_t>(rec.predictions[e].predicted.size()), data.test.size());
            const ConfusionMatrix m =
                confusion_matrix(data.test.labels, rec.predictions[e].predicted, data.test.num_classes);
            QCOMPARE(m.accuracy(), rec.epochs[e].test_acc);
        }
        QCOMPARE(predict_classes(net, data.test), rec.predictions.back().predicted);
    }
};

QTEST_MAIN(TestInspection)
#include "test_inspection.moc"
