#pragma once
// Elementwise activation layers (D2L §5.1). Shape in = shape out; no parameters.
#include <functional>

#include "engine/nn/layer.h"

namespace dl {

class Activation : public Layer {
public:
    using Fn = std::function<Var(const Var&, const Attributes&)>;
    Activation(std::string type, Fn fn, Attributes attrs)
        : Layer(std::move(attrs)), type_(std::move(type)), fn_(std::move(fn)) {}
    std::string type() const override { return type_; }
    Shape output_shape(const std::vector<Shape>& inputs) const override { return single_input(inputs, type_); }
    Var forward(const std::vector<Var>& inputs, ForwardContext&) override { return fn_(inputs[0], attrs_); }

private:
    std::string type_;
    Fn fn_;
};

}  // namespace dl
