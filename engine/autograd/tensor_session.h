#pragma once
// A session of the tensor expression language (D2L ch. 2 by hand): each line is a statement such as
//   x = arange(12)        x.reshape(3, 4)       y = 2 * x.T @ x       x[1:3]       x.sum(axis=0)
// evaluated with the engine's own tensors and ops, so what a learner sees is what the engine computes.
// Variables are kept between lines. Every error is an ExpressionError naming the wrong part of the line.
//
// Grammar (Python's precedence):
//   statement  := [name '='] sum
//   sum        := product (('+' | '-') product)*
//   product    := unary (('*' | '/' | '@') unary)*
//   unary      := ('-' | '+') unary | power
//   power      := postfix ['**' unary]
//   postfix    := primary ('.' name ['(' arguments ')'] | '[' index (',' index)* ']')*
//   primary    := number | name | name '(' arguments ')' | '(' sum [',' ...] ')' | '[' list ']'
//   index      := sum | [sum] ':' [sum]
#include <string>

#include "engine/autograd/expression_value.h"

namespace dl {

struct ExpressionResult {
    std::string assigned;  // the variable the line assigned, or empty
    ExpressionValue value;
};

class TensorSession {
public:
    // Throws ExpressionError; variables change only when the whole line succeeds.
    ExpressionResult run(const std::string& line);

    // When on, tensors made by arange/ones/zeros/tensor need a gradient (for the autograd graph).
    void set_leaves_require_grad(bool on) { leaves_require_grad_ = on; }
    bool leaves_require_grad() const { return leaves_require_grad_; }

    const ExpressionVariables& variables() const { return variables_; }
    // The variable holding this node's tensor, or empty.
    std::string name_of(const GradNode* node) const;
    void clear() { variables_.clear(); }

private:
    ExpressionVariables variables_;
    bool leaves_require_grad_ = false;
};

}  // namespace dl
