// Optimizers, gradient clipping and learning-rate schedules (engine/optim).
//
// Update rules are checked against the PyTorch formulas recomputed here in double; convergence is
// checked on convex quadratics f(x) = ½ xᵀAx − bᵀx whose minimiser A⁻¹b Eigen solves exactly.
#include <QtTest>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/core/random.h"
#include "engine/optim/adadelta.h"
#include "engine/optim/adagrad.h"
#include "engine/optim/adam.h"
#include "engine/optim/clip.h"
#include "engine/optim/factory.h"
#include "engine/optim/rmsprop.h"
#include "engine/optim/schedule.h"
#include "engine/optim/sgd.h"

using namespace dl;

namespace {

using Values = std::vector<double>;

Param makeParam(const std::string& name, const std::vector<float>& values, bool decay = true) {
    return Param{name, Var(Tensor::from({static_cast<int64_t>(values.size())}, values), true), decay};
}

void setGrad(Param& p, const std::vector<float>& grad) {
    p.var.grad_buffer().copy_from(Tensor::from({static_cast<int64_t>(grad.size())}, grad));
}

Values valuesOf(const Param& p) {
    const Tensor& value = p.var.value();
    return Values(value.data(), value.data() + value.numel());
}

// Exact element-wise equality (compares storage directly; GCC 12 misreports temporaries here).
bool sameValues(const Tensor& tensor, const std::vector<float>& values) {
    return tensor.numel() == static_cast<int64_t>(values.size()) &&
           std::equal(values.begin(), values.end(), tensor.data());
}
bool sameValues(const Tensor& a, const Tensor& b) {
    return a.numel() == b.numel() && std::equal(a.data(), a.data() + a.numel(), b.data());
}

// Message of the InputError thrown by `action`, or empty if none was thrown.
QString inputErrorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// ---- Convex quadratic ------------------------------------------------------------------------------

struct Quadratic {
    Eigen::MatrixXf A;
    Eigen::VectorXf b;

    Eigen::VectorXd solution() const { return A.cast<double>().ldlt().solve(b.cast<double>()); }
    // ∇f(x) = Ax − b, written into the parameter's gradient as backward() would.
    void setGradient(Param& x) const { x.var.grad_buffer().vec() = A * x.var.value().vec() - b; }
    double relativeError(const Param& x) const {
        const Eigen::VectorXd star = solution();
        return (x.var.value().vec().cast<double>() - star).norm() / star.norm();
    }
};

// A = Qᵀ·diag(λ)·Q with a seeded random rotation Q and eigenvalues spread evenly over
// [min_eigenvalue, max_eigenvalue]: symmetric positive definite with condition number max/min.
Quadratic makeQuadratic(int n, double min_eigenvalue, double max_eigenvalue, uint64_t seed) {
    Rng rng(seed);
    Eigen::MatrixXd random(n, n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) random(i, j) = rng.normal();
    const Eigen::MatrixXd Q = Eigen::HouseholderQR<Eigen::MatrixXd>(random).householderQ();
    Eigen::VectorXd eigenvalues = Eigen::VectorXd::LinSpaced(n, min_eigenvalue, max_eigenvalue);
    Quadratic q;
    q.A = (Q.transpose() * eigenvalues.asDiagonal() * Q).cast<float>();
    q.A = (0.5f * (q.A + q.A.transpose())).eval();  // exactly symmetric after rounding to float
    q.b.resize(n);
    for (int i = 0; i < n; ++i) q.b[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
    return q;
}

Param zeroStart(int n) {
    return makeParam("x", std::vector<float>(n, 0.0f));
}

// Steps until the relative error drops below `tolerance`; returns the step count, or -1.
int stepsToConverge(Optimizer& opt, Param& x, const Quadratic& q, double tolerance, int max_steps) {
    for (int step = 0; step < max_steps; ++step) {
        if (q.relativeError(x) < tolerance) return step;
        q.setGradient(x);
        opt.step();
    }
    return q.relativeError(x) < tolerance ? max_steps : -1;
}

// ---- Reference updates (PyTorch's formulas, in double) --------------------------------------------

// Two parameters share start values and gradients; only "w" takes weight decay, so the pair also
// checks that decay == false is honoured.
const std::vector<float> kStart = {0.5f, -1.5f, 2.0f, -0.25f};
const std::vector<std::vector<float>> kGrads = {
    {0.3f, -0.2f, 1.5f, -0.7f}, {0.1f, 0.4f, -1.0f, -0.9f}, {-0.6f, 0.05f, 0.8f, 0.2f}};

// Applies all of kGrads to one parameter with a reference rule; `decay` tells whether wd applies.
using ReferenceRun = std::function<Values(Values p, bool decay)>;

void compareWithReference(Optimizer& opt, ParamList params, const ReferenceRun& reference) {
    for (size_t step = 0; step < kGrads.size(); ++step) {
        for (Param& p : params) setGrad(p, kGrads[step]);
        opt.step();
    }
    for (const Param& p : params) {
        const Values expected = reference(Values(kStart.begin(), kStart.end()), p.decay);
        const Values actual = valuesOf(p);
        for (size_t i = 0; i < expected.size(); ++i) {
            const double tolerance = 1e-6 + 1e-5 * std::abs(expected[i]);
            QVERIFY2(std::abs(actual[i] - expected[i]) <= tolerance,
                     qPrintable(QString("%1 param %2[%3]: got %4, PyTorch formula gives %5")
                                    .arg(QString::fromStdString(opt.name()), QString::fromStdString(p.name))
                                    .arg(i)
                                    .arg(actual[i], 0, 'g', 9)
                                    .arg(expected[i], 0, 'g', 9)));
        }
        // The update must actually have moved the weights (guards against a no-op passing).
        QVERIFY(std::abs(actual[0] - kStart[0]) > 1e-4);
    }
}

ParamList decayedAndUndecayedPair() {
    return {makeParam("w", kStart, true), makeParam("b", kStart, false)};
}

Values sgdReference(Values p, bool decay, double lr, double momentum, bool nesterov, double wd) {
    Values buffer(p.size(), 0.0);
    for (size_t t = 0; t < kGrads.size(); ++t) {
        for (size_t i = 0; i < p.size(); ++i) {
            double g = kGrads[t][i] + (decay ? wd * p[i] : 0.0);
            if (momentum != 0.0) {
                buffer[i] = t == 0 ? g : momentum * buffer[i] + g;  // PyTorch clones g on the first step
                g = nesterov ? g + momentum * buffer[i] : buffer[i];
            }
            p[i] -= lr * g;
        }
    }
    return p;
}

// ---- Schedules -------------------------------------------------------------------------------------

double cosineValue(double base, double min, double t, double length) {
    return min + (base - min) * (1.0 + std::cos(std::numbers::pi * t / length)) / 2.0;
}

}  // namespace

class TestOptim : public QObject {
    Q_OBJECT

private slots:
    // Convergence
    void convergesOnQuadratic_data();
    void convergesOnQuadratic();
    void momentumBeatsPlainSgdOnIllConditionedQuadratic();
    void nesterovDiffersFromMomentum();

