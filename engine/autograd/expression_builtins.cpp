#include "engine/autograd/expression_builtins.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "engine/core/expression_error.h"
#include "engine/ops/activation.h"
#include "engine/ops/arithmetic.h"
#include "engine/ops/reduce.h"
#include "engine/ops/shape_ops.h"
#include "engine/ops/vector_matmul.h"

namespace dl {

namespace {
using Args = ExpressionArguments;

[[noreturn]] void fail(const std::string& message, const Token& at) {
    throw ExpressionError(message, at.position, at.length());
}

// Positional arguments only; keywords must be among `allowed`.
std::vector<const ExpressionArgument*> positional(const Args& args, const Token& name,
                                                  std::initializer_list<const char*> allowed = {}) {
    std::vector<const ExpressionArgument*> out;
    for (const auto& a : args) {
        if (a.keyword.empty()) {
            out.push_back(&a);
            continue;
        }
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* k) { return a.keyword == k; }))
            fail(name.text + "() takes no argument called '" + a.keyword + "'", a.token);
    }
    return out;
}

const ExpressionArgument* keyword(const Args& args, std::initializer_list<const char*> names) {
    for (const auto& a : args)
        for (const char* n : names)
            if (a.keyword == n) return &a;
    return nullptr;
}

void expect_count(const std::vector<const ExpressionArgument*>& args, size_t lo, size_t hi, const Token& name) {
    if (args.size() >= lo && args.size() <= hi) return;
    const std::string wanted = lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi);
    fail(name.text + "() takes " + wanted + " argument" + (hi == 1 ? "" : "s") + ", got " + std::to_string(args.size()),
         name);
}

int64_t whole_number(const ExpressionArgument& a, const std::string& what) {
    if (a.value.is_number() && std::isfinite(a.value.number) && std::fabs(a.value.number) > 9e15)
        fail(what + " is far too large", a.token);
    if (!a.value.is_number() || !is_whole_number(a.value.number))
        fail(what + " must be a whole number, got " + value_kind_text(a.value), a.token);
    return static_cast<int64_t>(a.value.number);
}

const Var& tensor_of(const ExpressionArgument& a, const std::string& what) {
    if (!a.value.is_tensor()) fail(what + " needs a tensor, got " + value_kind_text(a.value), a.token);
    return a.value.tensor;
}

// Sizes the engine can hold: none above 10 million values (their product must not overflow either).
Shape checked_sizes(const Shape& s, const Token& at, const std::string& what) {
    double total = 1;
    for (int64_t d : s) total *= static_cast<double>(std::max<int64_t>(d, 1));
    if (total > 1e7) fail(what + ": " + to_string(s) + " would hold more than 10 million values", at);
    return s;
}

// A shape given as numbers (3, 4), a tuple or list ((3, 4)), or another tensor's .shape.
Shape shape_from(const std::vector<const ExpressionArgument*>& args, size_t first, const std::string& what) {
    if (args.size() == first + 1) {
        const ExpressionValue& v = args[first]->value;
        if (v.kind == ExpressionValue::Kind::Shape) return v.shape;
        if (v.kind == ExpressionValue::Kind::List) {
            Shape s;
            for (double d : v.items) {
                if (!is_whole_number(d)) fail(what + ": sizes must be whole numbers", args[first]->token);
                s.push_back(static_cast<int64_t>(d));
            }
            return checked_sizes(s, args[first]->token, what);
        }
    }
    Shape s;
    for (size_t i = first; i < args.size(); ++i) s.push_back(whole_number(*args[i], what + ": each size"));
    return checked_sizes(s, args.empty() ? Token{} : args[first]->token, what);
}

Var leaf(Tensor t, bool requires_grad) {
    return Var(std::move(t), requires_grad);
}

