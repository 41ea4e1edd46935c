#include "engine/layers/sequence_output.h"

#include "engine/core/error.h"
#include "engine/ops/index.h"
#include "engine/ops/shape_ops.h"

namespace dl {

std::vector<AttrSpec> SequenceOutput::attribute_specs() {
    return {{"steps",
             AttrSpec::Kind::Choice,
             std::string("last"),
             0,
             0,
             {"last", "all"},
             "'last' keeps only the last time step's output; 'all' keeps every step (a language model)."}};
}

SequenceOutput::SequenceOutput(Attributes attrs) : Layer(std::move(attrs)) {
    last_ = attrs_.get_string("steps") == "last";
}

Shape SequenceOutput::output_shape(const std::vector<Shape>& inputs) const {
    const Shape& in = single_input(inputs, "SequenceOutput");
    if (in.size() != 2)
        throw ShapeError(
            "SequenceOutput expects a sequence of vectors [T, H] per example (a recurrent layer's "
            "output), got " +
            to_string(in));
    return last_ ? Shape{in[1]} : in;
}

Var SequenceOutput::forward(const std::vector<Var>& inputs, ForwardContext&) {
    if (!last_) return inputs[0];
    const Shape& s = inputs[0].shape();  // [B, T, H]
    const int64_t B = s[0], T = s[1], H = s[2];
    std::vector<int64_t> rows(static_cast<size_t>(B));
    for (int64_t b = 0; b < B; ++b) rows[static_cast<size_t>(b)] = b * T + T - 1;
    return index_select(reshape(inputs[0], {B * T, H}), rows);
}

}  // namespace dl
