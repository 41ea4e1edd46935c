#include "engine/ops/reduce.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/error.h"
#include "engine/ops/arithmetic.h"
#include "engine/ops/broadcast.h"
#include "engine/ops/op_util.h"
#include "engine/ops/shape_ops.h"

namespace dl {

using detail::accumulate;
using detail::input;

namespace {
struct Reduction {
    Shape keep;  // input shape with reduced axes set to 1
    Shape out;   // result shape (keep, or keep without the reduced axes)
    int64_t count = 1;
};

Reduction plan(const Shape& in, std::vector<int64_t> axes, bool keepdim, const char* op) {
    const int64_t r = static_cast<int64_t>(in.size());
    if (axes.empty())
        for (int64_t i = 0; i < r; ++i) axes.push_back(i);
    std::vector<bool> reduced(r, false);
    for (int64_t a : axes) reduced[normalize_axis(a, r, op)] = true;
    Reduction p;
    for (int64_t i = 0; i < r; ++i) {
        p.keep.push_back(reduced[i] ? 1 : in[i]);
        if (reduced[i]) p.count *= in[i];
        if (!reduced[i] || keepdim) p.out.push_back(p.keep.back());
    }
    return p;
}
}  // namespace

Var sum(const Var& x, std::vector<int64_t> axes, bool keepdim) {
    Reduction p = plan(x.shape(), std::move(axes), keepdim, "sum");
    Tensor out = sum_to(x.value(), p.keep).clone().reshape(p.out);
    return Var::make(out, {x}, "sum", [keep = p.keep](GradNode& self) {
        GradNode& in = input(self, 0);
        accumulate(in, broadcast_apply(
                           self.grad.reshape(keep), in.value, [](float g, float) { return g; }, "sum"));
    });
}

Var mean(const Var& x, std::vector<int64_t> axes, bool keepdim) {
    Reduction p = plan(x.shape(), axes, keepdim, "mean");
    if (p.count == 0) throw ShapeError("mean: cannot average over an empty axis of shape " + to_string(x.shape()));
    return mul_scalar(sum(x, std::move(axes), keepdim), 1.0f / static_cast<float>(p.count));
}

namespace {
// Max over one axis viewed as [outer, n, inner]; keeps the dimension (size 1).
Var max_axis(const Var& x, int64_t axis) {
    const Shape& s = x.shape();
    int64_t outer = 1, inner = 1, n = s[axis];
    for (int64_t i = 0; i < axis; ++i) outer *= s[i];
    for (size_t i = axis + 1; i < s.size(); ++i) inner *= s[i];
    if (n == 0) throw ShapeError("max: cannot take the maximum over an empty axis of shape " + to_string(s));
    Shape keep = s;
    keep[axis] = 1;
    Tensor out = Tensor::empty(keep);
    auto arg = std::make_shared<std::vector<int64_t>>(outer * inner);
    const float* px = x.value().data();
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t i = 0; i < inner; ++i) {
            int64_t best = o * n * inner + i;
            for (int64_t k = 1; k < n; ++k) {
                int64_t idx = (o * n + k) * inner + i;
                if (px[idx] > px[best] || (std::isnan(px[idx]) && !std::isnan(px[best]))) best = idx;
            }
            out[o * inner + i] = px[best];
            (*arg)[o * inner + i] = best;
        }
    return Var::make(out, {x}, "max", [arg](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        float* gi = in.grad_buffer().data();
        for (size_t j = 0; j < arg->size(); ++j) gi[(*arg)[j]] += self.grad[static_cast<int64_t>(j)];
    });
}
}  // namespace

Var max(const Var& x, std::vector<int64_t> axes, bool keepdim) {
    Reduction p = plan(x.shape(), axes, keepdim, "max");
    const int64_t r = x.value().dim();
    if (axes.empty())
        for (int64_t i = 0; i < r; ++i) axes.push_back(i);
    for (int64_t& a : axes) a = normalize_axis(a, r, "max");
    std::sort(axes.begin(), axes.end());
    axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
    Var y = x;
    for (int64_t a : axes) y = max_axis(y, a);
    return reshape(y, p.out);
}

}  // namespace dl
