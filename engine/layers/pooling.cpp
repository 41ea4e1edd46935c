#include "engine/layers/pooling.h"

#include "engine/core/error.h"
#include "engine/layers/window_attributes.h"
#include "engine/ops/pool.h"

namespace dl {

std::vector<AttrSpec> MaxPool2d::attribute_specs() {
    return window_attribute_specs(2, {}, "pooling window");
}

MaxPool2d::MaxPool2d(Attributes attrs) : Layer(std::move(attrs)), window_(window_from_attributes(attrs_, true)) {}

Shape MaxPool2d::output_shape(const std::vector<Shape>& inputs) const {
    return pool2d_output_shape(single_input(inputs, "MaxPool2d"), window_, "MaxPool2d");
}

Var MaxPool2d::forward(const std::vector<Var>& inputs, ForwardContext&) {
    return max_pool2d(inputs[0], window_);
}

int64_t MaxPool2d::flops(const std::vector<Shape>&, const Shape& output) const {
    return numel(output) * window_.kernel_h * window_.kernel_w;  // one comparison per window element
}

std::vector<AttrSpec> AvgPool2d::attribute_specs() {
    std::vector<AttrSpec> specs = window_attribute_specs(2, {}, "pooling window");
    specs.push_back({"count_include_pad",
                     AttrSpec::Kind::Bool,
                     true,
                     0,
                     0,
                     {},
                     "Divide by the whole window size even where it overlaps the padding (PyTorch's default)."});
    return specs;
}

AvgPool2d::AvgPool2d(Attributes attrs)
    : Layer(std::move(attrs)),
      window_(window_from_attributes(attrs_, true)),
      count_include_pad_(attrs_.get_bool("count_include_pad")) {}

Shape AvgPool2d::output_shape(const std::vector<Shape>& inputs) const {
    return pool2d_output_shape(single_input(inputs, "AvgPool2d"), window_, "AvgPool2d");
}

Var AvgPool2d::forward(const std::vector<Var>& inputs, ForwardContext&) {
    return avg_pool2d(inputs[0], window_, count_include_pad_);
}

Var AvgPool2d::forward_after_sigmoid(const Var& x) const {
    return sigmoid_avg_pool2d(x, window_, count_include_pad_);
}

int64_t AvgPool2d::flops(const std::vector<Shape>&, const Shape& output) const {
    return numel(output) * window_.kernel_h * window_.kernel_w;  // one addition per window element
}

Shape GlobalAvgPool2d::output_shape(const std::vector<Shape>& inputs) const {
    const Shape& in = single_input(inputs, "GlobalAvgPool2d");
    check_image_shape(in, false, "GlobalAvgPool2d");
    return {in[0], 1, 1};
}

Var GlobalAvgPool2d::forward(const std::vector<Var>& inputs, ForwardContext&) {
    return global_avg_pool2d(inputs[0]);
}

int64_t GlobalAvgPool2d::flops(const std::vector<Shape>& inputs, const Shape&) const {
    return numel(inputs[0]);
}

}  // namespace dl
