// BERT's pieces (D2L §14.8–14.10, §15.7): finite-difference gradients of the masked-LM gather, the <cls> pooling
// and a whole tiny BERT (token + segment + learned position embeddings, encoder, both heads) through the combined
// pretraining loss; the loss's weighting; networks with two outputs; training on a small synthetic pretraining set
// (the losses fall, steps are counted, frozen weights stay, the head learns at its own rate); copying a pretrained
// encoder into a classifier.
#include <QtTest>

#include <cmath>

#include "engine/core/error.h"
#include "engine/io/network_json.h"
#include "engine/losses/loss.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/network.h"
#include "engine/nn/parameter_transfer.h"
#include "engine/ops/gather_positions.h"
#include "engine/train/bert_batch.h"
#include "engine/train/trainer.h"
#include "engine/train/translation_batch.h"
#include "gradcheck.h"

using namespace dl;
using dltest::gradcheck;
using dltest::random_tensor;

namespace {
constexpr int64_t kWords = 10;  // word ids 5..14 after the five reserved tokens

// A tiny BERT in the bert-tiny preset's wiring; `dropout` 0 for gradient checks. pretraining: both heads.
NetworkSpec tiny_bert(bool pretraining, double dropout = 0.0, int64_t hidden = 8) {
    const std::string h = std::to_string(hidden), d = std::to_string(dropout);
    std::string text = R"({"name": "tiny-bert", "inputs": ["tokens", "segments")" +
                       std::string(pretraining ? R"(, "positions"])" : "]") + R"(, "layers": [
      {"id": "token_embedding", "type": "Embedding", "vocab_size": 0, "embedding_dim": )" +
                       h + R"(, "inputs": ["tokens"]},
      {"id": "segment_embedding", "type": "Embedding", "vocab_size": 2, "embedding_dim": )" +
                       h + R"(, "inputs": ["segments"]},
      {"id": "embeddings", "type": "Add", "inputs": ["token_embedding", "segment_embedding"]},
      {"id": "position_embedding", "type": "PositionEmbedding", "max_len": 16},
      {"id": "encoder1", "type": "TransformerEncoderBlock", "hidden": )" +
                       h + R"(, "ffn_hidden": 12, "heads": 2, "dropout": )" + d + R"(, "activation": "gelu"},
      {"id": "cls", "type": "ClsPooling", "inputs": ["encoder1"]},
      {"id": "hidden", "type": "Linear", "out_features": )" +
                       h + R"(},
      {"id": "hidden_tanh", "type": "Tanh"})";
    if (pretraining)
        text += R"(,
      {"id": "nsp_output", "type": "Linear", "out_features": 2},
      {"id": "mlm_gather", "type": "GatherPositions", "inputs": ["encoder1", "positions"]},
      {"id": "mlm_hidden", "type": "Linear", "out_features": )" +
                h + R"(},
      {"id": "mlm_act", "type": "GELU"},
      {"id": "mlm_norm", "type": "LayerNorm"},
      {"id": "mlm_output", "type": "Linear", "out_features": 1, "vocabulary_out": true}],
      "outputs": ["mlm_output", "nsp_output"]})";
    else
        text += R"(,
      {"id": "output", "type": "Linear", "out_features": 2}]})";
    NetworkSpec spec = parse_network(text, "tiny-bert");
    fit_to_vocabulary(spec, 5 + kWords);
    return spec;
}

std::shared_ptr<BertVocabulary> tiny_vocabulary() {
    auto v = std::make_shared<BertVocabulary>();
    v->idx_to_token = {"<unk>", "<pad>", "<mask>", "<cls>", "<sep>"};
    for (int64_t w = 0; w < kWords; ++w) v->idx_to_token.push_back("w" + std::to_string(w));
    v->token_counts.assign(v->idx_to_token.size(), 1);
    return v;
}

