#include "engine/ops/conv.h"

#include <algorithm>
#include <functional>
#include <memory>

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/ops/conv_passes.h"
#include "engine/ops/op_util.h"

namespace dl {

using detail::ConvPlan;
using detail::input;
using detail::Scratch;

namespace {
// The weight gradient is summed over the batch in this many fixed slices (fewer for small batches), each
// into its own buffer, then the slices are added in order: the same numbers whatever the thread count.
// Large weights get fewer slices (at least 4, so up to 4 threads share the work): ResNet's 512-channel
// 3×3 weight is 9 MB, and 32 copies of it would cost more memory traffic than the products themselves.
constexpr int64_t kWeightGradSlices = 32, kMinWeightGradSlices = 4, kSliceFloatsBudget = int64_t{2} << 20;

int64_t weight_grad_slices(const ConvPlan& plan) {
    const int64_t by_size =
        std::max(kMinWeightGradSlices, kSliceFloatsBudget / std::max<int64_t>(plan.out_channels() * plan.k, 1));
    return std::min({plan.batch, kWeightGradSlices, by_size});
}

// Runs fn(begin, end, threaded) over [0, n): examples split across threads when there are enough of
// them, else one call whose matrix products use the threads instead.
void split_batch(int64_t n, const std::function<void(int64_t, int64_t, bool)>& fn) {
    if (n >= num_threads())
        parallel_for(n, 1, [&](int64_t b, int64_t e) { fn(b, e, false); });
    else
        fn(0, n, true);
}

// Adds the slices (stride floats apart) in order into slices[0 .. size).
void sum_slices(float* slices, int64_t count, int64_t size, int64_t stride) {
    for (int64_t i = 1; i < count; ++i) {
        const float* src = slices + i * stride;
        for (int64_t j = 0; j < size; ++j) slices[j] += src[j];
    }
}

// grad(target) += sum, where sum[j] belongs at grad index where(j).
template <class Where>
void accumulate_into(GradNode& target, const float* sum, int64_t size, Where where) {
    const bool fresh = target.begin_grad_write();
    float* dst = target.grad.data();
    for (int64_t j = 0; j < size; ++j) dst[where(j)] = fresh ? sum[j] : dst[where(j)] + sum[j];
}

void add_weight_grad(const ConvPlan& plan, float* slices, int64_t count, int64_t stride, GradNode& wn) {
    const int64_t og = plan.out_per_group, k = plan.k, size = plan.out_channels() * k;
    sum_slices(slices, count, size, stride);
    if (!plan.dw_transposed()) {
        accumulate_into(wn, slices, size, [](int64_t j) { return j; });
        return;
    }
    accumulate_into(wn, slices, size, [og, k](int64_t j) {  // group g's block is [K, O/G]; the weight is [O, K]
        const int64_t g = j / (og * k), r = j % (og * k);
        return (g * og + r % og) * k + r / og;
    });
}

void conv2d_backward(const ConvPlan& plan, const detail::Im2col& im2col, GradNode& self) {
    if (plan.batch == 0) return;  // nothing flows back (and there are no slices to sum)
    GradNode& xn = input(self, 0);
    GradNode& wn = input(self, 1);
    GradNode* bn = self.inputs.size() > 2 && self.inputs[2]->requires_grad ? self.inputs[2].get() : nullptr;
    const int64_t slices = weight_grad_slices(plan), o = plan.out_channels();
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
    split_batch(slices, [&](int64_t first, int64_t last, bool threaded) {
        detail::BackwardPass pass(plan, im2col, t);
        for (int64_t i = first; i < last; ++i)
            pass.run_slice(xn.value, wn.value, self.grad, i, plan.batch * i / slices, plan.batch * (i + 1) / slices,
                           threaded);
    });
    if (t.dw_slices) add_weight_grad(plan, t.dw_slices, slices, t.dw_stride, wn);
    if (t.db_slices) {
        sum_slices(t.db_slices, slices, o, t.db_stride);
        accumulate_into(*bn, t.db_slices, o, [](int64_t j) { return j; });
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
