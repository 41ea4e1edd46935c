#pragma once
// The test functions of D2L ch. 11 as named presets for the optimizer lab: the formula as a learner
// would type it, where the book starts, what part of the plane to show, and a learning rate and
// step count that make a readable picture.
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace dl {

struct TestFunction {
    std::string id;       // "quadratic", "rosenbrock", "local-minimum", "saddle"
    std::string name;     // English title (the UI translates its own)
    std::string formula;  // parsed by FunctionExpression
    int dimension = 2;    // 1: f(x) drawn as a curve; 2: contour plot over (x1, x2)
    std::array<double, 2> start{0.0, 0.0};
    std::array<double, 2> x1_range{-1.0, 1.0};
    std::array<double, 2> x2_range{-1.0, 1.0};  // for 1-D functions: the range of f shown
    double learning_rate = 0.1;
    // Learning rates that differ from `learning_rate`, by optimizer id ("momentum", "adam", ...): as in D2L,
    // where each section picks its own η, one η rarely suits every rule on the same function.
    std::vector<std::pair<std::string, double>> tuned_learning_rates;
    int steps = 20;

    double learning_rate_for(const std::string& optimizer_id) const;
};

// All presets, in menu order.
const std::vector<TestFunction>& test_functions();
// The preset with this id; throws InputError naming the known ids otherwise.
const TestFunction& test_function(const std::string& id);

}  // namespace dl
