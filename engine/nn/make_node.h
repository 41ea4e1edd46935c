#pragma once
// make_node: a node with no attributes yet, as code that builds networks (D2L's blocks, the attention
// catalog, the book's ablations) writes one.
#include <string>
#include <utility>
#include <vector>

#include "engine/nn/network_spec.h"

namespace dl {

inline NodeSpec make_node(std::string id, std::string type, std::vector<std::string> inputs = {}) {
    return NodeSpec{std::move(id), std::move(type), {}, std::move(inputs)};
}

}  // namespace dl
