#include "engine/ops/conv.h"

#include <algorithm>
#include <functional>
#include <memory>

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/ops/conv_backward.h"
#include "engine/ops/conv_batch.h"
#include "engine/ops/conv_passes.h"
#include "engine/ops/op_util.h"
#include "engine/ops/winograd.h"

namespace dl {

using detail::ConvPlan;
using detail::input;
using detail::Scratch;

Shape conv2d_output_shape(const Shape& input, int64_t out_channels, int64_t kernel_h, int64_t kernel_w,
                          const Conv2dParams& p) {
    check_image_shape(input, false, "Conv2d");
    const int64_t c = input[0];
    if (p.groups < 1 || c % p.groups != 0 || out_channels % p.groups != 0)
        throw ShapeError(detail::channels_text(c) + " in and " + detail::channels_text(out_channels) +
                         " out cannot be split into " + std::to_string(p.groups) + " equal groups");
    const Window2d window{kernel_h, kernel_w, p.stride_h, p.stride_w, p.pad_h, p.pad_w};
    const auto [oh, ow] = window_output_size(input[1], input[2], window, "kernel");
    return {out_channels, oh, ow};
}

Var conv2d(const Var& x, const Var& weight, const Var& bias, const Conv2dParams& params) {
    const ConvPlan plan = detail::plan_conv2d(x.shape(), weight.shape(), params);
    if (bias.defined()) detail::check_bias_shape(plan, bias.shape());
    if (detail::winograd_fits(plan)) return detail::winograd_conv2d(x, weight, bias, plan);
    Tensor y = Tensor::empty({plan.batch, plan.out_channels(), plan.image.out_h, plan.image.out_w});
    const float* xd = x.value().data();
    const float* wd = weight.value().data();
    const float* bd = bias.defined() ? bias.value().data() : nullptr;
    float* yd = y.data();
    auto im2col = std::make_shared<const detail::Im2col>(plan.image);  // shared with backward
    Scratch packed(plan.groups * detail::weight_stride(plan));         // the weight regrouped for the forward kernels
    const float* packed_weight = detail::pack_weight(plan, wd, packed);
    detail::split_batch(plan.batch, [&](int64_t first, int64_t last, bool threaded) {
        detail::ForwardPass pass(plan, *im2col, packed_weight);
        if (plan.batched)
            for (int64_t n = first; n < last; n += plan.chunk)
                pass.run_chunk(xd + n * plan.in_size, wd, bd, yd + n * plan.out_size, std::min(plan.chunk, last - n),
                               threaded);
        else
            for (int64_t n = first; n < last; ++n)
                pass.run(xd + n * plan.in_size, wd, bd, yd + n * plan.out_size, threaded);
    });
    std::vector<Var> inputs{x, weight};
    if (bias.defined()) inputs.push_back(bias);
    return Var::make(y, std::move(inputs), "conv2d",
                     [plan, im2col](GradNode& self) { detail::conv2d_backward(plan, *im2col, self); });
}

}  // namespace dl
