#pragma once
// The operators of the tensor expression language: + − * / @ ** with NumPy/PyTorch broadcasting, and
// indexing x[1], x[1:3], x[:, 1], x[-1] (composed from the engine's narrow and reshape ops).
#include <optional>
#include <vector>

#include "engine/autograd/expression_tokens.h"
#include "engine/autograd/expression_value.h"

namespace dl {

// a op b for op one of + - * / @ **; throws ExpressionError at `op`.
ExpressionValue binary_op(const Token& op, const ExpressionValue& a, const ExpressionValue& b);
ExpressionValue negate(const Token& op, const ExpressionValue& a);

// One entry between the brackets: a whole number, or a slice start:stop (either may be missing).
struct IndexItem {
    Token token;  // where the entry starts
    bool is_slice = false;
    std::optional<int64_t> start, stop;  // the number itself when not a slice
};
ExpressionValue index_value(const Token& bracket, const ExpressionValue& x, const std::vector<IndexItem>& items);

// The learner's message for shapes that do not broadcast, or empty when they do:
// "cannot broadcast shapes [3, 4] and [2] (the last dimensions 4 and 2 differ)".
std::string broadcast_problem(const Shape& a, const Shape& b);

}  // namespace dl