Var arange(const std::vector<const ExpressionArgument*>& args, const Token& name, bool grad) {
    expect_count(args, 1, 3, name);
    auto num = [&](size_t i) {
        if (!args[i]->value.is_number()) fail("arange() needs numbers", args[i]->token);
        return args[i]->value.number;
    };
    const double start = args.size() == 1 ? 0 : num(0), stop = args.size() == 1 ? num(0) : num(1);
    const double step = args.size() == 3 ? num(2) : 1;
    if (!std::isfinite(start) || !std::isfinite(stop) || !std::isfinite(step))
        fail("arange() needs finite numbers", name);
    if (step == 0) fail("arange(): the step must not be 0", args[2]->token);
    const double count = std::ceil((stop - start) / step);
    if (count > 1e7) fail("arange(): " + std::to_string(static_cast<long long>(count)) + " values is too many", name);
    Tensor t(Shape{std::max<int64_t>(0, static_cast<int64_t>(count))});
    for (int64_t i = 0; i < t.numel(); ++i) t[i] = static_cast<float>(start + static_cast<double>(i) * step);
    return leaf(t, grad);
}

Var filled(const std::vector<const ExpressionArgument*>& args, const Token& name, float value, bool grad) {
    if (args.empty()) fail(name.text + "() needs a shape, e.g. " + name.text + "(2, 3)", name);
    const Shape s = shape_from(args, 0, name.text + "()");
    for (int64_t d : s)
        if (d < 0) fail(name.text + "(): sizes cannot be negative, got " + to_string(s), name);
    if (numel(s) > 10'000'000) fail(name.text + "(): " + to_string(s) + " holds too many values", name);
    return leaf(Tensor(s, value), grad);
}

Var from_list(const std::vector<const ExpressionArgument*>& args, const Token& name, bool grad) {
    expect_count(args, 1, 1, name);
    const ExpressionValue& v = args[0]->value;
    if (v.is_number()) return leaf(Tensor::scalar(static_cast<float>(v.number)), grad);
    if (v.kind != ExpressionValue::Kind::List)
        fail("tensor() needs a list of numbers such as [[1, 2], [3, 4]], got " + value_kind_text(v), args[0]->token);
    std::vector<float> values(v.items.begin(), v.items.end());
    return leaf(Tensor::from(v.shape, values), grad);
}

// Axes from sum(x, 0), sum(x, axis=0), sum(x, axis=(0, 1)); empty means all.
std::vector<int64_t> axes_of(const std::vector<const ExpressionArgument*>& pos, size_t first, const Args& args) {
    const ExpressionArgument* a = keyword(args, {"axis", "dim"});
    if (!a && pos.size() > first) a = pos[first];
    if (!a || a->value.kind == ExpressionValue::Kind::None) return {};
    if (a->value.kind == ExpressionValue::Kind::List) {
        std::vector<int64_t> axes;
        for (double d : a->value.items) {
            if (!is_whole_number(d)) fail("axes must be whole numbers", a->token);
            axes.push_back(static_cast<int64_t>(d));
        }
        return axes;
    }
    return {whole_number(*a, "an axis")};
}

bool keepdim_of(const Args& args) {
    const ExpressionArgument* a = keyword(args, {"keepdim", "keepdims"});
    if (!a) return false;
    if (a->value.kind != ExpressionValue::Kind::Bool && !a->value.is_number())
        fail("keepdim must be True or False", a->token);
    return a->value.number != 0;
}

using Unary = Var (*)(const Var&);
const std::map<std::string, Unary>& unary_ops() {
    static const std::map<std::string, Unary> ops{
        {"exp", [](const Var& x) { return dl::exp(x); }},         {"log", [](const Var& x) { return dl::log(x); }},
        {"sqrt", [](const Var& x) { return dl::sqrt(x); }},       {"relu", [](const Var& x) { return dl::relu(x); }},
        {"sigmoid", [](const Var& x) { return dl::sigmoid(x); }}, {"tanh", [](const Var& x) { return dl::tanh(x); }}};
    return ops;
}

// PyTorch's .T: reverses the axes (a matrix is transposed, a vector stays as it is).
Var transposed(const Var& x) {
    if (x.value().dim() < 2) return x;
    if (x.value().dim() == 2) return transpose(x, 0, 1);
    std::vector<int64_t> order;
    for (int64_t d = x.value().dim() - 1; d >= 0; --d) order.push_back(d);
    return permute(x, order);
}

