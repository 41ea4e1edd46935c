// Every layer of the catalogue: finite-difference gradients w.r.t. inputs and parameters,
// shape inference, and the attribute validation that guards the editor and network files.
#include <QtTest>

#include "engine/core/error.h"
#include "engine/nn/block.h"
#include "engine/nn/init.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/network.h"
#include "gradcheck.h"

using namespace dl;
using dltest::gradcheck;
using dltest::random_tensor;

namespace {
// Builds one layer for the given per-example input shapes and checks its gradients on a batch of 3.
std::string check_built_layer(std::unique_ptr<Layer> layer, const std::vector<Shape>& shapes, bool training) {
    layer->output_shape(shapes);
    layer->build(shapes);
    Rng init(3);
    layer->reset_parameters(init);
    std::vector<Var> inputs, leaves;
    for (size_t i = 0; i < shapes.size(); ++i) {
        Shape s{3};
        s.insert(s.end(), shapes[i].begin(), shapes[i].end());
        inputs.emplace_back(random_tensor(s, 40 + i, -2, 2, 0.05), true);
        leaves.push_back(inputs.back());
    }
    for (auto& [name, var] : layer->parameters()) leaves.push_back(*var);
    return gradcheck(
        [&] {
            Rng rng(9);  // same dropout mask on every evaluation
            ForwardContext ctx{training, &rng};
            return layer->forward(inputs, ctx);
        },
        leaves);
}

std::string check_layer(const std::string& type, Attributes attrs, const std::vector<Shape>& shapes,
                        bool training = false) {
    const LayerInfo& info = layer_info(type);
    if (!info.inside) return check_built_layer(make_layer("l", type, attrs), shapes, training);
    // A block chains ReLUs and max pools whose inputs cannot all be kept away from their kinks (a bias
    // moves a whole channel), so its machinery is checked with them swapped for smooth GELU and
    // average pooling. The real blocks agree bit for bit with the same layers wired by hand (test_blocks).
    const Attributes valid = validate_attributes("l", type, info.attrs, attrs);
    auto smooth = [&info](const Attributes& a) {
        NetworkSpec inside = info.inside(a);
        for (NodeSpec& n : inside.nodes)
            if (n.type == "ReLU")
                n.type = "GELU";
            else if (n.type == "MaxPool2d")
                n.type = "AvgPool2d";
        return inside;
    };
    return check_built_layer(std::make_unique<Block>(type, valid, smooth), shapes, training);
}

Attributes attrs(std::initializer_list<std::pair<const char*, AttrValue>> list) {
    Attributes a;
    for (auto& [k, v] : list) a.set(k, v);
    return a;
}
}  // namespace

