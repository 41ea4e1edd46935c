#pragma once
// A trainable tensor with its name in the model ("fc1.weight"): a leaf Var that requires grad;
// and a buffer, state the model keeps but does not train.
#include <string>
#include <vector>

#include "engine/autograd/variable.h"

namespace dl {

struct Param {
    std::string name;   // "<node id>.<param>", the key in model files and PyTorch export
    Var var;            // var.value(): the weights; var.grad(): accumulated gradient (may be undefined)
    bool decay = true;  // weight decay applies (false for biases and norm scales by convention)
};

using ParamList = std::vector<Param>;

// Non-trainable state saved with the model (BatchNorm's running statistics), like PyTorch's buffers.
struct Buffer {
    std::string name;  // "<node id>.<buffer>", e.g. "bn1.running_mean"
    Tensor value;      // shares storage with the layer's tensor: writing here changes the layer
};

using BufferList = std::vector<Buffer>;

}  // namespace dl
