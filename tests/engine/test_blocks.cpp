// Blocks (D2L chapter 8) are exactly the layers they stand for: the same outputs and gradients as
// their inside wired by hand, PyTorch-style parameter names, and the shapes D2L prints for ResNet-18.
#include <QtTest>

#include "engine/core/error.h"
#include "engine/io/presets.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/network.h"
#include "gradcheck.h"

using namespace dl;
using dltest::random_tensor;

namespace {
Attributes attrs(std::initializer_list<std::pair<const char*, AttrValue>> list) {
    Attributes a;
    for (auto& [k, v] : list) a.set(k, v);
    return a;
}

struct Case {
    const char* type;
    Attributes attrs;
};

std::vector<Case> cases() {
    return {{"VggBlock", attrs({{"num_convs", int64_t{2}}, {"out_channels", int64_t{4}}})},
            {"NinBlock", attrs({{"out_channels", int64_t{4}}, {"kernel_size", int64_t{3}}, {"padding", int64_t{1}}})},
            {"Inception", attrs({{"c1", int64_t{2}},
                                 {"c2_reduce", int64_t{2}},
                                 {"c2", int64_t{3}},
                                 {"c3_reduce", int64_t{1}},
                                 {"c3", int64_t{2}},
                                 {"c4", int64_t{2}}})},
            {"Residual", attrs({{"out_channels", int64_t{3}}})},
            {"Residual", attrs({{"out_channels", int64_t{4}}, {"use_1x1conv", true}, {"stride", int64_t{2}}})},
            {"DenseBlock", attrs({{"num_convs", int64_t{3}}, {"growth_rate", int64_t{2}}})},
            {"Transition", attrs({{"out_channels", int64_t{2}}})}};
}
}  // namespace

