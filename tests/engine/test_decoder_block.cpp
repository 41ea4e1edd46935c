// TransformerDecoderBlock (D2L §10.7.5) against a reference composition of its parts, built here from the
// catalogue's layers exactly as D2L wires them: attention1 (causal self-attention) → addnorm1 → attention2
// (queries from addnorm1, keys = values the encoder's outputs, source mask) → addnorm2 → ffn → addnorm3, each part
// initialised from its own stream drawn in that order. The block must have the same parameter names (checkpoints
// and saved models load), the same initial values, outputs and gradients, in evaluation and in training (dropout
// draws in the same order), the same probes, and take target prefixes of any length (decoding reruns the prefix).
// It opens to its inside: a network with two inputs.
#include <QtTest>

#include "engine/core/error.h"
#include "engine/nn/block.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/network.h"
#include "engine/nn/probe_sink.h"
#include "gradcheck.h"

using namespace dl;
using dltest::random_tensor;

namespace {
constexpr int64_t kHidden = 8, kHeads = 2, kFfn = 12, kTarget = 5, kSource = 6, kBatch = 2;
constexpr uint64_t kSeed = 7;

Attributes blockAttributes() {
    Attributes a;
    a.set("hidden", kHidden);
    a.set("heads", kHeads);
    a.set("ffn_hidden", kFfn);
    a.set("dropout", 0.2);
    a.set("activation", std::string("gelu"));
    return a;
}

// D2L's decoder block written out from its parts. inputs: −1 the target sequence, −2 the encoder's outputs.
struct Reference {
    struct Part {
        std::string id;
        std::unique_ptr<Layer> layer;
        std::vector<int> inputs;
    };
    std::vector<Part> parts;

    Reference() {
        auto attention = [](const char* mask) {
            Attributes a;
            a.set("hidden", kHidden);
            a.set("heads", kHeads);
            a.set("dropout", 0.2);
            a.set("mask", std::string(mask));
            return a;
        };
        Attributes norm, ffn;
        norm.set("dropout", 0.2);
        ffn.set("hidden", kFfn);
        ffn.set("outputs", kHidden);
        ffn.set("activation", std::string("gelu"));
        auto part = [&](const char* id, const char* type, const Attributes& a, std::vector<int> inputs) {
            parts.push_back({id, make_layer(id, type, a), std::move(inputs)});
        };
        part("attention1", "MultiHeadAttention", attention("causal"), {-1});
        part("addnorm1", "AddNorm", norm, {-1, 0});
        part("attention2", "MultiHeadAttention", attention("source"), {1, -2});
        part("addnorm2", "AddNorm", norm, {1, 2});
        part("ffn", "PositionwiseFFN", ffn, {3});
        part("addnorm3", "AddNorm", norm, {3, 4});
        const Shape target{kTarget, kHidden}, source{kSource, kHidden};
        std::vector<Shape> outputs;
        for (Part& p : parts) {
            std::vector<Shape> in;
            for (int i : p.inputs) in.push_back(i == -1 ? target : i == -2 ? source : outputs[size_t(i)]);
            p.layer->build(in);
            outputs.push_back(p.layer->output_shape(in));
        }
        Rng rng(kSeed);
        for (Part& p : parts) {
            Rng own(rng.next_u64());
            p.layer->reset_parameters(own);
        }
    }
    Var forward(const Var& target, const Var& encoder, ForwardContext& ctx) {
        std::vector<Var> outputs;
        for (Part& p : parts) {
            std::vector<Var> args;
            for (int i : p.inputs) args.push_back(i == -1 ? target : i == -2 ? encoder : outputs[size_t(i)]);
            ProbeSink::Scope scope(ctx.probes, p.id);
            outputs.push_back(p.layer->forward(args, ctx));
        }
        return outputs.back();
    }
    std::vector<std::pair<std::string, Var*>> parameters() {
        std::vector<std::pair<std::string, Var*>> out;
        for (Part& p : parts)
            for (auto& [name, var] : p.layer->parameters()) out.emplace_back(p.id + "." + name, var);
        return out;
    }
};

std::unique_ptr<Layer> builtBlock() {
    auto block = make_layer("decoder1", "TransformerDecoderBlock", blockAttributes());
    const std::vector<Shape> shapes{{kTarget, kHidden}, {kSource, kHidden}};
    block->output_shape(shapes);
    block->build(shapes);
    Rng rng(kSeed);
    block->reset_parameters(rng);
    return block;
}

bool same(const Tensor& a, const Tensor& b) {
    return a.shape() == b.shape() && a.to_vector() == b.to_vector();
}
}  // namespace