// Methods and functions that take the tensor first: x.sum(0) is sum(x, 0).
ExpressionValue tensor_op(const Var& x, const Token& name, const std::vector<const ExpressionArgument*>& rest,
                          const Args& args) {
    const std::string& n = name.text;
    if (n == "reshape" || n == "view") {
        if (rest.empty()) fail("reshape() needs the new shape, e.g. reshape(3, 4)", name);
        return ExpressionValue::of(reshape(x, shape_from(rest, 0, "reshape()")));
    }
    if (n == "sum" || n == "mean") {
        if (rest.size() > 1) fail(n + "() takes at most one axis argument", rest[1]->token);
        const auto axes = axes_of(rest, 0, args);
        return ExpressionValue::of(n == "sum" ? sum(x, axes, keepdim_of(args)) : mean(x, axes, keepdim_of(args)));
    }
    if (n == "matmul") {
        if (rest.size() != 1) fail("matmul() takes two tensors", name);
        return ExpressionValue::of(vector_matmul(x, tensor_of(*rest[0], "matmul()")));
    }
    if (n == "t" || n == "transpose") return ExpressionValue::of(transposed(x));
    if (n == "numel") return ExpressionValue::of_number(static_cast<double>(x.value().numel()));
    if (auto it = unary_ops().find(n); it != unary_ops().end()) return ExpressionValue::of(it->second(x));
    fail("tensors have no method '" + n + "'", name);
}
}  // namespace

const std::vector<std::string>& function_names() {
    static const std::vector<std::string> names{"arange", "ones", "zeros", "tensor", "reshape", "sum",     "mean",
                                                "matmul", "exp",  "log",   "sqrt",   "relu",    "sigmoid", "tanh"};
    return names;
}

ExpressionValue call_function(const Token& name, const Args& args, bool leaves_require_grad) {
    const std::string& n = name.text;
    const ExpressionArgument* wants_grad = keyword(args, {"requires_grad"});
    const bool grad = leaves_require_grad || (wants_grad && wants_grad->value.number != 0);
    if (n == "arange") return ExpressionValue::of(arange(positional(args, name, {"requires_grad"}), name, grad));
    if (n == "ones" || n == "zeros")
        return ExpressionValue::of(
            filled(positional(args, name, {"requires_grad"}), name, n == "ones" ? 1.0f : 0.0f, grad));
    if (n == "tensor") return ExpressionValue::of(from_list(positional(args, name, {"requires_grad"}), name, grad));
    if (std::find(function_names().begin(), function_names().end(), n) == function_names().end())
        fail("unknown function '" + n + "'", name);
    const auto pos = positional(args, name, {"axis", "dim", "keepdim", "keepdims"});
    if (pos.empty()) fail(n + "() needs a tensor", name);
    const Var& x = tensor_of(*pos[0], n + "()");
    return tensor_op(x, name, {pos.begin() + 1, pos.end()}, args);
}

ExpressionValue call_method(const ExpressionValue& self, const Token& name, const Args& args) {
    if (!self.is_tensor()) fail(value_kind_text(self) + " has no method '" + name.text + "'", name);
    const Var& x = self.tensor;
    if (name.text == "requires_grad_") {
        x.node()->requires_grad = true;  // a leaf that now needs a gradient (D2L §2.5)
        return self;
    }
    if (name.text == "backward") {
        if (!x.requires_grad())
            fail(
                "backward(): this tensor does not depend on a tensor that needs a gradient; call "
                "x.requires_grad_() first",
                name);
        Var(x).backward();
        return {};
    }
    return tensor_op(x, name, positional(args, name, {"axis", "dim", "keepdim", "keepdims"}), args);
}

ExpressionValue attribute(const ExpressionValue& self, const Token& name) {
    if (!self.is_tensor()) fail(value_kind_text(self) + " has no attribute '" + name.text + "'", name);
    const Var& x = self.tensor;
    if (name.text == "T") return ExpressionValue::of(transposed(x));
    if (name.text == "shape") return ExpressionValue::of_shape(x.shape());
    if (name.text == "ndim") return ExpressionValue::of_number(static_cast<double>(x.value().dim()));
    if (name.text == "grad") return x.grad().defined() ? ExpressionValue::of(Var(x.grad().clone())) : ExpressionValue{};
    if (name.text == "requires_grad") {
        ExpressionValue b;
        b.kind = ExpressionValue::Kind::Bool;
        b.number = x.requires_grad() ? 1 : 0;
        return b;
    }
    fail("tensors have no attribute '" + name.text + "'", name);
}

}  // namespace dl
