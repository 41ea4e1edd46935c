#include "engine/autograd/tensor_session.h"

#include "engine/autograd/expression_parser.h"

namespace dl {

ExpressionResult TensorSession::run(const std::string& line) {
    ExpressionParser parser(tokenize(line), variables_, leaves_require_grad_);
    ExpressionResult result = parser.statement();
    if (!result.assigned.empty()) variables_[result.assigned] = result.value;
    return result;
}

std::string TensorSession::name_of(const GradNode* node) const {
    for (const auto& [name, value] : variables_)
        if (value.is_tensor() && value.tensor.node() == node) return name;
    return "";
}

}  // namespace dl
