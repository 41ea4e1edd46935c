// Translation (D2L §9.5–9.8): networks with two inputs and layers with two outputs, the recurrent "state"
// port and starting-state input, AppendContext, the masked cross-entropy, BLEU, the translation trainer,
// greedy and beam decoding, model files with both vocabularies. Data sets are built by hand
// (translation_data.h); the long D2L run on fra-eng is in test_translation_d2l.cpp.
#include <QtTest>

#include <cmath>
#include <filesystem>

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/io/model_file.h"
#include "engine/io/network_json.h"
#include "engine/io/presets.h"
#include "engine/losses/masked_sequence_loss.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/network.h"
#include "engine/nn/probe_sink.h"
#include "engine/ops/append_context.h"
#include "engine/ops/shape_ops.h"
#include "engine/train/bleu.h"
#include "engine/train/trainer.h"
#include "engine/train/translation.h"
#include "engine/train/translation_batch.h"
#include "gradcheck.h"
#include "translation_data.h"

using namespace dl;
using dltest::gradcheck;
using dltest::random_tensor;

namespace {
std::unique_ptr<Layer> recurrent(const std::string& type, int64_t in, int64_t steps, int64_t hidden, int64_t layers,
                                 bool bidirectional, bool with_state_input) {
    Attributes a;
    a.set("hidden_size", hidden);
    a.set("num_layers", layers);
    a.set("bidirectional", bidirectional);
    auto layer = make_layer("r", type, a);
    std::vector<Shape> inputs{{steps, in}};
    if (with_state_input) inputs.push_back({layers * (bidirectional ? 2 : 1), hidden});
    layer->build(inputs);
    Rng rng(7);
    layer->reset_parameters(rng);
    return layer;
}

std::vector<Var> parameter_leaves(Layer& layer) {
    std::vector<Var> leaves;
    for (auto& [name, var] : layer.parameters()) leaves.push_back(*var);
    return leaves;
}

// Small pairs whose translations a seq2seq learns exactly in a few hundred steps.
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

// The seq2seq preset fitted to a data set's vocabularies; hidden > 0 shrinks its GRUs.
Network seq2seq_for(const Dataset& data, int64_t hidden = 0) {
    NetworkSpec spec = load_preset("seq2seq");
    fit_to_vocabularies(spec, data.translation->source_vocab_size(), data.translation->target_vocab_size());
    if (hidden > 0)
        for (NodeSpec& n : spec.nodes)
            if (n.type == "GRU") n.attrs.set("hidden_size", hidden);
    return Network(spec, network_input_shapes(data));
}

TrainConfig seq2seq_config(int epochs, int64_t batch_size) {
    TrainConfig config;
    config.epochs = epochs;
    config.batch_size = batch_size;
    config.optimizer.name = "adam";
    config.optimizer.lr = 0.005f;
    config.clip_norm = 1;
    config.gradient_norms = false;
    return config;
}

struct EpochRecorder : TrainingObserver {
    std::vector<EpochMetrics> epochs;
    void on_epoch_end(const EpochMetrics& m) override { epochs.push_back(m); }
};

// A bigram "decoder" made by hand: the score of the next token is row prev of a fixed table (log-probabilities),
// read through Embedding(target) → AppendContext(…, encoder:state) → Linear [I | 0]. The source reaches the
// output only through zero weights, so the next-token distribution depends on the previous token alone.
Network bigram_network(const std::vector<std::vector<double>>& probs, int64_t source_vocab, int64_t steps) {
    const auto V = static_cast<int64_t>(probs.size());
    NetworkSpec spec = parse_network(R"({"inputs": ["source", "target"], "layers": [
        {"id": "src", "type": "Embedding", "embedding_dim": 2, "inputs": ["source"]},
        {"id": "enc", "type": "GRU", "hidden_size": 2},
        {"id": "tgt", "type": "Embedding", "inputs": ["target"]},
        {"id": "ctx", "type": "AppendContext", "inputs": ["tgt", "enc:state"]},
        {"id": "out", "type": "Linear", "vocabulary_out": true}]})",
                                     "bigram.json");
    fit_to_vocabularies(spec, source_vocab, V);
    spec.nodes[2].attrs.set("embedding_dim", V);
    Network net(spec, std::vector<Shape>{{steps}, {steps}});
    net.reset_parameters(1);
    for (Param& p : net.parameters()) {
        Tensor& t = p.var.value();
        if (p.name == "tgt.weight")
            for (int64_t i = 0; i < V; ++i)
                for (int64_t j = 0; j < V; ++j) t[i * V + j] = static_cast<float>(std::log(probs[i][j]));
        if (p.name == "out.weight") {
            t.fill(0.0f);
            for (int64_t i = 0; i < V; ++i) t[i * (V + 2) + i] = 1.0f;
        }
        if (p.name == "out.bias") t.fill(0.0f);
    }
    return net;
}

