// Networks as graphs: JSON files, presets, shape inference without data, branches and merges,
// whole-network gradients, and the errors a learner sees for a broken network file.
#include <QtTest>

#include "engine/core/error.h"
#include "engine/io/network_json.h"
#include "engine/io/presets.h"
#include "engine/losses/loss.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/network.h"
#include "gradcheck.h"

using namespace dl;

namespace {
QString error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

const char* kBranching = R"({
  "name": "two-branches",
  "layers": [
    {"id": "fc_a", "type": "Linear", "out_features": 8, "inputs": ["input"]},
    {"id": "act_a", "type": "Tanh"},
    {"id": "fc_b", "type": "Linear", "out_features": 8, "inputs": ["input"]},
    {"id": "sum", "type": "Add", "inputs": ["act_a", "fc_b"]},
    {"id": "cat", "type": "Concat", "axis": 0, "inputs": ["sum", "act_a"]},
    {"id": "out", "type": "Linear", "out_features": 3}
  ]
})";
}  // namespace

class TestNetwork : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void presetsLoadAndInferD2LShapes() {
        const auto names = preset_names();
        for (const char* want : {"linreg", "softmax", "mlp", "mlp-dropout"})
            QVERIFY2(std::find(names.begin(), names.end(), want) != names.end(), want);
        NetworkReport r = analyze(load_preset("mlp"), {1, 28, 28});
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(r.nodes[0].output_shape, (Shape{784}));
        QCOMPARE(r.nodes[1].output_shape, (Shape{256}));
        QCOMPARE(r.nodes[1].parameters, int64_t{784 * 256 + 256});
        QCOMPARE(r.nodes[1].flops, int64_t{2 * 784 * 256});
        QCOMPARE(r.output_shape, (Shape{10}));
        QCOMPARE(r.parameters, int64_t{203530});
        QCOMPARE(analyze(load_preset("softmax"), {1, 28, 28}).parameters, int64_t{7850});
        QCOMPARE(analyze(load_preset("linreg"), {2}).parameters, int64_t{3});
        for (const auto& name : names) QVERIFY(!load_preset(name).description.empty());
        QCOMPARE(*load_preset("mlp").train.lr, 0.1);
    }
    void jsonRoundTrip() {
        NetworkSpec a = load_preset("mlp-dropout");
        a.nodes[1].x = 10;
        a.nodes[1].y = 20;
        NetworkSpec b = parse_network(network_to_string(a), "roundtrip");
        QCOMPARE(b.nodes.size(), a.nodes.size());
        for (size_t i = 0; i < a.nodes.size(); ++i) {
            QCOMPARE(b.nodes[i].id, a.nodes[i].id);
            QCOMPARE(b.nodes[i].type, a.nodes[i].type);
            QVERIFY(b.nodes[i].attrs == a.nodes[i].attrs);
        }
        QCOMPARE(b.nodes[1].x, 10.0);
        QCOMPARE(*b.train.lr, *a.train.lr);
        QCOMPARE(b.description, a.description);
    }
    void branchesAndMerges() {
        NetworkSpec spec = parse_network(kBranching, "branching");
        NetworkReport r = analyze(spec, {5});
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(r.nodes[4].output_shape, (Shape{16}));
        Network net(spec, {5});
        net.reset_parameters(1);
        Var x(dltest::random_tensor({4, 5}, 3));
        ForwardContext ctx;
        std::vector<Var> outs;
        QCOMPARE(net.forward(x, ctx, &outs).shape(), (Shape{4, 3}));
        QCOMPARE(outs.size(), size_t{6});
        // whole-network gradient check through both branches, with the fused loss on top
        std::vector<Var> leaves;
        for (Param& p : net.parameters()) leaves.push_back(p.var);
        const std::string err = dltest::gradcheck(
            [&] {
                ForwardContext c;
                return softmax_cross_entropy(net.forward(x, c), {0, 2, 1, 2});
            },
            leaves);
        QVERIFY2(err.empty(), err.c_str());
    }
    void shapeErrorsNameTheNode() {
        NetworkSpec spec = parse_network(R"({"layers": [
            {"id": "a", "type": "Linear", "out_features": 4, "inputs": ["input"]},
            {"id": "b", "type": "Linear", "out_features": 5, "inputs": ["input"]},
            {"id": "sum", "type": "Add", "inputs": ["a", "b"]},
            {"id": "out", "type": "Linear", "out_features": 2}]})",
                                         "mismatch");
        NetworkReport r = analyze(spec, {3});
        QVERIFY(!r.ok());
        QVERIFY(r.nodes[0].error.empty() && r.nodes[1].error.empty());
        QVERIFY2(QString::fromStdString(r.nodes[2].error).contains("'sum'"), r.nodes[2].error.c_str());
        QVERIFY(QString::fromStdString(r.nodes[2].error).contains("[4] and [5]"));
        QVERIFY(r.nodes[3].error.empty());  // downstream nodes are not blamed
        QVERIFY_THROWS_EXCEPTION(ShapeError, Network(spec, {3}));
        // a node that does not reach the output
        NetworkSpec dangling = parse_network(R"({"layers": [
            {"id": "a", "type": "Linear", "out_features": 4},
            {"id": "lost", "type": "ReLU", "inputs": ["a"]},
            {"id": "out", "type": "Linear", "out_features": 2, "inputs": ["a"]}]})",
                                             "dangling");
        QVERIFY(QString::fromStdString(analyze(dangling, {3}).error).contains("'lost'"));
        // wrong arity
        NetworkSpec lonely = parse_network(R"({"layers": [{"id": "s", "type": "Add"}]})", "arity");
        QVERIFY(QString::fromStdString(analyze(lonely, {3}).error).contains("at least 2"));
        // the network was written for other data
        NetworkSpec fixed = load_preset("mlp");
        fixed.input_shape = {1, 28, 28};
        QVERIFY(error_of([&] { Network(fixed, {2}); }).contains("[1, 28, 28]"));
    }
    void malformedFilesNameFileAndField() {
        QString e = error_of([] {
            parse_network(R"({"layers": [{"id": "c", "type": "Conv9d"}]})", "net.json");
            Network(parse_network(R"({"layers": [{"id": "c", "type": "Conv9d"}]})", "net.json"), {3});
        });
        QVERIFY2(e.contains("Conv9d") && e.contains("Linear"), qPrintable(e));
        e = error_of([] {
            Network(
                parse_network(R"({"layers": [{"id": "fc", "type": "Linear", "out_features": "lots"}]})", "net.json"),
                {3});
        });
        QVERIFY2(e.contains("fc") && e.contains("out_features") && e.contains("lots"), qPrintable(e));
        e = error_of([] {
            Network(parse_network(R"({"layers": [{"id": "fc", "type": "Linear", "out_features": 2.5}]})", "net.json"),
                    {3});
        });
        QVERIFY2(e.contains("out_features") && e.contains("2.5"), qPrintable(e));
        e = error_of([] {
            parse_network(R"({"layers": [{"id": "fc", "type": "Linear", "out_features": 1e999}]})", "net.json");
        });
        QVERIFY2(e.contains("net.json"), qPrintable(e));
        e = error_of([] { parse_network(R"({"layers": [ {"type": "Linear",, ]})", "broken.json"); });
        QVERIFY2(e.contains("broken.json") && e.contains("not valid JSON") && e.contains("line 1"), qPrintable(e));
        e = error_of([] { parse_network(R"({"name": "x"})", "empty.json"); });
        QVERIFY2(e.contains("empty.json") && e.contains("layers"), qPrintable(e));
        e = error_of([] {
            parse_network(R"({"layers": [{"id": "a", "type": "ReLU", "inputs": ["nowhere"]}]})", "wire.json");
            Network(parse_network(R"({"layers": [{"id": "a", "type": "ReLU", "inputs": ["nowhere"]}]})", "wire.json"),
                    {3});
        });
        QVERIFY2(e.contains("nowhere"), qPrintable(e));
        e = error_of([] { parse_network(R"({"input_shape": [1, -28], "layers": []})", "shape.json"); });
        QVERIFY2(e.contains("input_shape"), qPrintable(e));
        e = error_of([] { load_preset("resnet-9000"); });
        QVERIFY2(e.contains("mlp") && e.contains("resnet-9000"), qPrintable(e));
    }
    void catalogueIsComplete() {
        for (const char* type : {"Linear", "Flatten", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "Softmax",
                                 "Dropout", "Add", "Concat"}) {
            const LayerInfo& info = layer_info(type);
            QVERIFY(!info.summary.empty() && !info.category.empty());
            for (const AttrSpec& a : info.attrs) QVERIFY2(!a.help.empty(), a.name.c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TestNetwork)
#include "test_network.moc"
