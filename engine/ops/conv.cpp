#include "engine/ops/conv.h"

#include <algorithm>
#include <functional>
#include <memory>

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/ops/conv_batch.h"
#include "engine/ops/conv_passes.h"
#include "engine/ops/op_util.h"
#include "engine/ops/winograd.h"

namespace dl {

using detail::ConvPlan;
using detail::input;
using detail::Scratch;

namespace {
using detail::add_slices_into;
using detail::split_batch;
using detail::weight_grad_slices;

void add_weight_grad(const ConvPlan& plan, const float* slices, int64_t count, int64_t stride, GradNode& wn) {
    const int64_t og = plan.out_per_group, k = plan.k, size = plan.out_channels() * k;
    if (!plan.dw_transposed()) {
        add_slices_into(wn, slices, count, size, stride, [](int64_t j) { return j; });
        return;
    }
    add_slices_into(wn, slices, count, size, stride, [og, k](int64_t j) {  // group g's block is [K, O/G]
        const int64_t g = j / (og * k), r = j % (og * k);                  // and the weight is [O, K]
        return (g * og + r % og) * k + r / og;
    });
}

void conv2d_backward(const ConvPlan& plan, const detail::Im2col& im2col, GradNode& self) {
    if (plan.batch == 0) return;  // nothing flows back (and there are no slices to sum)
    GradNode& xn = input(self, 0);
    GradNode& wn = input(self, 1);
    GradNode* bn = self.inputs.size() > 2 && self.inputs[2]->requires_grad ? self.inputs[2].get() : nullptr;
    const int64_t slices = weight_grad_slices(plan.batch, plan.out_channels() * plan.k), o = plan.out_channels();
    detail::GradTargets t;
    t.dw_stride = Scratch::size_of(o * plan.k);
    t.db_stride = Scratch::size_of(o);
    Scratch dw_slices(wn.requires_grad ? slices * t.dw_stride : 0), db_slices(bn ? slices * t.db_stride : 0);
    if (xn.requires_grad) {
        t.dx_fresh = xn.begin_grad_write();
        t.dx = xn.grad.data();
    }
    if (wn.requires_grad) t.dw_slices = dw_slices.data();
    if (bn) t.db_slices = db_slices.data();
    Scratch flipped(xn.requires_grad ? plan.groups * detail::input_grad_weight_stride(plan) : 0);
    if (xn.requires_grad) t.flipped_weight = detail::pack_input_grad_weight(plan, wn.value.data(), flipped);
    split_batch(slices, [&](int64_t first, int64_t last, bool threaded) {
        detail::BackwardPass pass(plan, im2col, t);
        for (int64_t i = first; i < last; ++i)
            pass.run_slice(xn.value, wn.value, self.grad, i, plan.batch * i / slices, plan.batch * (i + 1) / slices,
                           threaded);
    });
    if (t.dw_slices) add_weight_grad(plan, t.dw_slices, slices, t.dw_stride, wn);
    if (t.db_slices) {
        add_slices_into(*bn, t.db_slices, slices, o, t.db_stride, [](int64_t j) { return j; });
    }
}
}  // namespace

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
    if (bias.defined() && bias.shape() != Shape{plan.out_channels()})
        throw ShapeError("conv2d: the bias must be [" + std::to_string(plan.out_channels()) + "], got " +
                         to_string(bias.shape()));
    if (detail::winograd_fits(plan)) return detail::winograd_conv2d(x, weight, bias, plan);
    Tensor y = Tensor::empty({plan.batch, plan.out_channels(), plan.image.out_h, plan.image.out_w});
    const float* xd = x.value().data();
    const float* wd = weight.value().data();
    const float* bd = bias.defined() ? bias.value().data() : nullptr;
    float* yd = y.data();
    auto im2col = std::make_shared<const detail::Im2col>(plan.image);  // shared with backward
    Scratch packed(plan.groups * detail::weight_stride(plan));         // the weight regrouped for the forward kernels
    const float* packed_weight = detail::pack_weight(plan, wd, packed);
    split_batch(plan.batch, [&](int64_t first, int64_t last, bool threaded) {
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
                     [plan, im2col](GradNode& self) { conv2d_backward(plan, *im2col, self); });
}

}  // namespace dl
