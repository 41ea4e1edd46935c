#include "engine/optim/test_functions.h"

#include "engine/core/error.h"

namespace dl {

const std::vector<TestFunction>& test_functions() {
    static const std::vector<TestFunction> presets = {
        // D2L §11.6-§11.8: ill-conditioned (curvatures 0.2 and 4), the table of end points after 20 steps.
        {.id = "quadratic",
         .name = "Quadratic 0.1·x1² + 2·x2² (D2L §11.6)",
         .formula = "0.1*x1^2 + 2*x2^2",
         .dimension = 2,
         .start = {-5.0, -2.0},
         .x1_range = {-5.5, 1.5},
         .x2_range = {-3.0, 3.0},
         .learning_rate = 0.4,
         .tuned_learning_rates = {{"momentum", 0.6}},  // D2L §11.6's η = 0.6, β = 0.5
         .steps = 20},
        // A curved valley whose floor leads slowly to the minimum at (1, 1), from the classic start (−1.2, 1).
        // GD is stable only for η up to about 0.0015 here (the curvature across the valley is ~1300 at the
        // start), far too small for the adaptive rules, whose steps are about η each: they get their own η.
        {.id = "rosenbrock",
         .name = "Rosenbrock (1 − x1)² + 100·(x2 − x1²)²",
         .formula = "(1 - x1)^2 + 100*(x2 - x1^2)^2",
         .dimension = 2,
         .start = {-1.2, 1.0},
         .x1_range = {-2.0, 2.0},
         .x2_range = {-1.0, 3.0},
         .learning_rate = 0.002,
         .tuned_learning_rates = {{"adagrad", 0.5}, {"rmsprop", 0.01}, {"adam", 0.1}},
         .steps = 500},
        // D2L §11.1: a local minimum near x = −0.3 next to the global one near x = 1.1 in [−1, 2].
        {.id = "local-minimum",
         .name = "Local minimum x·cos(πx) (D2L §11.1)",
         .formula = "x*cos(pi*x)",
         .dimension = 1,
         .start = {-0.6, 0.0},
         .x1_range = {-1.0, 2.0},
         .x2_range = {-1.5, 2.0},
         .learning_rate = 0.05,
         .tuned_learning_rates = {},
         .steps = 30},
        // D2L §11.1's 2-D saddle: the gradient vanishes at (0, 0), a minimum along x1 and a maximum along x2.
        // Starting just off the x1 axis shows how slowly GD leaves it and how fast the adaptive rules do.
        {.id = "saddle",
         .name = "Saddle x1² − x2² (D2L §11.1)",
         .formula = "x1^2 - x2^2",
         .dimension = 2,
         .start = {-4.0, 0.01},
         .x1_range = {-5.0, 5.0},
         .x2_range = {-5.0, 5.0},
         .learning_rate = 0.1,
         .tuned_learning_rates = {},
         .steps = 20},
    };
    return presets;
}

double TestFunction::learning_rate_for(const std::string& optimizer_id) const {
    for (const auto& [id, rate] : tuned_learning_rates)
        if (id == optimizer_id) return rate;
    return learning_rate;
}

const TestFunction& test_function(const std::string& id) {
    for (const auto& preset : test_functions())
        if (preset.id == id) return preset;
    throw InputError("there is no test function '" + id + "' (known: quadratic, rosenbrock, local-minimum, saddle)");
}

}  // namespace dl
