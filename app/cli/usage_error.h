#pragma once
// A mistake in how divelab-cli was called (unknown flag, bad value, missing option): exit code 2.
#include <stdexcept>

namespace cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace cli
