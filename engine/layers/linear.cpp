#include "engine/layers/linear.h"

#include "engine/core/error.h"
#include "engine/ops/linear_activation.h"
#include "engine/ops/matmul.h"

namespace dl {

std::vector<AttrSpec> Linear::attribute_specs() {
    using K = AttrSpec::Kind;
    std::vector<AttrSpec> specs{
        {"out_features", K::Int, int64_t{10}, 1, 1 << 24, {}, "Number of outputs (neurons) of this layer."},
        {"bias", K::Bool, true, 0, 0, {}, "Add a learned offset b to every output."},
        {"vocabulary_out",
         K::Bool,
         false,
         0,
         0,
         {},
         "One score per token of the data set's vocabulary (a translation's target vocabulary): out_features is "
         "set from the data set."},
    };
    for (AttrSpec& s : init_attribute_specs("weights")) specs.push_back(std::move(s));
    return specs;
}

Linear::Linear(Attributes attrs) : Layer(std::move(attrs)) {
    out_ = attrs_.get_int("out_features");
    has_bias_ = attrs_.get_bool("bias");
    init_ = init_from_attributes(attrs_);
}

Shape Linear::output_shape(const std::vector<Shape>& inputs) const {
    const Shape& in = single_input(inputs, "Linear");
    if (in.empty()) throw ShapeError("Linear needs at least one feature axis, got a scalar input");
    Shape out = in;
    out.back() = out_;
    return out;
}

std::vector<ParamShape> Linear::parameter_shapes(const std::vector<Shape>& inputs) const {
    const int64_t in = single_input(inputs, "Linear").back();
    std::vector<ParamShape> shapes{{"weight", {out_, in}}};
    if (has_bias_) shapes.push_back({"bias", {out_}});
    return shapes;
}

void Linear::build(const std::vector<Shape>& inputs) {
    in_ = inputs[0].back();
    weight_ = Var(Tensor::zeros({out_, in_}), true);
    if (has_bias_) bias_ = Var(Tensor::zeros({out_}), true);
}

void Linear::reset_parameters(Rng& rng) {
    initialize(weight_.value(), init_, in_, out_, rng);
    if (!has_bias_) return;
    if (init_.kind == "torch_default") {
        InitSpec b{"torch_default"};
        initialize(bias_.value(), b, in_, out_, rng);
    } else {
        bias_.value().fill(0.0f);
    }
}

Var Linear::forward(const std::vector<Var>& inputs, ForwardContext&) {
    return linear(inputs[0], weight_, bias_);
}

Var Linear::forward_fused(const Var& x, const std::string& activation) const {
    return linear_activation(x, weight_, bias_,
                             activation == "Sigmoid" ? LinearActivation::Sigmoid : LinearActivation::ReLU);
}

std::vector<std::pair<std::string, Var*>> Linear::parameters() {
    std::vector<std::pair<std::string, Var*>> p{{"weight", &weight_}};
    if (has_bias_) p.push_back({"bias", &bias_});
    return p;
}

int64_t Linear::flops(const std::vector<Shape>& inputs, const Shape& output) const {
    return 2 * inputs[0].back() * numel(output);
}

}  // namespace dl