    // Exact update rules
    void sgdMatchesFormula();
    void sgdMomentumMatchesFormula();
    void sgdNesterovMatchesFormula();
    void adagradMatchesFormula();
    void rmspropMatchesFormula();
    void rmspropMomentumMatchesFormula();
    void adadeltaMatchesFormula();
    void adamMatchesFormula();
    void adamwMatchesFormula();

    // Weight decay and skipped parameters
    void adamwDecayIsDecoupledFromGradientScale();
    void adamwShrinksByLrTimesDecayWhereAdamL2MovesByLr();
    void noDecayParamsAreNotDecayed();
    void paramsWithoutGradAreLeftAlone();
    void zeroGradClearsGradients();
    void setLrTakesEffectAndRejectsBadValues();

    // Factory, validation, state
    void factoryKnowsEveryOptimizer();
    void unknownOptimizerNameIsExplained();
    void invalidHyperparametersAreRejected_data();
    void invalidHyperparametersAreRejected();
    void defaultsFollowPyTorch();
    void stateRoundTripContinuesIdentically();
    void loadStateRejectsForeignState();
    void bigParametersUpdateInRangesWithTheSameBits();

    // Clipping
    void gradNormOfOneParam();
    void clipComputesGlobalNormAndScales();
    void clipLeavesSmallGradientsAlone();
    void clipRejectsBadMaxNormAndKeepsNonFinite();

