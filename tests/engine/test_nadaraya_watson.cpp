// Nadaraya–Watson attention pooling (D2L zh-v2 §10.2): the data set, the layer (its gradients, the
// left-out own key in training, its keys and values fitted from the data and kept in model files),
// and the preset trained as D2L trains it: the learned width concentrates the attention of the test
// queries near the diagonal and predicts the noise-free curve better than the fixed kernel.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "engine/autograd/variable.h"
#include "engine/core/error.h"
#include "engine/data/nadaraya_watson.h"
#include "engine/data/registry.h"
#include "engine/io/model_file.h"
#include "engine/io/presets.h"
#include "engine/layers/nadaraya_watson.h"
#include "engine/nn/fit_to_training_data.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/probe_sink.h"
#include "engine/train/trainer.h"
#include "tests/gradcheck.h"

using namespace dl;

namespace {

std::unique_ptr<NadarayaWatson> layerWithPoints(bool learnable, const std::vector<float>& keys,
                                                const std::vector<float>& values, uint64_t seed = 3) {
    Attributes a;
    a.set("learnable_width", learnable);
    a.set("num_keys", static_cast<int64_t>(keys.size()));
    std::unique_ptr<Layer> layer = make_layer("nw", "NadarayaWatson", a);
    auto* nw = dynamic_cast<NadarayaWatson*>(layer.get());
    layer.release();
    std::unique_ptr<NadarayaWatson> out(nw);
    out->build({{1}});
    Rng rng(seed);
    out->reset_parameters(rng);
    const auto k = static_cast<int64_t>(keys.size());
    out->set_training_points(Tensor::from({k}, keys), Tensor::from({k}, values));
    return out;
}

// D2L's prediction for one query by hand, in double precision, leaving out key `skip` (-1: none).
double predictByHand(double x, const std::vector<float>& keys, const std::vector<float>& values, double w, int skip) {
    double num = 0, den = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
        if (static_cast<int>(i) == skip) continue;
        const double d = (x - keys[i]) * w;
        const double e = std::exp(-d * d / 2);
        num += e * values[i];
        den += e;
    }
    return num / den;
}

struct Trained {
    std::unique_ptr<Network> net;
    TrainSummary summary;
};

Trained trainPreset(const std::string& preset, const DataSplit& data) {
    NetworkSpec spec = load_preset(preset);
    fit_to_training_data(spec, data.train);
    Trained t;
    t.net = std::make_unique<Network>(spec, data.train.sample_shape());
    load_training_points(*t.net, data.train);
    TrainConfig config;
    config.epochs = static_cast<int>(*spec.train.epochs);
    config.batch_size = *spec.train.batch_size;
    config.optimizer.name = *spec.train.optimizer;
    config.optimizer.lr = static_cast<float>(*spec.train.lr);
    config.loss = *spec.train.loss;
    config.seed = 0;
    Trainer trainer(*t.net, data, config);
    t.summary = trainer.run();
    return t;
}

// The attention of every test query over the training keys, [queries, keys], in evaluation mode.
Tensor testAttention(Network& net, const Dataset& test) {
    ProbeSink sink({"nw.attention"});
    NoGradGuard no_grad;
    ForwardContext ctx;
    ctx.probes = &sink;
    net.forward(Var(test.features), ctx);
    if (sink.probes().size() != 1) return {};
    const Tensor& a = sink.probes()[0].value;  // [B, 1, 1, K]
    return a.reshape({a.size(0), a.size(3)});
}

// The share of the attention weight on keys within 0.5 of the query, averaged over the queries.
double diagonalMass(const Tensor& attention, const Dataset& test, const Dataset& train) {
    const int64_t Q = attention.size(0), K = attention.size(1);
    double mass = 0;
    for (int64_t q = 0; q < Q; ++q)
        for (int64_t k = 0; k < K; ++k)
            if (std::fabs(test.features[q] - train.features[k]) < 0.5) mass += attention[q * K + k];
    return mass / static_cast<double>(Q);
}

float widthOf(Network& net) {
    for (Param& p : net.parameters())
        if (p.name == "nw.w") return p.var.value()[0];
    return NAN;
}

}  // namespace

