#include "engine/ops/linear_activation.h"

#include "engine/core/parallel.h"
#include "engine/core/vector_math.h"
#include "engine/ops/matmul.h"
#include "engine/ops/op_util.h"

namespace dl {

namespace {
void activate(float* y, int64_t n, LinearActivation activation) {
    parallel_for(n, detail::kElementwiseGrain, [&](int64_t b, int64_t e) {
        if (activation == LinearActivation::Sigmoid) return sigmoid_array(y + b, y + b, e - b);
        for (int64_t i = b; i < e; ++i) y[i] = y[i] > 0.0f ? y[i] : 0.0f;
    });
}

// The gradient of x Wᵀ + b from the output's: the same expressions as relu's and sigmoid's own backward.
Tensor pre_activation_grad(const GradNode& self, LinearActivation activation) {
    Tensor dz = Tensor::empty(self.value.shape());
    const float* g = self.grad.data();
    const float* y = self.value.data();
    float* d = dz.data();
    parallel_for(dz.numel(), detail::kElementwiseGrain, [&](int64_t b, int64_t e) {
        if (activation == LinearActivation::Sigmoid) return sigmoid_grad_array(g + b, y + b, d + b, e - b, true);
        relu_grad_array(g + b, y + b, d + b, e - b, true);
    });
    return dz;
}
}  // namespace

Var linear_activation(const Var& x, const Var& weight, const Var& bias, LinearActivation activation) {
    const detail::LinearShape s = detail::check_linear(x, weight, bias);
    Tensor y = detail::linear_value(x, weight, bias, s);
    activate(y.data(), y.numel(), activation);
    std::vector<Var> inputs{x, weight};
    if (bias.defined()) inputs.push_back(bias);
    const char* name = activation == LinearActivation::ReLU ? "linear_relu" : "linear_sigmoid";
    return Var::make(y, std::move(inputs), name, [s, activation](GradNode& self) {
        detail::linear_backward(self, pre_activation_grad(self, activation), s);
    });
}

}  // namespace dl
