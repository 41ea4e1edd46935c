// Normalisation and image resizing: batch_norm, layer_norm and dropout2d (gradients, values, running
// statistics), BatchNorm's buffers in model files, the optimizer and the trainer, and bilinear resizing of
// image data sets.
#include <QtTest>

#include <QTemporaryDir>
#include <cmath>

#include "engine/core/error.h"
#include "engine/data/batch_loader.h"
#include "engine/data/idx.h"
#include "engine/data/registry.h"
#include "engine/data/resize.h"
#include "engine/io/model_file.h"
#include "engine/io/network_json.h"
#include "engine/io/presets.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/network.h"
#include "engine/ops/ops.h"
#include "engine/ops/pool.h"
#include "engine/optim/factory.h"
#include "engine/train/trainer.h"
#include "fusion_run.h"
#include "gradcheck.h"

using namespace dl;
using dltest::gradcheck;
using dltest::random_tensor;

namespace {
// Reference batch statistics of x [N, C, L...] per channel, in double: mean and biased variance.
void reference_moments(const Tensor& x, std::vector<double>& mean, std::vector<double>& var) {
    const int64_t n = x.size(0), c = x.size(1), l = x.numel() / (n * c);
    mean.assign(c, 0.0);
    var.assign(c, 0.0);
    for (int64_t ch = 0; ch < c; ++ch) {
        for (int64_t e = 0; e < n; ++e)
            for (int64_t i = 0; i < l; ++i) mean[ch] += x[(e * c + ch) * l + i];
        mean[ch] /= n * l;
        for (int64_t e = 0; e < n; ++e)
            for (int64_t i = 0; i < l; ++i) var[ch] += std::pow(x[(e * c + ch) * l + i] - mean[ch], 2);
        var[ch] /= n * l;
    }
}

// A network spec parsed from JSON text.
NetworkSpec spec_of(const std::string& json) {
    return parse_network(json, "test network");
}

// Images [3, 4, 4] → BatchNorm2d → Flatten → Linear(8) → BatchNorm1d → ReLU → Linear(3).
const char* kBnNet = R"({"name": "bn-net", "layers": [
    {"id": "bn1", "type": "BatchNorm"},
    {"id": "flat", "type": "Flatten"},
    {"id": "fc1", "type": "Linear", "out_features": 8},
    {"id": "bn2", "type": "BatchNorm", "momentum": 0.3},
    {"id": "relu", "type": "ReLU"},
    {"id": "fc2", "type": "Linear", "out_features": 3}]})";

// A deep sigmoid MLP for 2-D points, with or without BatchNorm before each sigmoid (D2L §8.5's point).
NetworkSpec sigmoid_mlp(bool batch_norm) {
    NetworkSpec spec;
    spec.name = "sigmoid-mlp";
    for (int i = 1; i <= 3; ++i) {
        const std::string n = std::to_string(i);
        spec.nodes.push_back({"fc" + n, "Linear", {}, {}});
        spec.nodes.back().attrs.set("out_features", int64_t{64});
        if (batch_norm) spec.nodes.push_back({"bn" + n, "BatchNorm", {}, {}});
        spec.nodes.push_back({"sigmoid" + n, "Sigmoid", {}, {}});
    }
    spec.nodes.push_back({"out", "Linear", {}, {}});
    spec.nodes.back().attrs.set("out_features", int64_t{2});
    return spec;
}

// BatchNorm on the raw 2-D input, then an MLP that a huge learning rate makes overflow.
const char* kInputBn = R"({"name": "input-bn", "layers": [
    {"id": "bn", "type": "BatchNorm"},
    {"id": "fc1", "type": "Linear", "out_features": 16},
    {"id": "relu", "type": "ReLU"},
    {"id": "fc2", "type": "Linear", "out_features": 2}]})";

std::vector<float> all_buffers(Network& net) {
    std::vector<float> values;
    for (const Buffer& b : net.buffers()) {
        const auto v = b.value.to_vector();
        values.insert(values.end(), v.begin(), v.end());
    }
    return values;
}

// Runs a few training-mode forward passes so the running statistics move away from (0, 1).
void warm_up(Network& net, const Shape& batch_shape, int batches) {
    Rng rng(5);
    ForwardContext ctx{true, &rng};
    for (int b = 0; b < batches; ++b) net.forward(Var(random_tensor(batch_shape, 100 + b, -1, 3)), ctx);
}

Tensor predict(Network& net, const Tensor& x) {
    NoGradGuard no_grad;
    ForwardContext ctx{false, nullptr};
    return net.forward(Var(x), ctx).value();
}

// Records the network's buffers after every batch: what a divergence must restore.
struct BufferRecorder : TrainingObserver {
    Network* net = nullptr;
    std::vector<float> last;
    int batches = 0;
    void on_batch_end(const BatchEvent&) override {
        last = all_buffers(*net);
        ++batches;
    }
};

bool near(double a, double b, double tol = 1e-6) {
    return std::fabs(a - b) <= tol;
}

