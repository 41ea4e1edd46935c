// Attention (D2L §10.3–10.7): masked softmax, the two scorers, multi-head attention, positional encodings,
// the Transformer's add & norm, feed-forward network and blocks. Finite-difference gradients, masks that give
// weight exactly 0, a naive per-head reference, thread-count independence, probes and D2L's printed shapes.
#include <QtTest>

#include <cmath>

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/network.h"
#include "engine/nn/probe_sink.h"
#include "engine/ops/additive_attention.h"
#include "engine/ops/arithmetic.h"
#include "engine/ops/batched_matmul.h"
#include "engine/ops/dot_product_attention.h"
#include "engine/ops/masked_softmax.h"
#include "engine/ops/matmul.h"
#include "engine/ops/shape_ops.h"
#include "engine/ops/softmax.h"
#include "gradcheck.h"

using namespace dl;
using dltest::gradcheck;
using dltest::random_tensor;

namespace {
Attributes attrs(std::initializer_list<std::pair<const char*, AttrValue>> list) {
    Attributes a;
    for (auto& [k, v] : list) a.set(k, v);
    return a;
}

// A built, initialised layer for these per-example input shapes.
std::unique_ptr<Layer> built(const std::string& type, const Attributes& a, const std::vector<Shape>& shapes,
                             uint64_t seed = 3) {
    auto layer = make_layer("l", type, a);
    layer->output_shape(shapes);
    layer->build(shapes);
    Rng rng(seed);
    layer->reset_parameters(rng);
    return layer;
}

// Gradients of a layer w.r.t. its inputs (batch `batch`) and parameters, in evaluation (dropout off).
std::string check_layer(Layer& layer, const std::vector<Shape>& shapes, int64_t batch,
                        const SequenceLengths* lengths = nullptr) {
    std::vector<Var> inputs, leaves;
    for (size_t i = 0; i < shapes.size(); ++i) {
        Shape s{batch};
        s.insert(s.end(), shapes[i].begin(), shapes[i].end());
        inputs.emplace_back(random_tensor(s, 40 + i), true);
        leaves.push_back(inputs.back());
    }
    for (auto& [name, var] : layer.parameters()) leaves.push_back(*var);
    return gradcheck(
        [&] {
            ForwardContext ctx;
            ctx.lengths = lengths;
            return layer.forward(inputs, ctx);
        },
        leaves);
}

// D2L's masked_softmax: invalid scores become −1e6, then a plain softmax.
Tensor d2l_masked_softmax(const Tensor& scores, const std::vector<int32_t>& lens, int64_t per_row, bool causal) {
    const int64_t Q = scores.size(-2), K = scores.size(-1), N = scores.numel() / (Q * K);
    Tensor filled = scores.clone();
    const bool per_query = !lens.empty() && static_cast<int64_t>(lens.size()) != N / per_row;
    for (int64_t m = 0; m < N; ++m)
        for (int64_t q = 0; q < Q; ++q)
            for (int64_t k = 0; k < K; ++k) {
                const int64_t row = m / per_row;
                bool valid = lens.empty() || k < lens[per_query ? row * Q + q : row];
                if (causal && k > q) valid = false;
                if (!valid) filled[(m * Q + q) * K + k] = -1e6f;
            }
    return softmax(Var(filled), -1).value();
}

float max_abs_diff(const Tensor& a, const Tensor& b) {
    float worst = 0;
    for (int64_t i = 0; i < a.numel(); ++i) worst = std::max(worst, std::fabs(a[i] - b[i]));
    return worst;
}

const Tensor& probe(const ProbeSink& sink, const std::string& name) {
    for (const auto& p : sink.probes())
        if (p.name == name) return p.value;
    qFatal("no probe '%s'", name.c_str());
}

// Multi-head attention written out: per head separate small products in double, softmax with the mask.
Tensor naive_multi_head(Layer& layer, const Tensor& xq, const Tensor& xkv, int64_t heads,
                        const std::vector<int32_t>& lens, bool causal) {
    using M = Eigen::MatrixXd;
    auto params = layer.parameters();
    auto weight = [&](const std::string& name) {
        for (auto& [n, v] : params)
            if (n == name) return v->value().matrix(v->shape()[0], v->shape()[1]).cast<double>().eval();
        qFatal("no parameter %s", name.c_str());
    };
    const M wq = weight("W_q.weight"), wk = weight("W_k.weight"), wv = weight("W_v.weight"), wo = weight("W_o.weight");
    const int64_t B = xq.size(0), Q = xq.size(1), K = xkv.size(1), H = wq.rows(), d = H / heads;
    Tensor out = Tensor::empty({B, Q, H});
    for (int64_t b = 0; b < B; ++b) {
        const M x = ConstMatrixMap(xq.data() + b * Q * xq.size(2), Q, xq.size(2)).cast<double>();
        const M y = ConstMatrixMap(xkv.data() + b * K * xkv.size(2), K, xkv.size(2)).cast<double>();
        const M q = x * wq.transpose(), k = y * wk.transpose(), v = y * wv.transpose();
        M joined(Q, H);
        for (int64_t h = 0; h < heads; ++h) {
            M s = q.middleCols(h * d, d) * k.middleCols(h * d, d).transpose() / std::sqrt(double(d));
            for (int64_t i = 0; i < Q; ++i)
                for (int64_t j = 0; j < K; ++j)
                    if ((!lens.empty() && j >= lens[b]) || (causal && j > i)) s(i, j) = -1e6;
            for (int64_t i = 0; i < Q; ++i) {
                s.row(i) = (s.row(i).array() - s.row(i).maxCoeff()).exp().matrix();
                s.row(i) /= s.row(i).sum();
            }
            joined.middleCols(h * d, d) = s * v.middleCols(h * d, d);
        }
        MatrixMap(out.data() + b * Q * H, Q, H) = (joined * wo.transpose()).cast<float>();
    }
    return out;
}
}  // namespace

