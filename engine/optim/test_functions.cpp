#include "engine/optim/test_functions.h"

#include "engine/core/error.h"

namespace dl {

const std::vector<TestFunction>& test_functions() {
    static const std::vector<TestFunction> presets = {
        // D2L §11.6-§11.8: ill-conditioned (curvatures 0.2 and 4), the table of end points after 20 steps.
        {"quadratic",
         "Quadratic 0.1·x1² + 2·x2² (D2L §11.6)",
         "0.1*x1^2 + 2*x2^2",
         2,
         {-5.0, -2.0},
         {-5.5, 1.5},
         {-3.0, 3.0},
         0.4,
         20},
        // A curved valley whose floor leads slowly to the minimum at (1, 1).
        {"rosenbrock",
         "Rosenbrock (1 − x1)² + 100·(x2 − x1²)²",
         "(1 - x1)^2 + 100*(x2 - x1^2)^2",
         2,
         {-1.5, 2.0},
         {-2.0, 2.0},
         {-1.0, 3.0},
         0.001,
         300},
        // D2L §11.1: a local minimum near x = −0.3 next to the global one near x = 1.1 in [−1, 2].
        {"local-minimum",
         "Local minimum x·cos(πx) (D2L §11.1)",
         "x*cos(pi*x)",
         1,
         {-0.6, 0.0},
         {-1.0, 2.0},
         {-1.5, 2.0},
         0.05,
         30},
        // D2L §11.1's 2-D saddle: the gradient vanishes at (0, 0), a minimum along x1 and a maximum along x2;
        // starting just off the x1 axis shows how slowly plain GD escapes and how the adaptive methods do.
        {"saddle", "Saddle x1² − x2² (D2L §11.1)", "x1^2 - x2^2", 2, {-4.0, 0.01}, {-5.0, 5.0}, {-5.0, 5.0}, 0.1, 20},
    };
    return presets;
}

const TestFunction& test_function(const std::string& id) {
    for (const auto& preset : test_functions())
        if (preset.id == id) return preset;
    throw InputError("there is no test function '" + id + "' (known: quadratic, rosenbrock, local-minimum, saddle)");
}

}  // namespace dl
