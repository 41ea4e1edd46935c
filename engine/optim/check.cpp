#include "engine/optim/check.h"

#include <cmath>
#include <sstream>

#include "engine/core/error.h"

namespace dl::optim_check {

std::string format_number(double value) {
    std::ostringstream out;
    out << value;
    return out.str();
}

void positive(double value, const char* what) {
    if (!(value > 0) || !std::isfinite(value))
        throw InputError(std::string(what) + " must be positive, got " + format_number(value));
}

void non_negative(double value, const char* what) {
    if (!(value >= 0) || !std::isfinite(value))
        throw InputError(std::string(what) + " must be zero or positive, got " + format_number(value));
}

void below_one(double value, const char* what) {
    if (!(value >= 0 && value < 1))
        throw InputError(std::string(what) + " must be at least 0 and below 1, got " + format_number(value));
}

}  // namespace dl::optim_check
