#pragma once
// An error in a line a learner typed (a tensor expression, a function for the optimizer lab), with the part
// of the line it is about, so a view can put a caret under it.
#include <cstdint>
#include <string>

#include "engine/core/error.h"

namespace dl {

struct ExpressionError : InputError {
    ExpressionError(const std::string& message, int64_t position, int64_t length = 1)
        : InputError(message), position(position), length(length < 1 ? 1 : length) {}
    int64_t position;  // 0-based index of the first wrong character in the line
    int64_t length;    // how many characters are wrong
};

}  // namespace dl
