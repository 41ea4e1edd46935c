#pragma once
// Small helpers shared by op implementations (not part of the public API).
#include "engine/autograd/variable.h"

namespace dl::detail {

// The i-th input node of an op result.
inline Node& input(Node& self, size_t i) { return *self.inputs[i]; }

// grad(input) += delta — the backward contract.
inline void accumulate(Node& in, const Tensor& delta) {
    if (!in.requires_grad) return;
    in.grad_buffer().vec() += delta.vec();
}

// Elementwise unary op: out = f(x); grad_in += g * df(x, out).
template <class F, class D>
inline Var unary(const Var& a, const char* op, F f, D df) {
    const Tensor& x = a.value();
    Tensor out = Tensor::empty(x.shape());
    const float* px = x.data();
    float* po = out.data();
    for (int64_t i = 0, n = x.numel(); i < n; ++i) po[i] = f(px[i]);
    return Var::make(out, {a}, op, [out, df](Node& self) {
        Node& in = input(self, 0);
        if (!in.requires_grad) return;
        float* gi = in.grad_buffer().data();
        const float* g = self.grad.data();
        const float* px = in.value.data();
        const float* po = out.data();
        for (int64_t i = 0, n = out.numel(); i < n; ++i) gi[i] += g[i] * df(px[i], po[i]);
    });
}

}  // namespace dl::detail
