#include "engine/layers/append_context.h"

#include "engine/core/error.h"
#include "engine/ops/append_context.h"
#include "engine/ops/shape_ops.h"

namespace dl {

Shape AppendContext::output_shape(const std::vector<Shape>& inputs) const {
    if (inputs.size() != 2)
        throw ShapeError("AppendContext takes a sequence and a context, but " + std::to_string(inputs.size()) +
                         (inputs.size() == 1 ? " input is" : " inputs are") + " connected");
    const Shape &seq = inputs[0], &context = inputs[1];
    if (seq.size() != 2)
        throw ShapeError("AppendContext: the first input must be a sequence [T, features], got " + to_string(seq));
    if (context.empty() || context.size() > 2)
        throw ShapeError(
            "AppendContext: the context (second input) must be a vector [H] or a stack of states "
            "[layers, H] (e.g. a GRU's \"state\" output), got " +
            to_string(context));
    return {seq[0], seq[1] + context.back()};
}

Var AppendContext::forward(const std::vector<Var>& inputs, ForwardContext&) {
    Var context = inputs[1];
    if (context.shape().size() == 3) {  // [B, L, H]: the top layer's state, D2L's state[-1]
        const int64_t B = context.shape()[0], L = context.shape()[1], H = context.shape()[2];
        context = reshape(narrow(context, 1, L - 1, 1), {B, H});
    }
    return append_context(inputs[0], context);
}

}  // namespace dl
