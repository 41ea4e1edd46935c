#include "engine/layers/conv2d.h"

#include "engine/layers/pooling.h"
#include "engine/layers/window_attributes.h"
#include "engine/ops/conv_sigmoid_pool.h"

namespace dl {

std::vector<AttrSpec> Conv2d::attribute_specs() {
    using K = AttrSpec::Kind;
    std::vector<AttrSpec> specs{
        {"out_channels", K::Int, int64_t{16}, 1, 1 << 16, {}, "Number of filters, i.e. channels of the output."}};
    for (AttrSpec& s : window_attribute_specs(3, {1}, "kernel")) specs.push_back(std::move(s));
    specs.push_back({"groups",
                     K::Int,
                     int64_t{1},
                     1,
                     1 << 16,
                     {},
                     "Split the channels into this many groups that do not see each other (1 = every filter sees "
                     "every channel)."});
    specs.push_back({"bias", K::Bool, true, 0, 0, {}, "Add a learned offset to every output channel."});
    for (AttrSpec& s : init_attribute_specs("filters")) specs.push_back(std::move(s));
    return specs;
}

Conv2d::Conv2d(Attributes attrs) : Layer(std::move(attrs)) {
    out_channels_ = attrs_.get_int("out_channels");
    window_ = window_from_attributes(attrs_, false);
    groups_ = attrs_.get_int("groups");
    has_bias_ = attrs_.get_bool("bias");
    init_ = init_from_attributes(attrs_);
}

Conv2dParams Conv2d::params() const {
    return {window_.stride_h, window_.stride_w, window_.pad_h, window_.pad_w, groups_};
}

Shape Conv2d::output_shape(const std::vector<Shape>& inputs) const {
    return conv2d_output_shape(single_input(inputs, "Conv2d"), out_channels_, window_.kernel_h, window_.kernel_w,
                               params());
}

std::vector<ParamShape> Conv2d::parameter_shapes(const std::vector<Shape>& inputs) const {
    const int64_t in_channels = single_input(inputs, "Conv2d")[0];
    std::vector<ParamShape> shapes{
        {"weight", {out_channels_, in_channels / groups_, window_.kernel_h, window_.kernel_w}}};
    if (has_bias_) shapes.push_back({"bias", {out_channels_}});
    return shapes;
}

void Conv2d::build(const std::vector<Shape>& inputs) {
    in_channels_ = inputs[0][0];
    weight_ = Var(Tensor::zeros({out_channels_, in_channels_ / groups_, window_.kernel_h, window_.kernel_w}), true);
    if (has_bias_) bias_ = Var(Tensor::zeros({out_channels_}), true);
}

void Conv2d::reset_parameters(Rng& rng) {
    // PyTorch's fans for a conv weight [O, C/groups, KH, KW]: size(1)·KH·KW in, size(0)·KH·KW out.
    const int64_t area = window_.kernel_h * window_.kernel_w;
    const int64_t fan_in = in_channels_ / groups_ * area, fan_out = out_channels_ * area;
    initialize(weight_.value(), init_, fan_in, fan_out, rng);
    if (!has_bias_) return;
    if (init_.kind == "torch_default") {
        InitSpec b{"torch_default"};
        initialize(bias_.value(), b, fan_in, fan_out, rng);
    } else {
        bias_.value().fill(0.0f);
    }
}

Var Conv2d::forward(const std::vector<Var>& inputs, ForwardContext&) {
    return conv2d(inputs[0], weight_, bias_, params());
}

Var Conv2d::forward_sigmoid_pool(const Var& x, const AvgPool2d& pool) const {
    return conv2d_sigmoid_avg_pool2d(x, weight_, bias_, params(), pool.window(), pool.count_include_pad());
}

std::vector<std::pair<std::string, Var*>> Conv2d::parameters() {
    std::vector<std::pair<std::string, Var*>> p{{"weight", &weight_}};
    if (has_bias_) p.push_back({"bias", &bias_});
    return p;
}

int64_t Conv2d::flops(const std::vector<Shape>& inputs, const Shape& output) const {
    const int64_t k = inputs[0][0] / groups_ * window_.kernel_h * window_.kernel_w;  // multiply-adds per output
    return 2 * k * numel(output);
}

}  // namespace dl
