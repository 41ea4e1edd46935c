// Ablations: every kind of change applied to a real network and checked, the clear errors when a change does not
// apply, BatchNorm removed and inserted with the graph still building, and the ready-made ablations' shape.
#include <QtTest>

#include <algorithm>

#include "engine/core/error.h"
#include "engine/data/registry.h"
#include "engine/io/presets.h"
#include "engine/nn/network.h"
#include "engine/train/ablation.h"
#include "engine/train/ready_ablations.h"

using namespace dl;

namespace {

Project experiment_of(const std::string& preset) {
    Project p;
    p.network = load_preset(preset);
    p.dataset = "fashion-mnist";
    p.train.optimizer.lr = 0.1f;
    p.history.push_back({});
    p.weights = "trained";
    return p;
}

std::vector<std::string> types_of(const NetworkSpec& spec) {
    std::vector<std::string> types;
    for (const NodeSpec& n : spec.nodes) types.push_back(n.type);
    return types;
}

const NodeSpec* find_node(const NetworkSpec& spec, const std::string& id) {
    for (const NodeSpec& n : spec.nodes)
        if (n.id == id) return &n;
    return nullptr;
}

std::string error_of(const Project& p, AblationChange change) {
    try {
        apply_change(p, change);
    } catch (const InputError& e) {
        return e.what();
    }
    return {};
}

int64_t output_size(const NetworkSpec& spec) {
    Network net(spec, Shape{1, 28, 28});
    return net.output_shape().back();
}

}  // namespace

class TestAblation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dropoutPChangesEveryDropoutLayer();
    void weightDecayAndLearningRateChangeTheOptimizer();
    void initializerChangesEveryLayerWithWeights();
    void activationSwapsEveryActivation();
    void optimizerStartsFromItsDefaults();
    void batchNormOffRemovesTheNodes();
    void batchNormOnInsertsAfterConvAndLinearBeforeActivations();
    void batchNormOffKeepsExplicitWiring();
    void changesThatDoNotApplyAreClearErrors();
    void currentValuesAndDescriptions();
    void readyAblationsHaveTwoVariantsDifferingInOneThing();
    void highDimLinearDataIsD2LsSetup();
};

void TestAblation::dropoutPChangesEveryDropoutLayer() {
    const Project base = experiment_of("mlp-dropout");
    const Project v = apply_change(base, {AblationWhat::DropoutP, "0"});
    QCOMPARE(find_node(v.network, "drop1")->attrs.get_float("p"), 0.0);
    QCOMPARE(find_node(v.network, "drop2")->attrs.get_float("p"), 0.0);
    QCOMPARE(find_node(base.network, "drop2")->attrs.get_float("p"), 0.5);  // the base is untouched
    QVERIFY(v.history.empty());                                             // a variant is untrained
    QVERIFY(v.weights.empty());
    QCOMPARE(types_of(v.network), types_of(base.network));
}

void TestAblation::weightDecayAndLearningRateChangeTheOptimizer() {
    const Project base = experiment_of("mlp");
    const Project wd = apply_change(base, {AblationWhat::WeightDecay, "3"});
    QCOMPARE(wd.train.optimizer.weight_decay, 3.0f);
    QCOMPARE(wd.train.optimizer.lr, base.train.optimizer.lr);
    const Project lr = apply_change(base, {AblationWhat::LearningRate, "0.02"});
    QCOMPARE(lr.train.optimizer.lr, 0.02f);
    QCOMPARE(lr.train.optimizer.weight_decay, 0.0f);
}

void TestAblation::initializerChangesEveryLayerWithWeights() {
    const Project v = apply_change(experiment_of("lenet"), {AblationWhat::Initializer, "kaiming_normal"});
    int changed = 0;
    for (const NodeSpec& n : v.network.nodes) {
        const bool weights = n.type == "Linear" || n.type == "Conv2d";
        QCOMPARE(n.attrs.has("init") && n.attrs.get_string("init") == "kaiming_normal", weights);
        changed += weights;
    }
    QCOMPARE(changed, 5);
}

void TestAblation::activationSwapsEveryActivation() {
    const Project v = apply_change(experiment_of("lenet"), {AblationWhat::Activation, "ReLU"});
    const auto types = types_of(v.network);
    QCOMPARE(std::count(types.begin(), types.end(), std::string("ReLU")), 4L);
    QCOMPARE(std::count(types.begin(), types.end(), std::string("Sigmoid")), 0L);
    QCOMPARE(output_size(v.network), int64_t{10});
}

