// The sequence layers (Embedding, OneHot, RNN/GRU/LSTM, SequenceOutput): finite-difference gradients, a
// per-step reference built from autograd ops, PyTorch's numbers, state carry, dropout, probes and determinism.
#include <QtTest>

#include <cmath>

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/layers/recurrent_layer.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/network.h"
#include "engine/nn/probe_sink.h"
#include "engine/nn/recurrent_state.h"
#include "engine/ops/activation.h"
#include "engine/ops/arithmetic.h"
#include "engine/ops/embedding.h"
#include "engine/ops/index.h"
#include "engine/ops/matmul.h"
#include "engine/ops/shape_ops.h"
#include "gradcheck.h"

using namespace dl;
using dltest::gradcheck;
using dltest::random_tensor;

namespace {
const char* kCells[] = {"RNN", "GRU", "LSTM"};

std::unique_ptr<Layer> recurrent(const std::string& type, int64_t in, int64_t steps, int64_t hidden, int64_t layers = 1,
                                 bool bidirectional = false, double dropout = 0, uint64_t seed = 1) {
    Attributes a;
    a.set("hidden_size", hidden);
    a.set("num_layers", layers);
    a.set("bidirectional", bidirectional);
    a.set("dropout", dropout);
    auto layer = make_layer("r", type, a);
    layer->build({{steps, in}});
    Rng rng(seed);
    layer->reset_parameters(rng);
    return layer;
}

std::vector<Var> parameter_vars(Layer& layer) {
    std::vector<Var> vars;
    for (auto& [name, var] : layer.parameters()) vars.push_back(*var);
    return vars;
}

// The state tensors a layer would carry: [layers·directions, B, H] each, random.
std::vector<Tensor> random_state(const std::string& type, int64_t count, int64_t batch, int64_t hidden) {
    std::vector<Tensor> state{random_tensor({count, batch, hidden}, 77)};
    if (type == "LSTM") state.push_back(random_tensor({count, batch, hidden}, 78));
    return state;
}

// One direction of one layer step by step from autograd ops (index_select picks each gate's rows), PyTorch's
// equations written out. Returns the outputs [B, T, H] and a zero leaf added to each step's h (whose gradient
// is ∂L/∂h_t).
struct Reference {
    Var output;
    std::vector<Var> hidden;
};

Var rows(const Var& x, int64_t first, int64_t count) {
    std::vector<int64_t> index;
    for (int64_t i = 0; i < count; ++i) index.push_back(first + i);
    return index_select(x, index);
}

Var gate(const Var& x, const Var& h, const std::vector<Var>& w, int64_t block, int64_t H, bool with_hh_bias = true) {
    const Var b_ih = reshape(rows(reshape(w[2], {-1, 1}), block * H, H), {H});
    const Var b_hh = reshape(rows(reshape(w[3], {-1, 1}), block * H, H), {H});
    Var pre = add(linear(x, rows(w[0], block * H, H), b_ih), linear(h, rows(w[1], block * H, H), Var()));
    return with_hh_bias ? add(pre, b_hh) : pre;
}

Reference reference(const std::string& type, const Var& x, const std::vector<Var>& w, Var h, Var c) {
    const int64_t B = x.shape()[0], T = x.shape()[1], I = x.shape()[2], H = w[1].shape()[1];
    const Var flat = reshape(x, {B * T, I});
    Reference r;
    std::vector<Var> outputs;
    for (int64_t t = 0; t < T; ++t) {
        std::vector<int64_t> at;
        for (int64_t b = 0; b < B; ++b) at.push_back(b * T + t);
        const Var xt = index_select(flat, at);
        if (type == "RNN") {
            h = tanh(gate(xt, h, w, 0, H));
        } else if (type == "LSTM") {
            const Var i = sigmoid(gate(xt, h, w, 0, H)), f = sigmoid(gate(xt, h, w, 1, H));
            const Var g = tanh(gate(xt, h, w, 2, H)), o = sigmoid(gate(xt, h, w, 3, H));
            c = add(mul(f, c), mul(i, g));
            h = mul(o, tanh(c));
        } else {
            const Var rg = sigmoid(gate(xt, h, w, 0, H)), z = sigmoid(gate(xt, h, w, 1, H));
            const Var b_in = reshape(rows(reshape(w[2], {-1, 1}), 2 * H, H), {H});
            const Var b_hn = reshape(rows(reshape(w[3], {-1, 1}), 2 * H, H), {H});
            const Var n =
                tanh(add(linear(xt, rows(w[0], 2 * H, H), b_in), mul(rg, linear(h, rows(w[1], 2 * H, H), b_hn))));
            h = add(mul(add_scalar(neg(z), 1.0f), n), mul(z, h));
        }
        r.hidden.emplace_back(Tensor::zeros({B, H}), true);  // a zero added to h_t: its gradient is h_t's
        h = add(h, r.hidden.back());
        outputs.push_back(reshape(h, {B, 1, H}));
    }
    r.output = outputs.size() == 1 ? outputs[0] : concat(outputs, 1);
    return r;
}

double max_difference(const Tensor& a, const Tensor& b) {
    double d = 0;
    for (int64_t i = 0; i < a.numel(); ++i) d = std::max(d, double(std::fabs(a[i] - b[i])));
    return a.shape() == b.shape() ? d : INFINITY;
}

double checksum(const Tensor& g) {
    double s = 0;
    for (int64_t i = 0; i < g.numel(); ++i) s += g[i] * std::cos(0.11 * double(i));
    return s;
}
}  // namespace

class RecurrentTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void embeddingGradientScattersIntoRows() {
        Var weight(random_tensor({5, 3}, 1), true);
        const Tensor ids = Tensor::from({2, 3}, {4, 0, 4, 1, 2, 4});  // repeated ids add up
        QCOMPARE(QString::fromStdString(gradcheck([&] { return embedding(ids, weight); }, {weight})), QString());
        const Var y = embedding(ids, weight);
        QCOMPARE(y.shape(), (Shape{2, 3, 3}));
        QCOMPARE(y.value().at({1, 2, 1}), weight.value().at({4, 1}));
        QVERIFY_THROWS_EXCEPTION(InputError, embedding(Tensor::from({1}, {5}), weight));
    }
    void oneHotShapesValuesAndErrors() {
        const Tensor ids = Tensor::from({2, 2}, {0, 3, 2, 3});
        const Tensor y = one_hot(ids, 4);
        QCOMPARE(y.shape(), (Shape{2, 2, 4}));
        for (int64_t r = 0; r < 4; ++r)
            for (int64_t v = 0; v < 4; ++v) QCOMPARE(y[r * 4 + v], v == int64_t(ids[r]) ? 1.0f : 0.0f);
        QVERIFY_THROWS_EXCEPTION(InputError, one_hot(Tensor::from({1}, {4}), 4));
        QVERIFY_THROWS_EXCEPTION(InputError, one_hot(Tensor::from({1}, {-1}), 4));
        QVERIFY_THROWS_EXCEPTION(InputError, one_hot(Tensor::from({1}, {1.5f}), 4));
        try {
            one_hot(Tensor::from({1}, {7}), 4);
        } catch (const InputError& e) {
            QVERIFY(QString(e.what()).contains("token id 7"));
        }
        // Through the layer: no gradient, and vocab_size 0 must be filled in first.
        auto layer = make_layer("oh", "OneHot", {});
        QVERIFY_THROWS_EXCEPTION(ShapeError, layer->output_shape({{5}}));
    }
    void fitToVocabularyFillsOnlyAutomaticSizes() {
        NetworkSpec spec;
        NodeSpec a{"a", "Embedding"}, b{"b", "OneHot"}, c{"c", "Embedding"};
        c.attrs.set("vocab_size", int64_t{7});
        spec.nodes = {a, b, c};
        fit_to_vocabulary(spec, 28);
        QCOMPARE(spec.nodes[0].attrs.get_int("vocab_size"), int64_t{28});
        QCOMPARE(spec.nodes[1].attrs.get_int("vocab_size"), int64_t{28});
        QCOMPARE(spec.nodes[2].attrs.get_int("vocab_size"), int64_t{7});
    }
    void recurrentGradientsMatchFiniteDifferences_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("layers");
        QTest::addColumn<bool>("bidirectional");
        QTest::addColumn<bool>("carried");
        for (const char* t : kCells) {
            QTest::newRow((std::string(t) + " 1 layer").c_str()) << QString(t) << 1 << false << false;
            QTest::newRow((std::string(t) + " 2 layers").c_str()) << QString(t) << 2 << false << false;
            QTest::newRow((std::string(t) + " bidirectional").c_str()) << QString(t) << 1 << true << false;
            QTest::newRow((std::string(t) + " 2 layers bidirectional, carried state").c_str())
                << QString(t) << 2 << true << true;
        }
    }
    void recurrentGradientsMatchFiniteDifferences() {
        QFETCH(QString, type);
        QFETCH(int, layers);
        QFETCH(bool, bidirectional);
        QFETCH(bool, carried);
        const int64_t B = 2, T = 3, I = 3, H = 2;
        auto layer = recurrent(type.toStdString(), I, T, H, layers, bidirectional);
        Var x(random_tensor({B, T, I}, 5), true);
        RecurrentState state;
        const int64_t count = layers * (bidirectional ? 2 : 1);
        if (carried) state.store(layer.get(), random_state(type.toStdString(), count, B, H));
        std::vector<Var> leaves = parameter_vars(*layer);
        leaves.push_back(x);
        auto f = [&] {
            RecurrentState copy = state;  // each evaluation starts from the same carried state
            ForwardContext ctx;
            ctx.state = carried ? &copy : nullptr;
            return layer->forward({x}, ctx);
        };
        QCOMPARE(f().shape(), (Shape{B, T, H * (bidirectional ? 2 : 1)}));
        QCOMPARE(QString::fromStdString(gradcheck(f, leaves)), QString());
    }
    void sequenceOutputKeepsLastOrAllSteps() {
        Attributes last, all;
        last.set("steps", std::string("last"));
        all.set("steps", std::string("all"));
        auto keep_last = make_layer("s", "SequenceOutput", last), keep_all = make_layer("s", "SequenceOutput", all);
        QCOMPARE(keep_last->output_shape({{35, 8}}), (Shape{8}));
        QCOMPARE(keep_all->output_shape({{35, 8}}), (Shape{35, 8}));
        QVERIFY_THROWS_EXCEPTION(ShapeError, keep_last->output_shape({{35}}));
        Var x(random_tensor({2, 4, 3}, 3), true);
        ForwardContext ctx;
        const Var y = keep_last->forward({x}, ctx);
        QCOMPARE(y.shape(), (Shape{2, 3}));
        QCOMPARE(y.value().at({1, 2}), x.value().at({1, 3, 2}));
        QCOMPARE(QString::fromStdString(gradcheck([&] { return keep_last->forward({x}, ctx); }, {x})), QString());
    }
    // Forward values, every gradient and the per-step gradient norm against the step-by-step reference.
    void matchesPerStepReference_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("carried");
        for (const char* t : kCells) {
            QTest::newRow(t) << QString(t) << false;
            QTest::newRow((std::string(t) + " carried state").c_str()) << QString(t) << true;
        }
    }
    void matchesPerStepReference() {
        QFETCH(QString, type);
        QFETCH(bool, carried);
        const std::string kind = type.toStdString();
        const int64_t B = 3, T = 5, I = 4, H = 6;
        auto layer = recurrent(kind, I, T, H);
        Var x(random_tensor({B, T, I}, 6), true);
        const Tensor dy = random_tensor({B, T, H}, 7);
        RecurrentState state;
        if (carried) state.store(layer.get(), random_state(kind, 1, B, H));
        ProbeSink sink({"*"});
        ForwardContext ctx;
        ctx.state = &state;
        ctx.probes = &sink;
        Var y = layer->forward({x}, ctx);
        y.backward(dy);
        const std::vector<Var> w = parameter_vars(*layer);
        std::vector<Tensor> grads;
        for (const Var& v : w) grads.push_back(v.grad().clone());
        const Tensor dx = x.grad().clone();

        for (Var v : w) v.zero_grad();
        x.zero_grad();
        const Var h0(carried ? random_state(kind, 1, B, H)[0].reshape({B, H}) : Tensor::zeros({B, H}));
        const Var c0(carried && kind == "LSTM" ? random_state(kind, 1, B, H)[1].reshape({B, H})
                                               : Tensor::zeros({B, H}));
        Reference ref = reference(kind, x, w, h0, c0);
        ref.output.backward(dy);
        QVERIFY2(max_difference(y.value(), ref.output.value()) < 1e-5, "outputs");
        for (size_t p = 0; p < w.size(); ++p) QVERIFY2(max_difference(grads[p], w[p].grad()) < 1e-4, "parameter grads");
        QVERIFY2(max_difference(dx, x.grad()) < 1e-4, "input grads");
        // The final state was stored for the next pass.
        const Tensor h_n = state.find(layer.get())->at(0);
        QCOMPARE(h_n.shape(), (Shape{1, B, H}));
        for (int64_t b = 0; b < B; ++b)
            for (int64_t j = 0; j < H; ++j) QCOMPARE(h_n.at({0, b, j}), y.value().at({b, T - 1, j}));
        // ‖∂L/∂h_t‖ from the backward equals the norm of the reference's h_t gradient.
        const Tensor* norms = nullptr;
        for (const auto& p : sink.probes())
            if (p.name == "step_grad_norm") norms = &p.value;
        QVERIFY(norms);
        QCOMPARE(norms->shape(), (Shape{B, T}));
        for (int64_t t = 0; t < T; ++t)
            for (int64_t b = 0; b < B; ++b) {
                double sum = 0;
                for (int64_t j = 0; j < H; ++j) sum += std::pow(ref.hidden[t].grad().at({b, j}), 2);
                QVERIFY(std::fabs(norms->at({b, t}) - std::sqrt(sum)) < 1e-4);
            }
    }
    void matchesPyTorch_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<std::vector<float>>("y");
        QTest::addColumn<std::vector<double>>("checks");
        // From tests/engine/recurrent_torch_reference.py (PyTorch 1.13, Debian's python3-torch).
        QTest::newRow("RNN") << QString("RNN")
                             << std::vector<float>{0.3193468f,   0.5557103f,  -0.2847534f, 0.5402724f,  0.2226802f,
                                                   0.6751705f,   -0.2817076f, 0.4712433f,  0.3953082f,  0.5645892f,
                                                   -0.02364314f, 0.3496934f,  0.4987481f,  0.3714901f,  -0.1240572f,
                                                   0.4480079f,   0.2893695f,  0.6203262f,  -0.2894371f, 0.5436646f,
                                                   0.2452001f,   0.6741815f,  -0.1938289f, 0.4617926f}
                             << std::vector<double>{-1.8674,    0.2766143,  -0.463393,  -0.463393,  -0.5755782,
                                                    0.03761797, -0.2568865, -0.2568865, 3.989443,   0.7385005,
                                                    1.092924,   1.092924,   2.65773,    0.09904689, 0.5161102,
                                                    0.5161102,  -0.06314504};
        QTest::newRow("GRU") << QString("GRU")
                             << std::vector<float>{-0.02423256f, -0.2466514f,  0.1513549f,   -0.02190775f, -0.03389923f,
                                                   -0.351438f,   0.117775f,    -0.01394317f, -0.06693772f, -0.3755051f,
                                                   0.0718698f,   -0.01107618f, -0.04138103f, -0.2331577f,  0.1819458f,
                                                   -0.0658365f,  -0.04411628f, -0.3505896f,  0.1428259f,   -0.04485572f,
                                                   -0.05152916f, -0.3985041f,  0.0870728f,   -0.0267177f}
                             << std::vector<double>{0.03085499,  -0.02291689,  -0.08037274, -0.05777149, -0.01409669,
                                                    0.004094261, -0.04748894,  -0.02302486, 0.5328279,   -0.04732934,
                                                    0.7928742,   0.4888274,    0.5042762,   0.01258644,  0.6681303,
                                                    0.3236625,   -0.0002734317};
        QTest::newRow("LSTM") << QString("LSTM")
                              << std::vector<float>{-0.0543253f,  -0.1355273f, 0.07716284f, -0.07133258f,
                                                    -0.07366555f, -0.1939006f, 0.05883322f, -0.05758605f,
                                                    -0.09124485f, -0.2187341f, 0.033464f,   -0.03618694f,
                                                    -0.05770102f, -0.1332731f, 0.07668709f, -0.07258583f,
                                                    -0.07816564f, -0.1918769f, 0.06530514f, -0.06217634f,
                                                    -0.08526464f, -0.2193135f, 0.0405957f,  -0.03937297f}
                              << std::vector<double>{0.01690558,  -0.001476597, 0.02623208,  0.02623207,  0.01709146,
                                                     0.002982667, -0.04635718,  -0.04635718, 0.1112964,   -0.01709825,
                                                     0.2148476,   0.2148476,    0.1670245,   0.001555177, 0.3949493,
                                                     0.3949492,   0.007648911};
    }
    // Two-layer bidirectional layers with the script's parameters: same outputs and gradients as PyTorch.
    void matchesPyTorch() {
        QFETCH(QString, type);
        QFETCH(std::vector<float>, y);
        QFETCH(std::vector<double>, checks);
        const int64_t B = 2, T = 3, I = 3, H = 2;
        auto layer = recurrent(type.toStdString(), I, T, H, 2, true);
        int k = 0;
        for (auto& [name, var] : layer->parameters()) {
            Tensor& t = var->value();
            for (int64_t i = 0; i < t.numel(); ++i) t[i] = float(0.3 * std::sin(1.3 * k + 0.7 * double(i)));
            ++k;
        }
        Tensor xv = Tensor::empty({B, T, I});
        for (int64_t i = 0; i < xv.numel(); ++i) xv[i] = float(std::sin(0.5 * double(i) + 0.1));
        Var x(xv, true);
        ForwardContext ctx;
        Var out = layer->forward({x}, ctx);
        Tensor w = Tensor::empty(out.shape());
        for (int64_t i = 0; i < w.numel(); ++i) w[i] = float(std::cos(0.3 * double(i)));
        out.backward(w);
        QCOMPARE(out.value().numel(), int64_t(y.size()));
        for (size_t i = 0; i < y.size(); ++i) QVERIFY(std::fabs(out.value()[int64_t(i)] - y[i]) < 2e-6);
        std::vector<double> ours;
        for (auto& [name, var] : layer->parameters()) ours.push_back(checksum(var->grad()));
        ours.push_back(checksum(x.grad()));
        QCOMPARE(ours.size(), checks.size());
        for (size_t i = 0; i < ours.size(); ++i)
            QVERIFY2(std::fabs(ours[i] - checks[i]) < 1e-5 + 1e-5 * std::fabs(checks[i]),
                     qPrintable(QString::number(i)));
    }
    // Names and shapes as in PyTorch, so that exporting is direct.
    void parameterNamesFollowPyTorch() {
        auto layer = recurrent("LSTM", 28, 35, 16, 2, true);
        std::vector<std::string> names;
        for (auto& [name, var] : layer->parameters()) names.push_back(name);
        QCOMPARE(names.size(), size_t(16));
        QCOMPARE(names[0], std::string("weight_ih_l0"));
        QCOMPARE(names[5], std::string("weight_hh_l0_reverse"));
        QCOMPARE(names[11], std::string("bias_hh_l1"));
        QCOMPARE(layer->parameters()[0].second->shape(), (Shape{64, 28}));
        QCOMPARE(layer->parameters()[8].second->shape(), (Shape{64, 32}));  // layer 1 reads both directions
        QVERIFY(layer->decays("weight_ih_l0") && !layer->decays("bias_ih_l0"));
        for (auto& [name, var] : layer->parameters())  // U(−1/√H, 1/√H)
            for (int64_t i = 0; i < var->value().numel(); ++i) QVERIFY(std::fabs(var->value()[i]) <= 0.25f);
    }
    // A sequence in two halves with the state carried gives what the whole sequence gives; another batch size
    // starts from zeros.
    void stateCarriesAcrossPasses() {
        for (const char* type : kCells) {
            const int64_t B = 2, T = 6, I = 3, H = 4;
            auto layer = recurrent(type, I, T, H, 2);
            const Tensor x = random_tensor({B, T, I}, 9);
            ForwardContext plain;
            const Tensor whole = layer->forward({Var(x)}, plain).value();
            RecurrentState state;
            ForwardContext carry;
            carry.state = &state;
            Tensor halves[2];
            for (int half = 0; half < 2; ++half) {
                Tensor part = Tensor::empty({B, T / 2, I});
                for (int64_t b = 0; b < B; ++b)
                    for (int64_t t = 0; t < T / 2; ++t)
                        for (int64_t i = 0; i < I; ++i) part.at({b, t, i}) = x.at({b, half * T / 2 + t, i});
                halves[half] = layer->forward({Var(part)}, carry).value();
            }
            for (int64_t b = 0; b < B; ++b)
                for (int64_t t = 0; t < T / 2; ++t)
                    for (int64_t j = 0; j < H; ++j)
                        QVERIFY(std::fabs(halves[1].at({b, t, j}) - whole.at({b, T / 2 + t, j})) < 1e-6);
            QCOMPARE(state.find(layer.get())->size(), size_t(std::string(type) == "LSTM" ? 2 : 1));
            const Tensor one = random_tensor({1, 3, I}, 10);
            QCOMPARE(layer->forward({Var(one)}, carry).value().to_vector(),
                     layer->forward({Var(one)}, plain).value().to_vector());
        }
    }
    void dropoutBetweenLayersOnlyInTraining() {
        auto layer = recurrent("GRU", 3, 4, 8, 2, false, 0.5);
        auto same = recurrent("GRU", 3, 4, 8, 2, false, 0.0);  // same seed: same parameters
        const Var x(random_tensor({2, 4, 3}, 11));
        Rng rng(3);
        ForwardContext eval, train, train_same;
        eval.rng = &rng;
        train.training = train_same.training = true;
        train.rng = train_same.rng = &rng;
        const auto reference = same->forward({x}, train_same).value().to_vector();
        QCOMPARE(layer->forward({x}, eval).value().to_vector(), reference);
        QVERIFY(layer->forward({x}, train).value().to_vector() != reference);
    }
    void probesOnlyWhenAsked() {
        auto layer = recurrent("LSTM", 3, 4, 5, 2, true);
        const Var x(random_tensor({2, 4, 3}, 12));
        ForwardContext ctx;
        const int64_t before = ProbeSink::copies_made();
        Var y = layer->forward({x}, ctx);
        y.backward(random_tensor(y.shape(), 13));
        QCOMPARE(ProbeSink::copies_made(), before);

        ProbeSink sink({"gates.*", "cell", "hidden"});
        ctx.probes = &sink;
        y = layer->forward({x}, ctx);
        std::vector<std::string> names;
        for (const auto& p : sink.probes()) {
            names.push_back(p.name);
            QCOMPARE(p.value.shape(), (Shape{2, 4, 5}));  // the last layer's forward direction
        }
        QCOMPARE(names, (std::vector<std::string>{"gates.input", "gates.forget", "gates.output", "cell", "hidden"}));
        for (float v : sink.probes()[0].value.to_vector()) QVERIFY(v > 0 && v < 1);
        for (int64_t b = 0; b < 2; ++b)  // "hidden" is the first H columns of the output
            for (int64_t j = 0; j < 5; ++j) QCOMPARE(sink.probes()[4].value.at({b, 3, j}), y.value().at({b, 3, j}));

        auto gru = recurrent("GRU", 3, 4, 5);
        ProbeSink gru_sink({"*"});
        ForwardContext gru_ctx;
        gru_ctx.probes = &gru_sink;
        gru->forward({x}, gru_ctx);
        names.clear();
        for (const auto& p : gru_sink.probes()) names.push_back(p.name);
        QCOMPARE(names, (std::vector<std::string>{"step_grad_norm", "gates.reset", "gates.update", "hidden"}));
    }
    // Same seed, same numbers with 1 and 2 threads (sizes where the GEMMs split between threads).
    void sameNumbersForOneAndTwoThreads() {
        for (const char* type : kCells) {
            auto run = [&](int threads) {
                set_num_threads(threads);
                auto layer = recurrent(type, 28, 6, 256, 2, true);
                Var x(random_tensor({32, 6, 28}, 14), true);
                ForwardContext ctx;
                Var y = layer->forward({x}, ctx);
                y.backward(random_tensor(y.shape(), 15));
                std::vector<float> all = y.value().to_vector();
                for (Var v : parameter_vars(*layer)) {
                    const auto g = v.grad().to_vector();
                    all.insert(all.end(), g.begin(), g.end());
                }
                const auto g = x.grad().to_vector();
                all.insert(all.end(), g.begin(), g.end());
                set_num_threads(0);
                return all;
            };
            QVERIFY2(run(1) == run(2), type);
        }
    }
    // A text network end to end: OneHot → LSTM → all steps → Linear gives [B, T, V] logits.
    void languageModelNetworkBuilds() {
        NetworkSpec spec;
        NodeSpec oh{"onehot", "OneHot"}, lstm{"lstm", "LSTM"}, all{"steps", "SequenceOutput"}, out{"out", "Linear"};
        lstm.attrs.set("hidden_size", int64_t{8});
        all.attrs.set("steps", std::string("all"));
        out.attrs.set("out_features", int64_t{28});
        spec.nodes = {oh, lstm, all, out};
        fit_to_vocabulary(spec, 28);
        Network net(spec, {35});
        QCOMPARE(net.output_shape(), (Shape{35, 28}));
        ForwardContext ctx;
        QCOMPARE(net.forward(Var(Tensor::zeros({2, 35})), ctx).shape(), (Shape{2, 35, 28}));
    }
};

QTEST_GUILESS_MAIN(RecurrentTest)
#include "test_recurrent.moc"
