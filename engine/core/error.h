#pragma once
// Engine errors: every message is written for a learner, naming the thing that is wrong.
#include <stdexcept>
#include <string>

namespace dl {

// A tensor shape or network wiring that cannot work (e.g. Linear expects 784 inputs, got 400).
struct ShapeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// A file or user-supplied value that cannot be read (bad magic, ragged CSV row, unknown layer).
struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// Training produced NaN/Inf.
struct DivergenceError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace dl