void TestAblation::optimizerStartsFromItsDefaults() {
    Project base = experiment_of("mlp");
    base.train.optimizer.weight_decay = 0.01f;
    const Project v = apply_change(base, {AblationWhat::Optimizer, "Adam"});
    QCOMPARE(v.train.optimizer.name, std::string("adam"));
    QCOMPARE(v.train.optimizer.lr, 0.001f);
    QCOMPARE(v.train.optimizer.weight_decay, 0.01f);  // a regulariser: kept
}

void TestAblation::batchNormOffRemovesTheNodes() {
    const Project v = apply_change(experiment_of("lenet-bn"), {AblationWhat::BatchNorm, "off"});
    const auto types = types_of(v.network);
    QCOMPARE(std::count(types.begin(), types.end(), std::string("BatchNorm")), 0L);
    QCOMPARE(v.network.nodes.size(), load_preset("lenet-bn").nodes.size() - 4);
    QCOMPARE(find_node(v.network, "sigmoid1")->inputs.size(), size_t{0});  // the chain stays implicit
    QCOMPARE(output_size(v.network), int64_t{10});
}

void TestAblation::batchNormOnInsertsAfterConvAndLinearBeforeActivations() {
    const NetworkSpec with = apply_change(experiment_of("lenet"), {AblationWhat::BatchNorm, "on"}).network;
    const auto types = types_of(with);
    QCOMPARE(std::count(types.begin(), types.end(), std::string("BatchNorm")), 4L);
    for (size_t i = 0; i < with.nodes.size(); ++i)
        if (with.nodes[i].type == "BatchNorm") {
            QVERIFY(with.nodes[i - 1].type == "Conv2d" || with.nodes[i - 1].type == "Linear");
            QCOMPARE(with.nodes[i + 1].type, std::string("Sigmoid"));
        }
    QVERIFY(!find_node(with, "bn_fc3"));  // the output layer feeds no activation
    QCOMPARE(output_size(with), int64_t{10});
    // Off again gives the original graph.
    QCOMPARE(types_of(without_batch_norm(with)), types_of(load_preset("lenet")));
}

void TestAblation::batchNormOffKeepsExplicitWiring() {
    NetworkSpec spec;
    spec.name = "branch";
    NodeSpec flat{"flatten", "Flatten"}, fc{"fc", "Linear"}, bn{"bn", "BatchNorm"}, relu{"relu", "ReLU"};
    fc.attrs.set("out_features", int64_t{10});
    NodeSpec add{"add", "Add", {}, {"relu", "bn"}};
    spec.nodes = {flat, fc, bn, relu, add};
    spec.output = "bn";
    const NetworkSpec out = without_batch_norm(spec);
    QVERIFY(find_node(out, "relu")->inputs.empty());  // read "bn" implicitly, now "fc", the node before it
    QCOMPARE(out.nodes[2].id, std::string("relu"));
    QCOMPARE(out.nodes[1].id, std::string("fc"));
    QCOMPARE(find_node(out, "add")->inputs, (std::vector<std::string>{"relu", "fc"}));
    QCOMPARE(out.output, std::string("fc"));
}

void TestAblation::changesThatDoNotApplyAreClearErrors() {
    const Project mlp = experiment_of("mlp");
    QVERIFY(error_of(mlp, {AblationWhat::DropoutP, "0.5"}).find("no Dropout layer") != std::string::npos);
    QVERIFY(error_of(mlp, {AblationWhat::BatchNorm, "off"}).find("no BatchNorm layer") != std::string::npos);
    QVERIFY(error_of(experiment_of("lenet-bn"), {AblationWhat::BatchNorm, "on"}).find("already has BatchNorm") !=
            std::string::npos);
    QVERIFY(error_of(mlp, {AblationWhat::BatchNorm, "maybe"}).find("'on' or 'off'") != std::string::npos);
    QVERIFY(error_of(mlp, {AblationWhat::WeightDecay, "lots"}).find("must be a number") != std::string::npos);
    QVERIFY(error_of(mlp, {AblationWhat::WeightDecay, "-1"}).find("at least 0") != std::string::npos);
    QVERIFY(error_of(mlp, {AblationWhat::LearningRate, "0"}).find("above 0") != std::string::npos);
    QVERIFY(error_of(mlp, {AblationWhat::Optimizer, "lbfgs"}).find("unknown optimizer 'lbfgs'") != std::string::npos);
    QVERIFY(error_of(mlp, {AblationWhat::Activation, "Swish"}).find("unknown activation") != std::string::npos);
    QVERIFY(error_of(mlp, {AblationWhat::Initializer, "ones"}).find("unknown initializer") != std::string::npos);
    QVERIFY(error_of(experiment_of("mlp-dropout"), {AblationWhat::DropoutP, "1"}).find("below 1") != std::string::npos);
    Project linear = experiment_of("linreg");
    QVERIFY(error_of(linear, {AblationWhat::Activation, "ReLU"}).find("no activation layer") != std::string::npos);
    QVERIFY(error_of(linear, {AblationWhat::BatchNorm, "on"}).find("nowhere to put a BatchNorm") != std::string::npos);
}

