// Probes inside a forward pass: Network::forward offers every node's output under its id, a block's
// inner nodes under "<block id>.<inner id>", and a layer's own tensors under "<node id>.<name>";
// only the names asked for are copied, and without a sink nothing is.
#include <QtTest>

#include "engine/nn/block.h"
#include "engine/nn/network.h"
#include "engine/nn/probe_sink.h"
#include "gradcheck.h"

using namespace dl;
using dltest::random_tensor;

namespace {
// input [1, 8, 8] -> VGG block (conv1, relu1, pool) -> flatten -> linear
NetworkSpec block_net() {
    NetworkSpec spec;
    spec.name = "probed";
    spec.nodes = {{"vgg", "VggBlock", {}, {}}, {"flat", "Flatten", {}, {}}, {"fc", "Linear", {}, {}}};
    spec.nodes[0].attrs.set("num_convs", int64_t{1});
    spec.nodes[0].attrs.set("out_channels", int64_t{4});
    spec.nodes[2].attrs.set("out_features", int64_t{3});
    return spec;
}

std::vector<std::string> names(const ProbeSink& sink) {
    std::vector<std::string> out;
    for (const auto& p : sink.probes()) out.push_back(p.name);
    return out;
}

const Tensor& probe(const ProbeSink& sink, const std::string& name) {
    for (const auto& p : sink.probes())
        if (p.name == name) return p.value;
    qFatal("no probe '%s'", name.c_str());
}
}  // namespace

class TestProbes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void patternsAreNamesOrPrefixes() {
        QVERIFY(probe_name_matches("fc1", "fc1"));
        QVERIFY(!probe_name_matches("fc1", "fc10"));
        QVERIFY(!probe_name_matches("fc1", "fc1.attention"));
        QVERIFY(probe_name_matches("fc1.*", "fc1.attention"));
        QVERIFY(!probe_name_matches("fc1.*", "fc1"));
        QVERIFY(probe_name_matches("*", "anything.at.all"));
        QVERIFY(!probe_name_matches("", "fc1"));
    }

    // Every node, a block's inner nodes included, in the order they ran; values are the outputs.
    void networkOffersEveryNodeAndBlockInside() {
        Network net(block_net(), {1, 8, 8});
        net.reset_parameters(3);
        const Tensor x = random_tensor({5, 1, 8, 8}, 11);
        ProbeSink sink({"*"});
        ForwardContext ctx{true, nullptr, &sink};
        std::vector<Var> outputs;
        net.forward(Var(x), ctx, &outputs);
        QCOMPARE(names(sink), (std::vector<std::string>{"vgg.conv1", "vgg.relu1", "vgg.pool", "vgg", "flat", "fc"}));
        const char* outer[] = {"vgg", "flat", "fc"};
        for (size_t i = 0; i < 3; ++i) {
            QCOMPARE(probe(sink, outer[i]).shape(), outputs[i].shape());
            QCOMPARE(probe(sink, outer[i]).to_vector(), outputs[i].value().to_vector());
        }
        // The block's inside, run on its own.
        auto* block = dynamic_cast<Block*>(&net.layer(0));
        QVERIFY(block);
        std::vector<Var> inner;
        ForwardContext plain{true, nullptr};
        block->inner_network()->forward(Var(x), plain, &inner);
        const char* inside[] = {"vgg.conv1", "vgg.relu1", "vgg.pool"};
        for (size_t i = 0; i < 3; ++i) QCOMPARE(probe(sink, inside[i]).to_vector(), inner[i].value().to_vector());
        QCOMPARE(probe(sink, "vgg.conv1").shape(), (Shape{5, 4, 8, 8}));
    }

    void onlyTheAskedNamesAreCopied() {
        Network net(block_net(), {1, 8, 8});
        const Tensor x = random_tensor({2, 1, 8, 8}, 12);
        int64_t copies = 0;
        const auto run = [&](std::vector<std::string> patterns) {
            ProbeSink sink(std::move(patterns));
            ForwardContext ctx{false, nullptr, &sink};
            const int64_t before = ProbeSink::copies_made();
            net.forward(Var(x), ctx);
            copies = ProbeSink::copies_made() - before;
            return names(sink);
        };
        QCOMPARE(run({"vgg.*"}), (std::vector<std::string>{"vgg.conv1", "vgg.relu1", "vgg.pool"}));
        QCOMPARE(copies, int64_t{3});
        QCOMPARE(run({"vgg"}), (std::vector<std::string>{"vgg"}));
        QCOMPARE(copies, int64_t{1});
        QCOMPARE(run({"fc", "vgg.pool"}), (std::vector<std::string>{"vgg.pool", "fc"}));
        QCOMPARE(copies, int64_t{2});
        QCOMPARE(run({"nothing"}), std::vector<std::string>{});
        QCOMPARE(copies, int64_t{0});
        // No sink: the forward pass copies nothing.
        ForwardContext ctx{false, nullptr};
        const int64_t before = ProbeSink::copies_made();
        net.forward(Var(x), ctx);
        QCOMPARE(ProbeSink::copies_made(), before);
    }

    // What a future attention or recurrent layer does: publish relative names inside its node's scope.
    void layersPublishUnderTheirNode() {
        ProbeSink sink({"blk.enc1.attention", "enc1.*"});
        const Tensor weights = random_tensor({2, 4, 3, 3}, 13);
        {
            ProbeSink::Scope node(&sink, "enc1");
            QVERIFY(sink.wants("attention"));
            QVERIFY(sink.wants("gates.input"));
            sink.publish("attention", weights);
        }
        QVERIFY(!sink.wants("attention"));  // the scope ended
        {
            ProbeSink::Scope block(&sink, "blk");
            ProbeSink::Scope node(&sink, "enc1");
            sink.publish("attention", weights);
            sink.publish("scores", weights);  // not asked for
        }
        ProbeSink::Scope nothing(nullptr, "ignored");  // a null sink is allowed and does nothing
        QCOMPARE(names(sink), (std::vector<std::string>{"enc1.attention", "blk.enc1.attention"}));
        QCOMPARE(probe(sink, "enc1.attention").shape(), (Shape{2, 4, 3, 3}));
        // A copy: changing the layer's tensor later does not change the probe.
        Tensor changed = weights;
        changed[0] += 1.0f;
        QCOMPARE(probe(sink, "enc1.attention")[0], changed[0] - 1.0f);
    }
};

QTEST_GUILESS_MAIN(TestProbes)
#include "test_probes.moc"
