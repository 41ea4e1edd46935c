#pragma once
// NetworkSpec: a network as data — the graph a learner edits, a preset file holds and a model file
// stores. Nodes name their inputs, so branches and merges (ResNet, Inception) are ordinary graphs;
// a node without listed inputs takes the previous node's output (plain chains stay short to write).
//
// Several inputs: a network may name its inputs (a translation network reads "source" and "target");
// nodes refer to them by name like to any node. Without names it has one input called "input".
// Several outputs: a layer may have output ports (a recurrent layer's "state", Layer::output_names());
// a node input written "enc:state" is port "state" of node "enc", a plain "enc" its first port.
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/tensor.h"
#include "engine/nn/attributes.h"

namespace dl {

inline constexpr const char* kNetworkInput = "input";  // the id that names the network's input
inline constexpr char kPortSeparator = ':';            // "enc:state": port "state" of node "enc"

struct NodeSpec {
    std::string id;                   // unique; parameter names are "<id>.weight"
    std::string type;                 // a LayerInfo::type
    Attributes attrs;                 // as given (defaults filled on build)
    std::vector<std::string> inputs;  // earlier nodes ("id" or "id:port") or network inputs; empty = previous node
    double x = NAN, y = NAN;          // position in the network editor (NaN = not placed yet)
};

// Hyperparameters a preset suggests (D2L's values); every field optional.
struct TrainDefaults {
    std::optional<std::string> dataset, optimizer, loss;
    std::optional<int64_t> epochs, batch_size;
    std::optional<int64_t> resize;  // images resized to resize × resize (D2L: 224 or 96)
    std::optional<double> lr, weight_decay;
    std::optional<double> reference_test_acc;   // what D2L reports, drawn as a reference line
    std::optional<double> reference_train_acc;  // the same for training accuracy, when D2L reports only that
    // Language models and sequence data (D2L ch. 8–9).
    std::optional<double> clip;                  // gradient clipping by global norm (θ; D2L uses 1)
    std::optional<int64_t> num_steps;            // tokens per subsequence (D2L: 35)
    std::optional<std::string> sampling;         // "random" | "sequential"
    std::optional<std::string> tokens;           // "char" | "word"
    std::optional<double> reference_perplexity;  // what D2L reports after the full run
    // BERT (D2L §14.10, §15.7).
    std::optional<int64_t> steps;    // stop after this many batches (D2L counts pretraining in steps)
    std::optional<int64_t> max_len;  // tokens per sentence pair, <cls> and <sep> included
    std::optional<double> head_lr;   // fine-tuning: the new head's learning rate
    // Fine-tuning: the preset whose last pretrained model this one starts from ("bert-tiny"), and whether it takes
    // that model's weights ("weights") or only its vocabulary ("vocabulary": a from-scratch run on the same data).
    std::optional<std::string> pretrained;
    std::string pretrained_use = "weights";
    std::string reference_note;
};

struct NetworkSpec {
    std::string name, description;
    std::vector<std::string> inputs;  // names of the network's inputs, in order; empty = one called "input"
    Shape input_shape;                // per example, one-input networks only; empty = taken from the dataset
    std::vector<NodeSpec> nodes;      // in topological order (inputs refer to earlier nodes)
    std::string output;               // id of the output node; empty = last node
    // Several outputs (BERT pretraining ends in masked-LM scores and next-sentence scores): their node ids in
    // order; when set, `output` is ignored and the first of them is the output. Empty: the one `output`.
    std::vector<std::string> outputs;
    TrainDefaults train;

    std::vector<std::string> input_names() const {
        return inputs.empty() ? std::vector<std::string>{kNetworkInput} : inputs;
    }
    std::string output_id() const {
        if (!outputs.empty()) return outputs.front();
        return output.empty() && !nodes.empty() ? nodes.back().id : output;
    }
    std::vector<std::string> output_ids() const { return outputs.empty() ? std::vector{output_id()} : outputs; }
};

}  // namespace dl