class TestDecoderBlock : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameParametersAsItsParts() {
        auto block = builtBlock();
        Reference ref;
        const auto mine = block->parameters(), theirs = ref.parameters();
        QCOMPARE(mine.size(), theirs.size());
        for (size_t i = 0; i < mine.size(); ++i) {
            QCOMPARE(mine[i].first, theirs[i].first);  // "attention1.W_q.weight", …, "addnorm3.ln.bias"
            QVERIFY2(same(mine[i].second->value(), theirs[i].second->value()), mine[i].first.c_str());
            QCOMPARE(block->decays(mine[i].first),
                     mine[i].first.ends_with(".weight") && mine[i].first.find(".ln.") == std::string::npos);
        }
        QCOMPARE(mine.front().first, std::string("attention1.W_q.weight"));
        QCOMPARE(mine.back().first, std::string("addnorm3.ln.bias"));
        std::vector<ParamShape> announced = block->parameter_shapes({{kTarget, kHidden}, {kSource, kHidden}});
        QCOMPARE(announced.size(), mine.size());
        for (size_t i = 0; i < mine.size(); ++i) QCOMPARE(announced[i].name, mine[i].first);
    }

    // Outputs and every gradient equal to the reference's, in evaluation and in training with dropout.
    void sameOutputsAndGradients_data() {
        QTest::addColumn<bool>("training");
        QTest::newRow("evaluation") << false;
        QTest::newRow("training") << true;
    }
    void sameOutputsAndGradients() {
        QFETCH(bool, training);
        auto block = builtBlock();
        Reference ref;
        const SequenceLengths lengths{{kSource, 3}, {kTarget, 4}};
        auto run = [&](auto&& forward, const std::vector<std::pair<std::string, Var*>>& params) {
            Var target(random_tensor({kBatch, kTarget, kHidden}, 11), true);
            Var encoder(random_tensor({kBatch, kSource, kHidden}, 12), true);
            Rng rng(5);
            ForwardContext ctx{training, &rng, nullptr};
            ctx.lengths = &lengths;
            Var out = forward(target, encoder, ctx);
            for (auto& [name, var] : params) var->zero_grad();
            out.backward(random_tensor(out.shape(), 13));
            std::vector<Tensor> results{out.value().clone(), target.grad().clone(), encoder.grad().clone()};
            for (auto& [name, var] : params) results.push_back(var->grad().clone());
            return results;
        };
        const auto mine = run(
            [&](const Var& t, const Var& e, ForwardContext& c) {
                return block->forward({t, e}, c);
            },
            block->parameters());
        const auto theirs =
            run([&](const Var& t, const Var& e, ForwardContext& c) { return ref.forward(t, e, c); }, ref.parameters());
        QCOMPARE(mine.size(), theirs.size());
        for (size_t i = 0; i < mine.size(); ++i) QVERIFY2(same(mine[i], theirs[i]), qPrintable(QString::number(i)));
    }

    // Decoding feeds growing target prefixes to a block built for num_steps: the block takes them, and with the
    // causal mask step t of a prefix equals step t of the whole sequence.
    void takesPrefixesOfAnyLength() {
        auto block = builtBlock();
        const Tensor target = random_tensor({1, kTarget, kHidden}, 21);
        const Var encoder(random_tensor({1, kSource, kHidden}, 22));
        ForwardContext ctx;
        const Tensor whole = block->forward({Var(target), encoder}, ctx).value();
        for (int64_t t = 1; t <= kTarget; ++t) {
            Tensor prefix = Tensor::empty({1, t, kHidden});
            for (int64_t i = 0; i < t * kHidden; ++i) prefix[i] = target[i];
            const Tensor out = block->forward({Var(prefix), encoder}, ctx).value();
            QCOMPARE(out.shape(), (Shape{1, t, kHidden}));
            for (int64_t i = 0; i < t * kHidden; ++i) QVERIFY(std::fabs(out[i] - whole[i]) < 1e-5f);
        }
    }

    // The probes a learner and the translation views ask for: "<block>.attention1.attention" (causal) and
    // "<block>.attention2.attention" [batch, heads, target steps, source steps].
    void probesAsBefore() {
        auto block = builtBlock();
        Reference ref;
        auto probes = [](auto&& forward) {
            ProbeSink sink({"decoder1.attention1.*", "decoder1.attention2.attention"});
            ProbeSink::Scope scope(&sink, "decoder1");
            ForwardContext ctx{false, nullptr, &sink};
            forward(Var(random_tensor({kBatch, kTarget, kHidden}, 31)),
                    Var(random_tensor({kBatch, kSource, kHidden}, 32)), ctx);
            return sink.probes();
        };
        const auto mine = probes([&](const Var& t, const Var& e, ForwardContext& c) { block->forward({t, e}, c); });
        const auto theirs = probes([&](const Var& t, const Var& e, ForwardContext& c) { ref.forward(t, e, c); });
        QCOMPARE(mine.size(), size_t{3});
        QCOMPARE(mine.size(), theirs.size());
        for (size_t i = 0; i < mine.size(); ++i) {
            QCOMPARE(mine[i].name, theirs[i].name);
            QVERIFY(same(mine[i].value, theirs[i].value));
        }
        QCOMPARE(mine[2].name, std::string("decoder1.attention2.attention"));
        QCOMPARE(mine[2].value.shape(), (Shape{kBatch, kHeads, kTarget, kSource}));
    }

    // The editor's numbers: the output shape and the FLOPs its parts add up to.
    void countsAsItsParts() {
        auto block = make_layer("d", "TransformerDecoderBlock", blockAttributes());
        const std::vector<Shape> shapes{{kTarget, kHidden}, {kSource, kHidden}};
        Reference ref;
        int64_t flops = 0;
        std::vector<Shape> outputs;
        for (Reference::Part& p : ref.parts) {
            std::vector<Shape> in;
            for (int i : p.inputs) in.push_back(i == -1 ? shapes[0] : i == -2 ? shapes[1] : outputs[size_t(i)]);
            outputs.push_back(p.layer->output_shape(in));
            flops += p.layer->flops(in, outputs.back());
        }
        QCOMPARE(block->output_shape(shapes), (Shape{kTarget, kHidden}));
        QCOMPARE(block->flops(shapes, {kTarget, kHidden}), flops);
    }

    // The block opens to its inside (the editor draws it): a network with the two inputs, D2L's six parts, and the
    // parameters of the block.
    void insideHasTwoInputs() {
        const LayerInfo& info = layer_info("TransformerDecoderBlock");
        QVERIFY(info.inside);
        const NetworkSpec inside = info.inside(validate_attributes("d", info.type, info.attrs, blockAttributes()));
        QCOMPARE(inside.inputs, (std::vector<std::string>{"input", "encoder_outputs"}));
        std::vector<std::string> ids;
        for (const NodeSpec& n : inside.nodes) ids.push_back(n.id);
        QCOMPARE(ids,
                 (std::vector<std::string>{"attention1", "addnorm1", "attention2", "addnorm2", "ffn", "addnorm3"}));
        QCOMPARE(inside.nodes[2].inputs, (std::vector<std::string>{"addnorm1", "encoder_outputs"}));
        const std::vector<Shape> shapes{{kTarget, kHidden}, {kSource, kHidden}};
        const NetworkReport report = analyze(inside, std::span<const Shape>(shapes));
        QVERIFY2(report.ok(), report.error.c_str());
        auto block = builtBlock();
        int64_t count = 0;
        for (auto& [name, var] : block->parameters()) count += var->value().numel();
        QCOMPARE(report.parameters, count);
        auto* asBlock = dynamic_cast<Block*>(block.get());
        QVERIFY(asBlock && asBlock->inner_network());
        QCOMPARE(asBlock->inner_network()->input_count(), size_t{2});
    }

    void wrongInputCountIsAClearError() {
        auto block = make_layer("d", "TransformerDecoderBlock", blockAttributes());
        try {
            block->output_shape({{kTarget, kHidden}});
            QFAIL("no error");
        } catch (const ShapeError& e) {
            QVERIFY2(QString(e.what()).contains("takes 2 inputs (input, encoder_outputs)"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestDecoderBlock)
#include "test_decoder_block.moc"
