#include "engine/ops/conv_sigmoid_pool.h"

#include <memory>
#include <vector>

#include "engine/core/vector_math.h"
#include "engine/ops/conv_backward.h"
#include "engine/ops/conv_batch.h"
#include "engine/ops/conv_passes.h"
#include "engine/ops/pool.h"
#include "engine/ops/pool_planes.h"
#include "engine/ops/winograd.h"

namespace dl {

namespace {
using detail::AvgPoolPlanes;
using detail::ConvPlan;
using detail::PoolShape;

// act = sigmoid(conv(x) + bias) and its pooling, one example at a time through one example's buffer.
void forward_examples(const ConvPlan& plan, const detail::Im2col& im2col, const float* packed_weight,
                      const PoolShape& s, bool include_pad, const float* x, const float* w, const float* bias,
                      float* act, float* pooled) {
    const int64_t channels = plan.out_channels();
    detail::split_batch(plan.batch, [&](int64_t first, int64_t last, bool threaded) {
        detail::ForwardPass pass(plan, im2col, packed_weight);
        AvgPoolPlanes pool(s, include_pad);
        std::vector<float> y(static_cast<size_t>(plan.out_size));
        for (int64_t n = first; n < last; ++n) {
            pass.run(x + n * plan.in_size, w, bias, y.data(), threaded);
            for (int64_t c = 0; c < channels; ++c) {
                const int64_t plane = n * channels + c;
                float* a = act + plane * s.in_plane();
                sigmoid_array(y.data() + c * s.in_plane(), a, s.in_plane());
                pool.forward(a, pooled + plane * s.out_plane());
            }
        }
    });
}
}  // namespace

Var conv2d_sigmoid_avg_pool2d(const Var& x, const Var& weight, const Var& bias, const Conv2dParams& params,
                              const Window2d& pool, bool count_include_pad) {
    const ConvPlan plan = detail::plan_conv2d(x.shape(), weight.shape(), params);
    if (detail::winograd_fits(plan) || plan.batched)
        return sigmoid_avg_pool2d(conv2d(x, weight, bias, params), pool, count_include_pad);
    if (bias.defined()) detail::check_bias_shape(plan, bias.shape());
    const PoolShape s = detail::make_pool_shape({plan.batch, plan.out_channels(), plan.image.out_h, plan.image.out_w},
                                                pool, "avg_pool2d");
    Tensor act = Tensor::empty({plan.batch, plan.out_channels(), s.h, s.w});  // backward's sigmoid derivative
    Tensor pooled = Tensor::empty({plan.batch, plan.out_channels(), s.oh, s.ow});
    auto im2col = std::make_shared<const detail::Im2col>(plan.image);
    detail::Scratch packed(plan.groups * detail::weight_stride(plan));
    forward_examples(plan, *im2col, detail::pack_weight(plan, weight.value().data(), packed), s, count_include_pad,
                     x.value().data(), weight.value().data(), bias.defined() ? bias.value().data() : nullptr,
                     act.data(), pooled.data());
    std::vector<Var> inputs{x, weight};
    if (bias.defined()) inputs.push_back(bias);
    return Var::make(pooled, std::move(inputs), "conv2d_sigmoid_avg_pool2d",
                     [plan, im2col, s, count_include_pad, act](GradNode& self) {
                         const float* gy = self.grad.data();
                         const int64_t channels = plan.out_channels();
                         // dY of a slice's examples: the pooling's gradient through the sigmoid's derivative.
                         const detail::SliceGradient fill = [&](int64_t n0, int64_t n1, float* dy) {
                             AvgPoolPlanes planes(s, count_include_pad);
                             for (int64_t p = n0 * channels; p < n1 * channels; ++p, dy += s.in_plane())
                                 planes.sigmoid_backward(gy + p * s.out_plane(), act.data() + p * s.in_plane(), dy,
                                                         true);
                         };
                         detail::conv2d_backward(plan, *im2col, self, &fill);
                     });
}

}  // namespace dl
