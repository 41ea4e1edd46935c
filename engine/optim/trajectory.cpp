#include "engine/optim/trajectory.h"

#include <cmath>

#include "engine/core/error.h"
#include "engine/core/random.h"
#include "engine/optim/check.h"

namespace dl {

namespace {

struct OptimizerInfo {
    LabOptimizer kind;
    const char* id;
    const char* name;
};
constexpr OptimizerInfo kOptimizers[] = {
    {LabOptimizer::GradientDescent, "gd", "GD"},
    {LabOptimizer::Sgd, "sgd", "SGD"},
    {LabOptimizer::Momentum, "momentum", "Momentum"},
    {LabOptimizer::Adagrad, "adagrad", "AdaGrad"},
    {LabOptimizer::Rmsprop, "rmsprop", "RMSProp"},
    {LabOptimizer::Adadelta, "adadelta", "Adadelta"},
    {LabOptimizer::Adam, "adam", "Adam"},
};

const OptimizerInfo& info(LabOptimizer kind) {
    for (const auto& entry : kOptimizers)
        if (entry.kind == kind) return entry;
    return kOptimizers[0];
}

using Pair = std::array<double, 2>;

// The optimizer's running state: two per-coordinate accumulators and the step count t.
struct RunState {
    Pair first{0.0, 0.0};   // momentum's v, AdaGrad/RMSProp/Adadelta's s, Adam's m
    Pair second{0.0, 0.0};  // Adadelta's Δx, Adam's v
    int t = 0;
    Rng rng;
};

void check_settings(LabOptimizer optimizer, const LabSettings& s, int steps) {
    if (steps < 0) throw InputError("the number of steps must be 0 or more, got " + std::to_string(steps));
    optim_check::non_negative(s.learning_rate, "learning rate");
    switch (optimizer) {
        case LabOptimizer::Sgd:
            optim_check::non_negative(s.noise, "gradient noise");
            break;
        case LabOptimizer::Momentum:
            optim_check::below_one(s.momentum, "momentum β");
            break;
        case LabOptimizer::Adagrad:
            optim_check::positive(s.epsilon, "epsilon");
            break;
        case LabOptimizer::Rmsprop:
            optim_check::below_one(s.gamma, "RMSProp γ");
            optim_check::positive(s.epsilon, "epsilon");
            break;
        case LabOptimizer::Adadelta:
            optim_check::below_one(s.rho, "Adadelta ρ");
            optim_check::positive(s.adadelta_epsilon, "Adadelta epsilon");
            break;
        case LabOptimizer::Adam:
            optim_check::below_one(s.beta1, "Adam β1");
            optim_check::below_one(s.beta2, "Adam β2");
            optim_check::positive(s.epsilon, "epsilon");
            break;
        default:
            break;
    }
}

// Updates coordinate i of x with gradient g by the optimizer's rule (see trajectory.h).
double update(LabOptimizer optimizer, const LabSettings& s, RunState& state, int i, double x, double g) {
    const double eta = s.learning_rate;
    double& a = state.first[i];
    double& b = state.second[i];
    switch (optimizer) {
        case LabOptimizer::GradientDescent:
        case LabOptimizer::Sgd:
            return x - eta * g;
        case LabOptimizer::Momentum:
            a = s.momentum * a + g;
            return x - eta * a;
        case LabOptimizer::Adagrad:
            a += g * g;
            return x - eta / std::sqrt(a + s.epsilon) * g;
        case LabOptimizer::Rmsprop:
            a = s.gamma * a + (1.0 - s.gamma) * g * g;
            return x - eta / std::sqrt(a + s.epsilon) * g;
        case LabOptimizer::Adadelta: {
            a = s.rho * a + (1.0 - s.rho) * g * g;
            const double rescaled = std::sqrt(b + s.adadelta_epsilon) / std::sqrt(a + s.adadelta_epsilon) * g;
            b = s.rho * b + (1.0 - s.rho) * rescaled * rescaled;
            return x - rescaled;
        }
        case LabOptimizer::Adam: {
            a = s.beta1 * a + (1.0 - s.beta1) * g;
            b = s.beta2 * b + (1.0 - s.beta2) * g * g;
            const double m_hat = a / (1.0 - std::pow(s.beta1, state.t));
            const double v_hat = b / (1.0 - std::pow(s.beta2, state.t));
            return x - eta * m_hat / (std::sqrt(v_hat) + s.epsilon);
        }
    }
    return x;
}

// The state a learner sees after step t, by name (zeros at the start).
std::vector<StateEntry> visible_state(LabOptimizer optimizer, const LabSettings& s, const RunState& state,
                                      const Pair& noisy_gradient) {
    switch (optimizer) {
        case LabOptimizer::Sgd:
            return {{"noisy_gradient", noisy_gradient}};
        case LabOptimizer::Momentum:
            return {{"velocity", state.first}};
        case LabOptimizer::Adagrad:
        case LabOptimizer::Rmsprop:
            return {{"s", state.first}};
        case LabOptimizer::Adadelta:
            return {{"s", state.first}, {"delta", state.second}};
        case LabOptimizer::Adam: {
            Pair m_hat{0.0, 0.0}, v_hat{0.0, 0.0};
            if (state.t > 0) {
                for (int i = 0; i < 2; ++i) {
                    m_hat[i] = state.first[i] / (1.0 - std::pow(s.beta1, state.t));
                    v_hat[i] = state.second[i] / (1.0 - std::pow(s.beta2, state.t));
                }
            }
            return {{"m", state.first}, {"v", state.second}, {"m_hat", m_hat}, {"v_hat", v_hat}};
        }
        default:
            return {};
    }
}

TrajectoryStep make_step(const FunctionExpression& f, const Pair& point) {
    const FunctionValue at = f.evaluate(point[0], point[1]);
    TrajectoryStep step;
    step.point = point;
    step.value = at.value;
    step.gradient = at.gradient;
    return step;
}

bool finite(const TrajectoryStep& step) {
    return std::isfinite(step.point[0]) && std::isfinite(step.point[1]) && std::isfinite(step.value) &&
           std::isfinite(step.gradient[0]) && std::isfinite(step.gradient[1]);
}

std::string not_finite_reason(int step, const TrajectoryStep& at) {
    auto number = [](double v) { return optim_check::format_number(v); };
    return "f or its gradient is not a finite number at (" + number(at.point[0]) + ", " + number(at.point[1]) + ")" +
           (step == 0 ? std::string(", the start point") : " after step " + std::to_string(step));
}

}  // namespace

const std::vector<LabOptimizer>& lab_optimizers() {
    static const std::vector<LabOptimizer> all = [] {
        std::vector<LabOptimizer> kinds;
        for (const auto& entry : kOptimizers) kinds.push_back(entry.kind);
        return kinds;
    }();
    return all;
}

std::string lab_optimizer_id(LabOptimizer kind) {
    return info(kind).id;
}
std::string lab_optimizer_name(LabOptimizer kind) {
    return info(kind).name;
}

LabOptimizer lab_optimizer_from_id(const std::string& id) {
    for (const auto& entry : kOptimizers)
        if (id == entry.id) return entry.kind;
    throw InputError("there is no optimizer '" + id + "' in the lab (known: gd, sgd, momentum, adagrad, rmsprop, " +
                     "adadelta, adam)");
}

Trajectory run_trajectory(const FunctionExpression& function, LabOptimizer optimizer, const LabSettings& settings,
                          std::array<double, 2> start, int steps) {
    check_settings(optimizer, settings, steps);
    const int dimension = function.dimension();
    if (dimension == 1) start[1] = 0.0;
    Trajectory trajectory;
    trajectory.optimizer = optimizer;
    RunState state;
    state.rng.reseed(settings.seed);
    trajectory.steps.push_back(make_step(function, start));
    trajectory.steps.back().state = visible_state(optimizer, settings, state, {0.0, 0.0});
    if (!finite(trajectory.steps.back())) trajectory.stopped = not_finite_reason(0, trajectory.steps.back());
    for (int t = 1; t <= steps && trajectory.stopped.empty(); ++t) {
        const TrajectoryStep& previous = trajectory.steps.back();
        state.t = t;
        Pair gradient = previous.gradient;
        if (optimizer == LabOptimizer::Sgd)
            for (int i = 0; i < dimension; ++i) gradient[i] += settings.noise * state.rng.normal();
        Pair next = previous.point;
        for (int i = 0; i < dimension; ++i) next[i] = update(optimizer, settings, state, i, next[i], gradient[i]);
        TrajectoryStep step = make_step(function, next);
        step.state = visible_state(optimizer, settings, state, gradient);
        if (!finite(step)) {
            trajectory.stopped = not_finite_reason(t, step);  // the path ends at the last finite point
            break;
        }
        trajectory.steps.push_back(std::move(step));
    }
    return trajectory;
}

}  // namespace dl
