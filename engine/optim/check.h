#pragma once
// Hyperparameter checks shared by the optimizers and schedules; each throws InputError with a
// message that names the setting and the value the learner gave.
#include <string>

namespace dl::optim_check {

std::string format_number(double value);            // "0.1", "1e-08"
void positive(double value, const char* what);      // > 0 and finite
void non_negative(double value, const char* what);  // >= 0 and finite
void below_one(double value, const char* what);     // in [0, 1)

}  // namespace dl::optim_check
