#pragma once
// FunctionExpression: a formula f(x1, x2) or f(x) typed by a learner, parsed once and evaluated
// many times, with its exact gradient.
//
// Grammar: numbers (2, 0.5, 1e-3), x1 x2 (x = x1, y = x2), pi, e, + - * / ^ ** (^ and ** are
// right-associative and bind tighter than unary minus: -x^2 = -(x^2)), parentheses, and
// sin cos tan exp log sqrt abs tanh. A parse error throws ExpressionError; its message names the
// 1-based character, its position field the 0-based one.
//
// Gradients use forward-mode dual numbers (value, ∂/∂x1, ∂/∂x2) carried through the same postfix
// program as the value: one pass gives the exact gradient, with one short derivative rule per
// operation and no symbolic expression to simplify.
#include <array>
#include <string>
#include <vector>

#include "engine/core/expression_error.h"

namespace dl {

struct FunctionValue {
    double value = 0.0;
    std::array<double, 2> gradient{0.0, 0.0};
    // False when the value or a partial derivative is NaN or infinite (log of a negative, 1/0...).
    bool finite() const;
};

class FunctionExpression {
public:
    // Throws ExpressionError for a formula that cannot be read.
    explicit FunctionExpression(std::string text);

    const std::string& text() const { return text_; }
    // 2 when the formula mentions x2 (or y), else 1 (a function of x alone).
    int dimension() const { return uses_x2_ ? 2 : 1; }

    double value(double x1, double x2 = 0.0) const;
    FunctionValue evaluate(double x1, double x2 = 0.0) const;

    enum class Op { Number, X1, X2, Add, Sub, Mul, Div, Pow, Neg, Sin, Cos, Tan, Exp, Log, Sqrt, Abs, Tanh };
    struct Instruction {
        Op op;
        double number = 0.0;
    };

private:
    friend class FunctionParser;
    std::string text_;
    std::vector<Instruction> program_;  // postfix: operands before their operation
    int stack_depth_ = 0;
    bool uses_x2_ = false;
};

}  // namespace dl
