#include "engine/ops/softmax.h"

#include <algorithm>
#include <cmath>

#include "engine/ops/op_util.h"

namespace dl {

using detail::input;

namespace {
struct AxisView {
    int64_t outer = 1, n = 1, inner = 1;
};

AxisView view(const Shape& s, int64_t axis) {
    AxisView v;
    const int64_t a = normalize_axis(axis, static_cast<int64_t>(s.size()), "softmax");
    for (int64_t i = 0; i < a; ++i) v.outer *= s[i];
    v.n = s[a];
    for (size_t i = a + 1; i < s.size(); ++i) v.inner *= s[i];
    return v;
}

// Calls f(base) for every 1-d lane along the axis; element k of a lane is at base + k·inner.
template <class F>
void each_lane(const AxisView& v, F f) {
    for (int64_t o = 0; o < v.outer; ++o)
        for (int64_t i = 0; i < v.inner; ++i) f(o * v.n * v.inner + i);
}

// out = log_softmax(x) when log_space, else softmax(x), along the viewed axis.
Tensor softmax_forward(const Tensor& x, const AxisView& v, bool log_space) {
    Tensor out = Tensor::empty(x.shape());
    const float* px = x.data();
    float* po = out.data();
    each_lane(v, [&](int64_t base) {
        float m = -INFINITY;
        for (int64_t k = 0; k < v.n; ++k) m = std::max(m, px[base + k * v.inner]);
        double s = 0;
        for (int64_t k = 0; k < v.n; ++k) s += std::exp(px[base + k * v.inner] - m);
        const float log_s = static_cast<float>(std::log(s));
        for (int64_t k = 0; k < v.n; ++k) {
            // (x − m) − log s, not x − (m + log s): the latter loses digits when |m| is large
            float l = (px[base + k * v.inner] - m) - log_s;
            po[base + k * v.inner] = log_space ? l : std::exp(l);
        }
    });
    return out;
}
}  // namespace

Var softmax(const Var& x, int64_t axis) {
    AxisView v = view(x.shape(), axis);
    Tensor y = softmax_forward(x.value(), v, false);
    return Var::make(y, {x}, "softmax", [y, v](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        // dx = y * (g - sum(g * y))
        float* gi = in.grad_buffer().data();
        const float* g = self.grad.data();
        each_lane(v, [&](int64_t base) {
            float dot = 0;
            for (int64_t k = 0; k < v.n; ++k) dot += g[base + k * v.inner] * y[base + k * v.inner];
            for (int64_t k = 0; k < v.n; ++k) {
                const int64_t j = base + k * v.inner;
                gi[j] += y[j] * (g[j] - dot);
            }
        });
    });
}

Var log_softmax(const Var& x, int64_t axis) {
    AxisView v = view(x.shape(), axis);
    Tensor y = softmax_forward(x.value(), v, true);
    return Var::make(y, {x}, "log_softmax", [y, v](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        // dx = g - softmax * sum(g)
        float* gi = in.grad_buffer().data();
        const float* g = self.grad.data();
        each_lane(v, [&](int64_t base) {
            float total = 0;
            for (int64_t k = 0; k < v.n; ++k) total += g[base + k * v.inner];
            for (int64_t k = 0; k < v.n; ++k) {
                const int64_t j = base + k * v.inner;
                gi[j] += g[j] - std::exp(y[j]) * total;
            }
        });
    });
}

}  // namespace dl