    // Schedules
    void constantSchedule();
    void stepScheduleDecaysEveryStepSize();
    void cosineScheduleAnnealsToMin();
    void warmupRisesLinearlyThenHandsOver();
    void parseSchedule_data();
    void parseSchedule();
    void parseScheduleErrors_data();
    void parseScheduleErrors();
    void scheduleRunErrors();
};

// ---- Convergence -----------------------------------------------------------------------------------

void TestOptim::convergesOnQuadratic_data() {
    QTest::addColumn<QString>("optimizer");
    QTest::addColumn<double>("lr");
    QTest::addColumn<double>("momentum");
    QTest::addColumn<bool>("nesterov");
    QTest::addColumn<QString>("schedule");  // applied per step over `steps`
    QTest::addColumn<int>("steps");

    // Eigenvalues in [1, 10]: plain gradient descent is stable for lr < 2/10.
    QTest::newRow("sgd") << "sgd" << 0.1 << 0.0 << false << "constant" << 400;
    QTest::newRow("sgd momentum") << "sgd" << 0.05 << 0.5 << false << "constant" << 400;
    QTest::newRow("sgd nesterov") << "sgd" << 0.05 << 0.5 << true << "constant" << 400;
    QTest::newRow("adagrad") << "adagrad" << 0.5 << 0.0 << false << "constant" << 3000;
    // Adaptive methods take steps of about lr even near the optimum, so they need a decaying lr.
    QTest::newRow("rmsprop") << "rmsprop" << 0.01 << 0.0 << false << "cosine" << 3000;
    QTest::newRow("rmsprop momentum") << "rmsprop" << 0.01 << 0.5 << false << "cosine" << 3000;
    // PyTorch's default lr multiplier 1 keeps oscillating on this noise-free problem; 0.2 settles.
    QTest::newRow("adadelta") << "adadelta" << 0.2 << 0.0 << false << "constant" << 3000;
    QTest::newRow("adam") << "adam" << 0.05 << 0.0 << false << "cosine" << 3000;
    QTest::newRow("adamw") << "adamw" << 0.05 << 0.0 << false << "cosine" << 3000;
}

void TestOptim::convergesOnQuadratic() {
    QFETCH(QString, optimizer);
    QFETCH(double, lr);
    QFETCH(double, momentum);
    QFETCH(bool, nesterov);
    QFETCH(QString, schedule);
    QFETCH(int, steps);

    const Quadratic q = makeQuadratic(10, 1.0, 10.0, 42);
    Param x = zeroStart(10);
    OptimizerConfig config = optimizer_defaults(optimizer.toStdString());
    config.lr = static_cast<float>(lr);
    config.momentum = static_cast<float>(momentum);
    config.nesterov = nesterov;
    config.weight_decay = 0.0f;  // decay would move the minimiser away from A⁻¹b
    auto opt = make_optimizer(config, {x});
    const LrSchedule lr_schedule = parse_lr_schedule(schedule.toStdString());

    const double start_error = q.relativeError(x);
    for (int step = 0; step < steps; ++step) {
        opt->set_lr(lr_schedule.lr_at(config.lr, step, steps));
        q.setGradient(x);
        opt->step();
    }
    const double error = q.relativeError(x);
    QVERIFY2(
        error < 1e-4,
        qPrintable(
            QString("relative distance to A⁻¹b after %1 steps: %2 (start %3)").arg(steps).arg(error).arg(start_error)));
}

void TestOptim::momentumBeatsPlainSgdOnIllConditionedQuadratic() {
    // Condition number 100: plain gradient descent crawls along the flat direction.
    const Quadratic q = makeQuadratic(10, 1.0, 100.0, 7);
    const float lr = 0.01f;  // 1/L, the classic safe step for both

    Param plain_x = zeroStart(10);
    Sgd plain({plain_x}, SgdOptions{.lr = lr});
    const int plain_steps = stepsToConverge(plain, plain_x, q, 1e-3, 20000);

    Param momentum_x = zeroStart(10);
    Sgd heavy_ball({momentum_x}, SgdOptions{.lr = lr, .momentum = 0.9f});
    const int momentum_steps = stepsToConverge(heavy_ball, momentum_x, q, 1e-3, 20000);

    QVERIFY2(plain_steps > 0 && momentum_steps > 0, "both must converge");
    QVERIFY2(momentum_steps * 3 < plain_steps,
             qPrintable(QString("momentum took %1 steps, plain SGD %2").arg(momentum_steps).arg(plain_steps)));
}

void TestOptim::nesterovDiffersFromMomentum() {
    const Quadratic q = makeQuadratic(10, 1.0, 100.0, 7);
    Param heavy_x = zeroStart(10);
    Param nesterov_x = zeroStart(10);
    Sgd heavy({heavy_x}, SgdOptions{.lr = 0.01f, .momentum = 0.9f});
    Sgd nesterov({nesterov_x}, SgdOptions{.lr = 0.01f, .momentum = 0.9f, .nesterov = true});
    for (int step = 0; step < 5; ++step) {
        q.setGradient(heavy_x);
        heavy.step();
        q.setGradient(nesterov_x);
        nesterov.step();
    }
    const double gap = (heavy_x.var.value().vec() - nesterov_x.var.value().vec()).norm();
    QVERIFY2(gap > 1e-3, qPrintable(QString("Nesterov and heavy-ball iterates differ by only %1").arg(gap)));

    // Nesterov's look-ahead damps the oscillation along steep directions: it converges in fewer steps.
    Param a = zeroStart(10), b = zeroStart(10);
    Sgd heavy2({a}, SgdOptions{.lr = 0.01f, .momentum = 0.9f});
    Sgd nesterov2({b}, SgdOptions{.lr = 0.01f, .momentum = 0.9f, .nesterov = true});
    const int heavy_steps = stepsToConverge(heavy2, a, q, 1e-3, 20000);
    const int nesterov_steps = stepsToConverge(nesterov2, b, q, 1e-3, 20000);
    QVERIFY2(nesterov_steps > 0 && nesterov_steps < heavy_steps,
             qPrintable(QString("Nesterov %1 steps, heavy ball %2").arg(nesterov_steps).arg(heavy_steps)));
}

// ---- Exact update rules ----------------------------------------------------------------------------

void TestOptim::sgdMatchesFormula() {
    ParamList params = decayedAndUndecayedPair();
    Sgd opt(params, SgdOptions{.lr = 0.1f, .weight_decay = 0.05f});
    compareWithReference(opt, params,
                         [](Values p, bool decay) { return sgdReference(p, decay, 0.1, 0.0, false, 0.05); });
}

void TestOptim::sgdMomentumMatchesFormula() {
    ParamList params = decayedAndUndecayedPair();
    Sgd opt(params, SgdOptions{.lr = 0.1f, .momentum = 0.9f, .weight_decay = 0.05f});
    compareWithReference(opt, params,
                         [](Values p, bool decay) { return sgdReference(p, decay, 0.1, 0.9, false, 0.05); });
}

void TestOptim::sgdNesterovMatchesFormula() {
    ParamList params = decayedAndUndecayedPair();
    Sgd opt(params, SgdOptions{.lr = 0.1f, .momentum = 0.9f, .nesterov = true, .weight_decay = 0.05f});
    compareWithReference(opt, params,
                         [](Values p, bool decay) { return sgdReference(p, decay, 0.1, 0.9, true, 0.05); });
}

void TestOptim::adagradMatchesFormula() {
    const double lr = 0.3, eps = 1e-10, wd = 0.05;
    ParamList params = decayedAndUndecayedPair();
    Adagrad opt(params, AdagradOptions{.lr = 0.3f, .weight_decay = 0.05f});
    compareWithReference(opt, params, [&](Values p, bool decay) {
        Values sum(p.size(), 0.0);
        for (const auto& grads : kGrads)
            for (size_t i = 0; i < p.size(); ++i) {
                const double g = grads[i] + (decay ? wd * p[i] : 0.0);
                sum[i] += g * g;
                p[i] -= lr * g / (std::sqrt(sum[i]) + eps);
            }
        return p;
    });
}

void TestOptim::rmspropMatchesFormula() {
    const double lr = 0.01, alpha = 0.99, eps = 1e-8, wd = 0.05;
    ParamList params = decayedAndUndecayedPair();
    Rmsprop opt(params, RmspropOptions{.lr = 0.01f, .weight_decay = 0.05f});
    compareWithReference(opt, params, [&](Values p, bool decay) {
        Values square_avg(p.size(), 0.0);
        for (const auto& grads : kGrads)
            for (size_t i = 0; i < p.size(); ++i) {
                const double g = grads[i] + (decay ? wd * p[i] : 0.0);
                square_avg[i] = alpha * square_avg[i] + (1 - alpha) * g * g;
                p[i] -= lr * g / (std::sqrt(square_avg[i]) + eps);
            }
        return p;
    });
}

void TestOptim::rmspropMomentumMatchesFormula() {
    const double lr = 0.01, alpha = 0.9, eps = 1e-8, momentum = 0.8, wd = 0.05;
    ParamList params = decayedAndUndecayedPair();
    Rmsprop opt(params, RmspropOptions{.lr = 0.01f, .alpha = 0.9f, .momentum = 0.8f, .weight_decay = 0.05f});
    compareWithReference(opt, params, [&](Values p, bool decay) {
        Values square_avg(p.size(), 0.0), buffer(p.size(), 0.0);
        for (const auto& grads : kGrads)
            for (size_t i = 0; i < p.size(); ++i) {
                const double g = grads[i] + (decay ? wd * p[i] : 0.0);
                square_avg[i] = alpha * square_avg[i] + (1 - alpha) * g * g;
                buffer[i] = momentum * buffer[i] + g / (std::sqrt(square_avg[i]) + eps);
                p[i] -= lr * buffer[i];
            }
        return p;
    });
}

void TestOptim::adadeltaMatchesFormula() {
    const double lr = 1.0, rho = 0.9, eps = 1e-6, wd = 0.05;
    ParamList params = decayedAndUndecayedPair();
    Adadelta opt(params, AdadeltaOptions{.weight_decay = 0.05f});
    compareWithReference(opt, params, [&](Values p, bool decay) {
        Values square_avg(p.size(), 0.0), acc_delta(p.size(), 0.0);
        for (const auto& grads : kGrads)
            for (size_t i = 0; i < p.size(); ++i) {
                const double g = grads[i] + (decay ? wd * p[i] : 0.0);
                square_avg[i] = rho * square_avg[i] + (1 - rho) * g * g;
                const double delta = std::sqrt(acc_delta[i] + eps) / std::sqrt(square_avg[i] + eps) * g;
                acc_delta[i] = rho * acc_delta[i] + (1 - rho) * delta * delta;
                p[i] -= lr * delta;
            }
        return p;
    });
}

namespace {
// Adam with L2 (`decoupled` false) or AdamW (`decoupled` true), exactly as torch.optim writes it.
Values adamReference(Values p, bool decay, double lr, double wd, bool decoupled) {
    const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
    Values m(p.size(), 0.0), v(p.size(), 0.0);
    for (size_t t = 1; t <= kGrads.size(); ++t)
        for (size_t i = 0; i < p.size(); ++i) {
            double g = kGrads[t - 1][i];
            if (decay && decoupled) p[i] *= 1 - lr * wd;
            if (decay && !decoupled) g += wd * p[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            const double step_size = lr / (1 - std::pow(beta1, t));
            const double denom = std::sqrt(v[i]) / std::sqrt(1 - std::pow(beta2, t)) + eps;
            p[i] -= step_size * m[i] / denom;
        }
    return p;
}
}  // namespace

void TestOptim::adamMatchesFormula() {
    ParamList params = decayedAndUndecayedPair();
    Adam opt(params, AdamOptions{.lr = 0.01f, .weight_decay = 0.05f});
    compareWithReference(opt, params, [](Values p, bool decay) { return adamReference(p, decay, 0.01, 0.05, false); });
}

void TestOptim::adamwMatchesFormula() {
    ParamList params = decayedAndUndecayedPair();
    AdamW opt(params, AdamWOptions{.lr = 0.01f, .weight_decay = 0.5f});
    compareWithReference(opt, params, [](Values p, bool decay) { return adamReference(p, decay, 0.01, 0.5, true); });
}

// ---- Weight decay and skipped parameters -----------------------------------------------------------

void TestOptim::adamwDecayIsDecoupledFromGradientScale() {
    // A gradient 1000× larger than the weights: Adam's per-coordinate normalisation divides the
    // L2 term wd·p by the gradient's size, so it nearly vanishes; AdamW's decay does not.
    const std::vector<float> start = {1.0f, -2.0f, 0.5f};
    const std::vector<float> big_grad = {1000.0f, 800.0f, -1200.0f};
    const float lr = 0.01f, wd = 0.1f;

    Param plain = makeParam("p", start), l2 = makeParam("p", start), decoupled = makeParam("p", start);
    Adam adam_plain({plain}, AdamOptions{.lr = lr});
    Adam adam_l2({l2}, AdamOptions{.lr = lr, .weight_decay = wd});
    AdamW adamw({decoupled}, AdamWOptions{.lr = lr, .weight_decay = wd});
    auto stepWithBigGrad = [&](Param& param, Optimizer& opt) {
        setGrad(param, big_grad);
        opt.step();
    };
    stepWithBigGrad(plain, adam_plain);
    stepWithBigGrad(l2, adam_l2);
    stepWithBigGrad(decoupled, adamw);
    for (int i = 0; i < 3; ++i) {
        const double without_decay = plain.var.value()[i];
        // Adam + L2: the decay is swamped, the result is almost Adam without decay.
        QVERIFY(std::abs(l2.var.value()[i] - without_decay) < 1e-6);
        // AdamW: the decay component is exactly lr·wd·p, independent of the gradient scale.
        const double decay_component = without_decay - decoupled.var.value()[i];
        QVERIFY2(
            std::abs(decay_component - lr * wd * start[i]) < 1e-6,
            qPrintable(
                QString("decay component %1, expected lr·wd·p = %2").arg(decay_component).arg(lr * wd * start[i])));
        QVERIFY(std::abs(decoupled.var.value()[i] - l2.var.value()[i]) > 4e-4);
    }
}

void TestOptim::adamwShrinksByLrTimesDecayWhereAdamL2MovesByLr() {
    // With a zero gradient, AdamW multiplies p by (1 − lr·wd); Adam's L2 gradient wd·p is normalised
    // to ±1, so Adam moves every weight by about lr towards 0 whatever its size.
    const std::vector<float> start = {2.0f, -3.0f, 0.5f};
    const float lr = 0.1f, wd = 0.1f;
    Param adamw_p = makeParam("p", start), adam_p = makeParam("p", start);
    AdamW adamw({adamw_p}, AdamWOptions{.lr = lr, .weight_decay = wd});
    Adam adam({adam_p}, AdamOptions{.lr = lr, .weight_decay = wd});
    setGrad(adamw_p, {0.0f, 0.0f, 0.0f});
    setGrad(adam_p, {0.0f, 0.0f, 0.0f});
    adamw.step();
    adam.step();
    for (int i = 0; i < 3; ++i) {
        QVERIFY(std::abs(adamw_p.var.value()[i] - start[i] * (1.0 - lr * wd)) < 1e-6);
        const double sign = start[i] > 0 ? 1.0 : -1.0;
        QVERIFY(std::abs(adam_p.var.value()[i] - (start[i] - lr * sign)) < 1e-5);
    }
}

void TestOptim::noDecayParamsAreNotDecayed() {
    // Zero gradient and strong decay: only the decay could move anything.
    for (const std::string& name : optimizer_names()) {
        OptimizerConfig config = optimizer_defaults(name);
        config.weight_decay = 0.5f;
        Param weight = makeParam("w", kStart, true), bias = makeParam("b", kStart, false);
        auto opt = make_optimizer(config, {weight, bias});
        setGrad(weight, {0, 0, 0, 0});
        setGrad(bias, {0, 0, 0, 0});
        opt->step();
        QVERIFY2(sameValues(bias.var.value(), kStart), name.c_str());
        QVERIFY2(std::abs(weight.var.value()[0]) < std::abs(kStart[0]), name.c_str());
    }
}

void TestOptim::paramsWithoutGradAreLeftAlone() {
    for (const std::string& name : optimizer_names()) {
        OptimizerConfig config = optimizer_defaults(name);
        config.weight_decay = 0.5f;
        config.momentum = name == "sgd" || name == "rmsprop" ? 0.9f : 0.0f;
        Param used = makeParam("used", kStart), unused = makeParam("unused", kStart);
        auto opt = make_optimizer(config, {used, unused});
        for (int step = 0; step < 2; ++step) {
            setGrad(used, kGrads[step]);
            opt->step();
        }
        QVERIFY2(!unused.var.grad().defined(), name.c_str());
        QVERIFY2(sameValues(unused.var.value(), kStart), name.c_str());
        QVERIFY2(!sameValues(used.var.value(), kStart), name.c_str());
        for (const auto& [key, tensor] : opt->state())
            QVERIFY2(key.rfind("unused/", 0) != 0, qPrintable(QString::fromStdString(name + ": state " + key)));
    }
}

// Like PyTorch's zero_grad(set_to_none=True): afterwards no gradient is present (a step leaves the
// weights alone), and the next accumulation starts from zero in the same buffer.
void TestOptim::zeroGradClearsGradients() {
    Param a = makeParam("a", kStart), b = makeParam("b", kStart);
    setGrad(a, kGrads[0]);
    const float* buffer = a.var.grad().data();
    Sgd opt({a, b});
    opt.zero_grad();
    QVERIFY(!a.var.grad().defined());
    opt.step();
    QVERIFY(sameValues(a.var.value(), kStart));
    QVERIFY(sameValues(a.var.grad_buffer(), std::vector<float>(4, 0.0f)));
    QCOMPARE(a.var.grad().data(), buffer);  // the buffer was reused, not reallocated
    QVERIFY(!b.var.grad().defined());       // nothing to clear, nothing allocated
}

void TestOptim::setLrTakesEffectAndRejectsBadValues() {
    Param p = makeParam("p", {1.0f});
    Sgd opt({p}, SgdOptions{.lr = 0.1f});
    opt.set_lr(0.5f);
    QCOMPARE(opt.lr(), 0.5f);
    setGrad(p, {2.0f});
    opt.step();
    QCOMPARE(p.var.value()[0], 0.0f);  // 1 − 0.5·2
    QCOMPARE(inputErrorOf([&] { opt.set_lr(-0.1f); }), QString("learning rate must be zero or positive, got -0.1"));
    QVERIFY(!inputErrorOf([&] { opt.set_lr(std::nanf("")); }).isEmpty());
    QCOMPARE(opt.lr(), 0.5f);
    opt.set_lr(0.0f);  // a schedule annealed to 0 freezes the weights
    opt.step();
    QCOMPARE(p.var.value()[0], 0.0f);
}

// ---- Factory, validation, state --------------------------------------------------------------------

void TestOptim::factoryKnowsEveryOptimizer() {
    const std::vector<std::string> expected = {"sgd", "adagrad", "rmsprop", "adadelta", "adam", "adamw"};
    QCOMPARE(optimizer_names(), expected);
    for (const std::string& name : optimizer_names()) {
        Param p = makeParam("p", kStart);
        auto opt = make_optimizer(optimizer_defaults(name), {p});
        QCOMPARE(opt->name(), name);
        const std::string description = optimizer_description(name);
        QVERIFY2(description.size() > 30 && description.back() == '.', name.c_str());
    }
    OptimizerConfig upper;
    upper.name = "Adam";
    QCOMPARE(make_optimizer(upper, {})->name(), std::string("adam"));
}

void TestOptim::unknownOptimizerNameIsExplained() {
    OptimizerConfig config;
    config.name = "adamm";
    QCOMPARE(inputErrorOf([&] { make_optimizer(config, {}); }),
             QString("optimizer 'adamm' is unknown; choose one of sgd, adagrad, rmsprop, adadelta, adam, adamw"));
    QVERIFY(!inputErrorOf([] { optimizer_description("lbfgs"); }).isEmpty());
    QVERIFY(!inputErrorOf([] { optimizer_defaults("lbfgs"); }).isEmpty());
}

void TestOptim::invalidHyperparametersAreRejected_data() {
    QTest::addColumn<QString>("optimizer");
    QTest::addColumn<QString>("field");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("message");

    QTest::newRow("negative lr") << "sgd"
                                 << "lr" << -0.1 << "learning rate must be positive, got -0.1";
    QTest::newRow("zero lr") << "adam"
                             << "lr" << 0.0 << "learning rate must be positive, got 0";
    QTest::newRow("negative decay") << "adamw"
                                    << "weight_decay" << -1.0 << "weight decay must be zero or positive, got -1";
    QTest::newRow("momentum 1") << "sgd"
                                << "momentum" << 1.0 << "momentum must be at least 0 and below 1, got 1";
    QTest::newRow("rmsprop momentum") << "rmsprop"
                                      << "momentum" << -0.5 << "momentum must be at least 0 and below 1, got -0.5";
    QTest::newRow("beta1") << "adam"
                           << "beta1" << 1.0 << "Adam beta1 must be at least 0 and below 1, got 1";
    QTest::newRow("beta2") << "adamw"
                           << "beta2" << 1.5 << "Adam beta2 must be at least 0 and below 1, got 1.5";
    QTest::newRow("eps") << "adagrad"
                         << "eps" << 0.0 << "epsilon must be positive, got 0";
    QTest::newRow("alpha") << "rmsprop"
                           << "alpha" << 1.0 << "RMSProp alpha must be at least 0 and below 1, got 1";
    QTest::newRow("rho") << "adadelta"
                         << "rho" << -0.1 << "Adadelta rho must be at least 0 and below 1, got -0.1";
    QTest::newRow("nesterov") << "sgd"
                              << "nesterov" << 1.0 << "Nesterov momentum needs a momentum above 0 (e.g. 0.9)";
}

void TestOptim::invalidHyperparametersAreRejected() {
    QFETCH(QString, optimizer);
    QFETCH(QString, field);
    QFETCH(double, value);
    QFETCH(QString, message);

    OptimizerConfig config = optimizer_defaults(optimizer.toStdString());
    const float v = static_cast<float>(value);
    if (field == "lr") config.lr = v;
    if (field == "weight_decay") config.weight_decay = v;
    if (field == "momentum") config.momentum = v;
    if (field == "beta1") config.beta1 = v;
    if (field == "beta2") config.beta2 = v;
    if (field == "eps") config.eps = v;
    if (field == "alpha") config.alpha = v;
    if (field == "rho") config.rho = v;
    if (field == "nesterov") config.nesterov = true;
    QCOMPARE(inputErrorOf([&] { make_optimizer(config, {}); }), message);
}

void TestOptim::defaultsFollowPyTorch() {
    QCOMPARE(optimizer_defaults("sgd").lr, 0.1f);
    QCOMPARE(optimizer_defaults("adagrad").lr, 0.01f);
    QCOMPARE(optimizer_defaults("adagrad").eps, 1e-10f);
    QCOMPARE(optimizer_defaults("rmsprop").lr, 0.01f);
    QCOMPARE(optimizer_defaults("rmsprop").alpha, 0.99f);
    QCOMPARE(optimizer_defaults("adadelta").lr, 1.0f);
    QCOMPARE(optimizer_defaults("adadelta").eps, 1e-6f);
    QCOMPARE(optimizer_defaults("adadelta").rho, 0.9f);
    QCOMPARE(optimizer_defaults("adam").lr, 1e-3f);
    QCOMPARE(optimizer_defaults("adam").weight_decay, 0.0f);
    QCOMPARE(optimizer_defaults("adamw").weight_decay, 0.01f);
    QCOMPARE(optimizer_defaults("adamw").beta2, 0.999f);
    // Irrelevant settings are ignored rather than rejected (the UI keeps one config).
    OptimizerConfig adam_with_momentum = optimizer_defaults("adam");
    adam_with_momentum.momentum = 0.9f;
    QCOMPARE(make_optimizer(adam_with_momentum, {})->name(), std::string("adam"));
}

void TestOptim::stateRoundTripContinuesIdentically() {
    for (const std::string& name : optimizer_names()) {
        OptimizerConfig config = optimizer_defaults(name);
        config.momentum = name == "sgd" || name == "rmsprop" ? 0.9f : 0.0f;
        Param original = makeParam("layer.weight", kStart);
        auto first = make_optimizer(config, {original});
        for (int step = 0; step < 2; ++step) {
            setGrad(original, kGrads[step]);
            first->step();
        }
        // A fresh optimizer on a copy of the weights, restored from the snapshot.
        Param copy = makeParam("layer.weight", original.var.value().to_vector());
        auto second = make_optimizer(config, {copy});
        const OptimizerState snapshot = first->state();
        QVERIFY2(!snapshot.empty(), name.c_str());
        second->load_state(snapshot);
        setGrad(original, kGrads[2]);
        setGrad(copy, kGrads[2]);
        first->step();
        second->step();
        QVERIFY2(sameValues(original.var.value(), copy.var.value()), name.c_str());
        // Without the state the same step differs (momentum, moments and step counts matter).
        Param fresh = makeParam("layer.weight", copy.var.value().to_vector());
        auto stateless = make_optimizer(config, {fresh});
        setGrad(fresh, kGrads[0]);
        stateless->step();
        setGrad(copy, kGrads[0]);
        second->step();
        QVERIFY2(!sameValues(copy.var.value(), fresh.var.value()), name.c_str());
    }
}

// A parameter of 200,000 floats is updated in ranges on two threads after its first step: every rule, with its
// state (momentum, moments) and both kinds of weight decay, gives the bits of one thread over the whole.
void TestOptim::bigParametersUpdateInRangesWithTheSameBits() {
    constexpr int64_t n = 200'000;
    auto random_values = [](uint64_t seed) {
        Rng rng(seed);
        std::vector<float> v(static_cast<size_t>(n));
        for (float& x : v) x = static_cast<float>(rng.normal());
        return v;
    };
    const std::vector<float> start = random_values(1);
    const std::vector<std::vector<float>> grads{random_values(2), random_values(3), random_values(4)};
    auto run = [&](const OptimizerConfig& config, int threads) {
        set_num_threads(threads);
        Param weight = makeParam("layer.weight", start);
        Param bias = makeParam("layer.bias", start, false);
        auto opt = make_optimizer(config, {weight, bias});
        for (const std::vector<float>& g : grads) {
            setGrad(weight, g);
            setGrad(bias, g);
            opt->step();
        }
        set_num_threads(0);
        std::vector<float> out = weight.var.value().to_vector(), b = bias.var.value().to_vector();
        out.insert(out.end(), b.begin(), b.end());
        return out;
    };
    for (const std::string& name : optimizer_names()) {
        OptimizerConfig config = optimizer_defaults(name);
        config.momentum = name == "sgd" || name == "rmsprop" ? 0.9f : 0.0f;
        config.weight_decay = 0.01f;
        const std::vector<float> one = run(config, 1), two = run(config, 2);
        QVERIFY2(one == two, name.c_str());
        QVERIFY2(!std::equal(start.begin(), start.end(), one.begin()), name.c_str());  // the weights did move
    }
}

void TestOptim::loadStateRejectsForeignState() {
    Param p = makeParam("fc1.weight", kStart);
    Adam opt({p});
    OptimizerState foreign = {{"fc9.weight/exp_avg", Tensor::zeros({4})}};
    QVERIFY(inputErrorOf([&] { opt.load_state(foreign); }).contains("fc9.weight"));
    OptimizerState wrong_shape = {{"fc1.weight/exp_avg", Tensor::zeros({5})}};
    QVERIFY(inputErrorOf([&] { opt.load_state(wrong_shape); }).contains("[5]"));
}

// ---- Clipping --------------------------------------------------------------------------------------

void TestOptim::gradNormOfOneParam() {
    Param p = makeParam("p", {0, 0});
    QCOMPARE(grad_norm(p.var), 0.0f);  // no gradient yet
    setGrad(p, {3.0f, -4.0f});
    QCOMPARE(grad_norm(p.var), 5.0f);
}

void TestOptim::clipComputesGlobalNormAndScales() {
    // ‖(3, 4, 12)‖ = 13 across two params; the third param has no gradient and is ignored.
    Param a = makeParam("a", {0, 0}), b = makeParam("b", {0}), none = makeParam("c", {0});
    setGrad(a, {3.0f, 4.0f});
    setGrad(b, {12.0f});
    const ParamList params = {a, b, none};
    QCOMPARE(grad_norm(params), 13.0f);
    const float before = clip_grad_norm(params, 1.0f);
    QCOMPARE(before, 13.0f);
    const double scale = 1.0 / (13.0 + 1e-6);
    QVERIFY(std::abs(a.var.grad()[0] - 3.0 * scale) < 1e-6);
    QVERIFY(std::abs(a.var.grad()[1] - 4.0 * scale) < 1e-6);
    QVERIFY(std::abs(b.var.grad()[0] - 12.0 * scale) < 1e-6);
    QVERIFY(std::abs(grad_norm(params) - 1.0f) < 1e-5);
    QVERIFY(!none.var.grad().defined());
}

void TestOptim::clipLeavesSmallGradientsAlone() {
    Param a = makeParam("a", {0, 0});
    setGrad(a, {0.3f, -0.4f});
    const float before = clip_grad_norm({a}, 1.0f);
    QVERIFY(std::abs(before - 0.5f) < 1e-7);
    QVERIFY(sameValues(a.var.grad(), std::vector<float>{0.3f, -0.4f}));
}

void TestOptim::clipRejectsBadMaxNormAndKeepsNonFinite() {
    Param a = makeParam("a", {0, 0});
    setGrad(a, {1.0f, 1.0f});
    QCOMPARE(inputErrorOf([&] { clip_grad_norm({a}, 0.0f); }),
             QString("gradient clipping max norm must be positive, got 0"));
    setGrad(a, {INFINITY, 1.0f});
    QVERIFY(std::isinf(clip_grad_norm({a}, 1.0f)));
    QCOMPARE(a.var.grad()[1], 1.0f);  // left for the trainer to report as divergence
}

// ---- Schedules -------------------------------------------------------------------------------------

void TestOptim::constantSchedule() {
    const LrSchedule constant;
    for (int64_t epoch : {0, 5, 99}) QCOMPARE(constant.lr_at(0.1f, epoch, 100), 0.1f);
}

void TestOptim::stepScheduleDecaysEveryStepSize() {
    const LrSchedule step = parse_lr_schedule("step:30:0.1");
    QCOMPARE(step.lr_at(0.5f, 0, 100), 0.5f);
    QCOMPARE(step.lr_at(0.5f, 29, 100), 0.5f);
    QVERIFY(qFuzzyCompare(step.lr_at(0.5f, 30, 100), 0.05f));
    QVERIFY(qFuzzyCompare(step.lr_at(0.5f, 59, 100), 0.05f));
    QVERIFY(qFuzzyCompare(step.lr_at(0.5f, 60, 100), 0.005f));
    QVERIFY(qFuzzyCompare(step.lr_at(0.5f, 95, 100), 0.0005f));
}

void TestOptim::cosineScheduleAnnealsToMin() {
    const LrSchedule cosine = parse_lr_schedule("cosine:0.001");
    const int64_t total = 20;
    QCOMPARE(cosine.lr_at(0.1f, 0, total), 0.1f);
    QVERIFY(qFuzzyCompare(cosine.lr_at(0.1f, 10, total), 0.0505f));  // halfway: the midpoint of base and min
    for (int64_t epoch : {3, 7, 15, 19})
        QVERIFY(
            qFuzzyCompare(cosine.lr_at(0.1f, epoch, total), static_cast<float>(cosineValue(0.1, 0.001, epoch, total))));
    QCOMPARE(cosine.lr_at(0.1f, 20, total), 0.001f);
    QCOMPARE(cosine.lr_at(0.1f, 25, total), 0.001f);
    float previous = 1.0f;
    for (int64_t epoch = 0; epoch < total; ++epoch) {
        const float lr = cosine.lr_at(0.1f, epoch, total);
        QVERIFY(lr < previous);
        previous = lr;
    }
}

void TestOptim::warmupRisesLinearlyThenHandsOver() {
    LrSchedule warm_constant;
    warm_constant.warmup_steps = 4;
    QVERIFY(qFuzzyCompare(warm_constant.lr_at(0.2f, 0, 10), 0.05f));
    QVERIFY(qFuzzyCompare(warm_constant.lr_at(0.2f, 1, 10), 0.1f));
    QVERIFY(qFuzzyCompare(warm_constant.lr_at(0.2f, 3, 10), 0.2f));
    QCOMPARE(warm_constant.lr_at(0.2f, 4, 10), 0.2f);

    // Cosine after 5 warm-up epochs anneals over the remaining 15, starting from the base lr.
    const LrSchedule warm_cosine = parse_lr_schedule("cosine", 5);
    QCOMPARE(warm_cosine.warmup_steps, int64_t{5});
    QVERIFY(qFuzzyCompare(warm_cosine.lr_at(0.3f, 2, 20), 0.18f));
    QCOMPARE(warm_cosine.lr_at(0.3f, 5, 20), 0.3f);
    QVERIFY(qFuzzyCompare(warm_cosine.lr_at(0.3f, 9, 20), static_cast<float>(cosineValue(0.3, 0.0, 4, 15))));

    // Step decay counts its epochs from the end of the warm-up.
    const LrSchedule warm_step = parse_lr_schedule("step:10:0.5", 2);
    QCOMPARE(warm_step.lr_at(1.0f, 11, 50), 1.0f);
    QCOMPARE(warm_step.lr_at(1.0f, 12, 50), 0.5f);
}

void TestOptim::parseSchedule_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("stepSize");
    QTest::addColumn<double>("gamma");
    QTest::addColumn<double>("minLr");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("constant") << "constant" << int(LrSchedule::Constant) << 30 << 0.1 << 0.0 << "constant";
    QTest::newRow("step") << "step:30:0.1" << int(LrSchedule::Step) << 30 << 0.1 << 0.0 << "step:30:0.1";
    QTest::newRow("step default gamma") << "step:5" << int(LrSchedule::Step) << 5 << 0.1 << 0.0 << "step:5:0.1";
    QTest::newRow("step gamma .5") << " Step:10:0.5 " << int(LrSchedule::Step) << 10 << 0.5 << 0.0 << "step:10:0.5";
    QTest::newRow("cosine") << "cosine" << int(LrSchedule::Cosine) << 30 << 0.1 << 0.0 << "cosine:0";
    QTest::newRow("cosine min") << "cosine:1e-4" << int(LrSchedule::Cosine) << 30 << 0.1 << 1e-4 << "cosine:0.0001";
}

void TestOptim::parseSchedule() {
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(int, stepSize);
    QFETCH(double, gamma);
    QFETCH(double, minLr);
    QFETCH(QString, canonical);

    const LrSchedule schedule = parse_lr_schedule(text.toStdString());
    QCOMPARE(int(schedule.kind), kind);
    QCOMPARE(schedule.warmup_steps, int64_t{0});
    if (schedule.kind == LrSchedule::Step) {
        QCOMPARE(schedule.step_size, int64_t{stepSize});
        QCOMPARE(schedule.gamma, static_cast<float>(gamma));
    }
    if (schedule.kind == LrSchedule::Cosine) QCOMPARE(schedule.min_lr, static_cast<float>(minLr));
    QCOMPARE(QString::fromStdString(to_string(schedule)), canonical);
    const LrSchedule reparsed = parse_lr_schedule(to_string(schedule));
    QCOMPARE(to_string(reparsed), to_string(schedule));
}

void TestOptim::parseScheduleErrors_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("unknown") << "exponential"
                             << "'exponential' is unknown";
    QTest::newRow("empty") << ""
                           << "is unknown";
    QTest::newRow("step without size") << "step"
                                       << "needs the epochs between decays";
    QTest::newRow("step too many") << "step:1:2:3"
                                   << "needs the epochs between decays";
    QTest::newRow("step not a number") << "step:ten"
                                       << "'ten'";
    QTest::newRow("step fraction") << "step:2.5"
                                   << "whole number";
    QTest::newRow("step zero") << "step:0"
                               << "whole number";
    QTest::newRow("gamma zero") << "step:10:0"
                                << "gamma must be above 0 and at most 1, got 0";
    QTest::newRow("gamma above one") << "step:10:2"
                                     << "gamma must be above 0 and at most 1, got 2";
    QTest::newRow("gamma junk") << "step:10:0.1x"
                                << "'0.1x'";
    QTest::newRow("cosine negative") << "cosine:-1"
                                     << "minimum lr must be zero or positive, got -1";
    QTest::newRow("cosine extra") << "cosine:0:1:2"
                                  << "at most a minimum lr";
    QTest::newRow("constant value") << "constant:3"
                                    << "takes no values";
}

void TestOptim::parseScheduleErrors() {
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    const QString message = inputErrorOf([&] { parse_lr_schedule(text.toStdString()); });
    QVERIFY2(message.contains(mentions), qPrintable("message: " + message));
}

void TestOptim::scheduleRunErrors() {
    QVERIFY(inputErrorOf([] { parse_lr_schedule("constant", -1); }).contains("warm-up"));
    const LrSchedule cosine = parse_lr_schedule("cosine", 10);
    QVERIFY(inputErrorOf([&] { cosine.lr_at(0.1f, 0, 10); }).contains("fewer warm-up epochs"));
    const LrSchedule high_min = parse_lr_schedule("cosine:0.5");
    QVERIFY(inputErrorOf([&] { high_min.lr_at(0.1f, 0, 10); }).contains("above the base lr"));
}

QTEST_APPLESS_MAIN(TestOptim)
#include "test_optim.moc"
