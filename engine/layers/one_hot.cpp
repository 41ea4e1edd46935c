#include "engine/layers/one_hot.h"

#include "engine/core/error.h"
#include "engine/ops/embedding.h"

namespace dl {

std::vector<AttrSpec> OneHot::attribute_specs() {
    return {{"vocab_size",
             AttrSpec::Kind::Int,
             int64_t{0},
             0,
             1 << 20,
             {},
             "Number of different tokens (the vector length); 0 takes the data set's vocabulary."}};
}

OneHot::OneHot(Attributes attrs) : Layer(std::move(attrs)) {
    vocab_ = attrs_.get_int("vocab_size");
}

Shape OneHot::output_shape(const std::vector<Shape>& inputs) const {
    const Shape& in = single_input(inputs, "OneHot");
    if (vocab_ < 1)
        throw ShapeError(
            "OneHot: vocab_size is 0 (the data set's vocabulary), but no text data set gave one; "
            "choose a text data set or set vocab_size");
    if (in.size() != 1)
        throw ShapeError("OneHot expects a sequence of token ids [T] per example, got " + to_string(in));
    return {in[0], vocab_};
}

Var OneHot::forward(const std::vector<Var>& inputs, ForwardContext&) {
    return Var(one_hot(inputs[0].value(), vocab_));
}

}  // namespace dl
