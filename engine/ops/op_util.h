#pragma once
// Small helpers shared by op implementations (not part of the public API).
#include "engine/autograd/variable.h"
#include "engine/core/parallel.h"

namespace dl::detail {

// Elementwise loops split across threads only above this many values (below, a thread's start-up
// costs more than the loop).
inline constexpr int64_t kElementwiseGrain = 1 << 15;

// The i-th input node of an op result.
inline GradNode& input(GradNode& self, size_t i) {
    return *self.inputs[i];
}

// grad(input) += delta — the backward contract.
inline void accumulate(GradNode& in, const Tensor& delta) {
    if (!in.requires_grad) return;
    if (in.begin_grad_write())
        in.grad.copy_from(delta);
    else
        in.grad.vec() += delta.vec();
}

// Elementwise unary op: out = f(x); grad_in += g * df(x, out).
template <class F, class D>
inline Var unary(const Var& a, const char* op, F f, D df) {
    const Tensor& x = a.value();
    Tensor out = Tensor::empty(x.shape());
    const float* px = x.data();
    float* po = out.data();
    parallel_for(x.numel(), kElementwiseGrain, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) po[i] = f(px[i]);
    });
    // The backward reads the output through its own node, not a captured copy: a released graph
    // (Var::Values::Release) can then free it as soon as this backward has run.
    return Var::make(out, {a}, op, [df](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        const bool fresh = in.begin_grad_write();
        float* gi = in.grad.data();
        const float* g = self.grad.data();
        const float* px = in.value.data();
        const float* po = self.value.data();
        parallel_for(self.value.numel(), kElementwiseGrain, [&](int64_t b, int64_t e) {
            if (fresh)
                for (int64_t i = b; i < e; ++i) gi[i] = g[i] * df(px[i], po[i]);
            else
                for (int64_t i = b; i < e; ++i) gi[i] += g[i] * df(px[i], po[i]);
        });
    });
}

}  // namespace dl::detail
