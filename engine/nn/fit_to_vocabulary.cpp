#include "engine/nn/fit_to_vocabulary.h"

#include <algorithm>

namespace dl {

namespace {
bool reads_tokens(const NodeSpec& node) {
    return node.type == "Embedding" || node.type == "OneHot";
}

void fill_vocab_size(NodeSpec& node, int64_t vocab_size) {
    if (!node.attrs.has("vocab_size") || node.attrs.get_int("vocab_size") == 0)
        node.attrs.set("vocab_size", vocab_size);
}

void fill_output_vocabulary(NodeSpec& node, int64_t vocab_size) {
    if (node.type == "Linear" && node.attrs.has("vocabulary_out") && node.attrs.get_bool("vocabulary_out"))
        node.attrs.set("out_features", vocab_size);
}

// The network input a node reads directly ("" when it reads only other nodes).
std::string input_read(const NetworkSpec& spec, size_t i) {
    const std::vector<std::string> names = spec.input_names();
    if (spec.nodes[i].inputs.empty()) return i == 0 ? names[0] : "";
    for (const std::string& in : spec.nodes[i].inputs)
        if (std::find(names.begin(), names.end(), in) != names.end()) return in;
    return "";
}
}  // namespace

void fit_to_vocabulary(NetworkSpec& spec, int64_t vocab_size) {
    for (NodeSpec& node : spec.nodes) {
        if (reads_tokens(node)) fill_vocab_size(node, vocab_size);
        fill_output_vocabulary(node, vocab_size);
    }
}

void fit_to_vocabularies(NetworkSpec& spec, int64_t source_vocab_size, int64_t target_vocab_size) {
    for (size_t i = 0; i < spec.nodes.size(); ++i) {
        NodeSpec& node = spec.nodes[i];
        fill_output_vocabulary(node, target_vocab_size);
        if (!reads_tokens(node)) continue;
        const std::string input = input_read(spec, i);
        if (input == "source") fill_vocab_size(node, source_vocab_size);
        if (input == "target") fill_vocab_size(node, target_vocab_size);
    }
}

}  // namespace dl