// Synthetic pretraining data with the D2L layout: sentence a counts up from a random word (w, w+1, …, mod 10);
// b either goes on counting (next) or starts anywhere (random). Masked positions become <mask>; a model that
// reads its neighbours can fill them in and tell whether b continues a.
Dataset counting_pretraining(int64_t n, uint64_t seed, int64_t T = 12, int64_t P = 2) {
    Dataset d;
    d.name = "counting";
    d.bert = tiny_vocabulary();
    d.features = Tensor::zeros({n, T});
    d.segments = Tensor::zeros({n, T});
    d.mlm_positions = Tensor::zeros({n, P});
    d.num_classes = 2;
    d.class_names = {"random", "next"};
    Rng rng(seed);
    for (int64_t i = 0; i < n; ++i) {
        const int64_t len_a = 3 + static_cast<int64_t>(rng.uniform(0, 2)), len_b = 3;  // 3..4 words, then 3
        const auto start = static_cast<int64_t>(rng.uniform(0, kWords));
        const bool next = rng.uniform(0, 1) < 0.5;
        const int64_t start_b = next ? start + len_a : static_cast<int64_t>(rng.uniform(0, kWords));
        std::vector<int32_t> ids{BertVocabulary::kCls};
        for (int64_t t = 0; t < len_a; ++t) ids.push_back(static_cast<int32_t>(5 + (start + t) % kWords));
        ids.push_back(BertVocabulary::kSep);
        const auto b_begin = static_cast<int64_t>(ids.size());
        for (int64_t t = 0; t < len_b; ++t) ids.push_back(static_cast<int32_t>(5 + (start_b + t) % kWords));
        ids.push_back(BertVocabulary::kSep);
        const int64_t count = 1 + static_cast<int64_t>(rng.uniform(0, P));  // 1..P predictions
        for (int64_t k = 0; k < count; ++k) {
            const int64_t pos = 1 + k * 2;  // words of a, never <cls>/<sep>
            d.mlm_positions[i * P + k] = static_cast<float>(pos);
            d.mlm_labels.push_back(ids[static_cast<size_t>(pos)]);
            ids[static_cast<size_t>(pos)] = BertVocabulary::kMask;
        }
        for (int64_t k = count; k < P; ++k) d.mlm_labels.push_back(0);
        d.mlm_counts.push_back(static_cast<int32_t>(count));
        for (int64_t t = 0; t < T; ++t) {
            const bool real = t < static_cast<int64_t>(ids.size());
            d.features[i * T + t] = static_cast<float>(real ? ids[static_cast<size_t>(t)] : BertVocabulary::kPad);
            d.segments[i * T + t] = real && t >= b_begin ? 1.0f : 0.0f;
        }
        d.valid_lengths.push_back(static_cast<int32_t>(ids.size()));
        d.labels.push_back(next ? 1 : 0);
    }
    return d;
}

// The same sentences as classification (fine-tuning): is b the continuation of a?
Dataset counting_pairs(int64_t n, uint64_t seed) {
    Dataset d = counting_pretraining(n, seed);
    d.mlm_positions = Tensor();
    d.mlm_counts.clear();
    d.mlm_labels.clear();
    return d;
}

Network built(const NetworkSpec& spec, const Dataset& data) {
    const std::vector<Shape> shapes = network_input_shapes(data);
    return Network(spec, std::span<const Shape>(shapes));
}

BertBatch first_rows(const Dataset& data, int64_t n) {
    std::vector<int64_t> rows(static_cast<size_t>(n));
    std::iota(rows.begin(), rows.end(), int64_t{0});
    BertBatch batch;
    fill_bert_batch(data, rows, batch);
    return batch;
}

Tensor param(Network& net, const std::string& name) {
    for (const Param& p : net.parameters())
        if (p.name == name) return p.var.value().clone();
    throw std::runtime_error("no parameter " + name);
}
}  // namespace

