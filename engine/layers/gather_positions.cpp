#include "engine/layers/gather_positions.h"

#include "engine/core/error.h"
#include "engine/ops/gather_positions.h"

namespace dl {

Shape GatherPositions::output_shape(const std::vector<Shape>& inputs) const {
    if (inputs.size() != 2)
        throw ShapeError("GatherPositions takes the encoded sequence and the positions to predict, but " +
                         std::to_string(inputs.size()) + (inputs.size() == 1 ? " input is" : " inputs are") +
                         " connected");
    const Shape &seq = inputs[0], &positions = inputs[1];
    if (seq.size() != 2)
        throw ShapeError("GatherPositions: the first input must be a sequence [T, H], got " + to_string(seq));
    if (positions.size() != 1)
        throw ShapeError(
            "GatherPositions: the second input must be a list of positions [P] (the network input "
            "\"positions\"), got " +
            to_string(positions));
    return {positions[0], seq[1]};
}

Var GatherPositions::forward(const std::vector<Var>& inputs, ForwardContext&) {
    return gather_positions(inputs.at(0), inputs.at(1).value());
}

}  // namespace dl