QString input_error(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}
}  // namespace

class TestNorm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void batchNormGradientsInTraining_data() {
        QTest::addColumn<QVector<qint64>>("shape");
        QTest::newRow("1d [N, C]") << QVector<qint64>{5, 3};
        QTest::newRow("1d [N, C, L]") << QVector<qint64>{3, 2, 4};
        QTest::newRow("2d [N, C, H, W]") << QVector<qint64>{3, 2, 3, 3};
    }
    void batchNormGradientsInTraining() {
        QFETCH(QVector<qint64>, shape);
        const Shape s(shape.begin(), shape.end());
        Var x(random_tensor(s, 1, -2, 2), true);
        Var gamma(random_tensor({s[1]}, 2, 0.5, 1.5), true), beta(random_tensor({s[1]}, 3), true);
        Tensor rm = Tensor::zeros({s[1]}), rv = Tensor::ones({s[1]});
        const std::string err =
            gradcheck([&] { return batch_norm(x, gamma, beta, rm, rv, true, 0.1f, 1e-5f); }, {x, gamma, beta});
        QVERIFY2(err.empty(), err.c_str());
    }
    void batchNormGradientsInEvaluation() {
        for (const Shape& s : {Shape{4, 3}, Shape{4, 3, 2, 2}}) {
            Var x(random_tensor(s, 4, -2, 2), true);
            Var gamma(random_tensor({3}, 5, 0.5, 1.5), true), beta(random_tensor({3}, 6), true);
            Tensor rm = Tensor::from({3}, {0.5f, -1.0f, 0.0f}), rv = Tensor::from({3}, {2.0f, 0.5f, 1.0f});
            const std::string err =
                gradcheck([&] { return batch_norm(x, gamma, beta, rm, rv, false, 0.1f, 1e-5f); }, {x, gamma, beta});
            QVERIFY2(err.empty(), (to_string(s) + ": " + err).c_str());
        }
    }
    // batch_norm_relu is relu(batch_norm(...)) in one op: finite differences, and the same bits as the two ops
    // for the output and every gradient (training and evaluation; x also read by a second op).
    void batchNormReluIsTheTwoOpsBitForBit() {
        for (const bool training : {true, false}) {
            const Shape s{4, 3, 3, 3};
            Var gamma(random_tensor({3}, 22, 0.5, 1.5), true), beta(random_tensor({3}, 23), true);
            Tensor rm = Tensor::from({3}, {0.5f, -1.0f, 0.0f}), rv = Tensor::from({3}, {2.0f, 0.5f, 1.0f});
            // finite differences need every BatchNorm output clear of ReLU's kink at 0
            Var x;
            for (uint64_t seed = 21;; ++seed) {
                x = Var(random_tensor(s, seed, -2, 2), true);
                Tensor m = rm.clone(), var = rv.clone();
                const std::vector<float> y =
                    batch_norm(x, gamma, beta, m, var, training, 0.0f, 1e-5f).value().to_vector();
                if (std::all_of(y.begin(), y.end(), [](float v) { return std::fabs(v) > 0.05f; })) break;
            }
            const std::string err = gradcheck(
                [&] { return batch_norm_relu(x, gamma, beta, rm, rv, training, 0.0f, 1e-5f); }, {x, gamma, beta});
            QVERIFY2(err.empty(), err.c_str());
            const Tensor weights = random_tensor(s, 24, -1, 1);
            auto run = [&](bool fused) {
                for (Var* v : {&x, &gamma, &beta}) v->zero_grad();
                Tensor m = rm.clone(), var = rv.clone();
                const Var y = fused ? batch_norm_relu(x, gamma, beta, m, var, training, 0.1f, 1e-5f)
                                    : relu(batch_norm(x, gamma, beta, m, var, training, 0.1f, 1e-5f));
                sum(add(mul(y, Var(weights)), x)).backward();
                return std::vector<std::vector<float>>{
                    y.value().to_vector(),   x.grad().to_vector(), gamma.grad().to_vector(),
                    beta.grad().to_vector(), m.to_vector(),        var.to_vector()};
            };
            QVERIFY(run(true) == run(false));
        }
    }

    // batch_norm_sigmoid is sigmoid(batch_norm(...)) in one op, in the same way: finite differences, and the same
    // bits as the two ops for the output, every gradient and the running statistics (training and evaluation),
    // on [N, C, H, W] and on [N, C].
    void batchNormSigmoidIsTheTwoOpsBitForBit() {
        for (const bool training : {true, false})
            for (const Shape& s : {Shape{4, 3, 3, 3}, Shape{6, 3}}) {
                Var x(random_tensor(s, 25, -2, 2), true);
                Var gamma(random_tensor({3}, 26, 0.5, 1.5), true), beta(random_tensor({3}, 27), true);
                Tensor rm = Tensor::from({3}, {0.5f, -1.0f, 0.0f}), rv = Tensor::from({3}, {2.0f, 0.5f, 1.0f});
                const std::string err =
                    gradcheck([&] { return batch_norm_sigmoid(x, gamma, beta, rm, rv, training, 0.0f, 1e-5f); },
                              {x, gamma, beta});
                QVERIFY2(err.empty(), err.c_str());
                const Tensor weights = random_tensor(s, 28, -1, 1);
                auto run = [&](bool fused) {
                    for (Var* v : {&x, &gamma, &beta}) v->zero_grad();
                    Tensor m = rm.clone(), var = rv.clone();
                    const Var y = fused ? batch_norm_sigmoid(x, gamma, beta, m, var, training, 0.1f, 1e-5f)
                                        : sigmoid(batch_norm(x, gamma, beta, m, var, training, 0.1f, 1e-5f));
                    sum(add(mul(y, Var(weights)), x)).backward();
                    return std::vector<std::vector<float>>{
                        y.value().to_vector(),   x.grad().to_vector(), gamma.grad().to_vector(),
                        beta.grad().to_vector(), m.to_vector(),        var.to_vector()};
                };
                QVERIFY(run(true) == run(false));
            }
    }

    // batch_norm_sigmoid_avg_pool2d is avg_pool2d(sigmoid(batch_norm(...))) in one op: the same bits for the output,
    // every gradient (added to existing ones on a second pass) and the running statistics, with windows that
    // cover the plane (LeNet's) or overlap and pad; and finite differences.
    void batchNormSigmoidPoolIsTheThreeOpsBitForBit() {
        for (const bool training : {true, false})
            for (const Window2d& w : {Window2d{2, 2, 2, 2, 0, 0}, Window2d{3, 3, 2, 2, 1, 1}}) {
                const Shape s{5, 3, 6, 8};
                Var x(random_tensor(s, 29, -2, 2), true);
                Var gamma(random_tensor({3}, 30, 0.5, 1.5), true), beta(random_tensor({3}, 31), true);
                Tensor rm = Tensor::from({3}, {0.5f, -1.0f, 0.0f}), rv = Tensor::from({3}, {2.0f, 0.5f, 1.0f});
                auto run = [&](bool fused) {
                    for (Var* v : {&x, &gamma, &beta}) v->zero_grad();
                    Tensor m = rm.clone(), var = rv.clone();
                    std::vector<std::vector<float>> all;
                    for (int pass = 0; pass < 2; ++pass) {
                        Var y = fused
                                    ? batch_norm_sigmoid_avg_pool2d(x, gamma, beta, m, var, training, 0.1f, 1e-5f, w)
                                    : avg_pool2d(sigmoid(batch_norm(x, gamma, beta, m, var, training, 0.1f, 1e-5f)), w);
                        y.backward(random_tensor(y.shape(), 32 + pass));
                        for (const Tensor& t : {y.value(), x.grad(), gamma.grad(), beta.grad(), m, var})
                            all.push_back(t.to_vector());
                    }
                    return all;
                };
                QVERIFY2(run(true) == run(false), training ? "training" : "evaluation");
                const std::string err = gradcheck(
                    [&] { return batch_norm_sigmoid_avg_pool2d(x, gamma, beta, rm, rv, training, 0.0f, 1e-5f, w); },
                    {x, gamma, beta});
                QVERIFY2(err.empty(), err.c_str());
            }
    }

    // BatchNorm LeNet runs BatchNorm → Sigmoid → AvgPool2d as one op in its convolutional blocks and BatchNorm →
    // Sigmoid in its fully connected ones, with the numbers of the layers one by one.
    void batchNormLenetFusesItsBlocksWithTheSameNumbers() {
        Network net(load_preset("lenet-bn"), {1, 28, 28});
        net.reset_parameters(7);
        const Tensor xb = random_tensor({8, 1, 28, 28}, 33);
        const dltest::FusionRun unfused = dltest::run_network(net, xb, false),
                                fused = dltest::run_network(net, xb, true);
        QVERIFY(fused.values == unfused.values);  // training mode: the batch's statistics, not the running ones
        QCOMPARE(unfused.ops.at("batch_norm"), 4);
        QCOMPARE(unfused.ops.at("sigmoid"), 4);
        QCOMPARE(unfused.ops.at("avg_pool2d"), 2);
        QCOMPARE(fused.ops.at("batch_norm_sigmoid_avg_pool2d"), 2);
        QCOMPARE(fused.ops.at("batch_norm_sigmoid"), 2);
        for (const char* op : {"batch_norm", "sigmoid", "avg_pool2d"}) QVERIFY(!fused.ops.count(op));
    }

    // A network fuses each BatchNorm that only a ReLU or a Sigmoid reads; its outputs and gradients are the unfused
    // ones (node_outputs asks for every node's own output, which turns fusion off).
    void networkFusesBatchNormActivationsWithTheSameNumbers() {
        NetworkSpec spec = parse_network(R"({"layers": [
            {"id": "conv", "type": "Conv2d", "out_channels": 4, "kernel_size": [3], "padding": [1]},
            {"id": "bn", "type": "BatchNorm"}, {"id": "act", "type": "ReLU"},
            {"id": "bn2", "type": "BatchNorm"}, {"id": "act2", "type": "ReLU", "inputs": ["bn2"]},
            {"id": "sum", "type": "Add", "inputs": ["act2", "bn2"]},
            {"id": "bn3", "type": "BatchNorm"}, {"id": "act3", "type": "Sigmoid"},
            {"id": "flat", "type": "Flatten"}, {"id": "fc", "type": "Linear", "out_features": 3}]})",
                                         "test");
        Network net(spec, {2, 5, 5});
        net.reset_parameters(3);
        const Tensor xb = random_tensor({6, 2, 5, 5}, 31, -1, 1);
        const dltest::FusionRun unfused = dltest::run_network(net, xb, false),
                                fused = dltest::run_network(net, xb, true);
        QVERIFY(fused.values == unfused.values);
        QVERIFY(!unfused.ops.count("batch_norm_relu") && !unfused.ops.count("batch_norm_sigmoid"));
        QCOMPARE(unfused.ops.at("batch_norm"), 3);
        QCOMPARE(fused.ops.at("batch_norm_relu"), 1);
        QCOMPARE(fused.ops.at("batch_norm_sigmoid"), 1);
        QCOMPARE(fused.ops.at("batch_norm"), 1);  // bn2 has two readers: a batch_norm of its own either way
    }

    // A released graph frees what only it holds once no backward needs it; a value someone keeps stays.
    void releasedGraphFreesIntermediatesOnly() {
        Var x(random_tensor({3, 4}, 41, -1, 1), true);
        const Var kept = mul(x, x);
        Var a = relu(kept);
        GradNode* inner = a.node();
        Var loss = sum(exp(a));
        a = Var();
        loss.backward(Var::Values::Release);
        QVERIFY(!inner->value.defined());  // relu's output: only the graph held it
        QVERIFY(kept.value().defined());   // held by the caller
        QCOMPARE(kept.value().numel(), int64_t{12});
        QVERIFY(x.grad().defined());
        QVERIFY(loss.value().defined());
    }

    void evaluationBatchesShrinkForBigImages() {
        TrainConfig config;
        config.batch_size = 256;
        Dataset small;
        small.features = Tensor::zeros({10, 1, 28, 28});
        QCOMPARE(evaluation_batch_size(config, small), int64_t{1000});
        Dataset big = small;
        big.image_size = 96;
        QCOMPARE(evaluation_batch_size(config, big), int64_t{256});  // never fewer than a training batch
        config.batch_size = 32;
        QCOMPARE(evaluation_batch_size(config, big), int64_t{1000 * 28 * 28 / (96 * 96)});
    }

    void gradientsAccumulateWhenAnInputIsUsedTwice() {
        // The second op's backward finds x's gradient already written and must add to it.
        for (const Shape& s : {Shape{4, 3}, Shape{3, 3, 2, 2}}) {
            Var x(random_tensor(s, 12, -2, 2), true);
            Var g1(random_tensor({3}, 13, 0.5, 1.5), true), g2(random_tensor({3}, 14, 0.5, 1.5), true);
            Var b(random_tensor({3}, 15), true);
            Tensor rm = Tensor::zeros({3}), rv = Tensor::ones({3});  // moved by the training branch
            Tensor fixed_mean = Tensor::from({3}, {0.5f, 0, -1}), fixed_var = Tensor::from({3}, {2, 1, 0.5f});
            std::string err = gradcheck(
                [&] {
                    return add(batch_norm(x, g1, b, rm, rv, true), batch_norm(x, g2, b, fixed_mean, fixed_var, false));
                },
                {x, g1, g2, b});
            QVERIFY2(err.empty(), ("batch_norm " + to_string(s) + ": " + err).c_str());
            const Shape last{s.back()};
            Var lg(random_tensor(last, 16, 0.5, 1.5), true), lb(random_tensor(last, 17), true);
            err = gradcheck([&] { return add(layer_norm(x, lg, lb, 1), layer_norm(x, lb, lg, 1)); }, {x, lg, lb});
            QVERIFY2(err.empty(), ("layer_norm " + to_string(s) + ": " + err).c_str());
            err = gradcheck(
                [&] {
                    Rng rng(5);
                    return add(dropout2d(x, 0.3f, rng), dropout2d(x, 0.3f, rng));
                },
                {x});
            QVERIFY2(err.empty(), ("dropout2d " + to_string(s) + ": " + err).c_str());
        }
    }
    void batchNormForwardMatchesReference() {
        // A large common offset checks the one-pass variance against cancellation.
        Tensor xt = random_tensor({6, 3, 5, 5}, 7, 99, 101);
        Tensor gt = Tensor::from({3}, {1.0f, 2.0f, 0.5f}), bt = Tensor::from({3}, {0.0f, -1.0f, 3.0f});
        Tensor rm = Tensor::zeros({3}), rv = Tensor::ones({3});
        const Tensor y = batch_norm(Var(xt), Var(gt), Var(bt), rm, rv, true, 0.1f, 1e-5f).value();
        std::vector<double> mean, var;
        reference_moments(xt, mean, var);
        for (int64_t i = 0; i < xt.numel(); ++i) {
            const int64_t c = (i / 25) % 3;
            const double want = gt[c] * (xt[i] - mean[c]) / std::sqrt(var[c] + 1e-5) + bt[c];
            QVERIFY2(std::fabs(y[i] - want) < 2e-3,
                     qPrintable(QString("value %1: %2 vs %3").arg(i).arg(y[i]).arg(want)));
        }
        // every channel of the output has mean β and standard deviation |γ| (up to eps)
        std::vector<double> out_mean, out_var;
        reference_moments(y, out_mean, out_var);
        for (int c = 0; c < 3; ++c) {
            QVERIFY(std::fabs(out_mean[c] - bt[c]) < 1e-3);
            QVERIFY(std::fabs(std::sqrt(out_var[c]) - gt[c]) < 1e-2);
        }
    }
    void runningStatisticsFollowPyTorchsFormula() {
        // running = 0.9·running + 0.1·batch, with the unbiased variance (values worked out by hand)
        Var gamma(Tensor::ones({2})), beta(Tensor::zeros({2}));
        Tensor rm = Tensor::zeros({2}), rv = Tensor::ones({2});
        // batch 1: channel 0 {1, 3}: mean 2, unbiased var 2; channel 1 {2, 6}: mean 4, unbiased var 8
        batch_norm(Var(Tensor::from({2, 2}, {1, 2, 3, 6})), gamma, beta, rm, rv, true, 0.1f, 1e-5f);
        QVERIFY(near(rm[0], 0.2) && near(rm[1], 0.4) && near(rv[0], 1.1) && near(rv[1], 1.7));
        // batch 2: channel 0 {0, 4}: mean 2, var 8; channel 1 {0, 2}: mean 1, var 2
        batch_norm(Var(Tensor::from({2, 2}, {0, 0, 4, 2})), gamma, beta, rm, rv, true, 0.1f, 1e-5f);
        QVERIFY(near(rm[0], 0.38) && near(rm[1], 0.46) && near(rv[0], 1.79) && near(rv[1], 1.73));
        // 2-d: statistics over N, H, W; channel 0 {1, 2, 3, 4, 5, 6, 7, 8}: mean 4.5, unbiased var 6
        Tensor rm2 = Tensor::zeros({1}), rv2 = Tensor::ones({1});
        Tensor x2 = Tensor::from({2, 1, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
        batch_norm(Var(x2), Var(Tensor::ones({1})), Var(Tensor::zeros({1})), rm2, rv2, true, 0.5f, 1e-5f);
        QVERIFY(near(rm2[0], 2.25) && near(rv2[0], 3.5));
    }
    void evaluationUsesRunningStatistics() {
        Tensor rm = Tensor::from({2}, {1, 2}), rv = Tensor::from({2}, {4, 9});
        Var gamma(Tensor::from({2}, {2, 1})), beta(Tensor::from({2}, {0, 1}));
        // a batch of one is fine in evaluation: (3 − 1)/2·2 + 0 = 2 and (5 − 2)/3·1 + 1 = 2
        const Tensor y = batch_norm(Var(Tensor::from({1, 2}, {3, 5})), gamma, beta, rm, rv, false, 0.1f, 1e-5f).value();
        QVERIFY(std::fabs(y[0] - 2.0f) < 1e-4 && std::fabs(y[1] - 2.0f) < 1e-4);
        QCOMPARE(rm.to_vector(), (std::vector<float>{1, 2}));  // evaluation leaves the buffers alone
        QCOMPARE(rv.to_vector(), (std::vector<float>{4, 9}));
        // training needs more than one value per channel
        QVERIFY_THROWS_EXCEPTION(ShapeError, batch_norm(Var(Tensor::from({1, 2}, {3, 5})), gamma, beta, rm, rv, true));
        // and the layer switches with the forward context
        auto layer = make_layer("bn", "BatchNorm", {});
        layer->build({{2}});
        Var x(Tensor::from({2, 2}, {0, 10, 2, 30}));
        Rng rng(1);
        ForwardContext eval{false, &rng}, train{true, &rng};
        const Tensor at_start = layer->forward({x}, eval).value();  // running mean 0, variance 1, γ 1, β 0
        for (int i = 0; i < 4; ++i) QVERIFY(near(at_start[i] / x.value()[i], 1.0, 1e-5) || x.value()[i] == 0.0f);
        QVERIFY(near(layer->forward({x}, train).value()[0], -1.0, 1e-4));  // (0 − batch mean 1)/1
    }
    void layerNormGradientsAndValues() {
        Var x(random_tensor({3, 2, 4}, 8, -2, 2), true);
        for (int64_t k : {1, 2}) {
            const Shape ns = k == 1 ? Shape{4} : Shape{2, 4};
            Var gamma(random_tensor(ns, 9, 0.5, 1.5), true), beta(random_tensor(ns, 10), true);
            const std::string err = gradcheck([&] { return layer_norm(x, gamma, beta, k, 1e-5f); }, {x, gamma, beta});
            QVERIFY2(err.empty(), (std::to_string(k) + " axes: " + err).c_str());
            const Tensor y = layer_norm(x, gamma, beta, k, 1e-5f).value();
            const int64_t d = numel(ns);
            for (int64_t r = 0; r < x.value().numel() / d; ++r) {
                double mu = 0, var = 0;
                for (int64_t j = 0; j < d; ++j) mu += x.value()[r * d + j];
                mu /= d;
                for (int64_t j = 0; j < d; ++j) var += std::pow(x.value()[r * d + j] - mu, 2);
                var /= d;
                for (int64_t j = 0; j < d; ++j) {
                    const double want =
                        (x.value()[r * d + j] - mu) / std::sqrt(var + 1e-5) * gamma.value()[j] + beta.value()[j];
                    QVERIFY(std::fabs(y[r * d + j] - want) < 1e-5);
                }
            }
        }
        QVERIFY_THROWS_EXCEPTION(ShapeError, layer_norm(x, Var(Tensor::ones({3})), Var(Tensor::zeros({3})), 1));
        // the layer normalises the whole example by default
        auto layer = make_layer("ln", "LayerNorm", {});
        QCOMPARE(layer->output_shape({{2, 4}}), (Shape{2, 4}));
        layer->build({{2, 4}});
        QCOMPARE(layer->parameters()[0].second->shape(), (Shape{2, 4}));
    }
    void dropout2dDropsWholeChannels() {
        Var x(random_tensor({4, 6, 3, 3}, 11, 0.5, 1.5), true);
        const std::string err = gradcheck(
            [&] {
                Rng rng(2);
                return dropout2d(x, 0.5f, rng);
            },
            {x});
        QVERIFY2(err.empty(), err.c_str());
        Rng rng(2);
        const Tensor y = dropout2d(x, 0.5f, rng).value();
        // the same seed gives the masks dropout() would draw for an [N, C] tensor
        Rng same(2);
        const Tensor mask = dropout(Var(Tensor::ones({4, 6})), 0.5f, same).value();
        int dropped = 0;
        for (int64_t m = 0; m < 24; ++m) {
            dropped += mask[m] == 0.0f;
            for (int64_t i = 0; i < 9; ++i) QCOMPARE(y[m * 9 + i], x.value()[m * 9 + i] * mask[m]);
        }
        QVERIFY(dropped > 0 && dropped < 24);
        QVERIFY(mask[0] == 0.0f || mask[0] == 2.0f);
        // a large tensor drops about p of its channels
        Rng big(3);
        const Tensor yb = dropout2d(Var(Tensor::ones({100, 100, 2})), 0.3f, big).value();
        int zeros = 0;
        for (int64_t m = 0; m < 10000; ++m) zeros += yb[2 * m] == 0.0f && yb[2 * m + 1] == 0.0f;
        QVERIFY2(std::abs(zeros - 3000) < 200, std::to_string(zeros).c_str());
        // the layer is the identity in evaluation and needs feature maps
        auto layer = make_layer("d", "Dropout2d", {});
        ForwardContext eval{false, &rng};
        QCOMPARE(layer->forward({x}, eval).value().to_vector(), x.value().to_vector());
        QVERIFY_THROWS_EXCEPTION(ShapeError, layer->output_shape({{120}}));
    }
    void buffersAreNamedLikePyTorchAndNotTrained() {
        Network net(spec_of(kBnNet), {3, 4, 4});
        std::vector<std::string> names;
        for (const Buffer& b : net.buffers()) names.push_back(b.name);
        QCOMPARE(names, (std::vector<std::string>{"bn1.running_mean", "bn1.running_var", "bn2.running_mean",
                                                  "bn2.running_var"}));
        for (const Param& p : net.parameters()) {
            QVERIFY2(p.name.find("running") == std::string::npos, p.name.c_str());
            QCOMPARE(p.decay, p.name == "fc1.weight" || p.name == "fc2.weight");  // no decay for γ and β
        }
        QCOMPARE(net.report().nodes[0].parameters, int64_t{6});  // γ and β only
        // reset_parameters restores mean 0 and variance 1
        warm_up(net, {8, 3, 4, 4}, 1);
        net.reset_parameters(1);
        QCOMPARE(net.buffers()[0].value.to_vector(), std::vector<float>(3, 0.0f));
        QCOMPARE(net.buffers()[1].value.to_vector(), std::vector<float>(3, 1.0f));
    }
    void optimizerDoesNotTouchBuffers() {
        Network net(spec_of(kBnNet), {3, 4, 4});
        net.reset_parameters(2);
        OptimizerConfig config = optimizer_defaults("sgd");
        config.momentum = 0.9f;
        config.weight_decay = 0.1f;
        ParamList params = net.parameters();
        auto optimizer = make_optimizer(config, params);
        Rng rng(3);
        ForwardContext ctx{true, &rng};
        for (int step = 0; step < 3; ++step) {
            optimizer->zero_grad();
            Var out = net.forward(Var(random_tensor({8, 3, 4, 4}, 20 + step, -1, 3)), ctx);
            sum(mul(out, out)).backward();
            const std::vector<float> before = all_buffers(net);
            const std::vector<float> gamma = params[0].var.value().to_vector();
            optimizer->step();
            QCOMPARE(all_buffers(net), before);
            QVERIFY(params[0].var.value().to_vector() != gamma);  // while γ does learn
        }
    }
    void buffersRoundTripThroughModelFiles() {
        QTemporaryDir dir;
        Network net(spec_of(kBnNet), {3, 4, 4});
        net.reset_parameters(3);
        warm_up(net, {8, 3, 4, 4}, 3);
        const std::vector<float> buffers = all_buffers(net);
        QVERIFY(buffers[0] != 0.0f && buffers[3] != 1.0f);  // the statistics moved
        const Tensor x = random_tensor({5, 3, 4, 4}, 30, -1, 3);
        const Tensor before = predict(net, x);
        const std::string path = (dir.path() + "/bn").toStdString();
        save_model(net, path);
        const auto names = weights_tensor_names(read_file(path + ".safetensors"), "bn.safetensors");
        for (const char* want : {"bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn2.running_var"})
            QVERIFY2(std::find(names.begin(), names.end(), want) != names.end(), want);
        LoadedModel loaded = load_model(path + ".json");
        QCOMPARE(all_buffers(loaded.network), buffers);                        // bit for bit
        QCOMPARE(predict(loaded.network, x).to_vector(), before.to_vector());  // evaluation uses them
        // in memory too (project files), into a network with fresh statistics
        Network other(spec_of(kBnNet), {3, 4, 4});
        weights_from_bytes(other, weights_to_bytes(net), "bytes");
        QCOMPARE(all_buffers(other), buffers);
    }
    void batchNormMakesADeepSigmoidNetworkTrain() {
        // Three sigmoid layers with plain SGD stay at chance on the circles; with BatchNorm they learn.
        DatasetOptions opt;
        opt.seed = 4;
        const DataSplit data = load_dataset("circles", opt);
        TrainConfig config;
        config.epochs = 20;
        config.batch_size = 32;
        config.optimizer.lr = 1.0f;
        config.gradient_norms = false;
        std::vector<double> test_acc;
        for (bool bn : {true, false}) {
            Network net(sigmoid_mlp(bn), data.train.sample_shape());
            const TrainSummary s = Trainer(net, data, config).run();
            QCOMPARE(s.outcome, TrainSummary::Outcome::Completed);
            test_acc.push_back(s.history.back().test_acc);
            if (!bn) continue;
            for (float v : all_buffers(net)) QVERIFY(std::isfinite(v));
            QVERIFY(all_buffers(net)[0] != 0.0f);  // the running mean moved
        }
        QVERIFY2(test_acc[0] > 0.9 && test_acc[1] < 0.7,
                 qPrintable(QString("with BatchNorm %1, without %2").arg(test_acc[0]).arg(test_acc[1])));
    }
    void divergenceRestoresBuffers() {
        // The diverging batch's forward pass still moves the running statistics; the trainer must undo that.
        DatasetOptions opt;
        opt.size = 600;
        opt.seed = 3;
        const DataSplit data = load_dataset("spiral", opt);
        Network net(spec_of(kInputBn), data.train.sample_shape());
        TrainConfig config;
        config.epochs = 20;
        config.batch_size = 16;
        config.optimizer.lr = 1e30f;  // certain to overflow
        BufferRecorder rec;
        rec.net = &net;
        Trainer trainer(net, data, config);
        trainer.add_observer(&rec);
        QCOMPARE(trainer.run().outcome, TrainSummary::Outcome::Diverged);
        QVERIFY(rec.batches > 0);
        QCOMPARE(all_buffers(net), rec.last);  // as after the last batch with a finite loss
        for (float v : all_buffers(net)) QVERIFY(std::isfinite(v));
    }
    void resizeIsBilinearWithPixelCentres() {
        // align_corners=False: output pixel i samples input (i + 0.5)/2 − 0.5 = −0.25 (clamped to 0), 0.25, 0.75, 1.25
        // (clamped to the last pixel): weights per axis (1, 0), (0.75, 0.25), (0.25, 0.75), (0, 1).
        const Tensor in = Tensor::from({1, 1, 2, 2}, {1, 2, 3, 4});
        const Tensor out = resize_images(in, 4, 4);
        QCOMPARE(out.shape(), (Shape{1, 1, 4, 4}));
        const std::vector<float> want{1.0f, 1.25f, 1.75f, 2.0f, 1.5f, 1.75f, 2.25f, 2.5f,
                                      2.5f, 2.75f, 3.25f, 3.5f, 3.0f, 3.25f, 3.75f, 4.0f};
        for (int i = 0; i < 16; ++i) QVERIFY2(std::fabs(out[i] - want[i]) < 1e-6, std::to_string(i).c_str());
        // shrinking 4 → 2 samples at 0.5 and 2.5: the mean of each pair; channels and images stay apart
        const Tensor row = Tensor::from({2, 2, 1, 4}, {0, 1, 2, 3, 10, 20, 30, 40, 4, 4, 4, 4, 0, 0, 8, 8});
        QCOMPARE(resize_images(row, 1, 2).to_vector(), (std::vector<float>{0.5f, 2.5f, 15, 35, 4, 4, 0, 8}));
    }
    void resizeDataSets() {
        DataSplit images;
        images.train.name = "pictures";
        images.train.features = Tensor::ones({60000, 1, 2, 2});
        images.test.features = Tensor::ones({10000, 1, 2, 2});
        // 70000 × 224 × 224 floats would be 14 GB: the images stay as read and are resized per batch
        const int64_t before = tensor_bytes_allocated();
        resize_dataset(images, 224);
        QVERIFY(tensor_bytes_allocated() - before < (int64_t{1} << 20));
        QCOMPARE(images.train.features.shape(), (Shape{60000, 1, 2, 2}));
        QCOMPARE(images.train.sample_shape(), (Shape{1, 224, 224}));
        QCOMPARE(images.test.sample_numel(), int64_t{224 * 224});
        resize_dataset(images, 3);
        QCOMPARE(images.test.sample_shape(), (Shape{1, 3, 3}));
        BatchLoader loader(images.test, 4, false);
        Batch batch;
        QVERIFY(loader.next(batch));
        QCOMPARE(batch.x.shape(), (Shape{4, 1, 3, 3}));
        QCOMPARE(batch.x[8], 1.0f);
        QCOMPARE(subset(images.test, {5, 7}).sample_shape(), (Shape{1, 3, 3}));
        QVERIFY(input_error([&] { resize_dataset(images, 0); }).contains("at least 1 pixel"));
        // only image sets can be resized
        DatasetOptions opt;
        opt.resize = 32;
        const QString toy = input_error([&] { load_dataset("spiral", opt); });
        QCOMPARE(toy, QString("resize applies to image data sets; 'spiral' has 2 features per example"));
    }
    void resizeFashionMnistAfterTheLimits() {
        if (!QFile::exists(QString::fromStdString(fashion_mnist_dir() + "/train-labels-idx1-ubyte.gz")))
            QSKIP("Fashion-MNIST is not installed");
        DatasetOptions opt;
        opt.train_limit = 100;
        opt.test_limit = 50;
        const DataSplit plain = load_dataset("fashion-mnist", opt);
        opt.resize = 96;
        const DataSplit big = load_dataset("fashion-mnist", opt);
        QCOMPARE(big.train.sample_shape(), (Shape{1, 96, 96}));
        QCOMPARE(big.test.sample_shape(), (Shape{1, 96, 96}));
        QCOMPARE(big.train.features.shape(), (Shape{100, 1, 28, 28}));  // kept as read: resized per batch
        // A shuffled batch holds exactly resize_images' pixels for its examples.
        BatchLoader loader(big.train, 32, true, 7);
        Batch batch;
        QVERIFY(loader.next(batch));
        QCOMPARE(batch.x.shape(), (Shape{32, 1, 96, 96}));
        const Tensor all = resize_images(plain.train.features, 96, 96);
        const std::vector<float> got = batch.x.to_vector();
        for (int64_t i = 0; i < 32; ++i) {
            const float* want = all.data() + batch.indices[i] * 96 * 96;
            QVERIFY(std::equal(want, want + 96 * 96, got.begin() + i * 96 * 96));
        }
        const Tensor test_all = resize_images(plain.test.features, 96, 96);
        QCOMPARE(gather_examples(big.test, {3}).to_vector(),
                 std::vector<float>(test_all.data() + 3 * 96 * 96, test_all.data() + 4 * 96 * 96));
    }
    void lenetBnPresetBuilds() {
        const NetworkSpec spec = load_preset("lenet-bn");
        Network net(spec, {1, 28, 28});
        QCOMPARE(net.output_shape(), (Shape{10}));
        // PyTorch's D2L BatchNorm LeNet: 44,878 parameters, 4 BatchNorm layers with 2 buffers each
        QCOMPARE(net.parameter_count(), int64_t{44878});
        QCOMPARE(net.buffers().size(), size_t{8});
        QCOMPARE(net.report().nodes[1].output_shape, (Shape{6, 24, 24}));
        QCOMPARE(*spec.train.lr, 1.0);
        QCOMPARE(*spec.train.reference_train_acc, 0.90);
        QVERIFY(!spec.train.reference_test_acc);
    }
};

QTEST_MAIN(TestNorm)
#include "test_norm.moc"