TranslationCorpus tiny_vocabularies() {
    TranslationCorpus c;
    c.source_vocab = {"<unk>", "<pad>", "<bos>", "<eos>", "x"};
    c.target_vocab = {"<unk>", "<pad>", "<bos>", "<eos>", "a", "b", "c"};
    return c;
}
}  // namespace

class TestTranslation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The "state" port [B, layers·directions, H] is each layer's and direction's final hidden vector, and its
    // gradient reaches the input and every weight.
    void statePortIsTheFinalStateAndDifferentiable() {
        for (const char* type : {"RNN", "GRU", "LSTM"}) {
            auto layer = recurrent(type, 3, 4, 2, 2, true, false);
            const Var x(random_tensor({2, 4, 3}, 11), true);
            ForwardContext ctx;
            const std::vector<Var> out = layer->forward_outputs({x}, ctx);
            QCOMPARE(out.size(), size_t{2});
            QCOMPARE(out[1].shape(), (Shape{2, 4, 2}));
            QCOMPARE(layer->output_shapes({{4, 3}})[1], (Shape{4, 2}));
            // Top layer: forward direction ends at the last step, the reverse one at step 0.
            const Tensor& y = out[0].value();  // [2, 4, 4]: forward H then reverse H
            for (int64_t b = 0; b < 2; ++b)
                for (int64_t h = 0; h < 2; ++h) {
                    QCOMPARE(out[1].value()[(b * 4 + 2) * 2 + h], y[(b * 4 + 3) * 4 + h]);
                    QCOMPARE(out[1].value()[(b * 4 + 3) * 2 + h], y[(b * 4 + 0) * 4 + 2 + h]);
                }
            std::vector<Var> leaves = parameter_leaves(*layer);
            leaves.push_back(x);
            const std::string error = gradcheck(
                [&] {
                    ForwardContext c;
                    return layer->forward_outputs({x}, c)[1];
                },
                leaves);
            QVERIFY2(error.empty(), (std::string(type) + ": " + error).c_str());
        }
    }

    // The starting state given as a second input sets h0 and receives ∂L/∂h0 (D2L's decoder starts from
    // its encoder's state); every output depends on it.
    void startingStateInputIsDifferentiable() {
        for (const char* type : {"RNN", "GRU", "LSTM"}) {
            for (bool bidirectional : {false, true}) {
                auto layer = recurrent(type, 3, 3, 2, 2, bidirectional, true);
                const int64_t rows = 2 * (bidirectional ? 2 : 1);
                const Var x(random_tensor({2, 3, 3}, 12), true);
                const Var h0(random_tensor({2, rows, 2}, 13), true);
                std::vector<Var> leaves = parameter_leaves(*layer);
                leaves.push_back(x);
                leaves.push_back(h0);
                for (int port : {0, 1}) {
                    const std::string error = gradcheck(
                        [&] {
                            ForwardContext c;
                            return layer->forward_outputs({x, h0}, c)[static_cast<size_t>(port)];
                        },
                        leaves);
                    QVERIFY2(error.empty(),
                             (std::string(type) + " port " + std::to_string(port) + ": " + error).c_str());
                }
                ForwardContext c;
                const Tensor zero_start = layer->forward_outputs({x, Var(Tensor::zeros({2, rows, 2}))}, c)[0].value();
                const Tensor given = layer->forward_outputs({x, h0}, c)[0].value();
                QVERIFY(std::fabs(zero_start[0] - given[0]) > 1e-6);  // the start matters
                const Tensor no_input = layer->forward_outputs({x}, c)[0].value();
                QCOMPARE(no_input[5], zero_start[5]);  // absent = zeros
            }
        }
        auto gru = recurrent("GRU", 3, 3, 2, 2, false, false);
        QVERIFY_THROWS_EXCEPTION(ShapeError, gru->output_shapes({{3, 3}, {3, 2}}));  // 3 rows for 2 layers
    }

    void appendContextAndNarrowAreDifferentiable() {
        const Var x(random_tensor({2, 3, 4}, 21), true), c(random_tensor({2, 5}, 22), true);
        const Var out = append_context(x, c);
        QCOMPARE(out.shape(), (Shape{2, 3, 9}));
        QCOMPARE(out.value()[(1 * 3 + 2) * 9 + 4 + 1], c.value()[1 * 5 + 1]);
        QCOMPARE(out.value()[(1 * 3 + 2) * 9 + 3], x.value()[(1 * 3 + 2) * 4 + 3]);
        QVERIFY(gradcheck([&] { return append_context(x, c); }, {x, c}).empty());
        // The layer takes the last row of a state stack [B, L, H] (D2L's state[-1]).
        auto layer = make_layer("ctx", "AppendContext", {});
        QCOMPARE(layer->output_shape({{3, 4}, {2, 5}}), (Shape{3, 9}));
        QCOMPARE(layer->output_shape({{3, 4}, {5}}), (Shape{3, 9}));
        QVERIFY_THROWS_EXCEPTION(ShapeError, layer->output_shape({{3, 4}}));
        const Var stack(random_tensor({2, 2, 5}, 23), true);
        ForwardContext ctx;
        const Var joined = layer->forward({x, stack}, ctx);
        QCOMPARE(joined.value()[4], stack.value()[5]);  // example 0, step 0: row 1 of the stack
        QVERIFY(gradcheck(
                    [&] {
                        ForwardContext c2;
                        return layer->forward({x, stack}, c2);
                    },
                    {x, stack})
                    .empty());
        QVERIFY(gradcheck([&] { return narrow(stack, 1, 1, 1); }, {stack}).empty());
        QVERIFY_THROWS_EXCEPTION(ShapeError, narrow(stack, 1, 1, 2));
    }

    // D2L's MaskedSoftmaxCELoss, summed over the batch: by hand for a tiny case, then gradcheck.
    void maskedCrossEntropyMatchesD2L() {
        const Var logits(random_tensor({2, 3, 4}, 31, -2, 2), true);
        const std::vector<int32_t> labels{1, 2, 3, 0, 0, 1}, lengths{2, 3};
        double want = 0;
        for (int b = 0; b < 2; ++b) {
            double seq = 0;
            for (int t = 0; t < lengths[b]; ++t) {
                const float* z = logits.value().data() + (b * 3 + t) * 4;
                double sum = 0;
                for (int k = 0; k < 4; ++k) sum += std::exp(z[k]);
                seq += std::log(sum) - z[labels[b * 3 + t]];
            }
            want += seq / 3;  // the mean over all 3 steps, padding included
        }
        const Var loss = masked_sequence_cross_entropy(logits, labels, lengths);
        QVERIFY(std::fabs(loss.value().item() - want) < 1e-5);
        QCOMPARE(masked_tokens(lengths, 3), int64_t{5});
        QVERIFY(gradcheck([&] { return masked_sequence_cross_entropy(logits, labels, lengths); }, {logits}).empty());
        // Steps past the valid length get no gradient.
        logits.node()->grad = Tensor();
        masked_sequence_cross_entropy(logits, labels, lengths).backward();
        for (int k = 0; k < 4; ++k) QCOMPARE(logits.grad()[2 * 4 + k], 0.0f);
        QVERIFY_THROWS_EXCEPTION(ShapeError, masked_sequence_cross_entropy(logits, {1, 2}, lengths));
    }

    // Hand-computed with D2L's formula (k = 2).
    void bleuMatchesD2L() {
        QCOMPARE(bleu("va !", "va !"), 1.0);
        // "il est calme ." against "il est mouillé .": p1 = 3/4, p2 = 1/3 (il est), no brevity penalty.
        QVERIFY(std::fabs(bleu("il est calme .", "il est mouillé .") - std::pow(0.75, 0.5) * std::pow(1.0 / 3, 0.25)) <
                1e-12);
        // Shorter prediction: "je suis ." (3) vs "je suis chez moi ." (5): exp(1 − 5/3) · 1 · (1/2)^(1/4).
        QVERIFY(std::fabs(bleu("je suis .", "je suis chez moi .") - std::exp(1 - 5.0 / 3) * std::pow(0.5, 0.25)) <
                1e-12);
        // Repeated words match only as often as the reference has them: "a a a" vs "a b": p1 = 1/3, p2 = 0.
        QCOMPARE(bleu("a a a", "a b"), 0.0);
        QVERIFY(std::fabs(bleu("a a a", "a b", 1) - std::pow(1.0 / 3, 0.5)) < 1e-12);
        // Fewer tokens than n: D2L divides by zero; here 0.
        QCOMPARE(bleu("", "va !"), 0.0);
        QCOMPARE(bleu("va", "va !"), 0.0);
        QCOMPARE(split_tokens("a b"), (std::vector<std::string>{"a", "b"}));
    }

    // Inputs by name, ports by "node:port"; every mistake names what is wrong.
    void networksWithTwoInputsAndPorts() {
        const Dataset data = dltest::translation_dataset(kToyPairs, 6);
        NetworkSpec spec = load_preset("seq2seq");
        QCOMPARE(spec.inputs, (std::vector<std::string>{"source", "target"}));
        fit_to_vocabularies(spec, data.translation->source_vocab_size(), data.translation->target_vocab_size());
        const int64_t V = data.translation->target_vocab_size(), S = data.translation->source_vocab_size();
        QCOMPARE(spec.nodes[0].attrs.get_int("vocab_size"), S);
        QCOMPARE(spec.nodes[2].attrs.get_int("vocab_size"), V);
        QCOMPARE(spec.nodes[5].attrs.get_int("out_features"), V);
        const std::vector<Shape> shapes{{6}, {6}};
        const NetworkReport r = analyze(spec, std::span<const Shape>(shapes));
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(r.output_shape, (Shape{6, V}));
        QCOMPARE(r.nodes[1].output_names, (std::vector<std::string>{"output", "state"}));
        QCOMPARE(r.nodes[1].output_shapes[1], (Shape{2, 32}));
        QCOMPARE(r.nodes[3].output_shape, (Shape{6, 64}));
        QCOMPARE(r.nodes[4].input_shapes[1], (Shape{2, 32}));
        Network net(spec, std::span<const Shape>(shapes));
        QCOMPARE(net.parameter_count(), r.parameters);
        QCOMPARE(net.input_names(), spec.inputs);

        auto error_of = [&](NetworkSpec s, std::vector<Shape> in = {{6}, {6}}) {
            return QString::fromStdString(analyze(s, std::span<const Shape>(in)).error);
        };
        NetworkSpec bad = spec;
        bad.nodes[4].inputs = {"context", "encoder:cell"};
        QVERIFY(error_of(bad).contains("no output 'cell'") && error_of(bad).contains("output, state"));
        bad = spec;
        bad.nodes[2].inputs = {"targets"};
        QVERIFY(error_of(bad).contains("'targets'") && error_of(bad).contains("'target'"));
        bad = spec;
        bad.nodes[2].inputs = {"source"};
        QVERIFY2(error_of(bad).contains("'target' feeds no node"), qPrintable(error_of(bad)));
        QVERIFY(error_of(spec, {{6}}).contains("2 inputs (source, target)"));
        bad = spec;
        bad.nodes[2].inputs = {"target:x"};
        QVERIFY(error_of(bad).contains("no ports"));
        QVERIFY_THROWS_EXCEPTION(InputError, Network(spec, Shape{6}));

        // Forward takes one Var per input; the target may be shorter (decoding feeds a growing prefix).
        ForwardContext ctx;
        const Var src(Tensor::zeros({2, 6})), tgt(Tensor::zeros({2, 3}));
        QCOMPARE(net.forward(std::vector<Var>{src, tgt}, ctx).shape(), (Shape{2, 3, V}));
        QVERIFY_THROWS_EXCEPTION(InputError, net.forward(src, ctx));
        QVERIFY_THROWS_EXCEPTION(ShapeError, net.forward(std::vector<Var>{Var(Tensor::zeros({2, 6, 1})), tgt}, ctx));

        // Files keep the inputs; a file without them has the one input "input".
        const NetworkSpec back = parse_network(network_to_string(spec), "back.json");
        QCOMPARE(back.inputs, spec.inputs);
        QCOMPARE(back.nodes[4].inputs, spec.nodes[4].inputs);
        QCOMPARE(parse_network(network_to_string(load_preset("gru")), "g.json").input_names(),
                 std::vector<std::string>{"input"});
    }

    // The trainer refuses networks and data sets that do not fit each other, with the reason.
    void trainerChecksTheNetworkFits() {
        const Dataset data = dltest::translation_dataset(kToyPairs, 6);
        const DataSplit split{data, data};
        Network image = Network(parse_network(R"({"layers": [{"id": "fc", "type": "Linear"}]})", "m.json"), Shape{6});
        try {
            Trainer(image, split, seq2seq_config(1, 4)).run();
            QFAIL("no error");
        } catch (const ShapeError& e) {
            QVERIFY2(QString(e.what()).contains("\"source\" and \"target\""), e.what());
        }
        Network net = seq2seq_for(data);
        Dataset images;
        images.name = "images";
        images.features = Tensor::zeros({4, 6});
        images.labels = {0, 1, 0, 1};
        images.num_classes = 2;
        const DataSplit image_split{images, images};
        try {
            Trainer(net, image_split, seq2seq_config(1, 4)).run();
            QFAIL("no error");
        } catch (const ShapeError& e) {
            QVERIFY2(QString(e.what()).contains("2 inputs"), e.what());
        }
        NetworkSpec small = load_preset("seq2seq");
        fit_to_vocabularies(small, data.translation->source_vocab_size(), 7);  // a wrong target vocabulary
        Network wrong(small, network_input_shapes(data));
        try {
            Trainer(wrong, split, seq2seq_config(1, 4)).run();
            QFAIL("no error");
        } catch (const ShapeError& e) {
            QVERIFY2(QString(e.what()).contains("target vocabulary"), e.what());
        }
    }

    // Teacher forcing: <bos> then the target without its last token; labels the target; lengths per row.
    void teacherForcingBatch() {
        const Dataset data = dltest::translation_dataset(kToyPairs, 6);
        TranslationBatch b;
        fill_translation_batch(data, {3, 0}, b);
        QCOMPARE(b.target_input.shape(), (Shape{2, 6}));
        QCOMPARE(b.target_input[0], float(TranslationCorpus::kBos));
        for (int t = 1; t < 6; ++t) QCOMPARE(b.target_input[t], data.target_tokens[3 * 6 + t - 1]);
        QCOMPARE(b.labels[5], static_cast<int32_t>(data.target_tokens[3 * 6 + 5]));
        QCOMPARE(b.lengths.target, (std::vector<int32_t>{6, 3}));  // "je suis chez moi ." + <eos>; "va !" + <eos>
        QCOMPARE(b.lengths.source, (std::vector<int32_t>{4, 3}));
        QCOMPARE(b.tokens, int64_t{9});
    }

    // The seq2seq preset learns its training pairs exactly; loss per token falls, BLEU reaches 1; the same run
    // on 1 and 2 threads gives the same numbers.
    void seq2seqLearnsItsPairsAndRepeats() {
        const Dataset data = dltest::translation_dataset(kToyPairs, 6);
        const DataSplit split{data, data};
        std::vector<EpochMetrics> runs[2];
        for (int threads : {1, 2}) {
            Network net = seq2seq_for(data);
            TrainConfig config = seq2seq_config(150, 8);
            config.threads = threads;
            Trainer trainer(net, split, config);
            EpochRecorder recorder;
            trainer.add_observer(&recorder);
            const TrainSummary s = trainer.run();
            QCOMPARE(s.outcome, TrainSummary::Outcome::Completed);
            runs[threads - 1] = recorder.epochs;
            const EpochMetrics& last = recorder.epochs.back();
            qInfo("threads %d: loss %.4f (first epoch %.3f), BLEU %.3f, %.0f tokens/s", threads, last.train_loss,
                  recorder.epochs.front().train_loss, last.bleu, last.tokens_per_sec);
            QVERIFY(last.train_loss < 0.1 * recorder.epochs.front().train_loss);
            QVERIFY(last.tokens_per_sec > 0);
            QCOMPARE(last.bleu, 1.0);
            for (const auto& [src, tgt] : kToyPairs) {
                const Translation greedy = translate(net, *data.translation, src);
                QCOMPARE(QString::fromStdString(greedy.text), QString::fromStdString(tgt));
                TranslateOptions one;
                one.beam_width = 1;
                QCOMPARE(beam_search(net, *data.translation, src, one).tokens, greedy.tokens);  // k = 1 is greedy
                TranslateOptions three;
                three.beam_width = 3;
                const Translation beam = beam_search(net, *data.translation, src, three);
                QCOMPARE(QString::fromStdString(beam.text), QString::fromStdString(tgt));
            }
            set_num_threads(0);
        }
        QCOMPARE(runs[0].size(), runs[1].size());
        for (size_t e = 0; e < runs[0].size(); ++e) {
            QCOMPARE(runs[0][e].train_loss, runs[1][e].train_loss);
            QCOMPARE(runs[0][e].test_loss, runs[1][e].test_loss);
            QCOMPARE(runs[0][e].bleu, runs[1][e].bleu);
        }
    }

    // A hand-made bigram model where greedy and beam search disagree: greedy takes "a" (p 0.5), whose best
    // continuation is <eos> with 0.34; beam (k = 2) also keeps "b" (0.4), which ends with 0.94: 0.376 > 0.17.
    void beamSearchFindsWhatGreedyMisses() {
        const std::vector<double> flat(7, 1.0 / 7);
        const std::vector<std::vector<double>> probs{
            flat,                                        // <unk>
            flat,                                        // <pad>
            {0.02, 0.02, 0.02, 0.02, 0.5, 0.4, 0.02},    // <bos> → a or b
            flat,                                        // <eos>
            {0.01, 0.01, 0.01, 0.34, 0.01, 0.30, 0.32},  // a → <eos> 0.34
            {0.01, 0.01, 0.01, 0.94, 0.01, 0.01, 0.01},  // b → <eos>
            {0.01, 0.01, 0.01, 0.94, 0.01, 0.01, 0.01},  // c → <eos>
        };
        const TranslationCorpus corpus = tiny_vocabularies();
        Network net = bigram_network(probs, corpus.source_vocab_size(), 5);
        const Translation greedy = translate(net, corpus, "x");
        QCOMPARE(QString::fromStdString(greedy.text), QStringLiteral("a"));
        QVERIFY(std::fabs(greedy.score - std::log(0.5 * 0.34)) < 1e-5);
        TranslateOptions options;
        options.beam_width = 1;
        const Translation one = beam_search(net, corpus, "x", options);
        QCOMPARE(one.tokens, greedy.tokens);
        options.beam_width = 2;
        const Translation beam = beam_search(net, corpus, "x", options);
        QCOMPARE(QString::fromStdString(beam.text), QStringLiteral("b"));
        QVERIFY(std::fabs(beam.score - std::log(0.4 * 0.94) / std::pow(2.0, 0.75)) < 1e-5);
        // The tree: root, step 1 {a, b}, step 2 {b <eos>, a <eos>}, both ended, so the search stops.
        QCOMPARE(beam.tree.size(), size_t{5});
        QCOMPARE(beam.tree[0].parent, -1);
        QCOMPARE(beam.tree[1].token, 4);
        QCOMPARE(beam.tree[2].token, 5);
        QCOMPARE(beam.tree[3].parent, 2);
        QVERIFY(beam.tree[3].ended && beam.tree[4].ended && beam.tree[4].parent == 1);
        QCOMPARE(beam.best, 3);
        QVERIFY(std::fabs(beam.tree[1].log_prob - std::log(0.5)) < 1e-5);

        // Probes of the final pass: the decoder input over <bos> + the chosen tokens.
        ProbeSink sink({"ctx", "src.*"});  // the Embedding publishes nothing inside
        options.probes = &sink;
        beam_search(net, corpus, "x", options);
        QCOMPARE(sink.probes().size(), size_t{1});
        QCOMPARE(sink.probes()[0].name, std::string("ctx"));
        QCOMPARE(sink.probes()[0].value.shape(), (Shape{1, 2, 9}));  // <bos> b
        options.beam_width = 0;
        QVERIFY_THROWS_EXCEPTION(InputError, beam_search(net, corpus, "x", options));
    }

    void sourceSentencesAreEncodedLikeD2L() {
        const TranslationCorpus corpus = tiny_vocabularies();
        int32_t valid = 0;
        QCOMPARE(encode_source("X y", corpus, 5, valid), (std::vector<int32_t>{4, 0, 3, 1, 1}));
        QCOMPARE(valid, 3);
        QCOMPARE(encode_source("x x x x x x", corpus, 4, valid), (std::vector<int32_t>{4, 4, 4, 4}));
        QCOMPARE(valid, 4);
        QCOMPARE(decode_target({4, 6, 9}, corpus), std::string("a c <unk>"));
    }

    // A translation model file keeps both vocabularies and both input shapes; it translates the same after
    // loading (from the .json or from the .safetensors alone).
    void modelFilesKeepBothVocabularies() {
        const Dataset data = dltest::translation_dataset(kToyPairs, 6);
        Network net = seq2seq_for(data, 8);
        net.reset_parameters(3);
        const auto dir = std::filesystem::temp_directory_path() / "divelab_translation_model";
        std::filesystem::create_directories(dir);
        const std::string path = (dir / "s2s.json").string();
        save_model(net, path, nullptr, data.translation.get());
        for (const std::string file : {path, (dir / "s2s.safetensors").string()}) {
            LoadedModel m = load_model(file);
            QVERIFY(m.translation);
            QCOMPARE(m.translation->source_vocab, data.translation->source_vocab);
            QCOMPARE(m.translation->target_vocab, data.translation->target_vocab);
            QCOMPARE(m.network.input_shapes(), net.input_shapes());
            QCOMPARE(translate(m.network, *m.translation, "he's calm .").tokens,
                     translate(net, *data.translation, "he's calm .").tokens);
        }
        std::filesystem::remove_all(dir);
    }
};

QTEST_APPLESS_MAIN(TestTranslation)
#include "test_translation.moc"
