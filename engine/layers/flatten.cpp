#include "engine/layers/flatten.h"

#include "engine/ops/shape_ops.h"

namespace dl {

Shape Flatten::output_shape(const std::vector<Shape>& inputs) const {
    return {numel(single_input(inputs, "Flatten"))};
}

Var Flatten::forward(const std::vector<Var>& inputs, ForwardContext&) {
    return flatten(inputs[0], 1);
}

}  // namespace dl
