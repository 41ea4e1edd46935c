// The optimizer lab's engine (engine/optim/function_expression, test_functions, trajectory):
// D2L ch. 11's printed end points on f = 0.1·x1² + 2·x2², the closed form of GD there, agreement with
// the training optimizers (engine/optim/*.h, PyTorch's rules in float), and the formula parser.
#include <QtTest>

#include <array>
#include <chrono>
#include <cmath>
#include <functional>
#include <memory>
#include <numbers>
#include <string>

#include "engine/core/error.h"
#include "engine/optim/adadelta.h"
#include "engine/optim/adagrad.h"
#include "engine/optim/adam.h"
#include "engine/optim/function_expression.h"
#include "engine/optim/rmsprop.h"
#include "engine/optim/sgd.h"
#include "engine/optim/test_functions.h"
#include "engine/optim/trajectory.h"

using namespace dl;

namespace {

const FunctionExpression& quadratic() {
    static const FunctionExpression f(test_function("quadratic").formula);
    return f;
}

Trajectory d2lRun(LabOptimizer optimizer, LabSettings settings) {
    return run_trajectory(quadratic(), optimizer, settings, {-5.0, -2.0}, 20);
}

double stateOf(const TrajectoryStep& step, const std::string& name, int i) {
    for (const auto& entry : step.state)
        if (entry.name == name) return entry.value[i];
    qFatal("no state '%s'", name.c_str());
}

// The ExpressionError `text` raises (position 0 and empty message if it parses).
ExpressionError parseError(const std::string& text) {
    try {
        FunctionExpression f(text);
    } catch (const ExpressionError& e) {
        return e;
    }
    return ExpressionError("", 0);
}

// Runs a training optimizer (float, PyTorch's rule) on `f` from `start` for `steps` steps.
std::array<double, 2> engineRun(const FunctionExpression& f, std::array<double, 2> start, int steps,
                                const std::function<std::unique_ptr<Optimizer>(ParamList)>& make) {
    ParamList params{Param{"x", Var(Tensor::from({2}, {float(start[0]), float(start[1])}), true), false}};
    auto optimizer = make(params);
    Param& p = params[0];
    for (int t = 0; t < steps; ++t) {
        const float* x = p.var.value().data();
        const FunctionValue at = f.evaluate(x[0], x[1]);
        p.var.grad_buffer().copy_from(Tensor::from({2}, {float(at.gradient[0]), float(at.gradient[1])}));
        optimizer->step();
    }
    const float* x = p.var.value().data();
    return {x[0], x[1]};
}

}  // namespace

