#include "engine/layers/positionwise_ffn.h"

#include "engine/core/error.h"
#include "engine/ops/activation.h"

namespace dl {

std::vector<AttrSpec> PositionwiseFFN::attribute_specs() {
    using K = AttrSpec::Kind;
    return {{"hidden", K::Int, int64_t{64}, 1, 1 << 20, {}, "Units of the inner layer (ffn_num_hiddens)."},
            {"outputs", K::Int, int64_t{32}, 1, 1 << 20, {}, "Features of each output position (ffn_num_outputs)."},
            {"activation",
             K::Choice,
             std::string("relu"),
             0,
             0,
             {"relu", "gelu"},
             "Nonlinearity between the two layers: ReLU (D2L's Transformer) or GELU (BERT, GPT)."}};
}

Shape PositionwiseFFN::output_shape(const std::vector<Shape>& inputs) const {
    const Shape& in = single_input(inputs, "PositionwiseFFN");
    if (in.empty()) throw ShapeError("PositionwiseFFN needs at least one feature axis, got a scalar input");
    Shape out = in;
    out.back() = attrs_.get_int("outputs");
    return out;
}

std::vector<ParamShape> PositionwiseFFN::parameter_shapes(const std::vector<Shape>& inputs) const {
    std::vector<ParamShape> shapes;
    dense1_.append_shapes(inputs.at(0).back(), attrs_.get_int("hidden"), shapes);
    dense2_.append_shapes(attrs_.get_int("hidden"), attrs_.get_int("outputs"), shapes);
    return shapes;
}

void PositionwiseFFN::build(const std::vector<Shape>& inputs) {
    dense1_.build(inputs.at(0).back(), attrs_.get_int("hidden"));
    dense2_.build(attrs_.get_int("hidden"), attrs_.get_int("outputs"));
}

void PositionwiseFFN::reset_parameters(Rng& rng) {
    dense1_.reset(rng);
    dense2_.reset(rng);
}

Var PositionwiseFFN::forward(const std::vector<Var>& inputs, ForwardContext&) {
    const Var h = dense1_.apply(inputs.at(0));
    return dense2_.apply(attrs_.get_string("activation") == "gelu" ? gelu(h) : relu(h));
}

std::vector<std::pair<std::string, Var*>> PositionwiseFFN::parameters() {
    std::vector<std::pair<std::string, Var*>> p;
    dense1_.append_parameters(p);
    dense2_.append_parameters(p);
    return p;
}

int64_t PositionwiseFFN::flops(const std::vector<Shape>& inputs, const Shape& output) const {
    const int64_t rows = numel(output) / output.back(), hidden = attrs_.get_int("hidden");
    return rows * (2 * inputs.at(0).back() * hidden + hidden + 2 * hidden * output.back());
}

}  // namespace dl
