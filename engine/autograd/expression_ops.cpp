#include "engine/autograd/expression_ops.h"

#include <cmath>

#include "engine/core/expression_error.h"
#include "engine/ops/arithmetic.h"
#include "engine/ops/elementwise_power.h"
#include "engine/ops/shape_ops.h"
#include "engine/ops/vector_matmul.h"

namespace dl {

namespace {
[[noreturn]] void fail(const std::string& message, const Token& at) {
    throw ExpressionError(message, at.position, at.length());
}

// A plain number inside tensor arithmetic is a constant tensor of shape [] (PyTorch does the same).
Var as_tensor(const ExpressionValue& v, const Token& op) {
    if (v.is_tensor()) return v.tensor;
    if (v.is_number()) return Var(Tensor::scalar(static_cast<float>(v.number)));
    fail("'" + op.text + "' needs tensors or numbers, got " + value_kind_text(v), op);
}

std::string dimension_name(size_t from_end) {
    if (from_end == 0) return "the last dimensions";
    if (from_end == 1) return "the second-to-last dimensions";
    return "dimensions " + std::to_string(from_end + 1) + " from the end";
}

double number_op(const Token& op, double a, double b) {
    if (op.is("+")) return a + b;
    if (op.is("-")) return a - b;
    if (op.is("*")) return a * b;
    if (op.is("/")) return a / b;
    if (op.is("**")) return std::pow(a, b);
    fail("'@' multiplies matrices: both sides must be tensors", op);
}

std::string slice_text(const IndexItem& item) {
    return item.is_slice ? "a slice" : "index " + std::to_string(*item.start);
}
}  // namespace

std::string broadcast_problem(const Shape& a, const Shape& b) {
    for (size_t k = 0; k < std::min(a.size(), b.size()); ++k) {
        const int64_t da = a[a.size() - 1 - k], db = b[b.size() - 1 - k];
        if (da != db && da != 1 && db != 1)
            return "cannot broadcast shapes " + to_string(a) + " and " + to_string(b) + " (" + dimension_name(k) + " " +
                   std::to_string(da) + " and " + std::to_string(db) + " differ)";
    }
    return "";
}

ExpressionValue binary_op(const Token& op, const ExpressionValue& a, const ExpressionValue& b) {
    if (a.is_number() && b.is_number()) return ExpressionValue::of_number(number_op(op, a.number, b.number));
    if (op.is("**") && b.is_number()) return ExpressionValue::of(pow(as_tensor(a, op), static_cast<float>(b.number)));
    if (op.is("@")) {
        if (!a.is_tensor() || !b.is_tensor())
            fail("'@' multiplies tensors, got " + value_kind_text(a) + " and " + value_kind_text(b), op);
        return ExpressionValue::of(vector_matmul(a.tensor, b.tensor));
    }
    const Var x = as_tensor(a, op), y = as_tensor(b, op);
    const std::string problem = broadcast_problem(x.shape(), y.shape());
    if (!problem.empty()) fail(problem, op);
    if (op.is("+")) return ExpressionValue::of(add(x, y));
    if (op.is("-")) return ExpressionValue::of(sub(x, y));
    if (op.is("*")) return ExpressionValue::of(mul(x, y));
    if (op.is("**")) return ExpressionValue::of(power(x, y));
    return ExpressionValue::of(div(x, y));
}

ExpressionValue negate(const Token& op, const ExpressionValue& a) {
    if (a.is_number()) return ExpressionValue::of_number(-a.number);
    return ExpressionValue::of(neg(as_tensor(a, op)));
}

ExpressionValue index_value(const Token& bracket, const ExpressionValue& x, const std::vector<IndexItem>& items) {
    if (!x.is_tensor()) fail(value_kind_text(x) + " cannot be indexed", bracket);
    const Shape& s = x.tensor.shape();
    if (items.size() > s.size())
        fail(std::to_string(items.size()) + " indices for a tensor of shape " + to_string(s) + " with " +
                 std::to_string(s.size()) + " axes",
             items[s.size()].token);
    Var out = x.tensor;
    Shape kept;  // the result's shape: integer indices drop their axis
    for (size_t axis = 0; axis < s.size(); ++axis) {
        const int64_t n = s[axis];
        if (axis >= items.size()) {
            kept.push_back(n);
            continue;
        }
        const IndexItem& item = items[axis];
        if (!item.is_slice) {
            const int64_t i = *item.start < 0 ? *item.start + n : *item.start;
            if (i < 0 || i >= n)
                fail(slice_text(item) + " is out of range for axis " + std::to_string(axis) + " with " +
                         std::to_string(n) + " entries",
                     item.token);
            out = narrow(out, static_cast<int64_t>(axis), i, 1);
            continue;
        }
        auto clamp = [n](int64_t v) { return std::min(std::max(v < 0 ? v + n : v, int64_t{0}), n); };  // Python's rule
        const int64_t start = item.start ? clamp(*item.start) : 0, stop = item.stop ? clamp(*item.stop) : n;
        const int64_t length = std::max<int64_t>(0, stop - start);
        if (length != n) out = narrow(out, static_cast<int64_t>(axis), start, length);
        kept.push_back(length);
    }
    if (out.shape() != kept) out = reshape(out, kept);
    return ExpressionValue::of(out);
}

}  // namespace dl
