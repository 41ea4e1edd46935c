#pragma once
// Trajectory: an optimizer's path on a function of one or two variables, in double, with the exact
// update rules of D2L ch. 11 (the book's from-scratch code, not PyTorch's classes):
//   GD        x ← x − η∇f                                                     (§11.3)
//   SGD       GD on ∇f + N(0, 1) noise per coordinate, seeded                  (§11.4)
//   momentum  v ← βv + g;  x ← x − ηv                                          (§11.6)
//   AdaGrad   s ← s + g²;  x ← x − η/√(s + ε)·g                                (§11.7, ε = 1e-6)
//   RMSProp   s ← γs + (1 − γ)g²;  x ← x − η/√(s + ε)·g                        (§11.8, ε = 1e-6)
//   Adadelta  s ← ρs + (1 − ρ)g²;  g' ← √(Δx + ε)/√(s + ε)·g;  x ← x − g';
//             Δx ← ρΔx + (1 − ρ)g'²                                             (§11.9, ε = 1e-5, no η)
//   Adam      m ← β1·m + (1 − β1)g;  v ← β2·v + (1 − β2)g²;  m̂ = m/(1 − β1^t);  v̂ = v/(1 − β2^t);
//             x ← x − η·m̂/(√v̂ + ε)                                              (§11.10, ε = 1e-6)
// D2L puts ε inside the square root for AdaGrad and RMSProp; PyTorch (engine/optim/*.h) adds it
// after the root. Adadelta has no learning rate in D2L; PyTorch's lr = 1 is the same rule.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/optim/function_expression.h"

namespace dl {

enum class LabOptimizer { GradientDescent, Sgd, Momentum, Adagrad, Rmsprop, Adadelta, Adam };

// All seven, in the order the lab lists them.
const std::vector<LabOptimizer>& lab_optimizers();
std::string lab_optimizer_id(LabOptimizer kind);    // "gd", "sgd", "momentum", "adagrad", "rmsprop", "adadelta", "adam"
std::string lab_optimizer_name(LabOptimizer kind);  // "GD", "SGD", "Momentum", ...
// Throws InputError naming the known ids for an unknown one.
LabOptimizer lab_optimizer_from_id(const std::string& id);

struct LabSettings {
    double learning_rate = 0.4;  // η (every rule but Adadelta)
    double momentum = 0.5;       // β of momentum
    double gamma = 0.9;          // RMSProp
    double rho = 0.9;            // Adadelta
    double beta1 = 0.9;          // Adam
    double beta2 = 0.999;        // Adam
    double epsilon = 1e-6;       // AdaGrad, RMSProp, Adam (D2L's value)
    double adadelta_epsilon = 1e-5;
    double noise = 1.0;  // standard deviation of SGD's gradient noise
    uint64_t seed = 0;   // SGD's noise
};

// One named piece of an optimizer's state, per coordinate (x1, x2).
struct StateEntry {
    std::string name;  // "velocity", "s", "delta", "m", "v", "m_hat", "v_hat", "noisy_gradient"
    std::array<double, 2> value{0.0, 0.0};
};

struct TrajectoryStep {
    std::array<double, 2> point{0.0, 0.0};  // x2 is 0 for 1-D functions
    double value = 0.0;                     // f(point)
    std::array<double, 2> gradient{0.0, 0.0};
    std::vector<StateEntry> state;  // after the update that reached `point` (zeros at step 0)
};

struct Trajectory {
    LabOptimizer optimizer = LabOptimizer::GradientDescent;
    std::vector<TrajectoryStep> steps;  // steps[0] is the start; at most steps + 1 entries
    // Empty when all steps ran; otherwise why the run stopped early (f or the point left the numbers).
    std::string stopped;
    const TrajectoryStep& last() const { return steps.back(); }
};

// Runs `optimizer` for `steps` updates from `start`. Throws InputError for settings the rule cannot
// use (negative η, β outside [0, 1), ε ≤ 0, steps < 0); a NaN or infinite value ends the run early.
Trajectory run_trajectory(const FunctionExpression& function, LabOptimizer optimizer, const LabSettings& settings,
                          std::array<double, 2> start, int steps);

}  // namespace dl
