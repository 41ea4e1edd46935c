#include "engine/nn/layer.h"

#include "engine/core/error.h"

namespace dl {

const Shape& single_input(const std::vector<Shape>& inputs, const std::string& type) {
    if (inputs.size() != 1)
        throw ShapeError(type + " takes exactly one input, but " + std::to_string(inputs.size()) + " are connected");
    return inputs[0];
}

}  // namespace dl
