#pragma once
// RecurrentState: the hidden state a recurrent layer hands from one forward pass to the next.
// D2L §8.5: under sequential partitioning each batch row continues the text where the previous
// batch's row ended, so the state is carried over, detached (truncated BPTT: gradients stop at the
// batch boundary); under random sampling it starts from zeros every batch. Generation carries it
// from one token to the next. Stored as plain tensors (no graph), keyed by the layer object.
#include <unordered_map>
#include <vector>

#include "engine/core/tensor.h"

namespace dl {

class Layer;

class RecurrentState {
public:
    // The state `layer` stored last (e.g. {h} or {h, c} per layer and direction), or null when
    // there is none: then the layer starts from zeros.
    const std::vector<Tensor>* find(const Layer* layer) const;
    // Keeps `state` (tensors without graph; the caller must not change them afterwards).
    void store(const Layer* layer, std::vector<Tensor> state);
    void clear() { states_.clear(); }
    bool empty() const { return states_.empty(); }

private:
    std::unordered_map<const Layer*, std::vector<Tensor>> states_;
};

}  // namespace dl
