#include "engine/ops/arithmetic.h"

#include <cmath>

#include "engine/ops/op_util.h"

namespace dl {

using detail::accumulate;
using detail::input;
using detail::unary;

Var add(const Var& a, const Var& b) {
    Tensor out = broadcast_apply(
        a.value(), b.value(), [](float x, float y) { return x + y; }, "add");
    return Var::make(out, {a, b}, "add", [](GradNode& self) {
        accumulate(input(self, 0), sum_to(self.grad, input(self, 0).value.shape()));
        accumulate(input(self, 1), sum_to(self.grad, input(self, 1).value.shape()));
    });
}

Var sub(const Var& a, const Var& b) {
    Tensor out = broadcast_apply(
        a.value(), b.value(), [](float x, float y) { return x - y; }, "sub");
    return Var::make(out, {a, b}, "sub", [](GradNode& self) {
        accumulate(input(self, 0), sum_to(self.grad, input(self, 0).value.shape()));
        GradNode& b = input(self, 1);
        if (b.requires_grad) b.grad_buffer().vec() -= sum_to(self.grad, b.value.shape()).vec();
    });
}

Var mul(const Var& a, const Var& b) {
    Tensor out = broadcast_apply(
        a.value(), b.value(), [](float x, float y) { return x * y; }, "mul");
    return Var::make(out, {a, b}, "mul", [](GradNode& self) {
        GradNode& a = input(self, 0);
        GradNode& b = input(self, 1);
        auto times = [](float x, float y) { return x * y; };
        if (a.requires_grad) accumulate(a, sum_to(broadcast_apply(self.grad, b.value, times, "mul"), a.value.shape()));
        if (b.requires_grad) accumulate(b, sum_to(broadcast_apply(self.grad, a.value, times, "mul"), b.value.shape()));
    });
}

Var div(const Var& a, const Var& b) {
    Tensor out = broadcast_apply(
        a.value(), b.value(), [](float x, float y) { return x / y; }, "div");
    return Var::make(out, {a, b}, "div", [out](GradNode& self) {
        GradNode& a = input(self, 0);
        GradNode& b = input(self, 1);
        if (a.requires_grad)
            accumulate(a, sum_to(broadcast_apply(
                                     self.grad, b.value, [](float g, float y) { return g / y; }, "div"),
                                 a.value.shape()));
        if (b.requires_grad) {
            // d(a/b)/db = -(a/b)/b = -out/b
            Tensor t = broadcast_apply(
                self.grad, out, [](float g, float o) { return -g * o; }, "div");
            accumulate(b, sum_to(broadcast_apply(
                                     t, b.value, [](float x, float y) { return x / y; }, "div"),
                                 b.value.shape()));
        }
    });
}

Var add_scalar(const Var& a, float s) {
    return unary(
        a, "add_scalar", [s](float x) { return x + s; }, [](float, float) { return 1.0f; });
}
Var mul_scalar(const Var& a, float s) {
    return unary(
        a, "mul_scalar", [s](float x) { return x * s; }, [s](float, float) { return s; });
}
Var neg(const Var& a) {
    return mul_scalar(a, -1.0f);
}
Var exp(const Var& a) {
    return unary(
        a, "exp", [](float x) { return std::exp(x); }, [](float, float y) { return y; });
}
Var log(const Var& a) {
    return unary(
        a, "log", [](float x) { return std::log(x); }, [](float x, float) { return 1.0f / x; });
}
Var pow(const Var& a, float p) {
    return unary(
        a, "pow", [p](float x) { return std::pow(x, p); }, [p](float x, float) { return p * std::pow(x, p - 1.0f); });
}
Var sqrt(const Var& a) {
    return unary(
        a, "sqrt", [](float x) { return std::sqrt(x); }, [](float, float y) { return 0.5f / y; });
}

}  // namespace dl
