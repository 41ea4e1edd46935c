#pragma once
// What the attention views compute on the network itself (on the training thread at an epoch's end,
// or on the job thread when idle), in plain data: which nodes are attention layers, their probes on
// one fixed input, and those probes as maps [heads, queries, keys] a view can draw. Generic over any
// layer that publishes "attention" (and maybe "scores") as [batch, heads, queries, keys].
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network.h"
#include "engine/nn/network_spec.h"
#include "engine/train/attention_history.h"

namespace attention_inspection {

// One attention layer's map for the fixed input.
struct AttentionMap {
    std::string layer;   // the node id: "nw", "enc1"
    dl::Tensor weights;  // [heads, queries, keys], rows sum to 1
    dl::Tensor scores;   // the same before softmax; undefined when the layer does not publish it
    // Words on the axes and their titles, when the map knows them (a translation's tokens); empty: the
    // snapshot's labels. `role` says what attends to what ("encoder–decoder attention"), or is empty.
    std::vector<std::string> query_labels, key_labels;
    std::string query_title, key_title, role;
    int64_t heads() const { return weights.size(0); }
    int64_t queries() const { return weights.size(1); }
    int64_t keys() const { return weights.size(2); }
};

// Whether the views can run this data through the network as one input tensor per example (not text
// corpora, whose probes come from their own views, nor translation pairs, which translation_attention runs).
bool has_fixed_input(const dl::DataSplit& data);
// The fixed input: for Nadaraya–Watson data every test query (each example is one query, so the
// examples become the query axis), for other data the first test example (else the first training one).
dl::Tensor fixed_input(const dl::DataSplit& data);
// Runs the fixed input in evaluation mode and returns "<node>.attention" / "<node>.scores" of each
// node, as [1, heads, queries, keys] (a probe whose queries are the examples, [B, h, 1, K], is turned
// into [1, h, B, K]). Translation data runs translation_attention::run_fixed_sentences instead.
// Throws what the network throws.
dl::AttentionHistory::Probes run_fixed_input(dl::Network& net, const dl::DataSplit& data,
                                             const std::vector<std::string>& nodes);
// The maps of a snapshot's probes, one per node that published "attention", in `nodes` order.
std::vector<AttentionMap> maps_of(const dl::AttentionHistory::Probes& probes, const std::vector<std::string>& nodes);

}  // namespace attention_inspection
