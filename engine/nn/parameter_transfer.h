#pragma once
// Fine-tuning from a pretrained model (D2L §15.7: BERTClassifier takes the pretrained encoder and its hidden
// layer): parameters are copied by name and shape, "encoder1.attention.W_q.weight" to
// "encoder1.attention.W_q.weight". What the new network has and the old one lacks (the classifier head) keeps its
// own initial values.
#include <string>
#include <vector>

#include "engine/nn/network.h"

namespace dl {

struct ParameterTransfer {
    std::vector<std::string> copied_nodes;  // nodes whose every parameter came from the pretrained model
    std::vector<std::string> new_nodes;     // nodes with parameters the pretrained model lacks (the head)
    int64_t copied_values = 0;
};

// Copies every parameter of `from` whose name `to` has, into `to`. Throws InputError when a shared name has
// another shape (say, another vocabulary) or when nothing at all is shared: both mean the models do not belong
// together, and the message names the first such parameter.
ParameterTransfer copy_matching_parameters(Network& from, Network& to);

}  // namespace dl
