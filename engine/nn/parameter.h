#pragma once
// A trainable tensor with its name in the model ("fc1.weight"): a leaf Var that requires grad.
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

}  // namespace dl
