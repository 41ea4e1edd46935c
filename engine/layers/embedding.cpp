#include "engine/layers/embedding.h"

#include "engine/core/error.h"
#include "engine/ops/embedding.h"

namespace dl {

std::vector<AttrSpec> Embedding::attribute_specs() {
    using K = AttrSpec::Kind;
    return {
        {"vocab_size",
         K::Int,
         int64_t{0},
         0,
         1 << 24,
         {},
         "Number of different tokens; 0 takes the data set's vocabulary."},
        {"embedding_dim", K::Int, int64_t{32}, 1, 1 << 16, {}, "Length of the vector learned for each token."},
    };
}

Embedding::Embedding(Attributes attrs) : Layer(std::move(attrs)) {
    vocab_ = attrs_.get_int("vocab_size");
    dim_ = attrs_.get_int("embedding_dim");
}

Shape Embedding::output_shape(const std::vector<Shape>& inputs) const {
    const Shape& in = single_input(inputs, "Embedding");
    if (vocab_ < 1)
        throw ShapeError(
            "Embedding: vocab_size is 0 (the data set's vocabulary), but no text data set gave one; "
            "choose a text data set or set vocab_size");
    if (in.size() != 1)
        throw ShapeError("Embedding expects a sequence of token ids [T] per example, got " + to_string(in));
    return {in[0], dim_};
}

std::vector<ParamShape> Embedding::parameter_shapes(const std::vector<Shape>&) const {
    return {{"weight", {vocab_, dim_}}};
}

void Embedding::build(const std::vector<Shape>&) {
    weight_ = Var(Tensor::zeros({vocab_, dim_}), true);
}

void Embedding::reset_parameters(Rng& rng) {
    Tensor& w = weight_.value();
    for (int64_t i = 0; i < w.numel(); ++i) w[i] = static_cast<float>(rng.normal());
}

Var Embedding::forward(const std::vector<Var>& inputs, ForwardContext&) {
    return embedding(inputs[0].value(), weight_);
}

}  // namespace dl
