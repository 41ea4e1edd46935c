#pragma once
// The attention of one sentence pair in a fine-tuned BERT's last encoder layer (D2L §15.7): the first example of
// the test split (the training split's when there is no test split), cut to its valid tokens
// "<cls> … <sep> … <sep>". The fine-tuning comparison takes it at a run's start and end.
#include <string>
#include <vector>

#include "engine/core/tensor.h"
#include "engine/data/dataset.h"
#include "engine/nn/network.h"

namespace pair_attention {

struct PairAttention {
    std::string layer;                // the attention layer, e.g. "encoder2.attention" (block encoder2)
    std::vector<std::string> tokens;  // the pair's valid tokens, on both axes
    dl::Tensor weights;               // [heads, tokens, tokens]: row q is query q's weights over the keys
    bool empty() const { return tokens.empty(); }
    int64_t heads() const { return weights.dim() == 3 ? weights.size(0) : 0; }
};

// Runs the pair through `net` in evaluation mode with a probe on the last layer that publishes attention.
// Empty when the data is not a BERT sentence-pair set or the network has no attention layer.
PairAttention of_first_pair(dl::Network& net, const dl::DataSplit& data);

}  // namespace pair_attention
