#include "engine/ops/shape_ops.h"

#include <cstring>
#include <numeric>

#include "engine/core/error.h"
#include "engine/ops/op_util.h"

namespace dl {

using detail::accumulate;
using detail::input;

Var reshape(const Var& x, Shape shape) {
    Tensor out = x.value().reshape(std::move(shape));
    return Var::make(out, {x}, "reshape", [](GradNode& self) {
        GradNode& in = input(self, 0);
        accumulate(in, self.grad.reshape(in.value.shape()));
    });
}

Var flatten(const Var& x, int64_t start_dim) {
    const Shape& s = x.shape();
    int64_t d = normalize_axis(start_dim, static_cast<int64_t>(s.size()), "flatten");
    Shape out(s.begin(), s.begin() + d);
    out.push_back(-1);
    if (numel(s) == 0) out.back() = 0;
    return reshape(x, out);
}

Tensor permute_tensor(const Tensor& x, const std::vector<int64_t>& order) {
    const Shape& s = x.shape();
    const int64_t r = x.dim();
    if (static_cast<int64_t>(order.size()) != r)
        throw ShapeError("permute: order has " + std::to_string(order.size()) + " axes for shape " + to_string(s));
    std::vector<bool> seen(r, false);
    Shape out_shape(r);
    for (int64_t i = 0; i < r; ++i) {
        int64_t a = normalize_axis(order[i], r, "permute");
        if (seen[a]) throw ShapeError("permute: axis " + std::to_string(a) + " appears twice");
        seen[a] = true;
        out_shape[i] = s[a];
    }
    std::vector<int64_t> in_strides(r, 1);
    for (int64_t i = r - 2; i >= 0; --i) in_strides[i] = in_strides[i + 1] * s[i + 1];
    std::vector<int64_t> strides(r);  // input stride for each output axis
    for (int64_t i = 0; i < r; ++i) strides[i] = in_strides[normalize_axis(order[i], r, "permute")];
    Tensor out = Tensor::empty(out_shape);
    if (out.numel() == 0) return out;
    std::vector<int64_t> idx(r, 0);
    const float* px = x.data();
    float* po = out.data();
    int64_t offset = 0;
    for (int64_t n = 0, total = out.numel(); n < total; ++n) {
        po[n] = px[offset];
        for (int64_t d = r - 1; d >= 0; --d) {
            ++idx[d];
            offset += strides[d];
            if (idx[d] < out_shape[d]) break;
            offset -= strides[d] * out_shape[d];
            idx[d] = 0;
        }
    }
    return out;
}

Var permute(const Var& x, const std::vector<int64_t>& order) {
    Tensor out = permute_tensor(x.value(), order);
    std::vector<int64_t> inverse(order.size());
    for (size_t i = 0; i < order.size(); ++i)
        inverse[normalize_axis(order[i], x.value().dim(), "permute")] = static_cast<int64_t>(i);
    return Var::make(out, {x}, "permute",
                     [inverse](GradNode& self) { accumulate(input(self, 0), permute_tensor(self.grad, inverse)); });
}

Var transpose(const Var& x, int64_t dim0, int64_t dim1) {
    const int64_t r = x.value().dim();
    std::vector<int64_t> order(r);
    std::iota(order.begin(), order.end(), 0);
    std::swap(order[normalize_axis(dim0, r, "transpose")], order[normalize_axis(dim1, r, "transpose")]);
    return permute(x, order);
}

Var concat(const std::vector<Var>& xs, int64_t axis) {
    if (xs.empty()) throw ShapeError("concat: needs at least one input");
    const Shape& first = xs[0].shape();
    const int64_t r = static_cast<int64_t>(first.size());
    const int64_t a = normalize_axis(axis, r, "concat");
    Shape out_shape = first;
    out_shape[a] = 0;
    for (const Var& x : xs) {
        const Shape& s = x.shape();
        bool ok = static_cast<int64_t>(s.size()) == r;
        for (int64_t i = 0; ok && i < r; ++i) ok = i == a || s[i] == first[i];
        if (!ok)
            throw ShapeError("concat along axis " + std::to_string(a) + ": shapes " + to_string(first) + " and " +
                             to_string(s) + " differ in another axis");
        out_shape[a] += s[a];
    }
    int64_t outer = 1, inner = 1;
    for (int64_t i = 0; i < a; ++i) outer *= first[i];
    for (int64_t i = a + 1; i < r; ++i) inner *= first[i];
    Tensor out = Tensor::empty(out_shape);
    std::vector<int64_t> widths;  // each input's contiguous block per outer index
    for (const Var& x : xs) widths.push_back(x.shape()[a] * inner);
    const int64_t row = out_shape[a] * inner;
    for (int64_t o = 0, col = 0; o < outer; ++o, col = 0)
        for (size_t k = 0; k < xs.size(); ++k) {
            std::memcpy(out.data() + o * row + col, xs[k].value().data() + o * widths[k], widths[k] * sizeof(float));
            col += widths[k];
        }
    return Var::make(out, xs, "concat", [widths, outer, row](GradNode& self) {
        int64_t col = 0;
        for (size_t k = 0; k < widths.size(); ++k) {
            GradNode& in = input(self, k);
            if (in.requires_grad) {
                float* gi = in.grad_buffer().data();
                for (int64_t o = 0; o < outer; ++o)
                    for (int64_t j = 0; j < widths[k]; ++j) gi[o * widths[k] + j] += self.grad[o * row + col + j];
            }
            col += widths[k];
        }
    });
}

Var narrow(const Var& x, int64_t axis, int64_t start, int64_t length) {
    const Shape& s = x.shape();
    const int64_t r = static_cast<int64_t>(s.size()), a = normalize_axis(axis, r, "narrow");
    if (start < 0 || length < 0 || start + length > s[a])
        throw ShapeError("narrow: entries [" + std::to_string(start) + ", " + std::to_string(start + length) +
                         ") of axis " + std::to_string(a) + " do not fit shape " + to_string(s));
    int64_t outer = 1, inner = 1;
    for (int64_t i = 0; i < a; ++i) outer *= s[i];
    for (int64_t i = a + 1; i < r; ++i) inner *= s[i];
    Shape out_shape = s;
    out_shape[a] = length;
    Tensor out = Tensor::empty(out_shape);
    const int64_t row = s[a] * inner, width = length * inner, offset = start * inner;
    for (int64_t o = 0; o < outer; ++o)
        std::memcpy(out.data() + o * width, x.value().data() + o * row + offset, width * sizeof(float));
    return Var::make(out, {x}, "narrow", [outer, row, width, offset](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        float* gi = in.grad_buffer().data();
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t j = 0; j < width; ++j) gi[o * row + offset + j] += self.grad[o * width + j];
    });
}

}  // namespace dl
