#pragma once
// Ablations (D2L's way of showing what one ingredient does): take an experiment, change exactly one thing, train
// both with the same seed and compare. An AblationChange says what changes and to which value; apply_change
// gives the variant, or an InputError for a person when the change does not apply to that network ("this network
// has no Dropout layer").
#include <string>
#include <vector>

#include "engine/io/project_file.h"

namespace dl {

enum class AblationWhat { DropoutP, WeightDecay, Initializer, Activation, BatchNorm, Optimizer, LearningRate };

struct AblationChange {
    AblationWhat what = AblationWhat::LearningRate;
    // The new value as text: a number for dropout p, weight decay λ and the learning rate; an init_kinds() name
    // ("xavier_uniform"); an activation type ("ReLU", "Sigmoid", "Tanh", "LeakyReLU", "GELU"); "on" or "off"
    // for BatchNorm; an optimizer_names() name ("adam": it starts from that optimizer's defaults, lr included).
    std::string value;
};

const std::vector<AblationWhat>& ablation_whats();       // every kind, in menu order
std::string ablation_what_name(AblationWhat what);       // "dropout p", "weight decay λ", ...
std::string ablation_what_id(AblationWhat what);         // "dropout", "weight_decay", ... (stable, for files)
const std::vector<std::string>& ablation_activations();  // the activation types a change may swap in
// The choices for kinds with a fixed set of values (initializer, activation, BatchNorm, optimizer); empty for
// numbers.
std::vector<std::string> ablation_value_choices(AblationWhat what);
// What the experiment has now for that kind, as text ("0.2", "ReLU", "on"); "—" when the network has none of it.
std::string current_value(const Project& experiment, AblationWhat what);
// "weight decay λ = 3", "activation = ReLU".
std::string describe_change(const AblationChange& change);

// The experiment with the change applied; its history, histograms and weights are cleared (it has not been
// trained). Throws InputError naming the problem when the value is invalid or the change does not apply.
Project apply_change(const Project& experiment, const AblationChange& change);

// The network without its BatchNorm nodes (links to a removed node go to that node's input), and with a
// BatchNorm inserted after every Conv2d or Linear node that feeds an activation. Throw InputError when there is
// nothing to remove / nowhere to insert.
NetworkSpec without_batch_norm(const NetworkSpec& network);
NetworkSpec with_batch_norm(const NetworkSpec& network);

}  // namespace dl
