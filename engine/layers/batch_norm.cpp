#include "engine/layers/batch_norm.h"

#include "engine/core/error.h"
#include "engine/ops/norm.h"

namespace dl {

std::vector<AttrSpec> BatchNorm::attribute_specs() {
    using K = AttrSpec::Kind;
    return {
        {"momentum",
         K::Float,
         0.1,
         0.0,
         1.0,
         {},
         "How far the running statistics move towards each batch's: running = (1 − momentum)·running + "
         "momentum·batch."},
        {"eps",
         K::Float,
         1e-5,
         1e-12,
         1.0,
         {},
         "Added to the variance before the square root, so it never divides by 0."},
    };
}

BatchNorm::BatchNorm(Attributes attrs)
    : Layer(std::move(attrs)),
      momentum_(static_cast<float>(attrs_.get_float("momentum"))),
      eps_(static_cast<float>(attrs_.get_float("eps"))) {}

Shape BatchNorm::output_shape(const std::vector<Shape>& inputs) const {
    const Shape& in = single_input(inputs, "BatchNorm");
    if (in.empty()) throw ShapeError("BatchNorm needs at least a channel axis, got a scalar input");
    return in;
}

std::vector<ParamShape> BatchNorm::parameter_shapes(const std::vector<Shape>& inputs) const {
    const int64_t channels = single_input(inputs, "BatchNorm")[0];
    return {{"weight", {channels}}, {"bias", {channels}}};
}

void BatchNorm::build(const std::vector<Shape>& inputs) {
    const int64_t channels = inputs[0][0];
    weight_ = Var(Tensor::ones({channels}), true);
    bias_ = Var(Tensor::zeros({channels}), true);
    running_mean_ = Tensor::zeros({channels});
    running_var_ = Tensor::ones({channels});
}

void BatchNorm::reset_parameters(Rng&) {
    weight_.value().fill(1.0f);
    bias_.value().fill(0.0f);
    running_mean_.fill(0.0f);
    running_var_.fill(1.0f);
}

Var BatchNorm::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    return batch_norm(inputs[0], weight_, bias_, running_mean_, running_var_, ctx.training, momentum_, eps_);
}

Var BatchNorm::forward_fused(const Var& x, const std::string& activation, ForwardContext& ctx) {
    if (activation == "Sigmoid")
        return batch_norm_sigmoid(x, weight_, bias_, running_mean_, running_var_, ctx.training, momentum_, eps_);
    return batch_norm_relu(x, weight_, bias_, running_mean_, running_var_, ctx.training, momentum_, eps_);
}

Var BatchNorm::forward_sigmoid_pool(const Var& x, const AvgPool2d& pool, ForwardContext& ctx) {
    return batch_norm_sigmoid_avg_pool2d(x, weight_, bias_, running_mean_, running_var_, ctx.training, momentum_, eps_,
                                         pool.window(), pool.count_include_pad());
}

std::vector<std::pair<std::string, Var*>> BatchNorm::parameters() {
    return {{"weight", &weight_}, {"bias", &bias_}};
}

std::vector<std::pair<std::string, Tensor*>> BatchNorm::buffers() {
    return {{"running_mean", &running_mean_}, {"running_var", &running_var_}};
}

int64_t BatchNorm::flops(const std::vector<Shape>&, const Shape& output) const {
    return 2 * numel(output);  // in evaluation the statistics fold into one multiply-add per value
}

}  // namespace dl