class TestLayers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyLayerPassesGradcheck_data() {
        QTest::addColumn<QString>("type");
        for (const LayerInfo& info : layer_catalog())
            QTest::newRow(info.type.c_str()) << QString::fromStdString(info.type);
    }
    void everyLayerPassesGradcheck() {
        QFETCH(QString, type);
        const std::string t = type.toStdString();
        const LayerInfo& info = layer_info(t);
        if (t == "NadarayaWatson") QSKIP("attends to training points: gradient-checked in test_nadaraya_watson");
        if (t == "GatherPositions")
            QSKIP("its second input is whole positions, not features: gradient-checked in test_bert");
        std::vector<Shape> shapes(std::max(info.min_inputs, 1), Shape{2, 4});
        Attributes a;
        if (t == "Linear")
            a = attrs({{"out_features", int64_t{3}}, {"init", std::string("normal")}, {"init_std", 0.5}});
        if (t == "Concat") a = attrs({{"axis", int64_t{-1}}});
        if (info.category == "Recurrent" && t != "SequenceOutput" && t != "Embedding" && t != "OneHot")
            a = attrs({{"hidden_size", int64_t{3}}});  // input [T = 2, 4 features]
        if (t == "Embedding" || t == "OneHot") {       // token ids in, not features: only the table has a gradient
            a = attrs({{"vocab_size", int64_t{5}}});
            if (t == "Embedding") a.set("embedding_dim", int64_t{3});
            auto layer = make_layer("l", t, a);
            layer->build({{4}});
            Rng init(3);
            layer->reset_parameters(init);
            const Var ids(Tensor::from({2, 4}, {0, 4, 2, 2, 1, 3, 4, 0}));
            std::vector<Var> leaves;
            for (auto& [name, var] : layer->parameters()) leaves.push_back(*var);
            ForwardContext ctx;
            QCOMPARE(layer->forward({ids}, ctx).shape(), (Shape{2, 4, t == "OneHot" ? 5 : 3}));
            if (t == "OneHot") {
                QVERIFY(leaves.empty() && !layer->forward({ids}, ctx).requires_grad());
                return;
            }
            const std::string err = gradcheck([&] { return layer->forward({ids}, ctx); }, leaves);
            QVERIFY2(err.empty(), (t + ": " + err).c_str());
            return;
        }
        if (info.category == "Convolution") shapes = {Shape{2, 5, 5}};  // [channels, height, width]
        if (t == "Conv2d") a = attrs({{"out_channels", int64_t{3}}, {"padding", std::vector<int64_t>{1}}});
        if (t == "BatchNorm" || t == "Dropout2d") shapes = {Shape{2, 3, 3}};  // feature maps [C, H, W]
        if (info.category == "Blocks") {  // small versions of D2L's blocks on [2, 6, 6] feature maps
            shapes = {Shape{2, 6, 6}};
            if (t == "VggBlock") a = attrs({{"num_convs", int64_t{2}}, {"out_channels", int64_t{2}}});
            if (t == "NinBlock") a = attrs({{"out_channels", int64_t{2}}, {"padding", int64_t{1}}});
            if (t == "Inception")
                a = attrs({{"c1", int64_t{1}},
                           {"c2_reduce", int64_t{1}},
                           {"c2", int64_t{2}},
                           {"c3_reduce", int64_t{1}},
                           {"c3", int64_t{1}},
                           {"c4", int64_t{1}}});
            if (t == "Residual")
                a = attrs({{"out_channels", int64_t{3}}, {"use_1x1conv", true}, {"stride", int64_t{2}}});
            if (t == "DenseBlock") a = attrs({{"num_convs", int64_t{2}}, {"growth_rate", int64_t{2}}});
            if (t == "Transition") a = attrs({{"out_channels", int64_t{2}}});
        }
        if (info.category == "Attention") {  // sequences [T = 2, 4 features]; smooth GELU in the feed-forward parts
            if (t == "PositionwiseFFN") a = attrs({{"hidden", int64_t{3}}, {"activation", std::string("gelu")}});
            if (t == "MultiHeadAttention") a = attrs({{"hidden", int64_t{4}}, {"heads", int64_t{2}}});
            if (t.rfind("Transformer", 0) == 0)
                a = attrs({{"hidden", int64_t{4}},
                           {"heads", int64_t{2}},
                           {"ffn_hidden", int64_t{3}},
                           {"activation", std::string("gelu")}});
            if (t == "PositionEmbedding") a = attrs({{"max_len", int64_t{3}}});
            if (t == "AttentionGRUDecoder")  // the encoder's state [2 layers, 4 hidden] is the third [2, 4] input
                a = attrs({{"hidden", int64_t{4}}, {"layers", int64_t{2}}, {"attention_hidden", int64_t{3}}});
        }
        // Stochastic layers and BatchNorm (batch statistics, a batch of 3) are checked in training mode.
        const bool training = t == "Dropout" || t == "Dropout2d" || t == "BatchNorm" || t == "Residual" ||
                              t == "DenseBlock" || t == "Transition";
        const std::string err = check_layer(t, a, shapes, training);
        QVERIFY2(err.empty(), (t + ": " + err).c_str());
    }
    void linearShapesParamsFlops() {
        auto l = make_layer("fc", "Linear", attrs({{"out_features", int64_t{256}}}));
        QCOMPARE(l->output_shape({{784}}), (Shape{256}));
        l->build({{784}});
        int64_t n = 0;
        for (auto& [name, var] : l->parameters()) n += var->value().numel();
        QCOMPARE(n, int64_t{784 * 256 + 256});
        QCOMPARE(l->flops({{784}}, {256}), int64_t{2 * 784 * 256});
    }
    void dropoutIsIdentityInEvaluation() {
        auto l = make_layer("d", "Dropout", attrs({{"p", 0.5}}));
        Var x(random_tensor({4, 10}, 1));
        Rng rng(1);
        ForwardContext eval{false, &rng};
        QCOMPARE(l->forward({x}, eval).value().to_vector(), x.value().to_vector());
        ForwardContext train{true, &rng};
        QVERIFY(l->forward({x}, train).value().to_vector() != x.value().to_vector());
    }
    void attributeValidation() {
        QVERIFY_THROWS_EXCEPTION(InputError, make_layer("fc", "Linear", attrs({{"out_features", int64_t{-3}}})));
        QVERIFY_THROWS_EXCEPTION(InputError,
                                 make_layer("fc", "Linear", attrs({{"out_features", std::string("many")}})));
        QVERIFY_THROWS_EXCEPTION(InputError, make_layer("fc", "Linear", attrs({{"units", int64_t{3}}})));
        QVERIFY_THROWS_EXCEPTION(InputError, make_layer("fc", "Linear", attrs({{"init", std::string("magic")}})));
        QVERIFY_THROWS_EXCEPTION(InputError, make_layer("d", "Dropout", attrs({{"p", 1.5}})));
        QVERIFY_THROWS_EXCEPTION(InputError, make_layer("x", "Conv9d", {}));
        try {
            make_layer("fc1", "Linear", attrs({{"out_features", int64_t{0}}}));
            QFAIL("no error");
        } catch (const InputError& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains("fc1") && msg.contains("out_features"), e.what());
        }
        // defaults are filled in
        auto l = make_layer("fc", "Linear", {});
        QCOMPARE(l->attributes().get_int("out_features"), int64_t{10});
    }
    void initializersHaveTheRightSpread() {
        for (const std::string kind : {"xavier_uniform", "xavier_normal", "kaiming_uniform", "kaiming_normal", "normal",
                                       "uniform", "torch_default"}) {
            Tensor w = Tensor::empty({200, 300});
            Rng rng(4);
            InitSpec spec{kind};
            initialize(w, spec, 300, 200, rng);
            const double var = w.vec().squaredNorm() / w.numel();
            double expected = 0;
            if (kind == "xavier_uniform" || kind == "xavier_normal") expected = 2.0 / 500;
            if (kind == "kaiming_uniform" || kind == "kaiming_normal") expected = 2.0 / 300;
            if (kind == "normal") expected = 1e-4;
            if (kind == "uniform") expected = 0.05 * 0.05 / 3;
            if (kind == "torch_default") expected = 1.0 / 300 / 3;
            QVERIFY2(std::fabs(var / expected - 1) < 0.05, kind.c_str());
        }
        Tensor c = Tensor::empty({3});
        Rng rng(1);
        initialize(c, InitSpec{"constant", 0, 0, 0.7}, 1, 1, rng);
        QCOMPARE(c[2], 0.7f);
    }
};

QTEST_APPLESS_MAIN(TestLayers)
#include "test_layers.moc"
