#include "engine/ops/matmul.h"

#include <algorithm>
#include <cstring>

#include "engine/core/error.h"
#include "engine/core/gemm.h"
#include "engine/core/parallel.h"
#include "engine/ops/op_util.h"

namespace dl {

using detail::input;
using detail::kElementwiseGrain;

namespace {
// The grad buffer of `in` and the beta that accumulates into it: a fresh buffer is written, not added to.
std::pair<float*, float> grad_target(GradNode& in) {
    const bool fresh = in.begin_grad_write();
    return {in.grad.data(), fresh ? 0.0f : 1.0f};
}

MatrixRef ref(const Tensor& t, int64_t rows, int64_t cols, bool transposed = false, int64_t offset = 0) {
    return MatrixRef{t.data() + offset, rows, cols, transposed};
}
}  // namespace

namespace detail {
LinearShape check_linear(const Var& x, const Var& weight, const Var& bias) {
    const Shape& xs = x.shape();
    const Shape& ws = weight.shape();
    if (ws.size() != 2) throw ShapeError("linear: weight must be [out, in], got " + to_string(ws));
    const int64_t out_f = ws[0], in_f = ws[1];
    if (xs.empty() || xs.back() != in_f)
        throw ShapeError("linear: expects inputs with " + std::to_string(in_f) + " features in the last axis, got " +
                         to_string(xs));
    if (bias.defined() && bias.shape() != Shape{out_f})
        throw ShapeError("linear: bias must be [" + std::to_string(out_f) + "], got " + to_string(bias.shape()));
    return {x.value().numel() / in_f, in_f, out_f};
}

Tensor linear_value(const Var& x, const Var& weight, const Var& bias, const LinearShape& s) {
    Shape out_shape = x.shape();
    out_shape.back() = s.out_features;
    Tensor y = Tensor::empty(out_shape);
    float beta = 0.0f;
    if (bias.defined()) {  // start from the bias rows, then accumulate the product onto them
        const float* b = bias.value().data();
        float* dst = y.data();
        const int64_t n = s.out_features;
        parallel_for(s.rows, std::max<int64_t>(1, kElementwiseGrain / n), [&](int64_t r0, int64_t r1) {
            for (int64_t r = r0; r < r1; ++r) std::memcpy(dst + r * n, b, static_cast<size_t>(n) * sizeof(float));
        });
        beta = 1.0f;
    }
    gemm(ref(x.value(), s.rows, s.in_features), ref(weight.value(), s.out_features, s.in_features, true), y.data(),
         1.0f, beta);
    return y;
}

void linear_backward(GradNode& self, const Tensor& g, const LinearShape& s) {
    GradNode& xn = input(self, 0);
    GradNode& wn = input(self, 1);
    const int64_t m = s.rows, in_f = s.in_features, out_f = s.out_features;
    if (xn.requires_grad) {  // dx = g W
        auto [dst, beta] = grad_target(xn);
        gemm(ref(g, m, out_f), ref(wn.value, out_f, in_f), dst, 1.0f, beta);
    }
    if (wn.requires_grad) {  // dW = gᵀ x
        auto [dst, beta] = grad_target(wn);
        gemm(ref(g, m, out_f, true), ref(xn.value, m, in_f), dst, 1.0f, beta);
    }
    if (self.inputs.size() > 2 && self.inputs[2]->requires_grad) {  // db = column sums of g
        GradNode& bn = input(self, 2);
        bn.grad_buffer().vec() += g.matrix(m, out_f).colwise().sum().transpose();
    }
}
}  // namespace detail

Var linear(const Var& x, const Var& weight, const Var& bias) {
    const detail::LinearShape s = detail::check_linear(x, weight, bias);
    Tensor y = detail::linear_value(x, weight, bias, s);
    std::vector<Var> inputs{x, weight};
    if (bias.defined()) inputs.push_back(bias);
    return Var::make(y, std::move(inputs), "linear",
                     [s](GradNode& self) { detail::linear_backward(self, self.grad, s); });
}

Var matmul(const Var& a, const Var& b) {
    const Shape& as = a.shape();
    const Shape& bs = b.shape();
    if (as.size() < 2 || bs.size() < 2)
        throw ShapeError("matmul: both operands need at least 2 axes, got " + to_string(as) + " and " + to_string(bs));
    const int64_t m = as[as.size() - 2], k = as.back();
    if (bs[bs.size() - 2] != k)
        throw ShapeError("matmul: " + to_string(as) + " @ " + to_string(bs) + ": inner dimensions " +
                         std::to_string(k) + " and " + std::to_string(bs[bs.size() - 2]) + " differ");
    const int64_t n = bs.back();
    if (bs.size() == 2) {  // fold a's leading axes into rows: one GEMM
        const int64_t rows = a.value().numel() / k;
        Shape out_shape = as;
        out_shape.back() = n;
        Tensor y = Tensor::empty(out_shape);
        gemm(ref(a.value(), rows, k), ref(b.value(), k, n), y.data());
        return Var::make(y, {a, b}, "matmul", [rows, k, n](GradNode& self) {
            GradNode& an = input(self, 0);
            GradNode& bn = input(self, 1);
            if (an.requires_grad) {
                auto [dst, beta] = grad_target(an);
                gemm(ref(self.grad, rows, n), ref(bn.value, k, n, true), dst, 1.0f, beta);
            }
            if (bn.requires_grad) {
                auto [dst, beta] = grad_target(bn);
                gemm(ref(an.value, rows, k, true), ref(self.grad, rows, n), dst, 1.0f, beta);
            }
        });
    }
    if (as.size() != 3 || bs.size() != 3 || as[0] != bs[0])
        throw ShapeError("matmul: batched product needs [B, m, k] @ [B, k, n], got " + to_string(as) + " @ " +
                         to_string(bs));
    const int64_t batch = as[0];
    Tensor y = Tensor::empty({batch, m, n});
    for (int64_t i = 0; i < batch; ++i)
        gemm(ref(a.value(), m, k, false, i * m * k), ref(b.value(), k, n, false, i * k * n), y.data() + i * m * n);
    return Var::make(y, {a, b}, "matmul", [batch, m, k, n](GradNode& self) {
        GradNode& an = input(self, 0);
        GradNode& bn = input(self, 1);
        if (an.requires_grad) {
            auto [dst, beta] = grad_target(an);
            for (int64_t i = 0; i < batch; ++i)
                gemm(ref(self.grad, m, n, false, i * m * n), ref(bn.value, k, n, true, i * k * n), dst + i * m * k,
                     1.0f, beta);
        }
        if (bn.requires_grad) {
            auto [dst, beta] = grad_target(bn);
            for (int64_t i = 0; i < batch; ++i)
                gemm(ref(an.value, m, k, true, i * m * k), ref(self.grad, m, n, false, i * m * n), dst + i * k * n,
                     1.0f, beta);
        }
    });
}

}  // namespace dl
