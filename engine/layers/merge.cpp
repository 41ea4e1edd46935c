#include "engine/layers/merge.h"

#include "engine/core/error.h"
#include "engine/ops/arithmetic.h"
#include "engine/ops/shape_ops.h"

namespace dl {

Shape Add::output_shape(const std::vector<Shape>& inputs) const {
    if (inputs.size() < 2)
        throw ShapeError("Add needs at least two inputs, but " + std::to_string(inputs.size()) + " are connected");
    for (const Shape& s : inputs)
        if (s != inputs[0])
            throw ShapeError("Add needs inputs of the same shape, got " + to_string(inputs[0]) + " and " +
                             to_string(s) + " (use a 1×1 convolution or Linear on one branch to match them)");
    return inputs[0];
}

Var Add::forward(const std::vector<Var>& inputs, ForwardContext&) {
    Var sum = inputs[0];
    for (size_t i = 1; i < inputs.size(); ++i) sum = add(sum, inputs[i]);
    return sum;
}

std::vector<AttrSpec> Concat::attribute_specs() {
    return {{"axis",
             AttrSpec::Kind::Int,
             int64_t{0},
             -8,
             7,
             {},
             "Axis of the per-example shape to join along (0 = channels for images)."}};
}

Shape Concat::output_shape(const std::vector<Shape>& inputs) const {
    if (inputs.size() < 2)
        throw ShapeError("Concat needs at least two inputs, but " + std::to_string(inputs.size()) + " are connected");
    const int64_t r = static_cast<int64_t>(inputs[0].size());
    const int64_t axis = normalize_axis(attrs_.get_int("axis"), r, "Concat");
    Shape out = inputs[0];
    out[axis] = 0;
    for (const Shape& s : inputs) {
        bool ok = static_cast<int64_t>(s.size()) == r;
        for (int64_t i = 0; ok && i < r; ++i) ok = i == axis || s[i] == inputs[0][i];
        if (!ok)
            throw ShapeError("Concat along axis " + std::to_string(axis) +
                             " needs inputs that agree on every other axis, got " + to_string(inputs[0]) + " and " +
                             to_string(s));
        out[axis] += s[axis];
    }
    return out;
}

Var Concat::forward(const std::vector<Var>& inputs, ForwardContext&) {
    const int64_t r = inputs[0].value().dim() - 1;
    return concat(inputs, normalize_axis(attrs_.get_int("axis"), r, "Concat") + 1);  // +1 skips the batch axis
}

}  // namespace dl
