#include "engine/train/ablation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "engine/core/error.h"
#include "engine/nn/init.h"
#include "engine/nn/layer_catalog.h"
#include "engine/optim/factory.h"

namespace dl {

namespace {

constexpr const char* kBatchNorm = "BatchNorm";

std::string format_number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

double parse_number(const std::string& text, const std::string& what) {
    size_t used = 0;
    double value = NAN;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    while (used < text.size() && std::isspace(static_cast<unsigned char>(text[used]))) ++used;
    if (used == 0 || used != text.size() || !std::isfinite(value))
        throw InputError(what + " must be a number, got '" + text + "'");
    return value;
}

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::string node_of(const std::string& input) {  // "enc:state" -> "enc"
    return input.substr(0, input.find(kPortSeparator));
}

bool is_dropout(const NodeSpec& node) {
    return node.type == "Dropout" || node.type == "Dropout2d";
}

bool is_activation(const NodeSpec& node) {
    const auto& types = ablation_activations();
    return std::find(types.begin(), types.end(), node.type) != types.end();
}

bool has_init(const NodeSpec& node) {
    const LayerInfo* info = find_layer_info(node.type);
    if (!info) return false;
    return std::any_of(info->attrs.begin(), info->attrs.end(), [](const AttrSpec& a) { return a.name == "init"; });
}

// What a node reads, with an implicit input (the previous node, or the network's first input) written out.
std::vector<std::string> resolved_inputs(const NetworkSpec& spec, size_t index) {
    const NodeSpec& node = spec.nodes[index];
    if (!node.inputs.empty()) return node.inputs;
    if (index == 0) return {spec.input_names().front()};
    return {spec.nodes[index - 1].id};
}

// Writes inputs back, leaving them implicit where they were implicit and still mean the same.
void compact_inputs(NetworkSpec& spec, const std::vector<std::vector<std::string>>& inputs,
                    const std::vector<bool>& was_implicit) {
    for (size_t i = 0; i < spec.nodes.size(); ++i) {
        const std::string implicit = i == 0 ? spec.input_names().front() : spec.nodes[i - 1].id;
        const bool same = inputs[i].size() == 1 && inputs[i][0] == implicit;
        spec.nodes[i].inputs = (was_implicit[i] && same) ? std::vector<std::string>{} : inputs[i];
    }
}

std::string unique_id(const NetworkSpec& spec, const std::string& wanted) {
    auto taken = [&](const std::string& id) {
        return std::any_of(spec.nodes.begin(), spec.nodes.end(), [&](const NodeSpec& n) { return n.id == id; });
    };
    std::string id = wanted;
    for (int n = 2; taken(id); ++n) id = wanted + "_" + std::to_string(n);
    return id;
}

NodeSpec batch_norm_node(const std::string& id) {
    NodeSpec n;
    n.id = id;
    n.type = kBatchNorm;
    return n;
}

std::string network_name(const NetworkSpec& spec) {
    return spec.name.empty() ? std::string("this network") : "the network '" + spec.name + "'";
}

template <typename Pred>
int change_nodes(NetworkSpec& spec, Pred matches, const std::function<void(NodeSpec&)>& change) {
    int changed = 0;
    for (NodeSpec& node : spec.nodes)
        if (matches(node)) change(node), ++changed;
    return changed;
}

void set_dropout(Project& p, const std::string& value) {
    const double prob = parse_number(value, "dropout p");
    if (prob < 0 || prob >= 1) throw InputError("dropout p must be at least 0 and below 1, got " + value);
    if (!change_nodes(p.network, is_dropout, [&](NodeSpec& n) { n.attrs.set("p", prob); }))
        throw InputError(network_name(p.network) + " has no Dropout layer, so there is no dropout p to change");
}

void set_initializer(Project& p, const std::string& value) {
    const auto& kinds = init_kinds();
    if (std::find(kinds.begin(), kinds.end(), value) == kinds.end()) {
        std::string list;
        for (const auto& k : kinds) list += (list.empty() ? "" : ", ") + k;
        throw InputError("unknown initializer '" + value + "'; valid ones are " + list);
    }
    if (!change_nodes(p.network, has_init, [&](NodeSpec& n) { n.attrs.set("init", value); }))
        throw InputError(network_name(p.network) + " has no layer with weights to initialise");
}

void set_activation(Project& p, const std::string& value) {
    const auto& types = ablation_activations();
    if (std::find(types.begin(), types.end(), value) == types.end())
        throw InputError("unknown activation '" + value + "'; valid ones are ReLU, Sigmoid, Tanh, LeakyReLU, GELU");
    if (!std::any_of(p.network.nodes.begin(), p.network.nodes.end(), is_activation))
        throw InputError(network_name(p.network) + " has no activation layer (ReLU, Sigmoid, Tanh, ...) to swap");
    change_nodes(p.network, is_activation, [&](NodeSpec& n) {
        n.type = value;
        n.attrs = {};  // LeakyReLU's slope means nothing to the new type
    });
}

void set_batch_norm(Project& p, const std::string& value) {
    const std::string on_off = lowercase(value);
    if (on_off == "on")
        p.network = with_batch_norm(p.network);
    else if (on_off == "off")
        p.network = without_batch_norm(p.network);
    else
        throw InputError("BatchNorm must be 'on' or 'off', got '" + value + "'");
}

void set_optimizer(Project& p, const std::string& value) {
    const std::string name = lowercase(value);
    const auto names = optimizer_names();
    if (std::find(names.begin(), names.end(), name) == names.end()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        throw InputError("unknown optimizer '" + value + "'; valid ones are " + list);
    }
    const float weight_decay = p.train.optimizer.weight_decay;  // a regulariser, not part of the optimizer
    p.train.optimizer = optimizer_defaults(name);
    p.train.optimizer.weight_decay = weight_decay;
}

}  // namespace

const std::vector<AblationWhat>& ablation_whats() {
    static const std::vector<AblationWhat> whats{
        AblationWhat::DropoutP,  AblationWhat::WeightDecay, AblationWhat::Initializer, AblationWhat::Activation,
        AblationWhat::BatchNorm, AblationWhat::Optimizer,   AblationWhat::LearningRate};
    return whats;
}

std::string ablation_what_name(AblationWhat what) {
    switch (what) {
        case AblationWhat::DropoutP:
            return "dropout p";
        case AblationWhat::WeightDecay:
            return "weight decay λ";
        case AblationWhat::Initializer:
            return "initializer";
        case AblationWhat::Activation:
            return "activation";
        case AblationWhat::BatchNorm:
            return "BatchNorm";
        case AblationWhat::Optimizer:
            return "optimizer";
        case AblationWhat::LearningRate:
            return "learning rate";
    }
    return {};
}

std::string ablation_what_id(AblationWhat what) {
    switch (what) {
        case AblationWhat::DropoutP:
            return "dropout";
        case AblationWhat::WeightDecay:
            return "weight_decay";
        case AblationWhat::Initializer:
            return "initializer";
        case AblationWhat::Activation:
            return "activation";
        case AblationWhat::BatchNorm:
            return "batch_norm";
        case AblationWhat::Optimizer:
            return "optimizer";
        case AblationWhat::LearningRate:
            return "lr";
    }
    return {};
}

const std::vector<std::string>& ablation_activations() {
    static const std::vector<std::string> types{"ReLU", "Sigmoid", "Tanh", "LeakyReLU", "GELU"};
    return types;
}

std::vector<std::string> ablation_value_choices(AblationWhat what) {
    switch (what) {
        case AblationWhat::Initializer:
            return init_kinds();
        case AblationWhat::Activation:
            return ablation_activations();
        case AblationWhat::BatchNorm:
            return {"on", "off"};
        case AblationWhat::Optimizer:
            return optimizer_names();
        default:
            return {};
    }
}

std::string current_value(const Project& p, AblationWhat what) {
    const auto& nodes = p.network.nodes;
    auto first = [&](auto pred) { return std::find_if(nodes.begin(), nodes.end(), pred); };
    switch (what) {
        case AblationWhat::DropoutP: {
            auto it = first(is_dropout);
            if (it == nodes.end()) return "—";
            return format_number(it->attrs.has("p") ? it->attrs.get_float("p") : 0.5);
        }
        case AblationWhat::WeightDecay:
            return format_number(p.train.optimizer.weight_decay);
        case AblationWhat::Initializer: {
            auto it = first(has_init);
            if (it == nodes.end()) return "—";
            return it->attrs.has("init") ? it->attrs.get_string("init") : InitSpec{}.kind;
        }
        case AblationWhat::Activation: {
            auto it = first(is_activation);
            return it == nodes.end() ? "—" : it->type;
        }
        case AblationWhat::BatchNorm:
            return first([](const NodeSpec& n) { return n.type == kBatchNorm; }) == nodes.end() ? "off" : "on";
        case AblationWhat::Optimizer:
            return p.train.optimizer.name;
        case AblationWhat::LearningRate:
            return format_number(p.train.optimizer.lr);
    }
    return "—";
}

std::string describe_change(const AblationChange& change) {
    return ablation_what_name(change.what) + " = " + change.value;
}

Project apply_change(const Project& experiment, const AblationChange& change) {
    Project p = experiment;
    p.history.clear();
    p.initial_histograms.clear();
    p.latest_histograms.clear();
    p.gradient_norms.clear();
    p.weights.clear();
    switch (change.what) {
        case AblationWhat::DropoutP:
            set_dropout(p, change.value);
            break;
        case AblationWhat::WeightDecay: {
            const double lambda = parse_number(change.value, "weight decay λ");
            if (lambda < 0) throw InputError("weight decay λ must be at least 0, got " + change.value);
            p.train.optimizer.weight_decay = static_cast<float>(lambda);
            break;
        }
        case AblationWhat::Initializer:
            set_initializer(p, change.value);
            break;
        case AblationWhat::Activation:
            set_activation(p, change.value);
            break;
        case AblationWhat::BatchNorm:
            set_batch_norm(p, change.value);
            break;
        case AblationWhat::Optimizer:
            set_optimizer(p, change.value);
            break;
        case AblationWhat::LearningRate: {
            const double lr = parse_number(change.value, "the learning rate");
            if (lr <= 0) throw InputError("the learning rate must be above 0, got " + change.value);
            p.train.optimizer.lr = static_cast<float>(lr);
            break;
        }
    }
    return p;
}

NetworkSpec without_batch_norm(const NetworkSpec& network) {
    std::map<std::string, std::string> source;  // removed node -> what it read
    std::vector<std::vector<std::string>> inputs;
    std::vector<bool> implicit;
    NetworkSpec out = network;
    out.nodes.clear();
    auto follow = [&](std::string id) {
        for (auto it = source.find(node_of(id)); it != source.end(); it = source.find(node_of(id))) id = it->second;
        return id;
    };
    for (size_t i = 0; i < network.nodes.size(); ++i) {
        std::vector<std::string> read = resolved_inputs(network, i);
        for (auto& id : read) id = follow(id);
        if (network.nodes[i].type == kBatchNorm) {
            source[network.nodes[i].id] = read.front();
            continue;
        }
        out.nodes.push_back(network.nodes[i]);
        inputs.push_back(read);
        implicit.push_back(network.nodes[i].inputs.empty());
    }
    if (source.empty()) throw InputError(network_name(network) + " has no BatchNorm layer to remove");
    compact_inputs(out, inputs, implicit);
    if (!out.output.empty()) out.output = follow(out.output);
    for (auto& id : out.outputs) id = follow(id);
    return out;
}

NetworkSpec with_batch_norm(const NetworkSpec& network) {
    const auto& nodes = network.nodes;
    if (std::any_of(nodes.begin(), nodes.end(), [](const NodeSpec& n) { return n.type == kBatchNorm; }))
        throw InputError(network_name(network) + " already has BatchNorm layers");
    std::vector<std::vector<std::string>> read(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i) read[i] = resolved_inputs(network, i);
    // Which Conv2d / Linear nodes feed an activation: those get a BatchNorm in between.
    std::map<std::string, std::string> norm_of;  // node -> its new BatchNorm's id
    NetworkSpec out = network;
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (!is_activation(nodes[i])) continue;
        for (const auto& id : read[i]) {
            auto it = std::find_if(nodes.begin(), nodes.end(), [&](const NodeSpec& n) { return n.id == node_of(id); });
            if (it != nodes.end() && (it->type == "Conv2d" || it->type == "Linear") && !norm_of.count(it->id)) {
                norm_of[it->id] = unique_id(out, "bn_" + it->id);
                out.nodes.push_back(batch_norm_node(norm_of[it->id]));  // reserves the id for the next unique_id
            }
        }
    }
    if (norm_of.empty())
        throw InputError(network_name(network) +
                         " has no Conv2d or Linear layer that feeds an activation, so there "
                         "is nowhere to put a BatchNorm");
    out.nodes.clear();
    std::vector<std::vector<std::string>> inputs;
    std::vector<bool> implicit;
    for (size_t i = 0; i < nodes.size(); ++i) {
        std::vector<std::string> mine = read[i];
        if (is_activation(nodes[i]))
            for (auto& id : mine)
                if (norm_of.count(id)) id = norm_of[id];
        out.nodes.push_back(nodes[i]);
        inputs.push_back(mine);
        implicit.push_back(nodes[i].inputs.empty());
        if (auto it = norm_of.find(nodes[i].id); it != norm_of.end()) {
            out.nodes.push_back(batch_norm_node(it->second));
            inputs.push_back({nodes[i].id});
            implicit.push_back(true);
        }
    }
    compact_inputs(out, inputs, implicit);
    return out;
}

}  // namespace dl
