#include "engine/layers/cls_pooling.h"

#include "engine/core/error.h"
#include "engine/ops/shape_ops.h"

namespace dl {

Shape ClsPooling::output_shape(const std::vector<Shape>& inputs) const {
    const Shape& seq = single_input(inputs, "ClsPooling");
    if (seq.size() != 2 || seq[0] < 1)
        throw ShapeError("ClsPooling expects a sequence [T, H] whose position 0 is <cls>, got " + to_string(seq));
    return {seq[1]};
}

Var ClsPooling::forward(const std::vector<Var>& inputs, ForwardContext&) {
    const Var& x = inputs.at(0);  // [B, T, H]
    return reshape(narrow(x, 1, 0, 1), {x.shape()[0], x.shape()[2]});
}

}  // namespace dl
