#pragma once
// What an expression of the tensor language evaluates to: a tensor (an engine Var, so gradients can
// flow), a plain number, a shape, a literal list of numbers, a truth value, or nothing.
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "engine/autograd/variable.h"

namespace dl {

struct ExpressionValue {
    enum class Kind { None, Tensor, Number, Shape, List, Bool };
    Kind kind = Kind::None;
    Var tensor;                 // Tensor
    double number = 0;          // Number; Bool as 0/1
    Shape shape;                // Shape: the shape; List: the list's nesting (e.g. [2, 2])
    std::vector<double> items;  // List: the values, row-major

    static ExpressionValue of(Var v) {
        ExpressionValue r;
        r.kind = Kind::Tensor;
        r.tensor = std::move(v);
        return r;
    }
    static ExpressionValue of_number(double v) {
        ExpressionValue r;
        r.kind = Kind::Number;
        r.number = v;
        return r;
    }
    static ExpressionValue of_shape(Shape s) {
        ExpressionValue r;
        r.kind = Kind::Shape;
        r.shape = std::move(s);
        return r;
    }
    bool is_tensor() const { return kind == Kind::Tensor; }
    bool is_number() const { return kind == Kind::Number; }
};

// A number usable as a size, an axis or an index: finite, whole and exactly representable.
inline bool is_whole_number(double v) {
    return std::isfinite(v) && std::fabs(v) <= 9e15 && v == std::floor(v);
}

// The variables kept between lines.
using ExpressionVariables = std::map<std::string, ExpressionValue>;

// What a value is, in a few words, for error messages: "a tensor of shape [3, 4]", "the number 2".
std::string value_kind_text(const ExpressionValue& v);
// The value as the playground prints it: PyTorch's tensor text, "28", "[3, 4]" or "None".
std::string value_text(const ExpressionValue& v);

}  // namespace dl