class TestOptimizerLab : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // D2L ch. 11 prints these end points after 20 steps from (−5, −2) on 0.1·x1² + 2·x2².
    void d2lEndPointsOnTheQuadratic_data() {
        QTest::addColumn<int>("optimizer");
        QTest::addColumn<double>("eta");
        QTest::addColumn<double>("beta");
        QTest::addColumn<double>("gamma");
        QTest::addColumn<double>("x1");
        QTest::addColumn<double>("x2");
        QTest::newRow("GD eta=0.4 (11.6)")
            << int(LabOptimizer::GradientDescent) << 0.4 << 0.0 << 0.0 << -0.943467 << -0.000073;
        QTest::newRow("momentum eta=0.6 beta=0.5 (11.6)")
            << int(LabOptimizer::Momentum) << 0.6 << 0.5 << 0.0 << 0.007188 << 0.002553;
        QTest::newRow("AdaGrad eta=0.4 (11.7)")
            << int(LabOptimizer::Adagrad) << 0.4 << 0.0 << 0.0 << -2.382563 << -0.158591;
        QTest::newRow("RMSProp eta=0.4 gamma=0.9 (11.8)")
            << int(LabOptimizer::Rmsprop) << 0.4 << 0.0 << 0.9 << -0.010599 << 0.000000;
    }
    void d2lEndPointsOnTheQuadratic() {
        QFETCH(int, optimizer);
        QFETCH(double, eta);
        QFETCH(double, beta);
        QFETCH(double, gamma);
        QFETCH(double, x1);
        QFETCH(double, x2);
        LabSettings settings;
        settings.learning_rate = eta;
        settings.momentum = beta;
        settings.gamma = gamma;
        const Trajectory run = d2lRun(LabOptimizer(optimizer), settings);
        QVERIFY(run.stopped.empty());
        QCOMPARE(run.steps.size(), size_t(21));
        // D2L prints six decimals: within 1e-6 of the printed (rounded) value.
        QVERIFY2(std::abs(run.last().point[0] - x1) <= 1e-6, qPrintable(QString::number(run.last().point[0], 'f', 8)));
        QVERIFY2(std::abs(run.last().point[1] - x2) <= 1e-6, qPrintable(QString::number(run.last().point[1], 'f', 8)));
    }

    // GD on 0.1·x1² + 2·x2² multiplies x1 by 1 − 0.2η and x2 by 1 − 4η every step.
    void gradientDescentMatchesTheClosedForm() {
        LabSettings settings;
        settings.learning_rate = 0.4;
        const Trajectory run = d2lRun(LabOptimizer::GradientDescent, settings);
        for (int t = 0; t <= 20; ++t) {
            QVERIFY(std::abs(run.steps[t].point[0] - -5.0 * std::pow(0.92, t)) < 1e-12);
            QVERIFY(std::abs(run.steps[t].point[1] - -2.0 * std::pow(-0.6, t)) < 1e-12);
        }
        QVERIFY(std::abs(run.steps[20].value - (0.1 * std::pow(5.0 * std::pow(0.92, 20), 2) +
                                                2.0 * std::pow(2.0 * std::pow(0.6, 20), 2))) < 1e-12);
    }

    // The state each rule exposes follows its definition along the path.
    void recordedStateFollowsTheRules() {
        LabSettings settings;
        const Trajectory adagrad = d2lRun(LabOptimizer::Adagrad, settings);
        double s1 = 0.0;
        for (int t = 1; t <= 20; ++t) {
            s1 += std::pow(adagrad.steps[t - 1].gradient[0], 2);  // s is the running sum of squared gradients
            QVERIFY(std::abs(stateOf(adagrad.steps[t], "s", 0) - s1) < 1e-12);
        }
        QCOMPARE(stateOf(adagrad.steps[0], "s", 0), 0.0);

        // Adam's first step: m̂ = g, v̂ = g², so x moves by η·g/(|g| + ε) ≈ η against the gradient's sign.
        const Trajectory adam = d2lRun(LabOptimizer::Adam, settings);
        const auto g = adam.steps[0].gradient;
        for (int i = 0; i < 2; ++i) {
            QVERIFY(std::abs(stateOf(adam.steps[1], "m_hat", i) - g[i]) < 1e-12);
            QVERIFY(std::abs(stateOf(adam.steps[1], "v_hat", i) - g[i] * g[i]) < 1e-9);
            QVERIFY(std::abs(stateOf(adam.steps[1], "m", i) - 0.1 * g[i]) < 1e-12);
            const double moved = adam.steps[1].point[i] - adam.steps[0].point[i];
            QVERIFY(std::abs(moved + 0.4 * g[i] / (std::abs(g[i]) + 1e-6)) < 1e-12);
        }
        // Momentum's velocity is βv + g of the gradient at the previous point.
        settings.learning_rate = 0.6;
        const Trajectory momentum = d2lRun(LabOptimizer::Momentum, settings);
        double v = 0.0;
        for (int t = 1; t <= 5; ++t) {
            v = 0.5 * v + momentum.steps[t - 1].gradient[1];
            QVERIFY(std::abs(stateOf(momentum.steps[t], "velocity", 1) - v) < 1e-12);
        }
    }

    // D2L §11.4: SGD is GD with N(0, 1) added to each gradient coordinate; seeded, so it repeats.
    void sgdAddsSeededNoise() {
        LabSettings settings;
        settings.learning_rate = 0.1;
        const Trajectory a = d2lRun(LabOptimizer::Sgd, settings);
        const Trajectory b = d2lRun(LabOptimizer::Sgd, settings);
        QCOMPARE(a.last().point, b.last().point);
        settings.seed = 7;
        const Trajectory other = d2lRun(LabOptimizer::Sgd, settings);
        QVERIFY(other.last().point != a.last().point);
        settings.noise = 0.0;
        QCOMPARE(d2lRun(LabOptimizer::Sgd, settings).last().point,
                 d2lRun(LabOptimizer::GradientDescent, settings).last().point);
        // The noise is what moved the point: noisy gradient − true gradient, over 20 draws, is roughly N(0, 1).
        double sum = 0.0, squares = 0.0;
        for (int t = 1; t <= 20; ++t)
            for (int i = 0; i < 2; ++i) {
                const double noise = stateOf(a.steps[t], "noisy_gradient", i) - a.steps[t - 1].gradient[i];
                sum += noise;
                squares += noise * noise;
            }
        QVERIFY(std::abs(sum / 40.0) < 0.6);
        QVERIFY(squares / 40.0 > 0.4 && squares / 40.0 < 2.0);
    }

    // The lab's double rules against the training optimizers (float, PyTorch's conventions) for 5 steps.
    // Only AdaGrad and RMSProp differ in form: D2L divides by √(s + ε), PyTorch by √s + ε; with ε = 1e-6
    // and s ≈ 0.04..64 here the two differ by < 1e-6 relative, below float's rounding over 5 steps.
    // Tolerance 2e-5 absolute on coordinates of size ≤ 5.
    void agreesWithTheTrainingOptimizers() {
        const std::array<double, 2> start{-5.0, -2.0};
        auto lab = [&](LabOptimizer kind, LabSettings settings) {
            return run_trajectory(quadratic(), kind, settings, start, 5).last().point;
        };
        auto close = [](std::array<double, 2> a, std::array<double, 2> b) {
            return std::abs(a[0] - b[0]) < 2e-5 && std::abs(a[1] - b[1]) < 2e-5;
        };
        LabSettings s;
        s.learning_rate = 0.4;
        QVERIFY(close(lab(LabOptimizer::GradientDescent, s), engineRun(quadratic(), start, 5, [](ParamList p) {
                          return std::make_unique<Sgd>(std::move(p), SgdOptions{.lr = 0.4f});
                      })));
        s.momentum = 0.5;
        QVERIFY(close(lab(LabOptimizer::Momentum, s), engineRun(quadratic(), start, 5, [](ParamList p) {
                          return std::make_unique<Sgd>(std::move(p), SgdOptions{.lr = 0.4f, .momentum = 0.5f});
                      })));
        QVERIFY(close(lab(LabOptimizer::Adagrad, s), engineRun(quadratic(), start, 5, [](ParamList p) {
                          return std::make_unique<Adagrad>(std::move(p), AdagradOptions{.lr = 0.4f, .eps = 1e-6f});
                      })));
        s.gamma = 0.9;
        QVERIFY(close(lab(LabOptimizer::Rmsprop, s), engineRun(quadratic(), start, 5, [](ParamList p) {
                          return std::make_unique<Rmsprop>(std::move(p),
                                                           RmspropOptions{.lr = 0.4f, .alpha = 0.9f, .eps = 1e-6f});
                      })));
        // D2L's Adadelta has no learning rate: PyTorch's with lr = 1 and the same ε.
        s.rho = 0.9;
        QVERIFY(close(lab(LabOptimizer::Adadelta, s), engineRun(quadratic(), start, 5, [](ParamList p) {
                          return std::make_unique<Adadelta>(std::move(p),
                                                            AdadeltaOptions{.lr = 1.0f, .rho = 0.9f, .eps = 1e-5f});
                      })));
        // Adam: PyTorch's step η/(1 − β1^t)·m/(√v/√(1 − β2^t) + ε) is D2L's η·m̂/(√v̂ + ε) rearranged.
        QVERIFY(close(lab(LabOptimizer::Adam, s), engineRun(quadratic(), start, 5, [](ParamList p) {
                          return std::make_unique<Adam>(std::move(p), AdamOptions{.lr = 0.4f, .eps = 1e-6f});
                      })));
    }

    void badSettingsAndNonFiniteValuesAreReported() {
        LabSettings s;
        s.learning_rate = -0.1;
        QVERIFY_THROWS_EXCEPTION(InputError, d2lRun(LabOptimizer::GradientDescent, s));
        s = {};
        s.momentum = 1.0;
        QVERIFY_THROWS_EXCEPTION(InputError, d2lRun(LabOptimizer::Momentum, s));
        QVERIFY_THROWS_EXCEPTION(InputError, run_trajectory(quadratic(), LabOptimizer::Adam, {}, {0, 0}, -1));
        // √x from x = 1 with a large step lands on negative x: the path ends at the last finite point.
        const FunctionExpression root("sqrt(x)");
        LabSettings big;
        big.learning_rate = 10.0;
        const Trajectory run = run_trajectory(root, LabOptimizer::GradientDescent, big, {1.0, 0.0}, 10);
        QCOMPARE(run.steps.size(), size_t(1));
        QVERIFY(run.stopped.find("not a finite number") != std::string::npos);
        QVERIFY(run.stopped.find("step 1") != std::string::npos);
        const Trajectory atStart =
            run_trajectory(FunctionExpression("log(x)"), LabOptimizer::Adam, {}, {-1.0, 0.0}, 10);
        QCOMPARE(atStart.steps.size(), size_t(1));
        QVERIFY(atStart.stopped.find("the start point") != std::string::npos);
    }

    void presetsParseAndHaveTheirDimension() {
        QCOMPARE(test_functions().size(), size_t(4));
        for (const auto& preset : test_functions()) {
            const FunctionExpression f(preset.formula);
            QCOMPARE(f.dimension(), preset.dimension);
            QVERIFY(f.evaluate(preset.start[0], preset.start[1]).finite());
        }
        QCOMPARE(test_function("quadratic").start, (std::array<double, 2>{-5.0, -2.0}));
        QVERIFY_THROWS_EXCEPTION(InputError, test_function("banana"));
        // D2L §11.1: x·cos(πx) has a local minimum near −0.3 and the global one near 1.1 on [−1, 2].
        const FunctionExpression local(test_function("local-minimum").formula);
        QVERIFY(local.value(-0.3) < local.value(-0.4) && local.value(-0.3) < local.value(-0.2));
        QVERIFY(local.value(1.1) < local.value(-0.3));
        const FunctionExpression rosenbrock(test_function("rosenbrock").formula);
        QCOMPARE(rosenbrock.value(1.0, 1.0), 0.0);
        QCOMPARE(rosenbrock.evaluate(1.0, 1.0).gradient, (std::array<double, 2>{0.0, 0.0}));
    }

    // --- the parser ---

    void precedenceAndAssociativity() {
        auto v = [](const char* text) { return FunctionExpression(text).value(2.0, 3.0); };
        QCOMPARE(v("1 + 2*3"), 7.0);
        QCOMPARE(v("(1 + 2)*3"), 9.0);
        QCOMPARE(v("2*3^2"), 18.0);
        QCOMPARE(v("8/4/2"), 1.0);
        QCOMPARE(v("10 - 4 - 3"), 3.0);
        QCOMPARE(v("2^3^2"), 512.0);  // right-associative
        QCOMPARE(v("2**3**2"), 512.0);
        QCOMPARE(v("(2^3)^2"), 64.0);
        QCOMPARE(v("x1 * x2 ** 2"), 18.0);
    }

    void unaryMinus() {
        auto v = [](const char* text) { return FunctionExpression(text).value(2.0, 3.0); };
        QCOMPARE(v("-2^2"), -4.0);  // the power binds tighter, as in maths and Python
        QCOMPARE(v("(-2)^2"), 4.0);
        QCOMPARE(v("2^-1"), 0.5);
        QCOMPARE(v("--3"), 3.0);
        QCOMPARE(v("3*-x1"), -6.0);
        QCOMPARE(v("-x1 - -x2"), 1.0);
        QCOMPARE(v("+x2"), 3.0);
    }

    void numbersNamesAndFunctions() {
        auto v = [](const char* text, double x1 = 0.7, double x2 = 0.3) {
            return FunctionExpression(text).value(x1, x2);
        };
        QCOMPARE(v("1e-3"), 1e-3);
        QCOMPARE(v("2.5E+2"), 250.0);
        QCOMPARE(v(".5"), 0.5);
        QCOMPARE(v("pi"), std::numbers::pi);
        QCOMPARE(v("e"), std::numbers::e);
        QCOMPARE(v("x + 10*y"), 0.7 + 10 * 0.3);
        QCOMPARE(v("sin(x1)"), std::sin(0.7));
        QCOMPARE(v("cos(x1)"), std::cos(0.7));
        QCOMPARE(v("tan(x1)"), std::tan(0.7));
        QCOMPARE(v("exp(x1)"), std::exp(0.7));
        QCOMPARE(v("log(x1)"), std::log(0.7));
        QCOMPARE(v("sqrt(x1)"), std::sqrt(0.7));
        QCOMPARE(v("abs(x1)", -0.7), 0.7);
        QCOMPARE(v("tanh(x1)"), std::tanh(0.7));
        QCOMPARE(FunctionExpression("x*cos(pi*x)").dimension(), 1);
        QCOMPARE(FunctionExpression("x1 + y").dimension(), 2);
        QVERIFY(!FunctionExpression("log(x)").evaluate(-1.0).finite());
        QVERIFY(!FunctionExpression("1/x").evaluate(0.0).finite());
    }

    // Dual-number gradients against central finite differences.
    void gradientsMatchFiniteDifferences() {
        const char* formulas[] = {"0.1*x1^2 + 2*x2^2",
                                  "(1 - x1)^2 + 100*(x2 - x1^2)^2",
                                  "x*cos(pi*x)",
                                  "sin(x1)*cos(x2) + tan(x1/3)",
                                  "exp(-x1^2 - x2^2) * log(2 + x2)",
                                  "sqrt(1 + x1^2) + abs(x2 - 0.1) + tanh(x1*x2)",
                                  "x1^x2",
                                  "2^x1 / (1 + x2^2)",
                                  "-x1^3 + x2**-2"};
        const std::array<double, 2> points[] = {{0.7, 1.3}, {-1.2, 0.4}, {1.9, -0.8}};
        const double h = 1e-6;
        for (const char* text : formulas) {
            const FunctionExpression f(text);
            for (auto p : points) {
                if (std::string(text) == "x1^x2" && p[0] < 0) continue;  // not real there
                const FunctionValue at = f.evaluate(p[0], p[1]);
                QVERIFY(at.finite());
                QCOMPARE(at.value, f.value(p[0], p[1]));
                for (int i = 0; i < f.dimension(); ++i) {
                    auto plus = p, minus = p;
                    plus[i] += h;
                    minus[i] -= h;
                    const double numeric = (f.value(plus[0], plus[1]) - f.value(minus[0], minus[1])) / (2 * h);
                    QVERIFY2(std::abs(at.gradient[i] - numeric) <= 1e-6 * (1.0 + std::abs(numeric)),
                             qPrintable(QStringLiteral("%1 d/dx%2 at (%3, %4): %5 vs %6")
                                            .arg(text)
                                            .arg(i + 1)
                                            .arg(p[0])
                                            .arg(p[1])
                                            .arg(at.gradient[i])
                                            .arg(numeric)));
                }
            }
        }
    }

    void errorsNameTheProblemAndItsPosition_data() {
        QTest::addColumn<QString>("formula");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("words");
        QTest::newRow("stray )") << "(x1 + )" << 7 << "unexpected ')' at character 7";
        QTest::newRow("unopened )") << "x1 + 2)" << 7 << "no '(' opened it";
        QTest::newRow("unclosed (") << "(x1 + 2" << 1 << "missing ')'";
        QTest::newRow("unclosed function") << "sin(x1 x2" << 8 << "expected ')'";
        QTest::newRow("ends early") << "x1 +" << 5 << "ends too early";
        QTest::newRow("unknown name") << "x1 + foo(2)" << 6 << "unknown name 'foo'";
        QTest::newRow("function without (") << "2*sin x1" << 3 << "'sin' needs its argument in parentheses";
        QTest::newRow("bad character") << "x1 # 2" << 4 << "unexpected '#'";
        QTest::newRow("implicit product") << "2x1" << 2 << "write a multiplication";
        QTest::newRow("two operands") << "x1 x2" << 4 << "unexpected 'x2'";
        QTest::newRow("double operator") << "x1 * / 2" << 6 << "unexpected '/'";
        QTest::newRow("empty") << "   " << 1 << "empty";
        // Symbols copied from a book: one character each (as the line edit counts), with a hint.
        QTest::newRow("unicode minus") << "x1 − 2" << 4 << "unexpected character '−' at character 4: type '-'";
        QTest::newRow("middle dot") << "0.1·x1²" << 4 << "type '*' for a product";
        QTest::newRow("superscript") << "0.1*x1² + 2" << 7 << "type ^2 for a power";
    }
    void errorsNameTheProblemAndItsPosition() {
        QFETCH(QString, formula);
        QFETCH(int, position);
        QFETCH(QString, words);
        const ExpressionError error = parseError(formula.toStdString());
        const QString message = QString::fromStdString(error.what());
        QVERIFY2(message.contains(words), qPrintable(message));
        QCOMPARE(int(error.position) + 1, position);  // the field is 0-based, the message 1-based
        QVERIFY2(message.contains(QStringLiteral("character %1").arg(position)), qPrintable(message));
    }

    // The contour plot evaluates a 200 × 200 grid whenever the function changes.
    void aGridEvaluatesInAFewMilliseconds() {
        const FunctionExpression f(test_function("rosenbrock").formula);
        double sum = 0.0;
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < 200; ++i)
            for (int j = 0; j < 200; ++j) sum += f.value(-2.0 + 0.02 * i, -1.0 + 0.02 * j);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        QVERIFY(std::isfinite(sum));
        qInfo("200 x 200 Rosenbrock grid: %.2f ms", ms);
        QVERIFY2(ms < 50.0, qPrintable(QString::number(ms)));  // a few ms on an idle machine; slack for a busy one
    }
};

QTEST_APPLESS_MAIN(TestOptimizerLab)
#include "test_optimizer_lab.moc"