class TestAttention : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The fused op agrees with D2L's −1e6 fill + softmax (an all-masked row included: uniform), and its
    // backward with finite differences, for lengths per batch row over heads, per query, and causal.
    void maskedSoftmaxMatchesD2LAndGradcheck() {
        struct Case {
            Shape shape;
            std::vector<int32_t> lens;
            bool causal;
        };
        const std::vector<Case> cases{
            {{2, 2, 3, 4}, {3, 1}, false},           // [B, heads, Q, K], lengths per batch row
            {{2, 3, 4}, {2, 4, 1, 3, 0, 2}, false},  // lengths per (batch row, query); one row all masked
            {{2, 2, 4, 4}, {}, true},                // causal
            {{2, 2, 4, 4}, {2, 3}, true},            // both
            {{2, 3, 5}, {0, 5}, false},              // a whole example masked
        };
        for (const Case& c : cases) {
            SoftmaxMask mask{c.lens, 0, c.causal};
            Var x(random_tensor(c.shape, 5, -3, 3), true);
            const Tensor y = masked_softmax(x, mask).value();
            const int64_t per_row = c.shape.size() == 4 ? c.shape[1] : 1;
            QVERIFY(max_abs_diff(y, d2l_masked_softmax(x.value(), c.lens, per_row, c.causal)) < 1e-6f);
            const std::string err = gradcheck([&] { return masked_softmax(x, mask); }, {x});
            QVERIFY2(err.empty(), err.c_str());
        }
        // Masked keys get weight exactly 0; an all-masked row is uniform and passes no gradient back.
        Var x(random_tensor({2, 3, 5}, 6), true);
        Var y = masked_softmax(x, {{0, 2}, 0, false});
        for (int64_t q = 0; q < 3; ++q) {
            for (int64_t k = 0; k < 5; ++k) QCOMPARE(y.value().at({0, q, k}), 0.2f);
            for (int64_t k = 2; k < 5; ++k) QCOMPARE(y.value().at({1, q, k}), 0.0f);
        }
        y.backward(random_tensor({2, 3, 5}, 7));
        for (int64_t i = 0; i < 15; ++i) QCOMPARE(x.grad()[i], 0.0f);
        QVERIFY_THROWS_EXCEPTION(ShapeError, masked_softmax(x, {{1, 2, 3}, 0, false}));
        QVERIFY_THROWS_EXCEPTION(InputError, masked_softmax(x, {{1, -2}, 0, false}));
    }

    void batchedMatmulMatchesMatmulAndGradcheck() {
        for (bool ta : {false, true})
            for (bool tb : {false, true}) {
                Var a(random_tensor(ta ? Shape{3, 4, 2} : Shape{3, 2, 4}, 1), true);
                Var b(random_tensor(tb ? Shape{3, 5, 4} : Shape{3, 4, 5}, 2), true);
                const Var y = batched_matmul(a, b, ta, tb, 0.5f);
                const Var ref = matmul(ta ? transpose(a) : a, tb ? transpose(b) : b) * 0.5f;
                QCOMPARE(y.shape(), (Shape{3, 2, 5}));
                QVERIFY(max_abs_diff(y.value(), ref.value()) < 1e-6f);
                const std::string err = gradcheck([&] { return batched_matmul(a, b, ta, tb, 0.5f); }, {a, b});
                QVERIFY2(err.empty(), err.c_str());
            }
        QVERIFY_THROWS_EXCEPTION(ShapeError, batched_matmul(Var(Tensor({2, 3, 4})), Var(Tensor({2, 3, 4}))));
    }

    void scorersGradcheck() {
        Var q(random_tensor({2, 3, 4}, 1), true), k(random_tensor({2, 5, 4}, 2), true),
            v(random_tensor({2, 5, 3}, 3), true);
        const SoftmaxMask lens{{2, 4}, 0, false};
        std::string err = gradcheck([&] { return dot_product_attention(q, k, v, lens).output; }, {q, k, v});
        QVERIFY2(err.empty(), ("dot product: " + err).c_str());
        Var kq(random_tensor({2, 5, 3}, 4), true);  // keys with other features than the queries
        const AdditiveWeights w{Var(random_tensor({6, 4}, 5), true), Var(random_tensor({6, 3}, 6), true),
                                Var(random_tensor({1, 6}, 7), true)};
        err = gradcheck([&] { return additive_attention(q, kq, v, w, lens).output; }, {q, kq, v, w.w_q, w.w_k, w.w_v});
        QVERIFY2(err.empty(), ("additive: " + err).c_str());
    }

    void layersGradcheck() {
        const SequenceLengths lengths{{2, 3}, {}};
        struct Case {
            const char* type;
            Attributes attrs;
            std::vector<Shape> shapes;
        };
        const std::vector<Case> cases{
            {"MultiHeadAttention",
             attrs({{"hidden", int64_t{4}}, {"heads", int64_t{2}}, {"mask", std::string("causal")}}),
             {{3, 3}}},
            {"MultiHeadAttention",
             attrs({{"hidden", int64_t{6}}, {"heads", int64_t{3}}, {"mask", std::string("source")}, {"bias", true}}),
             {{2, 3}, {3, 4}}},
            {"DotProductAttention", attrs({{"mask", std::string("source")}}), {{2, 3}, {3, 3}, {3, 2}}},
            {"AdditiveAttention", attrs({{"hidden", int64_t{3}}}), {{2, 3}, {3, 4}}},
            {"PositionalEncoding", attrs({{"max_len", int64_t{5}}, {"scale_input", true}}), {{3, 4}}},
            {"PositionEmbedding", attrs({{"max_len", int64_t{4}}}), {{3, 2}}},
            {"AddNorm", {}, {{3, 4}, {3, 4}}},
            {"PositionwiseFFN",
             attrs({{"hidden", int64_t{5}}, {"outputs", int64_t{3}}, {"activation", std::string("gelu")}}),
             {{2, 4}}},
            {"TransformerEncoderBlock",
             attrs({{"hidden", int64_t{4}},
                    {"heads", int64_t{2}},
                    {"ffn_hidden", int64_t{5}},
                    {"activation", std::string("gelu")}}),
             {{3, 4}}},
            {"TransformerDecoderBlock",
             attrs({{"hidden", int64_t{4}},
                    {"heads", int64_t{2}},
                    {"ffn_hidden", int64_t{5}},
                    {"activation", std::string("gelu")}}),
             {{2, 4}, {3, 4}}},
        };
        for (const Case& c : cases) {
            auto layer = built(c.type, c.attrs, c.shapes);
            const std::string err = check_layer(*layer, c.shapes, 2, &lengths);
            QVERIFY2(err.empty(), (std::string(c.type) + ": " + err).c_str());
        }
    }

    // Weights exactly 0 for later keys, and an output at step i that no later input can change.
    void causalMaskHidesLaterKeys() {
        auto mha =
            built("MultiHeadAttention",
                  attrs({{"hidden", int64_t{8}}, {"heads", int64_t{2}}, {"mask", std::string("causal")}}), {{5, 8}});
        Tensor x = random_tensor({2, 5, 8}, 1);
        ProbeSink sink({"*"});
        ForwardContext ctx{false, nullptr, &sink};
        const Tensor y = mha->forward({Var(x)}, ctx).value().clone();
        const Tensor& w = probe(sink, "attention");
        QCOMPARE(w.shape(), (Shape{2, 2, 5, 5}));
        for (int64_t b = 0; b < 2; ++b)
            for (int64_t h = 0; h < 2; ++h)
                for (int64_t i = 0; i < 5; ++i)
                    for (int64_t j = 0; j < 5; ++j)
                        if (j > i)
                            QCOMPARE(w.at({b, h, i, j}), 0.0f);
                        else
                            QVERIFY(w.at({b, h, i, j}) > 0.0f);
        for (int64_t i = 4 * 8; i < 5 * 8; ++i) x[i] += 1.0f;  // example 0, last step
        ForwardContext plain;
        const Tensor changed = mha->forward({Var(x)}, plain).value();
        for (int64_t i = 0; i < 4 * 8; ++i) QCOMPARE(changed[i], y[i]);
        QVERIFY(changed[4 * 8] != y[4 * 8]);

        // The decoder block's self-attention, through a network (the probe names a learner sees).
        NetworkSpec spec;
        spec.nodes = {{"dec1", "TransformerDecoderBlock", {}, {"input", "input"}}};
        spec.nodes[0].attrs = attrs({{"hidden", int64_t{8}}, {"heads", int64_t{2}}, {"ffn_hidden", int64_t{16}}});
        Network net(spec, {5, 8});
        net.reset_parameters(4);
        ProbeSink dec_sink({"dec1.attention1.*", "dec1.attention2.attention"});
        ForwardContext dec_ctx{false, nullptr, &dec_sink};
        net.forward(Var(random_tensor({2, 5, 8}, 2)), dec_ctx);
        QCOMPARE(dec_sink.probes().size(), size_t{3});
        const Tensor& self = probe(dec_sink, "dec1.attention1.attention");
        QCOMPARE(self.shape(), (Shape{2, 2, 5, 5}));
        QCOMPARE(probe(dec_sink, "dec1.attention1.scores").shape(), (Shape{2, 2, 5, 5}));
        for (int64_t b = 0; b < 2; ++b)
            for (int64_t h = 0; h < 2; ++h)
                for (int64_t i = 0; i < 5; ++i)
                    for (int64_t j = i + 1; j < 5; ++j) QCOMPARE(self.at({b, h, i, j}), 0.0f);
        const Tensor& cross = probe(dec_sink, "dec1.attention2.attention");  // no source lengths: all keys seen
        for (int64_t i = 0; i < cross.numel(); ++i) QVERIFY(cross[i] > 0.0f);
    }

    // Keys past the valid length: weight exactly 0, and their values cannot change the output.
    void paddingIsIgnored() {
        const SequenceLengths lengths{{2, 4}, {}};
        Tensor queries = random_tensor({2, 3, 6}, 1), keys = random_tensor({2, 5, 6}, 2);
        Tensor padded = keys.clone();
        for (int64_t b = 0; b < 2; ++b)
            for (int64_t t = lengths.source[b]; t < 5; ++t)
                for (int64_t f = 0; f < 6; ++f) padded.at({b, t, f}) += 10.0f;
        const std::vector<std::pair<const char*, Attributes>> layers{
            {"MultiHeadAttention",
             attrs({{"hidden", int64_t{6}}, {"heads", int64_t{3}}, {"mask", std::string("source")}})},
            {"AdditiveAttention", attrs({{"hidden", int64_t{4}}, {"mask", std::string("source")}})},
            {"DotProductAttention", attrs({{"mask", std::string("source")}})}};
        for (const auto& [type, a] : layers) {
            auto layer = built(type, a, {{3, 6}, {5, 6}});
            ProbeSink sink({"attention"});
            ForwardContext ctx{false, nullptr, &sink};
            ctx.lengths = &lengths;
            const Tensor y = layer->forward({Var(queries), Var(keys)}, ctx).value().clone();
            const Tensor& w = probe(sink, "attention");
            for (int64_t b = 0; b < 2; ++b)
                for (int64_t h = 0; h < w.size(1); ++h)
                    for (int64_t q = 0; q < 3; ++q)
                        for (int64_t k = 0; k < 5; ++k)
                            if (k >= lengths.source[b])
                                QCOMPARE(w.at({b, h, q, k}), 0.0f);
                            else
                                QVERIFY(w.at({b, h, q, k}) > 0.0f);
            ForwardContext again;
            again.lengths = &lengths;
            QVERIFY2(layer->forward({Var(queries), Var(padded)}, again).value().to_vector() == y.to_vector(), type);
            ForwardContext unmasked;  // without lengths the padding counts
            QVERIFY(layer->forward({Var(queries), Var(padded)}, unmasked).value().to_vector() != y.to_vector());
        }
        // The encoder block: outputs at real positions do not depend on the padding.
        auto enc = built("TransformerEncoderBlock", attrs({{"hidden", int64_t{6}}, {"heads", int64_t{2}}}), {{5, 6}});
        ForwardContext ctx;
        ctx.lengths = &lengths;
        const Tensor y = enc->forward({Var(keys)}, ctx).value().clone();
        const Tensor z = enc->forward({Var(padded)}, ctx).value();
        for (int64_t b = 0; b < 2; ++b)
            for (int64_t t = 0; t < lengths.source[b]; ++t)
                for (int64_t f = 0; f < 6; ++f) QCOMPARE(z.at({b, t, f}), y.at({b, t, f}));
    }

    void multiHeadMatchesNaivePerHeadReference() {
        const SequenceLengths lengths{{3, 1, 6}, {}};
        for (const char* mask : {"none", "source", "causal"})
            for (int64_t heads : {1, 2, 4}) {
                auto mha = built("MultiHeadAttention",
                                 attrs({{"hidden", int64_t{8}}, {"heads", heads}, {"mask", std::string(mask)}}),
                                 {{4, 5}, {6, 7}});
                const Tensor q = random_tensor({3, 4, 5}, 1), kv = random_tensor({3, 6, 7}, 2);
                ForwardContext ctx;
                ctx.lengths = &lengths;
                const Tensor y = mha->forward({Var(q), Var(kv)}, ctx).value();
                const std::string m = mask;
                const Tensor ref = naive_multi_head(
                    *mha, q, kv, heads, m == "source" ? lengths.source : std::vector<int32_t>{}, m == "causal");
                const float diff = max_abs_diff(y, ref);
                QVERIFY2(diff < 1e-5f, qPrintable(QString("%1, %2 heads: %3").arg(mask).arg(heads).arg(diff)));
            }
    }

    // Forward and backward give the same bits on 1 and 2 threads (batched products split by matrices or
    // by tiles, softmax rows, head regrouping), with dropout drawn from the same seed.
    void sameNumbersForAnyThreadCount() {
        struct Size {
            int64_t batch, steps, hidden, heads;
        };
        for (const Size s : {Size{4, 12, 32, 4}, Size{1, 64, 64, 2}}) {
            auto run = [&](int threads) {
                set_num_threads(threads);
                auto mha = built(
                    "MultiHeadAttention",
                    attrs(
                        {{"hidden", s.hidden}, {"heads", s.heads}, {"mask", std::string("causal")}, {"dropout", 0.1}}),
                    {{s.steps, s.hidden}});
                Var x(random_tensor({s.batch, s.steps, s.hidden}, 5), true);
                Rng rng(7);
                ForwardContext ctx{true, &rng};
                Var y = mha->forward({x}, ctx);
                y.backward(random_tensor(y.shape(), 6));
                std::vector<float> all = y.value().to_vector();
                for (float g : x.grad().to_vector()) all.push_back(g);
                for (auto& [name, var] : mha->parameters())
                    for (float g : var->grad().to_vector()) all.push_back(g);
                return all;
            };
            const auto one = run(1), two = run(2);
            set_num_threads(0);
            QVERIFY(one == two);
        }
    }

    // D2L's printed shapes (§10.5, §10.7): MultiHeadAttention(100, 5 heads), EncoderBlock and DecoderBlock
    // (24 hidden, 48 FFN units, 8 heads) on ones with valid lengths [3, 2].
    void d2lShapes() {
        const SequenceLengths lengths{{3, 2}, {}};
        ForwardContext ctx;
        ctx.lengths = &lengths;
        auto mha = built(
            "MultiHeadAttention",
            attrs({{"hidden", int64_t{100}}, {"heads", int64_t{5}}, {"dropout", 0.5}, {"mask", std::string("source")}}),
            {{4, 100}, {6, 100}});
        QCOMPARE(mha->output_shape({{4, 100}, {6, 100}}), (Shape{4, 100}));
        QCOMPARE(mha->forward({Var(Tensor::ones({2, 4, 100})), Var(Tensor::ones({2, 6, 100}))}, ctx).shape(),
                 (Shape{2, 4, 100}));
        const Attributes block =
            attrs({{"hidden", int64_t{24}}, {"ffn_hidden", int64_t{48}}, {"heads", int64_t{8}}, {"dropout", 0.5}});
        auto enc = built("TransformerEncoderBlock", block, {{100, 24}});
        const Var encoded = enc->forward({Var(Tensor::ones({2, 100, 24}))}, ctx);
        QCOMPARE(encoded.shape(), (Shape{2, 100, 24}));
        auto dec = built("TransformerDecoderBlock", block, {{100, 24}, {100, 24}});
        QCOMPARE(dec->forward({Var(Tensor::ones({2, 100, 24})), encoded}, ctx).shape(), (Shape{2, 100, 24}));
        // Parameter counts as D2L's modules (no biases in the attention projections).
        int64_t n = 0;
        for (auto& [name, var] : dec->parameters()) n += var->value().numel();
        QCOMPARE(n, int64_t{2 * 4 * 24 * 24 + 3 * 2 * 24 + (24 * 48 + 48 + 48 * 24 + 24)});
    }

    // Probe names inside the encoder block, opened as a Block in a network, and their shapes.
    void encoderBlockProbes() {
        NetworkSpec spec;
        spec.nodes = {{"pos", "PositionalEncoding", {}, {}}, {"enc1", "TransformerEncoderBlock", {}, {}}};
        spec.nodes[1].attrs = attrs({{"hidden", int64_t{8}}, {"heads", int64_t{2}}});
        Network net(spec, {6, 8});
        net.reset_parameters(1);
        ProbeSink sink({"enc1.attention.*"});
        ForwardContext ctx{false, nullptr, &sink};
        const SequenceLengths lengths{{6, 3}, {}};
        ctx.lengths = &lengths;
        net.forward(Var(random_tensor({2, 6, 8}, 3)), ctx);
        QCOMPARE(sink.probes().size(), size_t{2});
        const Tensor& w = probe(sink, "enc1.attention.attention");
        QCOMPARE(w.shape(), (Shape{2, 2, 6, 6}));
        QCOMPARE(probe(sink, "enc1.attention.scores").shape(), (Shape{2, 2, 6, 6}));
        for (int64_t q = 0; q < 6; ++q) QCOMPARE(w.at({1, 1, q, 4}), 0.0f);
        const auto& params = net.parameters();
        QVERIFY(std::any_of(params.begin(), params.end(),
                            [](const auto& p) { return p.name == "enc1.attention.W_q.weight"; }));
    }

    void dropoutOnWeightsOnlyInTraining() {
        auto mha = built("MultiHeadAttention", attrs({{"hidden", int64_t{8}}, {"heads", int64_t{2}}, {"dropout", 0.5}}),
                         {{5, 8}});
        const Var x(random_tensor({2, 5, 8}, 1));
        auto train = [&](uint64_t seed) {
            Rng rng(seed);
            ProbeSink sink({"attention"});
            ForwardContext ctx{true, &rng, &sink};
            const Tensor y = mha->forward({x}, ctx).value();
            const Tensor& w = probe(sink, "attention");  // before dropout: rows still sum to 1
            for (int64_t r = 0; r < w.numel() / 5; ++r) {
                double sum = 0;
                for (int64_t k = 0; k < 5; ++k) sum += w[r * 5 + k];
                if (std::fabs(sum - 1) > 1e-5) qFatal("row %lld sums to %f", static_cast<long long>(r), sum);
            }
            return y.to_vector();
        };
        ForwardContext eval;
        const auto evaluated = mha->forward({x}, eval).value().to_vector();
        QVERIFY(train(3) == train(3));
        QVERIFY(train(3) != train(4));
        QVERIFY(train(3) != evaluated);
    }

    void clearErrors() {
        auto expect = [](const char* fragment, auto&& f) {
            try {
                f();
                QFAIL("no error");
            } catch (const ShapeError& e) {
                QVERIFY2(QString(e.what()).contains(fragment), e.what());
            }
        };
        expect("divide by heads", [] {
            make_layer("a", "MultiHeadAttention", attrs({{"hidden", int64_t{10}}, {"heads", int64_t{3}}}))
                ->output_shape({{4, 10}});
        });
        expect("source lengths", [] {
            auto mha = built("MultiHeadAttention", attrs({{"mask", std::string("source")}}), {{3, 4}});
            const SequenceLengths lengths{{2, 2, 2}, {}};
            ForwardContext ctx;
            ctx.lengths = &lengths;
            mha->forward({Var(Tensor({2, 3, 4}))}, ctx);
        });
        expect("max_len", [] {
            auto pe = built("PositionalEncoding", attrs({{"max_len", int64_t{4}}}), {{3, 4}});
            ForwardContext ctx;
            pe->forward({Var(Tensor({2, 6, 4}))}, ctx);
        });
        expect("same shape", [] { make_layer("a", "AddNorm", {})->output_shape({{3, 4}, {3, 5}}); });
        expect("inside the TransformerEncoderBlock", [] {
            make_layer("e", "TransformerEncoderBlock", attrs({{"hidden", int64_t{8}}}))->output_shape({{3, 4}});
        });
        expect("inside the TransformerDecoderBlock", [] {
            make_layer("d", "TransformerDecoderBlock", attrs({{"hidden", int64_t{8}}}))->output_shape({{3, 4}, {2, 8}});
        });
    }
};

QTEST_APPLESS_MAIN(TestAttention)
#include "test_attention.moc"
