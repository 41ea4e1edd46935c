#include "engine/train/ready_ablations.h"

#include "engine/core/error.h"
#include "engine/io/presets.h"
#include "engine/nn/make_node.h"

namespace dl {

namespace {

NodeSpec linear(std::string id, int64_t out, const std::string& init = "xavier_uniform") {
    NodeSpec n = make_node(std::move(id), "Linear");
    n.attrs.set("out_features", out);
    n.attrs.set("init", init);
    return n;
}

// A Project from a network and a preset-like set of hyperparameters.
Project experiment(NetworkSpec network, const std::string& dataset, const OptimizerConfig& optimizer,
                   int64_t batch_size, int epochs, int64_t train_limit, int64_t test_limit) {
    Project p;
    p.network = std::move(network);
    p.dataset = dataset;
    p.dataset_options.train_limit = train_limit;
    p.dataset_options.test_limit = test_limit;
    p.train.optimizer = optimizer;
    p.train.batch_size = batch_size;
    p.train.epochs = epochs;
    p.train.seed = 0;
    return p;
}

OptimizerConfig sgd(float lr) {
    OptimizerConfig o;
    o.name = "sgd";
    o.lr = lr;
    return o;
}

ReadyAblation two_variants(ReadyAblation a, Project base, std::string base_label, std::string changed_label) {
    Project changed = apply_change(base, *a.change);
    a.variants = {{std::move(base_label), std::move(base)}, {std::move(changed_label), std::move(changed)}};
    return a;
}

ReadyAblation weight_decay() {
    NetworkSpec net;
    net.name = "linear-regression";
    NodeSpec fc = linear("net", 1, "normal");
    fc.attrs.set("init_std", 1.0);  // D2L's init_params: w ~ N(0, 1)
    net.nodes = {fc};
    Project base = experiment(net, "high-dim-linear", sgd(0.003f), 5, 100, 0, 0);
    base.train.loss = "mse";
    ReadyAblation a{"weight-decay",
                    "Weight decay",
                    "D2L §4.5",
                    "With only 20 examples for 200 weights, λ = 0 fits the training set almost exactly but not the "
                    "test set; λ = 3 keeps the weights small and the test loss far lower.",
                    AblationMeasure::TestLoss,
                    AblationChange{AblationWhat::WeightDecay, "3"},
                    {}};
    return two_variants(std::move(a), std::move(base), "λ = 0", "λ = 3");
}

// D2L's dropout MLP with p = 0.5 after both hidden layers (D2L uses 0.2 for the first; at 0.5 the effect shows in a
// minute's budget), on 500 examples so that the network without dropout overfits.
ReadyAblation dropout() {
    Project base = experiment(load_preset("mlp-dropout"), "fashion-mnist", sgd(0.1f), 25, 60, 500, 500);
    base = apply_change(base, AblationChange{AblationWhat::DropoutP, "0.5"});
    ReadyAblation a{"dropout",
                    "Dropout",
                    "D2L §4.6",
                    "On a small training set the MLP without dropout drives its training loss far below its test "
                    "loss (overfitting); with dropout the gap stays smaller and the test loss lower.",
                    AblationMeasure::GeneralizationGap,
                    AblationChange{AblationWhat::DropoutP, "0"},
                    {}};
    return two_variants(std::move(a), std::move(base), "dropout p = 0.5", "no dropout (p = 0)");
}

ReadyAblation sigmoid_relu() {
    Project base = experiment(deep_sigmoid_mlp(6, 128), "fashion-mnist", sgd(0.1f), 256, 3, 6000, 2000);
    ReadyAblation a{"sigmoid-relu",
                    "Sigmoid against ReLU",
                    "D2L §4.8",
                    "In a deep sigmoid network the gradient shrinks layer by layer (σ' ≤ 1/4), so the first layers "
                    "hardly learn; with ReLU their gradients are orders of magnitude larger and the network trains.",
                    AblationMeasure::FirstLayerGradient,
                    AblationChange{AblationWhat::Activation, "ReLU"},
                    {}};
    return two_variants(std::move(a), std::move(base), "Sigmoid", "ReLU");
}

ReadyAblation batchnorm() {
    Project base = experiment(load_preset("lenet-bn"), "fashion-mnist", sgd(1.0f), 64, 2, 6000, 2000);
    ReadyAblation a{"batchnorm",
                    "Batch normalization",
                    "D2L §8.5",
                    "With the same short budget and learning rate, LeNet with BatchNorm is well ahead; without it "
                    "the sigmoid LeNet is still near chance.",
                    AblationMeasure::TestAccuracy,
                    AblationChange{AblationWhat::BatchNorm, "off"},
                    {}};
    return two_variants(std::move(a), std::move(base), "with BatchNorm", "without BatchNorm");
}

ReadyAblation residual() {
    Project base = experiment(residual_mlp(8, 64, true), "fashion-mnist", sgd(0.1f), 64, 3, 6000, 2000);
    ReadyAblation a{"residual",
                    "Residual connections",
                    "D2L §7.6",
                    "A deep MLP of 8 blocks hardly trains without shortcuts; adding each block's input back "
                    "(y = x + f(x)) lets the signal and the gradient through, so its loss falls much lower.",
                    AblationMeasure::TrainLoss,
                    std::nullopt,
                    {}};
    Project plain = base;
    plain.network = residual_mlp(8, 64, false);
    a.variants = {{"with skip connections", std::move(base)}, {"without skip connections", std::move(plain)}};
    return a;
}

}  // namespace

NetworkSpec deep_sigmoid_mlp(int hidden_layers, int64_t width) {
    NetworkSpec net;
    net.name = "deep-sigmoid-mlp";
    net.description = "A deep MLP with sigmoid activations, Xavier-initialised (D2L §4.8).";
    net.nodes.push_back(make_node("flatten", "Flatten"));
    for (int i = 1; i <= hidden_layers; ++i) {
        net.nodes.push_back(linear("fc" + std::to_string(i), width));
        net.nodes.push_back(make_node("act" + std::to_string(i), "Sigmoid"));
    }
    net.nodes.push_back(linear("out", 10));
    return net;
}

// flatten → fc_in → ReLU → blocks of [Linear, ReLU, Linear, (+ the block's input), ReLU] → out.
NetworkSpec residual_mlp(int blocks, int64_t width, bool skip_connections) {
    NetworkSpec net;
    net.name = skip_connections ? "residual-mlp" : "plain-mlp";
    net.description = "A deep MLP of residual blocks y = ReLU(x + f(x))" +
                      std::string(skip_connections ? "" : ", here without the shortcut: y = ReLU(f(x))");
    net.nodes = {make_node("flatten", "Flatten"), linear("fc_in", width), make_node("relu_in", "ReLU")};
    std::string block_input = "relu_in";
    for (int b = 1; b <= blocks; ++b) {
        const std::string p = "block" + std::to_string(b) + "_";
        net.nodes.push_back(linear(p + "fc1", width));
        net.nodes.push_back(make_node(p + "relu1", "ReLU"));
        NodeSpec fc2 = linear(p + "fc2", width, "normal");  // small: a residual block starts near the identity
        fc2.attrs.set("init_std", 0.01);
        net.nodes.push_back(fc2);
        if (skip_connections) net.nodes.push_back(make_node(p + "add", "Add", {p + "fc2", block_input}));
        net.nodes.push_back(make_node(p + "relu2", "ReLU"));
        block_input = p + "relu2";
    }
    net.nodes.push_back(linear("out", 10));
    return net;
}

const std::vector<std::string>& ready_ablation_ids() {
    static const std::vector<std::string> ids{"weight-decay", "dropout", "sigmoid-relu", "batchnorm", "residual"};
    return ids;
}

ReadyAblation ready_ablation(const std::string& id) {
    if (id == "weight-decay") return weight_decay();
    if (id == "dropout") return dropout();
    if (id == "sigmoid-relu") return sigmoid_relu();
    if (id == "batchnorm") return batchnorm();
    if (id == "residual") return residual();
    throw InputError("there is no ready-made ablation called '" + id +
                     "'; the ones there are: weight-decay, dropout, sigmoid-relu, batchnorm, residual");
}

void limit_ablation(ReadyAblation& ablation, int epochs, int64_t train_limit, int64_t test_limit) {
    for (AblationVariant& v : ablation.variants) {
        if (epochs > 0) v.experiment.train.epochs = epochs;
        if (train_limit > 0) v.experiment.dataset_options.train_limit = train_limit;
        if (test_limit > 0) v.experiment.dataset_options.test_limit = test_limit;
    }
}

}  // namespace dl