class TestNadarayaWatson : public QObject {
    Q_OBJECT
private slots:
    void dataSetIsD2ls() {
        const DataSplit a = load_dataset("nadaraya-watson");
        QCOMPARE(a.train.size(), int64_t{50});
        QCOMPARE(a.test.size(), int64_t{50});
        QCOMPARE(a.train.sample_shape(), (Shape{1}));
        double noise = 0;
        for (int64_t i = 0; i < 50; ++i) {
            const float x = a.train.features[i];
            QVERIFY(x >= 0 && x < 5);
            if (i > 0) QVERIFY(x > a.train.features[i - 1]);  // sorted and distinct
            noise += std::pow(a.train.targets[i] - nadaraya_watson_truth(x), 2);
            QCOMPARE(a.test.features[i], static_cast<float>(i) * 0.1f);
            QCOMPARE(a.test.targets[i], static_cast<float>(nadaraya_watson_truth(a.test.features[i])));
        }
        const double sd = std::sqrt(noise / 50);
        QVERIFY2(sd > 0.3 && sd < 0.7, qPrintable(QString::number(sd)));  // N(0, 0.5)
        const DataSplit b = load_dataset("nadaraya-watson");
        const DataSplit c = load_dataset("nadaraya-watson", [] {
            DatasetOptions o;
            o.seed = 1;
            return o;
        }());
        QCOMPARE(b.train.features[7], a.train.features[7]);
        QVERIFY(c.train.features[7] != a.train.features[7]);
        QCOMPARE(*dataset_sample_shape("nadaraya-watson"), (Shape{1}));
    }

    void gradientsMatchFiniteDifferences() {
        const std::vector<float> keys{0.3f, 1.1f, 1.7f, 2.4f, 3.9f, 4.6f}, values{1.2f, 2.8f, 2.9f, 1.9f, 0.4f, 1.3f};
        for (bool learnable : {true, false}) {
            auto layer = layerWithPoints(learnable, keys, values);
            Var q(Tensor::from({3, 1}, {0.5f, 2.0f, 4.2f}), true);
            std::vector<Var> leaves{q};
            if (learnable) {
                layer->parameters()[0].second->value()[0] = 1.3f;
                leaves.push_back(*layer->parameters()[0].second);
            }
            ForwardContext ctx;
            const std::string err = dltest::gradcheck([&] { return layer->forward({q}, ctx); }, leaves);
            QVERIFY2(err.empty(), err.c_str());
        }
        // In training the queries are keys (their own key left out): w's gradient, queries fixed.
        auto layer = layerWithPoints(true, keys, values);
        Var w = *layer->parameters()[0].second;
        Var q(Tensor::from({3, 1}, {keys[4], keys[0], keys[2]}));
        ForwardContext ctx;
        ctx.training = true;
        const std::string err = dltest::gradcheck([&] { return layer->forward({q}, ctx); }, {w});
        QVERIFY2(err.empty(), err.c_str());
    }

    void trainingLeavesTheQuerysOwnKeyOut() {
        const std::vector<float> keys{0.3f, 1.1f, 1.7f, 2.4f, 3.9f}, values{1.2f, 2.8f, 2.9f, 1.9f, 0.4f};
        auto layer = layerWithPoints(true, keys, values);
        const double w = layer->parameters()[0].second->value()[0];
        // Shuffled, as the trainer's batches are: the own key is found by value, not by position.
        const std::vector<int> order{3, 0, 4, 1, 2};
        std::vector<float> qs;
        for (int i : order) qs.push_back(keys[static_cast<size_t>(i)]);
        ProbeSink sink({"nw.attention"});
        ProbeSink::Scope scope(&sink, "nw");
        ForwardContext ctx;
        ctx.training = true;
        ctx.probes = &sink;
        const Var out = layer->forward({Var(Tensor::from({5, 1}, qs))}, ctx);
        const Tensor& a = sink.probes().at(0).value;
        QCOMPARE(a.shape(), (Shape{5, 1, 1, 5}));
        for (int b = 0; b < 5; ++b) {
            const int own = order[static_cast<size_t>(b)];
            QCOMPARE(a[b * 5 + own], 0.0f);
            QVERIFY(std::fabs(out.value()[b] - predictByHand(qs[b], keys, values, w, own)) < 1e-5);
        }
        ForwardContext eval;  // evaluation: every key counts
        const Var all = layer->forward({Var(Tensor::from({5, 1}, qs))}, eval);
        for (int b = 0; b < 5; ++b)
            QVERIFY(std::fabs(all.value()[b] - predictByHand(qs[b], keys, values, w, -1)) < 1e-5);
    }

