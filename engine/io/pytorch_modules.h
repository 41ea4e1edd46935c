#pragma once
// One DiveLab layer as PyTorch code: the module model.py builds in __init__ and, for layers without
// parameters that read better inline (Add, Concat, OneHot, SequenceOutput, GatherPositions, ClsPooling), the
// forward expression.
// Used by pytorch_export.cpp's model writer.
#include <string>
#include <vector>

#include "engine/nn/layer.h"
#include "engine/nn/network.h"

namespace dl {

// A node as the writer sees it: its id, layer, and the shapes analysis found (per example).
struct PytorchNode {
    const std::string& id;
    Layer& layer;
    const NodeReport& report;
};

// The constructor expression ("nn.Conv2d(1, 6, kernel_size=5, padding=2)"); empty for a layer written inline.
// `block_class` is the class written for a block's inside (ignored for other layers). Throws InputError naming
// node and type for a layer with no PyTorch form.
std::string pytorch_module(const PytorchNode& node, const std::string& block_class);

// The forward expression of an inline layer from its input expressions ("a + b", "x[:, -1]").
std::string pytorch_inline(const PytorchNode& node, const std::vector<std::string>& inputs);

// Whether the layer is one of PyTorch's recurrent modules (nn.RNN/GRU/LSTM: they return (output, state)).
bool pytorch_recurrent(const Layer& layer);

}  // namespace dl
