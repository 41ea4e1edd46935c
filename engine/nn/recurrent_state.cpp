#include "engine/nn/recurrent_state.h"

namespace dl {

const std::vector<Tensor>* RecurrentState::find(const Layer* layer) const {
    auto it = states_.find(layer);
    return it == states_.end() ? nullptr : &it->second;
}

void RecurrentState::store(const Layer* layer, std::vector<Tensor> state) {
    states_[layer] = std::move(state);
}

}  // namespace dl