class TestBert : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gatherPositionsPicksRowsAndScatterAddsGradients() {
        Var x(random_tensor({2, 4, 3}, 1), true);
        const Tensor positions = Tensor::from({2, 3}, {0, 2, 2, 3, 1, 0});  // position 2 twice: gradients add up
        const Var y = gather_positions(x, positions);
        QCOMPARE(y.shape(), (Shape{2, 3, 3}));
        for (int64_t j = 0; j < 3; ++j) {
            QCOMPARE(y.value().at({0, 1, j}), x.value().at({0, 2, j}));
            QCOMPARE(y.value().at({1, 0, j}), x.value().at({1, 3, j}));
        }
        const std::string err = gradcheck([&] { return gather_positions(x, positions); }, {x});
        QVERIFY2(err.empty(), err.c_str());
        QVERIFY_THROWS_EXCEPTION(ShapeError, gather_positions(x, Tensor::from({2, 1}, {0, 4})));
        QVERIFY_THROWS_EXCEPTION(ShapeError, gather_positions(x, Tensor::from({2, 1}, {0, 1.5f})));
    }

    void clsPoolingKeepsPositionZero() {
        auto layer = make_layer("cls", "ClsPooling", {});
        QCOMPARE(layer->output_shape({{5, 3}}), (Shape{3}));
        QVERIFY_THROWS_EXCEPTION(ShapeError, layer->output_shape({{3}}));
        Var x(random_tensor({2, 5, 3}, 2), true);
        ForwardContext ctx;
        const Var y = layer->forward({x}, ctx);
        for (int64_t j = 0; j < 3; ++j) QCOMPARE(y.value().at({1, j}), x.value().at({1, 0, j}));
        const std::string err = gradcheck([&] { return layer->forward({x}, ctx); }, {x});
        QVERIFY2(err.empty(), err.c_str());
    }

    // Every parameter of a tiny BERT — token, segment and position embeddings, the encoder, the masked-LM head
    // behind the gather and the next-sentence head behind the <cls> pooling — through D2L's combined loss, with the
    // padding masked by the valid lengths.
    void wholeBertPretrainingLossGradcheck() {
        const Dataset data = counting_pretraining(3, 5);
        Network net = built(tiny_bert(true, 0.0, 4), data);
        net.reset_parameters(1);
        const BertBatch batch = first_rows(data, 3);
        std::vector<Var> leaves;
        for (const Param& p : net.parameters()) leaves.push_back(p.var);
        QVERIFY(leaves.size() > 20);
        const std::string err = gradcheck(
            [&] {
                ForwardContext ctx;
                ctx.lengths = &batch.lengths;
                return bert_pretraining_loss(net.forward_outputs(bert_inputs(data, batch), ctx), batch).total;
            },
            leaves, {1e-2, 3e-3, 3e-2});
        QVERIFY2(err.empty(), err.c_str());
    }

    // D2L's weighting: the masked-LM cross-entropy averaged over the real positions only, plus the mean
    // next-sentence cross-entropy.
    void pretrainingLossWeightsRealPositionsOnly() {
        const Dataset data = counting_pretraining(4, 6);
        Network net = built(tiny_bert(true), data);
        net.reset_parameters(2);
        const BertBatch batch = first_rows(data, 4);
        ForwardContext ctx;
        ctx.lengths = &batch.lengths;
        const std::vector<Var> outs = net.forward_outputs(bert_inputs(data, batch), ctx);
        QCOMPARE(outs.size(), size_t{2});
        QCOMPARE(outs[0].shape(), (Shape{4, 2, 15}));
        QCOMPARE(outs[1].shape(), (Shape{4, 2}));
        const BertPretrainingLoss loss = bert_pretraining_loss(outs, batch);
        double sum = 0;
        int64_t n = 0;
        for (int64_t b = 0; b < 4; ++b)
            for (int64_t p = 0; p < batch.mlm_counts[static_cast<size_t>(b)]; ++p) {
                const float* row = outs[0].value().data() + (b * 2 + p) * 15;
                double z = 0;
                for (int64_t v = 0; v < 15; ++v) z += std::exp(static_cast<double>(row[v]));
                sum += std::log(z) - row[batch.mlm_labels[static_cast<size_t>(b * 2 + p)]];
                ++n;
            }
        QVERIFY(n < 8);  // some rows have padded prediction slots, which must not count
        QVERIFY(std::fabs(loss.mlm - sum / static_cast<double>(n)) < 1e-4);
        const double nsp = softmax_cross_entropy(outs[1], batch.labels).value().item();
        QVERIFY(std::fabs(loss.nsp - nsp) < 1e-5);
        QVERIFY(std::fabs(loss.total.value().item() - (loss.mlm + loss.nsp)) < 1e-4);
    }

    void twoOutputsSurviveJsonAndNeedBothHeads() {
        const NetworkSpec spec = tiny_bert(true);
        const NetworkSpec back = parse_network(network_to_string(spec), "round trip");
        QCOMPARE(back.outputs, (std::vector<std::string>{"mlm_output", "nsp_output"}));
        QCOMPARE(back.output_id(), std::string("mlm_output"));
        // The next-sentence head is an output, so it is not "not connected to the output".
        const Dataset data = counting_pretraining(2, 1);
        const std::vector<Shape> shapes = network_input_shapes(data);
        QVERIFY2(analyze(spec, shapes).ok(), analyze(spec, shapes).error.c_str());
        NetworkSpec one = spec;
        one.outputs = {"mlm_output"};
        const NetworkReport report = analyze(one, shapes);
        QVERIFY(!report.ok());
        QVERIFY2(report.error.find("not connected") != std::string::npos, report.error.c_str());
        // A one-output network is refused for pretraining with a message that says what is missing.
        NetworkSpec mlm_only = spec;
        std::erase_if(mlm_only.nodes, [](const NodeSpec& n) {
            return n.id == "nsp_output" || n.id.find("hidden") == 0 || n.id == "cls";
        });
        mlm_only.outputs = {"mlm_output"};
        const DataSplit split{data, {}};
        try {
            Network net = built(mlm_only, data);
            const TrainConfig config;
            Trainer trainer(net, split, config);
            trainer.run();
            QFAIL("a one-output network trained on pretraining data");
        } catch (const ShapeError& e) {
            QVERIFY2(std::string(e.what()).find("two outputs") != std::string::npos, e.what());
        }
    }

    // The masked-LM and next-sentence losses both fall on data a model can learn, and stop after max_steps.
    void pretrainingLearnsAndCountsSteps() {
        const DataSplit split{counting_pretraining(512, 7), counting_pretraining(128, 8)};
        Network net = built(tiny_bert(true, 0.0, 16), split.train);
        TrainConfig config;
        config.epochs = 100;
        config.max_steps = 400;
        config.batch_size = 32;
        config.optimizer = optimizer_defaults("adam");
        config.optimizer.lr = 0.01f;
        Trainer trainer(net, split, config);
        struct Steps : TrainingObserver {
            int64_t batches = 0;
            float first_mlm = NAN, last_mlm = NAN;
            void on_batch_end(const BatchEvent& e) override {
                if (++batches == 1) first_mlm = e.mlm_loss;
                last_mlm = e.mlm_loss;
            }
        } steps;
        trainer.add_observer(&steps);
        const TrainSummary summary = trainer.run();
        QCOMPARE(summary.steps_done, int64_t{400});
        QCOMPARE(steps.batches, int64_t{400});
        QCOMPARE(summary.epochs_done, 25);  // 16 batches an epoch: the 25th ends at step 400
        const EpochMetrics& first = summary.history.front();
        const EpochMetrics& last = summary.history.back();
        qInfo("mlm %.3f -> %.3f, nsp %.3f -> %.3f, nsp acc %.3f -> %.3f; test mlm+nsp %.3f acc %.3f", first.mlm_loss,
              last.mlm_loss, first.nsp_loss, last.nsp_loss, first.nsp_acc, last.nsp_acc, last.test_loss, last.test_acc);
        QVERIFY(std::fabs(first.train_loss - (first.mlm_loss + first.nsp_loss)) < 1e-9);
        QVERIFY(std::log(10.0) * 0.8 < steps.first_mlm);  // starts near chance among the words
        QVERIFY(last.mlm_loss < 0.5);                     // neighbours give the masked word away
        QVERIFY(last.nsp_acc > 0.8);                      // does b go on counting? (chance: 0.5)
        QVERIFY(last.test_acc > 0.8);
    }

    // Fine-tuning: the encoder copied from a pretrained network; frozen nodes keep their weights exactly, and
    // the head trains at its own rate.
    void fineTuningCopiesFreezesAndUsesHeadRate() {
        const DataSplit pre{counting_pretraining(64, 9), {}};
        Network pretrained = built(tiny_bert(true), pre.train);
        pretrained.reset_parameters(3);
        const DataSplit split{counting_pairs(256, 10), counting_pairs(64, 11)};
        Network net = built(tiny_bert(false), split.train);
        net.reset_parameters(4);
        const ParameterTransfer transfer = copy_matching_parameters(pretrained, net);
        QCOMPARE(transfer.new_nodes, (std::vector<std::string>{"output"}));
        QCOMPARE(transfer.copied_nodes.size(), size_t{5});  // three embeddings, encoder1, hidden
        QCOMPARE(param(net, "encoder1.attention.W_q.weight").to_vector(),
                 param(pretrained, "encoder1.attention.W_q.weight").to_vector());

        TrainConfig config;
        config.epochs = 2;
        config.batch_size = 32;
        config.initialize = false;
        config.optimizer = optimizer_defaults("adam");
        config.optimizer.lr =
            1e-6f;  // Adam moves each weight about lr a step: the body barely, the head 10⁴ times more
        config.head = transfer.new_nodes;
        config.head_lr = 0.01f;
        config.frozen = {"encoder1"};
        const Tensor encoder_before = param(net, "encoder1.ffn.dense1.weight");
        const Tensor head_before = param(net, "output.weight");
        const Tensor hidden_before = param(net, "hidden.weight");
        Trainer trainer(net, split, config);
        trainer.run();
        QCOMPARE(param(net, "encoder1.ffn.dense1.weight").to_vector(), encoder_before.to_vector());
        auto largest_change = [&](const std::string& name, const Tensor& before) {
            const Tensor after = param(net, name);
            double m = 0;
            for (int64_t i = 0; i < after.numel(); ++i) m = std::max(m, std::fabs(double(after[i]) - before[i]));
            return m;
        };
        const double hidden_change = largest_change("hidden.weight", hidden_before);
        const double head_change = largest_change("output.weight", head_before);
        qInfo("largest change: hidden %.2e (lr 1e-6), head %.2e (head lr 0.01)", hidden_change, head_change);
        QVERIFY(hidden_change > 0 && hidden_change < 1e-4);
        QVERIFY(head_change > 1e-2);
        for (const Param& p : net.parameters()) QVERIFY2(p.var.requires_grad(), p.name.c_str());  // unfrozen after

        // Shapes that disagree (another vocabulary) are refused with the parameter named.
        Network other = built(tiny_bert(false, 0.0, 6), split.train);
        try {
            copy_matching_parameters(pretrained, other);
            QFAIL("copied between networks of other sizes");
        } catch (const InputError& e) {
            QVERIFY2(std::string(e.what()).find("token_embedding.weight") != std::string::npos, e.what());
        }
        config.frozen = {"no_such_node"};
        Trainer bad(net, split, config);
        QVERIFY_THROWS_EXCEPTION(InputError, bad.run());
    }
};

QTEST_APPLESS_MAIN(TestBert)
#include "test_bert.moc"