class TestBlocks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Forward and backward in training mode (BatchNorm uses batch statistics) match bit for bit, and the
    // parameters take weight decay as they would outside the block.
    void blockEqualsItsInsideWiredByHand() {
        const Shape input{3, 8, 8};
        for (const Case& c : cases()) {
            const LayerInfo& info = layer_info(c.type);
            QVERIFY(info.inside);
            NetworkSpec outer;
            outer.nodes = {{"b", c.type, c.attrs, {}}};
            NetworkSpec flat = info.inside(validate_attributes("b", c.type, info.attrs, c.attrs));
            Network a(outer, input), b(flat, input);
            a.reset_parameters(5);
            ParamList pa = a.parameters(), pb = b.parameters();
            QCOMPARE(pa.size(), pb.size());
            for (size_t i = 0; i < pa.size(); ++i) {
                QCOMPARE(QString::fromStdString(pa[i].name), QString::fromStdString("b." + pb[i].name));
                QVERIFY2(pa[i].decay == pb[i].decay, pa[i].name.c_str());  // weight decay as the inner layer says
                pb[i].var.value().copy_from(pa[i].var.value());
            }
            Var xa(random_tensor({4, 3, 8, 8}, 11), true), xb(xa.value().clone(), true);
            ForwardContext ctx{true, nullptr};
            Var ya = a.forward(xa, ctx), yb = b.forward(xb, ctx);
            QVERIFY2(ya.value().to_vector() == yb.value().to_vector(), c.type);
            const Tensor w = random_tensor(ya.shape(), 12);
            ya.backward(w);
            yb.backward(w);
            QVERIFY2(xa.grad().to_vector() == xb.grad().to_vector(), c.type);
            for (size_t i = 0; i < pa.size(); ++i)
                QVERIFY2(pa[i].var.grad().to_vector() == pb[i].var.grad().to_vector(), pa[i].name.c_str());
            QCOMPARE(a.report().flops, b.report().flops);
            QCOMPARE(a.parameter_count(), b.parameter_count());
        }
    }

    void blockShapes() {
        auto shape = [](const char* type, Attributes a, Shape in) {
            NetworkSpec s;
            s.nodes = {{"b", type, std::move(a), {}}};
            return Network(s, std::move(in)).output_shape();
        };
        QCOMPARE(shape("VggBlock", attrs({{"num_convs", int64_t{2}}, {"out_channels", int64_t{128}}}), {64, 56, 56}),
                 (Shape{128, 28, 28}));
        QCOMPARE(shape("NinBlock",
                       attrs({{"out_channels", int64_t{96}}, {"kernel_size", int64_t{11}}, {"stride", int64_t{4}}}),
                       {1, 224, 224}),
                 (Shape{96, 54, 54}));
        // D2L §8.4: the first Inception block of GoogLeNet turns 192 channels into 64+128+32+32 = 256.
        QCOMPARE(shape("Inception",
                       attrs({{"c1", int64_t{64}},
                              {"c2_reduce", int64_t{96}},
                              {"c2", int64_t{128}},
                              {"c3_reduce", int64_t{16}},
                              {"c3", int64_t{32}},
                              {"c4", int64_t{32}}}),
                       {192, 28, 28}),
                 (Shape{256, 28, 28}));
        QCOMPARE(shape("Residual", attrs({{"out_channels", int64_t{6}}, {"use_1x1conv", true}, {"stride", int64_t{2}}}),
                       {3, 6, 6}),
                 (Shape{6, 3, 3}));  // D2L §8.6's example
        QCOMPARE(shape("DenseBlock", attrs({{"num_convs", int64_t{2}}, {"growth_rate", int64_t{10}}}), {3, 8, 8}),
                 (Shape{23, 8, 8}));  // D2L §8.7: 3 + 2 × 10 channels
        QCOMPARE(shape("Transition", attrs({{"out_channels", int64_t{10}}}), {23, 8, 8}), (Shape{10, 4, 4}));
        // A residual block without the 1×1 shortcut cannot change the channel count: a clear error.
        try {
            shape("Residual", attrs({{"out_channels", int64_t{6}}}), {3, 6, 6});
            QFAIL("no error");
        } catch (const ShapeError& e) {
            QVERIFY2(QString(e.what()).contains("Residual"), e.what());
        }
    }

    // The shapes D2L prints for each chapter-8 network at the image size it trains them with.
    void presetShapesMatchD2L() {
        struct Expect {
            const char* preset;
            Shape input;
            const char* node;
            Shape shape;
            int64_t parameters;  // 0: not checked
        };
        const Expect cases[] = {
            {"alexnet", {1, 224, 224}, "pool3", {256, 5, 5}, 46764746},  // D2L §8.1: 6400 features into fc1
            {"vgg11", {1, 224, 224}, "block5", {128, 7, 7}, 0},          // §8.2, channels / 4
            {"nin", {1, 224, 224}, "nin4", {10, 5, 5}, 0},               // §8.3
            {"googlenet", {1, 96, 96}, "inception5b", {1024, 3, 3}, 0},  // §8.4
            {"densenet", {1, 96, 96}, "dense4", {248, 3, 3}, 0},         // §8.7: 120 + 4 × 32 channels
        };
        for (const Expect& e : cases) {
            const NetworkReport r = analyze(load_preset(e.preset), e.input);
            QVERIFY2(r.ok(), (std::string(e.preset) + ": " + r.error).c_str());
            bool found = false;
            for (const NodeReport& n : r.nodes)
                if (n.id == e.node) {
                    found = true;
                    QVERIFY2(n.output_shape == e.shape,
                             (std::string(e.preset) + " " + e.node + ": " + to_string(n.output_shape)).c_str());
                }
            QVERIFY2(found, e.node);
            QCOMPARE(r.output_shape, (Shape{10}));
            if (e.parameters) QCOMPARE(r.parameters, e.parameters);
        }
    }

    // Every image preset, the CPU-friendly variants included, fits the image size it is trained at
    // and ends in one output per class; each variant is the full preset made smaller, layer for layer.
    void everyImagePresetFitsItsImageSize() {
        for (const std::string& name : preset_names()) {
            const NetworkSpec spec = load_preset(name);
            if (spec.train.dataset.value_or("") != "fashion-mnist" || name == "softmax" || name.rfind("mlp", 0) == 0)
                continue;
            const int64_t side = spec.train.resize.value_or(28);
            const NetworkReport r = analyze(spec, {1, side, side});
            QVERIFY2(r.ok(), (name + ": " + r.error).c_str());
            QCOMPARE(r.output_shape, (Shape{10}));
            const size_t dash = name.rfind("-cpu");
            if (dash == std::string::npos) continue;
            const NetworkSpec full = load_preset(name.substr(0, dash));
            QCOMPARE(spec.nodes.size(), full.nodes.size());
            for (size_t i = 0; i < spec.nodes.size(); ++i) QCOMPARE(spec.nodes[i].type, full.nodes[i].type);
            const NetworkReport fr = analyze(full, {1, *full.train.resize, *full.train.resize});
            qInfo("%s: %.0f× fewer FLOPs per image than %s", name.c_str(), double(fr.flops) / double(r.flops),
                  full.name.c_str());
            QVERIFY2(r.flops * 10 < fr.flops, (name + " needs at least 10× less work than the full preset").c_str());
            QVERIFY(side < *full.train.resize || r.parameters < fr.parameters);
        }
    }

    // D2L §8.6 prints the shape after each ResNet-18 stage; at 96×96 they are these.
    void resnet18ShapesAt96() {
        const NetworkSpec spec = load_preset("resnet18");
        const NetworkReport r = analyze(spec, {1, 96, 96});
        QVERIFY2(r.ok(), r.error.c_str());
        std::map<std::string, Shape> shape;
        for (const NodeReport& n : r.nodes) shape[n.id] = n.output_shape;
        QCOMPARE(shape["maxpool"], (Shape{64, 24, 24}));
        QCOMPARE(shape["layer1_1"], (Shape{64, 24, 24}));
        QCOMPARE(shape["layer2_1"], (Shape{128, 12, 12}));
        QCOMPARE(shape["layer3_1"], (Shape{256, 6, 6}));
        QCOMPARE(shape["layer4_1"], (Shape{512, 3, 3}));
        QCOMPARE(shape["avgpool"], (Shape{512, 1, 1}));
        QCOMPARE(r.output_shape, (Shape{10}));
        // torchvision's resnet18 with one input channel and 10 classes has 11,175,370 parameters; D2L's
        // convolutions keep their biases (+4,800) and its 1×1 shortcuts have no BatchNorm (−1,792).
        QCOMPARE(r.parameters, int64_t{11178378});
        Network net(spec, {1, 96, 96});
        const ParamList params = net.parameters();
        QCOMPARE(QString::fromStdString(params[4].name), QStringLiteral("layer1_0.conv1.weight"));
    }
};

QTEST_MAIN(TestBlocks)
#include "test_blocks.moc"
