// Every layer of the catalogue: finite-difference gradients w.r.t. inputs and parameters,
// shape inference, and the attribute validation that guards the editor and network files.
#include <QtTest>

#include "engine/core/error.h"
#include "engine/nn/init.h"
#include "engine/nn/layer_registry.h"
#include "engine/nn/network.h"
#include "gradcheck.h"

using namespace dl;
using dltest::gradcheck;
using dltest::random_tensor;

namespace {
// Builds one layer for the given per-example input shapes and checks its gradients on a batch of 3.
std::string check_layer(const std::string& type, Attributes attrs, const std::vector<Shape>& shapes,
                        bool training = false) {
    auto layer = make_layer("l", type, attrs);
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
    return gradcheck([&] {
        Rng rng(9);  // same dropout mask on every evaluation
        ForwardContext ctx{training, &rng};
        return layer->forward(inputs, ctx);
    }, leaves);
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
        for (const LayerInfo& info : layer_catalog()) QTest::newRow(info.type.c_str()) << QString::fromStdString(info.type);
    }
    void everyLayerPassesGradcheck() {
        QFETCH(QString, type);
        const std::string t = type.toStdString();
        const LayerInfo& info = layer_info(t);
        std::vector<Shape> shapes(std::max(info.min_inputs, 1), Shape{2, 4});
        Attributes a;
        if (t == "Linear") a = attrs({{"out_features", int64_t{3}}, {"init", std::string("normal")}, {"init_std", 0.5}});
        if (t == "Concat") a = attrs({{"axis", int64_t{-1}}});
        const std::string err = check_layer(t, a, shapes, t == "Dropout");
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
        QVERIFY_THROWS_EXCEPTION(InputError, make_layer("fc", "Linear", attrs({{"out_features", std::string("many")}})));
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