    void pointsComeFromTheDataAndTheModelFile() {
        const DataSplit data = load_dataset("nadaraya-watson");
        NetworkSpec spec = load_preset("nadaraya-watson");
        fit_to_training_data(spec, data.train);
        QCOMPARE(spec.nodes[0].attrs.get_int("num_keys"), int64_t{50});
        Network net(spec, data.train.sample_shape());
        load_training_points(net, data.train);
        net.reset_parameters(5);  // the points are data: a new initialisation keeps them
        const BufferList buffers = net.buffers();
        QCOMPARE(buffers.size(), size_t{2});
        QCOMPARE(buffers[0].name, std::string("nw.keys"));
        for (int64_t i = 0; i < 50; ++i) {
            QCOMPARE(buffers[0].value[i], data.train.features[i]);
            QCOMPARE(buffers[1].value[i], data.train.targets[i]);
        }
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("nw")).toStdString();
        save_model(net, path);
        LoadedModel loaded = load_model(path);
        NoGradGuard no_grad;
        ForwardContext ctx;
        const Tensor a = net.forward(Var(data.test.features), ctx).value();
        const Tensor b = loaded.network.forward(Var(data.test.features), ctx).value();
        for (int64_t i = 0; i < a.numel(); ++i) QCOMPARE(b[i], a[i]);
    }

    void unsuitableDataIsRefusedClearly() {
        const DataSplit linear = load_dataset("linear");  // two features
        NetworkSpec spec = load_preset("nadaraya-watson");
        try {
            fit_to_training_data(spec, linear.train);
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY(std::string(e.what()).find("one feature") != std::string::npos);
        }
        // Built without points (no data set fitted it): forward says why instead of crashing.
        Network net(load_preset("nadaraya-watson"), {1});
        ForwardContext ctx;
        QVERIFY_THROWS_EXCEPTION(InputError, net.forward(Var(Tensor::zeros({2, 1})), ctx));
    }

    void learnedWidthConcentratesAttention() {
        const DataSplit data = load_dataset("nadaraya-watson");
        Trained learned = trainPreset("nadaraya-watson", data);
        Trained fixed = trainPreset("nadaraya-watson-fixed", data);
        QCOMPARE(learned.summary.outcome, TrainSummary::Outcome::Completed);
        QCOMPARE(learned.summary.epochs_done, 5);
        const auto& h = learned.summary.history;
        qInfo("training loss (mean squared error) by epoch: %.4f %.4f %.4f %.4f %.4f; w = %.3f", h[0].train_loss,
              h[1].train_loss, h[2].train_loss, h[3].train_loss, h[4].train_loss, widthOf(*learned.net));
        QVERIFY(h.back().train_loss < h.front().train_loss);

        const Tensor learnedAttention = testAttention(*learned.net, data.test);
        const Tensor fixedAttention = testAttention(*fixed.net, data.test);
        QCOMPARE(learnedAttention.shape(), (Shape{50, 50}));
        const double learnedMass = diagonalMass(learnedAttention, data.test, data.train);
        const double fixedMass = diagonalMass(fixedAttention, data.test, data.train);
        const double learnedMse = evaluate(*learned.net, data.test, LossKind::MeanSquaredError).loss;
        const double fixedMse = evaluate(*fixed.net, data.test, LossKind::MeanSquaredError).loss;
        qInfo("attention within |x_q - x_k| < 0.5: learned %.3f, fixed kernel %.3f", learnedMass, fixedMass);
        qInfo("test MSE against the truth: learned %.4f, fixed kernel %.4f", learnedMse, fixedMse);
        QVERIFY(learnedMass > fixedMass);
        QVERIFY(learnedMass > 0.5);
        QVERIFY(learnedMse < fixedMse);
    }
};

QTEST_GUILESS_MAIN(TestNadarayaWatson)
#include "test_nadaraya_watson.moc"
