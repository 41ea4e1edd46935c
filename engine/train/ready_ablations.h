#pragma once
// The book's lessons as ready-made ablations: each is a base experiment and the same with one thing changed
// (apply_change), the lesson's expected outcome in one sentence, and a budget small enough to run in well under a
// minute on two cores.
//   weight-decay  D2L §4.5 (en §3.7): λ = 0 against λ = 3 on high-dimensional linear regression (20 examples)
//   dropout       §4.6 (en §5.6): the dropout MLP against the same with p = 0 on a small training set
//   sigmoid-relu  §4.8 (en §5.4): a deep sigmoid MLP against ReLU (both Xavier): vanishing gradients
//   batchnorm     §8.5: LeNet with BatchNorm against the same without it
//   residual      §7.6 (en §8.6): a deep MLP with residual connections against the same without the skips
#include <optional>
#include <string>
#include <vector>

#include "engine/train/ablation.h"

namespace dl {

// Which number decides the lesson (what the comparison view highlights).
enum class AblationMeasure {
    TestLoss,           // lower is better
    TrainLoss,          // lower is better (how well the network trains at all)
    TestAccuracy,       // higher is better
    GeneralizationGap,  // test loss minus train loss, smaller is better
    FirstLayerGradient  // the first layer's gradient norm: larger means the signal reaches it
};

struct AblationVariant {
    std::string label;  // "λ = 0", "λ = 3"
    Project experiment;
};

struct ReadyAblation {
    std::string id, title, section;  // "weight-decay", "Weight decay", "D2L §4.5"
    std::string lesson;              // the expected outcome in one sentence
    AblationMeasure measure = AblationMeasure::TestLoss;
    // What variants[1] changes in variants[0]; none for residual, whose change (the shortcuts) is no
    // AblationChange kind: its variants are built from residual_mlp directly.
    std::optional<AblationChange> change;
    std::vector<AblationVariant> variants;  // two: the base and the changed one
};

const std::vector<std::string>& ready_ablation_ids();
// Throws InputError listing the ids for an unknown one.
ReadyAblation ready_ablation(const std::string& id);
// Shrinks every variant's budget alike (tests): epochs, and the examples kept (0 leaves a limit unchanged).
void limit_ablation(ReadyAblation& ablation, int epochs, int64_t train_limit, int64_t test_limit);

// The deep MLPs of sigmoid-relu and residual, for tests and the UI's descriptions.
NetworkSpec deep_sigmoid_mlp(int hidden_layers, int64_t width);
NetworkSpec residual_mlp(int blocks, int64_t width, bool skip_connections);

}  // namespace dl
