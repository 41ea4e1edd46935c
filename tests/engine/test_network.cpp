// Networks as graphs: JSON files, presets, shape inference without data, branches and merges,
// whole-network gradients, and the errors a learner sees for a broken network file.
#include <QtTest>

#include <atomic>
#include <cstdlib>
#include <new>

#include "engine/core/error.h"
#include "engine/io/network_json.h"
#include "engine/io/presets.h"
#include "engine/losses/loss.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/network.h"
#include "gradcheck.h"

using namespace dl;

// Every heap allocation of this test program goes through these, so a test can count the bytes an
// operation asks for (tensor storage is counted by the engine itself, tensor_bytes_allocated()).
namespace {
std::atomic<int64_t> heap_bytes{0};
}  // namespace
void* operator new(std::size_t size) {
    heap_bytes.fetch_add(static_cast<int64_t>(size), std::memory_order_relaxed);
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
    return operator new(size);
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete[](void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    std::free(p);
}

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
    // analyze() works out shapes, parameter counts and FLOPs without allocating the weights: AlexNet at
    // 224×224 (47M parameters) and ResNet-18 at 96×96 ask for less than 1 MB in all, while building the
    // same networks allocates every weight (which the old analysis did on every edit in the editor).
    void analyzeAllocatesNothingLarge() {
        const struct {
            const char* preset;
            int64_t side, min_parameters;
        } cases[] = {{"alexnet", 224, 45'000'000}, {"resnet18", 96, 11'000'000}};
        for (const auto& c : cases) {
            const NetworkSpec spec = load_preset(c.preset);
            const Shape input{1, c.side, c.side};
            const int64_t heap_before = heap_bytes.load(), tensors_before = tensor_bytes_allocated();
            const NetworkReport report = analyze(spec, input);
            const int64_t heap = heap_bytes.load() - heap_before;
            const int64_t tensors = tensor_bytes_allocated() - tensors_before;
            QVERIFY2(report.ok(), report.error.c_str());
            QVERIFY(report.parameters > c.min_parameters);
            const int64_t build_before = tensor_bytes_allocated();
            Network net(spec, input);
            const int64_t built = tensor_bytes_allocated() - build_before;
            qInfo("%s at %lld px: analyze %lld heap bytes, %lld tensor bytes; building it %lld tensor bytes", c.preset,
                  static_cast<long long>(c.side), static_cast<long long>(heap), static_cast<long long>(tensors),
                  static_cast<long long>(built));
            QCOMPARE(tensors, int64_t{0});
            QVERIFY2(heap < (1 << 20), qPrintable(QString("analyze asked for %1 bytes").arg(heap)));
            QVERIFY(built >= 4 * report.parameters);  // the counter sees real allocations
            QCOMPARE(net.parameter_count(), report.parameters);
        }
    }
    // The parameters analyze() announces are exactly those a built network holds: same names, shapes
    // and order, blocks included (Network also checks this for every layer it builds).
    void analyzedParametersMatchTheBuiltNetwork() {
        for (const std::string& name : preset_names()) {
            NetworkSpec spec = load_preset(name);
            const int64_t side = spec.train.resize.value_or(28);
            const std::string dataset = spec.train.dataset.value_or("");
            // Images; The Time Machine (35 character ids; 28 characters); the sine wave's 4 lags; the toys' 2 features.
            Shape input = dataset == "fashion-mnist" ? Shape{1, side, side} : Shape{2};
            if (dataset == "timemachine") {
                fit_to_vocabulary(spec, 28);
                input = {spec.train.num_steps.value_or(35)};
            }
            if (dataset == "sine") input = {4};
            if (dataset == "nadaraya-watson") input = {1};  // one query x per example
            std::vector<Shape> inputs{input};
            if (dataset == "fra-eng") {  // translation: "source" and "target", 10 token ids each
                fit_to_vocabularies(spec, 20, 30);
                inputs = {{10}, {10}};
            }
            if (spec.input_names().front() == "tokens") {  // BERT: tokens and segments [64], and 10 positions
                fit_to_vocabulary(spec, 50);
                inputs = {{64}, {64}};
                if (spec.input_names().size() == 3) inputs.push_back({10});
            }
            const NetworkReport report = analyze(spec, std::span<const Shape>(inputs));
            QVERIFY2(report.ok(), (name + ": " + report.error).c_str());
            if (report.parameters > 20'000'000) continue;  // VGG-11 and AlexNet at 224: covered above
            std::vector<std::pair<std::string, Shape>> announced, held;
            for (const NodeReport& node : report.nodes)
                for (const ParamShape& p : node.parameter_shapes)
                    announced.emplace_back(node.id + "." + p.name, p.shape);
            Network net(spec, std::span<const Shape>(inputs));
            for (Param& p : net.parameters()) held.emplace_back(p.name, p.var.value().shape());
            QVERIFY2(announced == held, name.c_str());
            QVERIFY2(!held.empty() || name == "nadaraya-watson-fixed", name.c_str());  // that one learns nothing
        }
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
