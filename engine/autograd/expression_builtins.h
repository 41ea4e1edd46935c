#pragma once
// The functions, methods and attributes of the tensor expression language, each one an engine op:
// arange/ones/zeros/tensor, reshape, sum/mean over axes, exp/log/sqrt/relu/sigmoid/tanh, matmul,
// .T, .shape, and D2L §2.5's requires_grad_()/backward()/.grad.
#include <string>
#include <vector>

#include "engine/autograd/expression_tokens.h"
#include "engine/autograd/expression_value.h"

namespace dl {

struct ExpressionArgument {
    ExpressionValue value;
    Token token;          // the argument's first token (for errors)
    std::string keyword;  // "axis" in sum(x, axis=0); empty for a positional argument
};
using ExpressionArguments = std::vector<ExpressionArgument>;

// `leaves_require_grad`: tensors made by arange/ones/zeros/tensor are leaves that need a gradient.
ExpressionValue call_function(const Token& name, const ExpressionArguments& args, bool leaves_require_grad);
ExpressionValue call_method(const ExpressionValue& self, const Token& name, const ExpressionArguments& args);
ExpressionValue attribute(const ExpressionValue& self, const Token& name);

// The names call_function() knows (for "unknown name" messages and completion).
const std::vector<std::string>& function_names();

}  // namespace dl
