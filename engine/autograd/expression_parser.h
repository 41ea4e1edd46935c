#pragma once
// Recursive-descent evaluation of one statement of the tensor expression language (grammar in
// tensor_session.h): it evaluates while it parses, and turns the engine's ShapeError/InputError
// into ExpressionErrors at the operator or call that raised them.
#include <vector>

#include "engine/autograd/expression_builtins.h"
#include "engine/autograd/expression_ops.h"
#include "engine/autograd/expression_tokens.h"
#include "engine/autograd/tensor_session.h"

namespace dl {

class ExpressionParser {
public:
    ExpressionParser(std::vector<Token> tokens, const ExpressionVariables& variables, bool leaves_require_grad);
    ExpressionResult statement();

private:
    const Token& peek(size_t ahead = 0) const;
    const Token& next();
    bool accept(const char* symbol);
    const Token& expect(const char* symbol);
    [[noreturn]] void unexpected(const Token& t) const;

    ExpressionValue sum();
    ExpressionValue product();
    ExpressionValue unary();
    ExpressionValue power();
    ExpressionValue postfix();
    ExpressionValue primary();
    ExpressionValue name_value(const Token& name);
    ExpressionValue parenthesised(const Token& open);
    ExpressionValue list_literal(const Token& open);
    ExpressionArguments arguments();
    std::vector<IndexItem> index_items();
    std::optional<int64_t> index_number();

    std::vector<Token> tokens_;
    size_t at_ = 0;
    const ExpressionVariables& variables_;
    bool leaves_require_grad_;
};

}  // namespace dl
