#include "engine/ops/conv_backward.h"

#include <stdexcept>
#include <vector>

#include "engine/ops/conv_batch.h"
#include "engine/ops/op_util.h"

namespace dl::detail {

namespace {
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

}  // namespace

void conv2d_backward(const ConvPlan& plan, const Im2col& im2col, GradNode& self, const SliceGradient* fill) {
    if (plan.batch == 0) return;  // nothing flows back (and there are no slices to sum)
    if (fill && plan.batched) throw std::logic_error("conv2d_backward: batched plans read dY in place");
    GradNode& xn = input(self, 0);
    GradNode& wn = input(self, 1);
    GradNode* bn = self.inputs.size() > 2 && self.inputs[2]->requires_grad ? self.inputs[2].get() : nullptr;
    const int64_t slices = weight_grad_slices(plan.batch, plan.out_channels() * plan.k), o = plan.out_channels();
    GradTargets t;
    t.dw_stride = Scratch::size_of(o * plan.k);
    t.db_stride = Scratch::size_of(o);
    Scratch dw_slices(wn.requires_grad ? slices * t.dw_stride : 0), db_slices(bn ? slices * t.db_stride : 0);
    if (xn.requires_grad) {
        t.dx_fresh = xn.begin_grad_write();
        t.dx = xn.grad.data();
    }
    if (wn.requires_grad) t.dw_slices = dw_slices.data();
    if (bn) t.db_slices = db_slices.data();
    Scratch tiles_weight(xn.requires_grad ? plan.groups * input_grad_weight_stride(plan) : 0);
    if (xn.requires_grad) t.input_grad_weight = pack_input_grad_weight(plan, wn.value.data(), tiles_weight);
    split_batch(slices, [&](int64_t first, int64_t last, bool threaded) {
        BackwardPass pass(plan, im2col, t);
        std::vector<float> dy(fill ? static_cast<size_t>((plan.batch + slices - 1) / slices * plan.out_size) : 0);
        for (int64_t i = first; i < last; ++i) {
            const int64_t n0 = plan.batch * i / slices, n1 = plan.batch * (i + 1) / slices;
            if (fill) (*fill)(n0, n1, dy.data());
            pass.run_slice(xn.value, wn.value, fill ? dy.data() : self.grad.data() + n0 * plan.out_size, i, n0, n1,
                           threaded);
        }
    });
    if (t.dw_slices) add_weight_grad(plan, t.dw_slices, slices, t.dw_stride, wn);
    if (t.db_slices) {
        add_slices_into(*bn, t.db_slices, slices, o, t.db_stride, [](int64_t j) { return j; });
    }
}

}  // namespace dl::detail
