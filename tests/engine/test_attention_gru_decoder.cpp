// The Bahdanau attention decoder (D2L §10.4 of zh-v2, §11.4 in English): finite-difference gradients with
// padded sources, a plain-loop reference of D2L's Seq2SeqAttentionDecoder, padding that gets weight 0,
// causality (decoding re-runs prefixes), probes, errors, and the bahdanau preset on toy pairs.
// The D2L run on fra-eng is in test_training_translation.cpp.
#include <QtTest>

#include <cmath>

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/io/presets.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/network.h"
#include "engine/nn/probe_sink.h"
#include "engine/train/trainer.h"
#include "engine/train/translation.h"
#include "engine/train/translation_batch.h"
#include "gradcheck.h"
#include "translation_data.h"

using namespace dl;
using dltest::gradcheck;
using dltest::random_tensor;

namespace {
// hidden 3, 2 layers, 4 attention units; per example: embedded target [T, 2], encoder outputs [S, 5].
constexpr int64_t kHidden = 3, kLayers = 2, kEmbed = 2, kKeyFeatures = 5;

std::unique_ptr<Layer> decoder(int64_t steps, int64_t keys, double dropout = 0.0, const std::string& mask = "source") {
    Attributes a;
    a.set("hidden", kHidden);
    a.set("layers", kLayers);
    a.set("attention_hidden", int64_t{4});
    a.set("dropout", dropout);
    a.set("mask", mask);
    auto layer = make_layer("dec", "AttentionGRUDecoder", a);
    const std::vector<Shape> shapes{{steps, kEmbed}, {keys, kKeyFeatures}, {kLayers, kHidden}};
    layer->output_shape(shapes);
    layer->build(shapes);
    Rng rng(5);
    layer->reset_parameters(rng);
    return layer;
}

struct Inputs {
    Var target, encoder, state;
    std::vector<Var> all() const { return {target, encoder, state}; }
};

Inputs random_inputs(int64_t batch, int64_t steps, int64_t keys, bool grad = false) {
    return {Var(random_tensor({batch, steps, kEmbed}, 11), grad),
            Var(random_tensor({batch, keys, kKeyFeatures}, 12), grad),
            Var(random_tensor({batch, kLayers, kHidden}, 13), grad)};
}

const Tensor& param(Layer& layer, const std::string& name) {
    for (auto& [n, v] : layer.parameters())
        if (n == name) return v->value();
    qFatal("no parameter %s", name.c_str());
}

const Tensor& probe(const ProbeSink& sink, const std::string& name) {
    for (const auto& p : sink.probes())
        if (p.name == name) return p.value;
    qFatal("no probe '%s'", name.c_str());
}

using Vec = std::vector<double>;

// y = W x (+ b), W [rows, x.size()] row-major, from element `row0` on.
double dot_row(const Tensor& w, int64_t row, const Vec& x) {
    double s = 0;
    for (size_t i = 0; i < x.size(); ++i) s += w[row * static_cast<int64_t>(x.size()) + i] * x[i];
    return s;
}

// PyTorch's GRU cell, gates r, z, n.
Vec gru_cell(Layer& layer, int64_t l, const Vec& x, const Vec& h) {
    const std::string s = "_l" + std::to_string(l);
    const Tensor &wi = param(layer, "rnn.weight_ih" + s), &wh = param(layer, "rnn.weight_hh" + s),
                 &bi = param(layer, "rnn.bias_ih" + s), &bh = param(layer, "rnn.bias_hh" + s);
    const int64_t H = static_cast<int64_t>(h.size());
    auto sigmoid = [](double v) { return 1 / (1 + std::exp(-v)); };
    Vec out(h.size());
    for (int64_t j = 0; j < H; ++j) {
        const double r = sigmoid(dot_row(wi, j, x) + bi[j] + dot_row(wh, j, h) + bh[j]);
        const double z = sigmoid(dot_row(wi, H + j, x) + bi[H + j] + dot_row(wh, H + j, h) + bh[H + j]);
        const double n =
            std::tanh(dot_row(wi, 2 * H + j, x) + bi[2 * H + j] + r * (dot_row(wh, 2 * H + j, h) + bh[2 * H + j]));
        out[j] = (1 - z) * n + z * h[j];
    }
    return out;
}

// D2L's Seq2SeqAttentionDecoder.forward for one example in plain loops (double): returns [T · hidden].
Vec reference(Layer& layer, const Inputs& in, int64_t b, int64_t valid) {
    const Tensor &x = in.target.value(), &enc = in.encoder.value(), &st = in.state.value();
    const int64_t T = x.size(1), S = enc.size(1), K = enc.size(2), A = param(layer, "attention.W_q.weight").size(0);
    std::vector<Vec> h(kLayers, Vec(kHidden));
    for (int64_t l = 0; l < kLayers; ++l)
        for (int64_t j = 0; j < kHidden; ++j) h[l][j] = st.at({b, l, j});
    Vec out;
    for (int64_t t = 0; t < T; ++t) {
        Vec scores(S), context(K, 0.0);
        for (int64_t s = 0; s < S; ++s) {
            Vec key(K);
            for (int64_t k = 0; k < K; ++k) key[k] = enc.at({b, s, k});
            for (int64_t a = 0; a < A; ++a)
                scores[s] += param(layer, "attention.w_v.weight")[a] *
                             std::tanh(dot_row(param(layer, "attention.W_q.weight"), a, h[kLayers - 1]) +
                                       dot_row(param(layer, "attention.W_k.weight"), a, key));
        }
        double top = -1e300, sum = 0;
        for (int64_t s = 0; s < valid; ++s) top = std::max(top, scores[s]);
        for (int64_t s = 0; s < valid; ++s) sum += std::exp(scores[s] - top);
        for (int64_t s = 0; s < valid; ++s)
            for (int64_t k = 0; k < K; ++k) context[k] += std::exp(scores[s] - top) / sum * enc.at({b, s, k});
        Vec input = context;  // D2L: torch.cat((context, x), dim=-1)
        for (int64_t e = 0; e < kEmbed; ++e) input.push_back(x.at({b, t, e}));
        for (int64_t l = 0; l < kLayers; ++l) input = h[l] = gru_cell(layer, l, input, h[l]);
        out.insert(out.end(), h[kLayers - 1].begin(), h[kLayers - 1].end());
    }
    return out;
}

const dltest::Pairs kToyPairs{
    {"go .", "va !"},
    {"i lost .", "j'ai perdu ."},
    {"he's calm .", "il est calme ."},
    {"i'm home .", "je suis chez moi ."},
    {"i won .", "j'ai gagné ."},
    {"he ran .", "il a couru ."},
    {"i'm calm .", "je suis calme ."},
    {"go home .", "va chez toi !"},
};

struct EpochRecorder : TrainingObserver {
    std::vector<EpochMetrics> epochs;
    void on_epoch_end(const EpochMetrics& m) override { epochs.push_back(m); }
};
}  // namespace

class TestAttentionGRUDecoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Inputs and every parameter, with source lengths 2 and 4 of 4 (the padded steps' gradient is exactly 0),
    // in evaluation and in training (dropout on the attention weights and between the GRU layers, fixed masks).
    void gradcheckWithSourceLengths() {
        const SequenceLengths lengths{{2, 4}, {}};
        for (const bool training : {false, true}) {
            auto layer = decoder(3, 4, training ? 0.3 : 0.0);
            const Inputs in = random_inputs(2, 3, 4, true);
            std::vector<Var> leaves = in.all();
            for (auto& [name, var] : layer->parameters()) leaves.push_back(*var);
            const std::string err = gradcheck(
                [&] {
                    Rng rng(9);  // the same dropout masks on every evaluation
                    ForwardContext ctx{training, &rng};
                    ctx.lengths = &lengths;
                    return layer->forward(in.all(), ctx);
                },
                leaves);
            QVERIFY2(err.empty(), ((training ? "training: " : "evaluation: ") + err).c_str());
            for (int64_t s = 2; s < 4; ++s)  // example 0's padded encoder steps
                for (int64_t k = 0; k < kKeyFeatures; ++k) QCOMPARE(in.encoder.grad().at({0, s, k}), 0.0f);
        }
    }

    void matchesD2LWrittenOut() {
        const SequenceLengths lengths{{3, 1, 5}, {}};
        auto layer = decoder(4, 5);
        const Inputs in = random_inputs(3, 4, 5);
        ForwardContext ctx;
        ctx.lengths = &lengths;
        const Tensor y = layer->forward(in.all(), ctx).value();
        QCOMPARE(y.shape(), (Shape{3, 4, kHidden}));
        for (int64_t b = 0; b < 3; ++b) {
            const Vec expected = reference(*layer, in, b, lengths.source[b]);
            for (size_t i = 0; i < expected.size(); ++i)
                QVERIFY2(std::fabs(y[b * 4 * kHidden + static_cast<int64_t>(i)] - expected[i]) < 1e-5,
                         qPrintable(QString("example %1 element %2").arg(b).arg(i)));
        }
    }

    // Padded encoder steps get weight exactly 0 at every target step, and what they hold changes nothing.
    void paddingGetsNoWeight() {
        const SequenceLengths lengths{{2, 5}, {}};
        auto layer = decoder(3, 5);
        Inputs in = random_inputs(2, 3, 5);
        ProbeSink sink({"attention", "scores"});
        ForwardContext ctx;
        ctx.probes = &sink;
        ctx.lengths = &lengths;
        const Tensor y = layer->forward(in.all(), ctx).value().clone();
        const Tensor& w = probe(sink, "attention");
        QCOMPARE(w.shape(), (Shape{2, 1, 3, 5}));
        QCOMPARE(probe(sink, "scores").shape(), (Shape{2, 1, 3, 5}));
        for (int64_t b = 0; b < 2; ++b)
            for (int64_t t = 0; t < 3; ++t) {
                double sum = 0;
                for (int64_t s = 0; s < 5; ++s) {
                    if (s >= lengths.source[b])
                        QCOMPARE(w.at({b, 0, t, s}), 0.0f);
                    else
                        QVERIFY(w.at({b, 0, t, s}) > 0.0f);
                    sum += w.at({b, 0, t, s});
                }
                QVERIFY(std::fabs(sum - 1) < 1e-5);
            }
        Tensor padded = in.encoder.value().clone();
        for (int64_t s = 2; s < 5; ++s)
            for (int64_t k = 0; k < kKeyFeatures; ++k) padded.at({0, s, k}) += 10.0f;
        in.encoder = Var(padded);
        ForwardContext again;
        again.lengths = &lengths;
        QVERIFY(layer->forward(in.all(), again).value().to_vector() == y.to_vector());
        ForwardContext unmasked;  // without lengths the padding counts
        QVERIFY(layer->forward(in.all(), unmasked).value().to_vector() != y.to_vector());
        auto no_mask = decoder(3, 5, 0.0, "none");  // nor with mask "none"
        QVERIFY(no_mask->forward(in.all(), again).value().to_vector() != y.to_vector());
    }

    // Step t reads target steps ≤ t only, so decoding can re-run the growing prefix; the state input matters.
    void stepsAreCausal() {
        auto layer = decoder(4, 3);
        Inputs in = random_inputs(1, 4, 3);
        ForwardContext ctx;
        const Tensor y = layer->forward(in.all(), ctx).value().clone();
        Tensor later = in.target.value().clone();
        for (int64_t e = 0; e < kEmbed; ++e) later.at({0, 2, e}) += 1.0f;
        const Tensor z = layer->forward({Var(later), in.encoder, in.state}, ctx).value();
        for (int64_t i = 0; i < 2 * kHidden; ++i) QCOMPARE(z[i], y[i]);
        QVERIFY(z[2 * kHidden] != y[2 * kHidden]);
        Tensor prefix = Tensor::empty({1, 3, kEmbed});  // the first 3 target steps alone: the same 3 outputs
        std::copy(in.target.value().data(), in.target.value().data() + 3 * kEmbed, prefix.data());
        const Tensor p = layer->forward({Var(prefix), in.encoder, in.state}, ctx).value();
        for (int64_t i = 0; i < 3 * kHidden; ++i) QCOMPARE(p[i], y[i]);
        Tensor state = in.state.value().clone();
        state[0] += 0.5f;  // layer 0's state: changes the first step through the GRU
        QVERIFY(layer->forward({in.target, in.encoder, Var(state)}, ctx).value()[0] != y[0]);
    }

    void probesOnlyWhenWanted() {
        auto layer = decoder(2, 3);
        const Inputs in = random_inputs(2, 2, 3);
        const int64_t before = ProbeSink::copies_made();
        ForwardContext plain;
        layer->forward(in.all(), plain);
        QCOMPARE(ProbeSink::copies_made(), before);
        ProbeSink sink({"scores"});
        ForwardContext ctx;
        ctx.probes = &sink;
        layer->forward(in.all(), ctx);
        QCOMPARE(sink.probes().size(), size_t{1});
        QCOMPARE(sink.probes()[0].name, std::string("scores"));
    }

    void clearErrors() {
        auto expect = [](const char* what, auto f) {
            try {
                f();
                QFAIL(qPrintable(QString("no error for: ") + what));
            } catch (const ShapeError& e) {
                QVERIFY2(std::string(e.what()).find(what) != std::string::npos, e.what());
            }
        };
        auto layer = decoder(2, 3);
        expect("3 inputs", [&] { layer->output_shape({{2, 2}, {3, 5}}); });
        expect("encoder's state", [&] { layer->output_shape({{2, 2}, {3, 5}, {1, kHidden}}); });
        expect("embedded target", [&] { layer->output_shape({{2}, {3, 5}, {kLayers, kHidden}}); });
        expect("source lengths", [&] {
            const SequenceLengths lengths{{2, 2, 2}, {}};
            ForwardContext ctx;
            ctx.lengths = &lengths;
            layer->forward(random_inputs(2, 2, 3).all(), ctx);
        });
    }

    // The preset: D2L's sizes, PyTorch's parameter names, and it learns toy pairs exactly, the same on 1 and 2 threads.
    void presetLearnsToyPairs() {
        const Dataset data = dltest::translation_dataset(kToyPairs, 6);
        NetworkSpec spec = load_preset("bahdanau");
        fit_to_vocabularies(spec, data.translation->source_vocab_size(), data.translation->target_vocab_size());
        std::vector<EpochMetrics> runs[2];
        for (int threads : {1, 2}) {
            Network net(spec, network_input_shapes(data));
            if (threads == 1) {
                std::map<std::string, Shape> shapes;
                for (Param& p : net.parameters()) shapes[p.name] = p.var.value().shape();
                QCOMPARE(shapes.at("decoder.attention.W_q.weight"), (Shape{32, 32}));
                QCOMPARE(shapes.at("decoder.attention.W_k.weight"), (Shape{32, 32}));
                QCOMPARE(shapes.at("decoder.attention.w_v.weight"), (Shape{1, 32}));
                QCOMPARE(shapes.at("decoder.rnn.weight_ih_l0"), (Shape{96, 64}));  // context 32 + embedding 32
                QCOMPARE(shapes.at("decoder.rnn.weight_hh_l1"), (Shape{96, 32}));
            }
            TrainConfig config;
            config.epochs = 100;
            config.batch_size = 8;
            config.optimizer.name = "adam";
            config.optimizer.lr = 0.005f;
            config.clip_norm = 1;
            config.gradient_norms = false;
            config.threads = threads;
            const DataSplit split{data, data};
            Trainer trainer(net, split, config);
            EpochRecorder recorder;
            trainer.add_observer(&recorder);
            QCOMPARE(trainer.run().outcome, TrainSummary::Outcome::Completed);
            set_num_threads(0);
            runs[threads - 1] = recorder.epochs;
            const EpochMetrics& last = recorder.epochs.back();
            qInfo("threads %d: loss %.4f (first epoch %.3f), BLEU %.3f", threads, last.train_loss,
                  recorder.epochs.front().train_loss, last.bleu);
            QVERIFY(last.train_loss < 0.1 * recorder.epochs.front().train_loss);
            QCOMPARE(last.bleu, 1.0);
            ProbeSink sink({"decoder.attention"});
            TranslateOptions options;
            options.probes = &sink;
            const Translation t = translate(net, *data.translation, "i'm home .", options);
            QCOMPARE(QString::fromStdString(t.text), QString("je suis chez moi ."));
            // The pass on <bos> + the 5 tokens: 6 queries over the 6 source steps, 4 of them real ("i'm home . <eos>").
            const Tensor& w = probe(sink, "decoder.attention");
            QCOMPARE(w.shape(), (Shape{1, 1, 6, 6}));
            for (int64_t q = 0; q < 6; ++q)
                for (int64_t s = 4; s < 6; ++s) QCOMPARE(w.at({0, 0, q, s}), 0.0f);
        }
        QCOMPARE(runs[0].size(), runs[1].size());
        for (size_t e = 0; e < runs[0].size(); ++e) QCOMPARE(runs[0][e].train_loss, runs[1][e].train_loss);
    }
};

QTEST_APPLESS_MAIN(TestAttentionGRUDecoder)
#include "test_attention_gru_decoder.moc"
