#include "engine/ops/elementwise_power.h"

#include <cmath>

#include "engine/ops/arithmetic.h"
#include "engine/ops/op_util.h"

namespace dl {

Var power(const Var& a, const Var& b) {
    Tensor out = broadcast_apply(
        a.value(), b.value(), [](float x, float y) { return std::pow(x, y); }, "power");
    return Var::make(out, {a, b}, "power", [](GradNode& self) {
        GradNode& an = detail::input(self, 0);
        GradNode& bn = detail::input(self, 1);
        auto times_grad = [&self](const Tensor& t) {
            Tensor r = Tensor::empty(t.shape());
            for (int64_t i = 0; i < t.numel(); ++i) r[i] = t[i] * self.grad[i];
            return r;
        };
        if (an.requires_grad) {
            const Tensor d = broadcast_apply(
                an.value, bn.value, [](float x, float y) { return y * std::pow(x, y - 1.0f); }, "power");
            detail::accumulate(an, sum_to(times_grad(d), an.value.shape()));
        }
        if (bn.requires_grad) {
            const Tensor d = broadcast_apply(
                an.value, bn.value, [](float x, float y) { return x > 0 ? std::pow(x, y) * std::log(x) : 0.0f; },
                "power");
            detail::accumulate(bn, sum_to(times_grad(d), bn.value.shape()));
        }
    });
}

}  // namespace dl
