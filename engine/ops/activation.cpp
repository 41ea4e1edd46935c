#include "engine/ops/activation.h"

#include <cmath>

#include "engine/core/vector_math.h"
#include "engine/ops/op_util.h"

namespace dl {

using detail::unary;

Var relu(const Var& x) {
    Tensor out = Tensor::empty(x.shape());
    const float* px = x.value().data();
    float* po = out.data();
    parallel_for(out.numel(), detail::kElementwiseGrain, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) po[i] = px[i] > 0.0f ? px[i] : 0.0f;
    });
    return Var::make(out, {x}, "relu", [](GradNode& self) {  // g·[x > 0] through relu_grad_array: no branch
        GradNode& in = detail::input(self, 0);
        if (!in.requires_grad) return;
        const bool fresh = in.begin_grad_write();
        float* gi = in.grad.data();
        const float* g = self.grad.data();
        const float* px = in.value.data();
        parallel_for(self.value.numel(), detail::kElementwiseGrain,
                     [&](int64_t b, int64_t e) { relu_grad_array(g + b, px + b, gi + b, e - b, fresh); });
    });
}

Var leaky_relu(const Var& x, float slope) {
    return unary(
        x, "leaky_relu", [slope](float v) { return v > 0.0f ? v : slope * v; },
        [slope](float v, float) { return v > 0.0f ? 1.0f : slope; });
}

Var sigmoid(const Var& x) {
    // The forward pass runs through the vectorised sigmoid_array (e^−v is clamped, so it never overflows).
    Tensor out = Tensor::empty(x.shape());
    const float* px = x.value().data();
    float* po = out.data();
    parallel_for(out.numel(), detail::kElementwiseGrain,
                 [&](int64_t b, int64_t e) { sigmoid_array(px + b, po + b, e - b); });
    return Var::make(out, {x}, "sigmoid", [](GradNode& self) {
        GradNode& in = detail::input(self, 0);
        if (!in.requires_grad) return;
        const bool fresh = in.begin_grad_write();
        float* gi = in.grad.data();
        const float* g = self.grad.data();
        const float* y = self.value.data();
        parallel_for(self.value.numel(), detail::kElementwiseGrain,
                     [&](int64_t b, int64_t e) { sigmoid_grad_array(g + b, y + b, gi + b, e - b, fresh); });
    });
}

Var tanh(const Var& x) {
    return unary(
        x, "tanh", [](float v) { return std::tanh(v); }, [](float, float y) { return 1.0f - y * y; });
}

Var gelu(const Var& x) {
    constexpr float kInvSqrt2 = 0.70710678118654752f;
    constexpr float kInvSqrt2Pi = 0.39894228040143268f;
    return unary(
        x, "gelu", [](float v) { return 0.5f * v * (1.0f + std::erf(v * kInvSqrt2)); },
        [](float v, float) {
            float cdf = 0.5f * (1.0f + std::erf(v * kInvSqrt2));
            return cdf + v * kInvSqrt2Pi * std::exp(-0.5f * v * v);
        });
}

}  // namespace dl
