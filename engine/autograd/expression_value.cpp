#include "engine/autograd/expression_value.h"

#include <cmath>
#include <cstdio>

#include "engine/autograd/tensor_text.h"

namespace dl {

namespace {
std::string number_text(double v) {
    if (v == std::round(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}
}  // namespace

std::string value_kind_text(const ExpressionValue& v) {
    switch (v.kind) {
        case ExpressionValue::Kind::Tensor:
            return "a tensor of shape " + to_string(v.tensor.shape());
        case ExpressionValue::Kind::Number:
            return "the number " + number_text(v.number);
        case ExpressionValue::Kind::Shape:
            return "the shape " + to_string(v.shape);
        case ExpressionValue::Kind::List:
            return "a list";
        case ExpressionValue::Kind::Bool:
            return "a truth value";
        case ExpressionValue::Kind::None:
            break;
    }
    return "nothing (None)";
}

std::string value_text(const ExpressionValue& v) {
    switch (v.kind) {
        case ExpressionValue::Kind::Tensor:
            return tensor_text(v.tensor.value());
        case ExpressionValue::Kind::Number:
            return number_text(v.number);
        case ExpressionValue::Kind::Shape:
            return to_string(v.shape);
        case ExpressionValue::Kind::Bool:
            return v.number != 0 ? "True" : "False";
        case ExpressionValue::Kind::List: {
            std::string s = "[";
            for (size_t i = 0; i < v.items.size(); ++i) s += (i ? ", " : "") + number_text(v.items[i]);
            return s + "]";
        }
        case ExpressionValue::Kind::None:
            break;
    }
    return "None";
}

}  // namespace dl