void TestAblation::currentValuesAndDescriptions() {
    const Project p = experiment_of("mlp-dropout");
    QCOMPARE(current_value(p, AblationWhat::DropoutP), std::string("0.2"));
    QCOMPARE(current_value(p, AblationWhat::Activation), std::string("ReLU"));
    QCOMPARE(current_value(p, AblationWhat::BatchNorm), std::string("off"));
    QCOMPARE(current_value(p, AblationWhat::Initializer), std::string("normal"));
    QCOMPARE(current_value(experiment_of("mlp"), AblationWhat::DropoutP), std::string("—"));
    QCOMPARE(describe_change({AblationWhat::WeightDecay, "3"}), std::string("weight decay λ = 3"));
    QCOMPARE(ablation_whats().size(), size_t{7});
    QCOMPARE(ablation_value_choices(AblationWhat::BatchNorm), (std::vector<std::string>{"on", "off"}));
}

void TestAblation::readyAblationsHaveTwoVariantsDifferingInOneThing() {
    for (const std::string& id : ready_ablation_ids()) {
        const ReadyAblation a = ready_ablation(id);
        QCOMPARE(a.id, id);
        QVERIFY(!a.title.empty() && !a.lesson.empty());
        QCOMPARE(a.variants.size(), size_t{2});
        const Project &base = a.variants[0].experiment, &other = a.variants[1].experiment;
        QCOMPARE(base.dataset, other.dataset);
        QCOMPARE(base.train.seed, other.train.seed);
        QCOMPARE(base.train.epochs, other.train.epochs);
        QCOMPARE(base.dataset_options.train_limit, other.dataset_options.train_limit);
        if (a.change) QCOMPARE(current_value(other, a.change->what), a.change->value);
    }
    const ReadyAblation res = ready_ablation("residual");
    const auto with = types_of(res.variants[0].experiment.network),
               without = types_of(res.variants[1].experiment.network);
    QCOMPARE(std::count(with.begin(), with.end(), std::string("Add")), 8L);
    QCOMPARE(std::count(without.begin(), without.end(), std::string("Add")), 0L);
    QCOMPARE(with.size(), without.size() + 8);
    QVERIFY_THROWS_EXCEPTION(InputError, ready_ablation("nonsense"));
    ReadyAblation small = ready_ablation("batchnorm");
    limit_ablation(small, 1, 300, 100);
    for (const auto& v : small.variants) {
        QCOMPARE(v.experiment.train.epochs, 1);
        QCOMPARE(v.experiment.dataset_options.train_limit, int64_t{300});
    }
}

void TestAblation::highDimLinearDataIsD2LsSetup() {
    const DataSplit a = load_dataset("high-dim-linear"), b = load_dataset("high-dim-linear");
    QCOMPARE(a.train.size(), int64_t{20});
    QCOMPARE(a.test.size(), int64_t{100});
    QCOMPARE(a.train.sample_shape(), (Shape{200}));
    QCOMPARE(a.train.features[17], b.train.features[17]);  // a fixed seed
    // y − 0.05 − 0.01·Σx is the noise: its spread is about 0.01.
    double sum_sq = 0;
    for (int64_t i = 0; i < a.test.size(); ++i) {
        double y = 0.05;
        for (int64_t j = 0; j < 200; ++j) y += 0.01 * a.test.features[i * 200 + j];
        sum_sq += (a.test.targets[i] - y) * (a.test.targets[i] - y);
    }
    const double noise = std::sqrt(sum_sq / 100);
    QVERIFY2(noise > 0.007 && noise < 0.013, qPrintable(QString::number(noise)));
    QCOMPARE(*dataset_sample_shape("high-dim-linear"), (Shape{200}));
}

QTEST_APPLESS_MAIN(TestAblation)
#include "test_ablation.moc"
