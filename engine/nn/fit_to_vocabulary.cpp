#include "engine/nn/fit_to_vocabulary.h"

namespace dl {

void fit_to_vocabulary(NetworkSpec& spec, int64_t vocab_size) {
    for (NodeSpec& node : spec.nodes) {
        if (node.type != "Embedding" && node.type != "OneHot") continue;
        if (!node.attrs.has("vocab_size") || node.attrs.get_int("vocab_size") == 0)
            node.attrs.set("vocab_size", vocab_size);
    }
}

}  // namespace dl
