#include "engine/layers/nadaraya_watson.h"

#include <cmath>
#include <limits>

#include "engine/core/error.h"
#include "engine/nn/probe_sink.h"
#include "engine/ops/arithmetic.h"
#include "engine/ops/matmul.h"
#include "engine/ops/softmax.h"

namespace dl {

std::vector<AttrSpec> NadarayaWatson::attribute_specs() {
    using K = AttrSpec::Kind;
    return {{"learnable_width",
             K::Bool,
             true,
             0,
             0,
             {},
             "Learn the kernel's width w (D2L 10.2.4); off: the fixed Gaussian kernel of 10.2.3 (w = 1)."},
            {"num_keys",
             K::Int,
             int64_t{0},
             0,
             1 << 20,
             {},
             "Number of training points it keeps as keys and values; 0: all of the data set's training set."}};
}

NadarayaWatson::NadarayaWatson(Attributes attrs) : Layer(std::move(attrs)) {
    learnable_ = attrs_.get_bool("learnable_width");
    num_keys_ = attrs_.get_int("num_keys");
}

Shape NadarayaWatson::output_shape(const std::vector<Shape>& inputs) const {
    const Shape& in = single_input(inputs, "NadarayaWatson");
    if (in != Shape{1})
        throw ShapeError("NadarayaWatson takes one number per example (a query x, shape [1]), got " + to_string(in));
    return {1};
}

std::vector<ParamShape> NadarayaWatson::parameter_shapes(const std::vector<Shape>&) const {
    if (!learnable_) return {};
    return {{"w", {1}}};
}

void NadarayaWatson::build(const std::vector<Shape>&) {
    if (learnable_) w_ = Var(Tensor::zeros({1}), true);
    keys_ = Tensor::zeros({num_keys_});
    values_ = Tensor::zeros({num_keys_});
}

void NadarayaWatson::reset_parameters(Rng& rng) {
    // The keys and values are data, not weights: only w starts afresh.
    if (learnable_) w_.value()[0] = static_cast<float>(rng.uniform());
}

void NadarayaWatson::set_training_points(const Tensor& keys, const Tensor& values) {
    if (keys.numel() != num_keys_ || values.numel() != num_keys_)
        throw InputError("NadarayaWatson keeps " + std::to_string(num_keys_) + " training points, got " +
                         std::to_string(keys.numel()) + " keys and " + std::to_string(values.numel()) + " values");
    keys_.copy_from(keys.reshape({num_keys_}));
    values_.copy_from(values.reshape({num_keys_}));
}

namespace {
// −inf where key i equals query b: a training query is not compared with itself (see the header).
Tensor own_key_mask(const Tensor& queries, const Tensor& keys) {
    const int64_t B = queries.numel(), K = keys.numel();
    Tensor mask = Tensor::zeros({B, K});
    for (int64_t b = 0; b < B; ++b)
        for (int64_t i = 0; i < K; ++i)
            if (keys[i] == queries[b]) mask[b * K + i] = -std::numeric_limits<float>::infinity();
    return mask;
}
}  // namespace

Var NadarayaWatson::forward(const std::vector<Var>& inputs, ForwardContext& ctx) {
    const int64_t K = num_keys_;
    if (K == 0)
        throw InputError(
            "NadarayaWatson has no training points to attend to: set num_keys to 0 and train it on a regression "
            "data set with one feature (e.g. nadaraya-watson), which fills its keys and values");
    const Var& q = inputs[0];                       // [B, 1]
    Var diff = sub(q, Var(keys_.reshape({1, K})));  // [B, K]
    if (learnable_) diff = mul(diff, w_);
    Var scores = mul_scalar(mul(diff, diff), -0.5f);
    if (ctx.training && K > 1) scores = add(scores, Var(own_key_mask(q.value(), keys_)));
    Var weights = softmax(scores, -1);
    if (ctx.probes) {
        const int64_t B = q.shape()[0];
        if (ctx.probes->wants("scores")) ctx.probes->publish("scores", scores.value().reshape({B, 1, 1, K}));
        if (ctx.probes->wants("attention")) ctx.probes->publish("attention", weights.value().reshape({B, 1, 1, K}));
    }
    return matmul(weights, Var(values_.reshape({K, 1})));
}

std::vector<std::pair<std::string, Var*>> NadarayaWatson::parameters() {
    if (!learnable_) return {};
    return {{"w", &w_}};
}

std::vector<std::pair<std::string, Tensor*>> NadarayaWatson::buffers() {
    return {{"keys", &keys_}, {"values", &values_}};
}

int64_t NadarayaWatson::flops(const std::vector<Shape>&, const Shape&) const {
    return 8 * num_keys_;  // scores, softmax and the weighted sum, a few operations per key
}

}  // namespace dl
