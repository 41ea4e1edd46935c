// The optimizer lab window (ui/optimizer_lab), driven like a learner: choose a function, set η, step the
// animation; the drawn paths are the engine's trajectories, a bad formula shows its error and keeps the
// picture, the state table shows AdaGrad's accumulated squared gradient, and the Learn menu opens the lab.
#include <QtTest>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <QElapsedTimer>

#include <cmath>

#include "engine/optim/function_expression.h"
#include "engine/optim/test_functions.h"
#include "engine/optim/trajectory.h"
#include "ui/learn/learn_menu.h"
#include "ui/optimizer_lab/animation_controls.h"
#include "ui/optimizer_lab/contour_lines.h"
#include "ui/optimizer_lab/function_chooser.h"
#include "ui/optimizer_lab/optimizer_lab_window.h"
#include "ui/optimizer_lab/state_panel.h"
#include "ui/optimizer_lab/state_table_model.h"
#include "ui/optimizer_lab/trajectory_plot.h"
#include "ui/window/main_window.h"
#include "widget_lookup.h"

using namespace dl;

namespace {

// The (key, value) points a curve draws, in order.
QVector<QPointF> drawn(const QCPCurve* curve) {
    QVector<QPointF> points;
    for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it)
        points << QPointF(it->key, it->value);
    return points;
}

void chooseFunction(OptimizerLabWindow& w, const QString& id) {
    auto* presets = child<QComboBox>(w, "function-presets");
    const int index = presets->findData(id);
    QVERIFY(index >= 0);
    presets->setCurrentIndex(index);
    Q_EMIT presets->activated(index);  // what a user's pick in the list sends
}

void typeFormula(OptimizerLabWindow& w, const QString& formula) {
    auto* line = child<QLineEdit>(w, "function-formula");
    line->setFocus();
    line->selectAll();
    QTest::keyClicks(line, formula);
    QTest::keyClick(line, Qt::Key_Return);
}

// The state table's number for `optimizer`'s `quantity` row (display name) and coordinate column.
double tableValue(StateTableModel* model, const QString& optimizer, const QString& quantity, int column) {
    QString current;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString name = model->index(row, StateTableModel::OptimizerColumn).data().toString();
        if (!name.isEmpty()) current = name;
        if (current == optimizer && model->index(row, StateTableModel::QuantityColumn).data().toString() == quantity)
            return model->index(row, column).data(Qt::UserRole).toDouble();
    }
    qFatal("no row %s / %s", qPrintable(optimizer), qPrintable(quantity));
}

}  // namespace

class TestOptimizerLabWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stepsDrawTheEngineTrajectory() {
        OptimizerLabWindow w;
        w.show();
        chooseFunction(w, QStringLiteral("quadratic"));
        typeInto(child<QDoubleSpinBox>(w, "lab-learning-rate"), QStringLiteral("0.3"));
        QTest::mouseClick(child<QPushButton>(w, "lab-reset"), Qt::LeftButton);
        QCOMPARE(w.animation()->step(), 0);
        for (int i = 0; i < 3; ++i) QTest::mouseClick(child<QPushButton>(w, "lab-step"), Qt::LeftButton);
        QCOMPARE(w.animation()->step(), 3);

        // Six optimizers race by default (all but SGD).
        QCOMPARE(w.trajectories().size(), size_t(6));
        QVERIFY(!w.plot()->curveOf(LabOptimizer::Sgd));
        const FunctionExpression quadratic(test_function("quadratic").formula);
        LabSettings settings;
        settings.learning_rate = 0.3;
        for (LabOptimizer optimizer : {LabOptimizer::GradientDescent, LabOptimizer::Momentum, LabOptimizer::Adam}) {
            const Trajectory expected = run_trajectory(quadratic, optimizer, settings, {-5.0, -2.0}, 20);
            const QVector<QPointF> points = drawn(w.plot()->curveOf(optimizer));
            QCOMPARE(points.size(), 4);  // start + 3 steps
            for (int i = 0; i < 4; ++i) {
                QCOMPARE(points[i].x(), expected.steps[size_t(i)].point[0]);
                QCOMPARE(points[i].y(), expected.steps[size_t(i)].point[1]);
            }
        }
        // GD with η = 0.3 on 0.1·x1² + 2·x2²: x1 ← 0.94·x1.
        QVERIFY(std::abs(drawn(w.plot()->curveOf(LabOptimizer::GradientDescent))[3].x() - -5.0 * std::pow(0.94, 3)) <
                1e-12);

        // Playing runs to the end and stops there.
        QTest::mouseClick(child<QPushButton>(w, "lab-play"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!w.animation()->playing(), 10000);
        QCOMPARE(w.animation()->step(), 20);
        QCOMPARE(drawn(w.plot()->curveOf(LabOptimizer::GradientDescent)).size(), 21);

        // Racing SGD too adds its path; its noise follows the seed.
        child<QCheckBox>(w, "optimizer-sgd")->click();
        QVERIFY(w.plot()->curveOf(LabOptimizer::Sgd));
        QCOMPARE(w.trajectories().size(), size_t(7));
        const QVector<QPointF> noisy = drawn(w.plot()->curveOf(LabOptimizer::Sgd));
        typeInto(child<QSpinBox>(w, "lab-seed"), QStringLiteral("5"));
        settings.seed = 5;
        const Trajectory reseeded = run_trajectory(quadratic, LabOptimizer::Sgd, settings, {-5.0, -2.0}, 20);
        QVERIFY(drawn(w.plot()->curveOf(LabOptimizer::Sgd)) != noisy);
        QCOMPARE(drawn(w.plot()->curveOf(LabOptimizer::Sgd)).back().x(), reseeded.last().point[0]);
    }

    // Must-show 1: the quadratic preset draws D2L ch. 11's printed end points after 20 steps from (−5, −2).
    void quadraticPresetDrawsD2LsEndPoints() {
        OptimizerLabWindow w;
        chooseFunction(w, QStringLiteral("saddle"));
        chooseFunction(w, QStringLiteral("quadratic"));
        QCOMPARE(child<QDoubleSpinBox>(w, "optimizer-eta-momentum")->value(), 0.6);
        QCOMPARE(child<QDoubleSpinBox>(w, "lab-momentum")->value(), 0.5);
        QCOMPARE(child<QDoubleSpinBox>(w, "lab-gamma")->value(), 0.9);
        const struct {
            LabOptimizer optimizer;
            double x1, x2;
        } table[] = {{LabOptimizer::GradientDescent, -0.943467, -0.000073},
                     {LabOptimizer::Momentum, 0.007188, 0.002553},
                     {LabOptimizer::Adagrad, -2.382563, -0.158591},
                     {LabOptimizer::Rmsprop, -0.010599, 0.000000}};
        for (const auto& row : table) {
            const QVector<QPointF> points = drawn(w.plot()->curveOf(row.optimizer));
            QCOMPARE(points.size(), 21);
            QVERIFY2(std::abs(points.back().x() - row.x1) <= 1e-6 && std::abs(points.back().y() - row.x2) <= 1e-6,
                     qPrintable(QStringLiteral("%1: (%2, %3)")
                                    .arg(QString::fromStdString(lab_optimizer_name(row.optimizer)))
                                    .arg(points.back().x(), 0, 'f', 6)
                                    .arg(points.back().y(), 0, 'f', 6)));
        }
        // The state table shows the same end point, with D2L's six decimals.
        StateTableModel* model = w.statePanel()->model();
        QCOMPARE(model->index(0, StateTableModel::OptimizerColumn).data().toString(), QStringLiteral("GD"));
        QCOMPARE(model->index(0, StateTableModel::QuantityColumn).data().toString(), QStringLiteral("point x"));
        QCOMPARE(model->index(0, StateTableModel::X1Column).data().toString(), QStringLiteral("-0.943467"));
        QCOMPARE(model->index(0, StateTableModel::X2Column).data().toString(), QStringLiteral("-0.000073"));
        // One optimizer's own η changes only its path.
        const QVector<QPointF> gd = drawn(w.plot()->curveOf(LabOptimizer::GradientDescent));
        typeInto(child<QDoubleSpinBox>(w, "optimizer-eta-adam"), QStringLiteral("0.1"));
        LabSettings settings;
        settings.learning_rate = 0.1;
        const Trajectory adam = run_trajectory(FunctionExpression(test_function("quadratic").formula),
                                               LabOptimizer::Adam, settings, {-5.0, -2.0}, 20);
        QCOMPARE(drawn(w.plot()->curveOf(LabOptimizer::Adam)).back().x(), adam.last().point[0]);
        QCOMPARE(drawn(w.plot()->curveOf(LabOptimizer::GradientDescent)), gd);
    }

    void badFormulaShowsTheErrorAndKeepsThePicture() {
        OptimizerLabWindow w;
        chooseFunction(w, QStringLiteral("rosenbrock"));
        QTRY_VERIFY(w.plot()->surfaceReady());  // the colour map is computed on a worker
        QCPColorMap* map = w.plot()->colorMap();
        QVERIFY(map);
        const double cell = map->data()->cell(10, 20);
        const QVector<QPointF> path = drawn(w.plot()->curveOf(LabOptimizer::Adam));

        typeFormula(w, QStringLiteral("(x1 + )"));
        const QString error = w.functionChooser()->errorText();
        QVERIFY2(error.contains(QStringLiteral("unexpected &#x27;)&#x27; at character 7")) ||
                     error.contains(QStringLiteral("unexpected ')' at character 7")),
                 qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("background")));  // the wrong character is marked
        QCOMPARE(w.plot()->colorMap(), map);
        QCOMPARE(map->data()->cell(10, 20), cell);
        QCOMPARE(drawn(w.plot()->curveOf(LabOptimizer::Adam)), path);

        // A good formula replaces the picture and clears the error.
        typeFormula(w, QStringLiteral("x1^2 + 3*x2^2"));
        QVERIFY(w.functionChooser()->errorText().isEmpty());
        QTRY_VERIFY(w.plot()->surfaceReady());
        QVERIFY(w.plot()->colorMap());
        QVERIFY(w.plot()->colorMap()->data()->cell(10, 20) != cell);
        QCOMPARE(child<QComboBox>(w, "function-presets")->currentData().toString(), QString());
        QVERIFY(w.plot()->contourLevelsDrawn() > 0);
    }

    void stateTableShowsAdagradsAccumulatedSquares() {
        OptimizerLabWindow w;
        chooseFunction(w, QStringLiteral("quadratic"));
        QTest::mouseClick(child<QPushButton>(w, "lab-reset"), Qt::LeftButton);
        for (int i = 0; i < 5; ++i) QTest::mouseClick(child<QPushButton>(w, "lab-step"), Qt::LeftButton);
        StateTableModel* model = w.statePanel()->model();
        // s after 5 steps is the sum of the squared gradients at the 5 points before.
        const auto& steps = std::find_if(w.trajectories().begin(), w.trajectories().end(), [](const Trajectory& t) {
                                return t.optimizer == LabOptimizer::Adagrad;
                            })->steps;
        for (int coordinate = 0; coordinate < 2; ++coordinate) {
            double sum = 0.0;
            for (int i = 0; i < 5; ++i) sum += std::pow(steps[size_t(i)].gradient[size_t(coordinate)], 2);
            const double shown = tableValue(model, QStringLiteral("AdaGrad"), QStringLiteral("s (sum of g²)"),
                                            StateTableModel::X1Column + coordinate);
            QVERIFY2(std::abs(shown - sum) < 1e-9 * sum, qPrintable(QStringLiteral("%1 vs %2").arg(shown).arg(sum)));
        }
        // The first coordinate's gradient at (−5, −2) is 0.2·(−5) = −1: s1 starts at 1.
        QTest::mouseClick(child<QPushButton>(w, "lab-reset"), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(w, "lab-step"), Qt::LeftButton);
        QCOMPARE(
            tableValue(model, QStringLiteral("AdaGrad"), QStringLiteral("s (sum of g²)"), StateTableModel::X1Column),
            1.0);
        // Adam's bias-corrected m̂ equals the first gradient after one step.
        QVERIFY(std::abs(tableValue(model, QStringLiteral("Adam"), QStringLiteral("m hat = m/(1−β1^t)"),
                                    StateTableModel::X1Column) -
                         -1.0) < 1e-12);
        // The history plot follows the chosen state over all steps.
        QVERIFY(w.statePanel()->chooseHistory(QStringLiteral("adagrad"), QStringLiteral("s")));
        QCPGraph* history = w.statePanel()->historyPlot()->graph(0);
        QCOMPARE(history->dataCount(), 21);
        QCOMPARE(history->data()->at(1)->value, 1.0);
    }

    void clickingThePlotMovesTheStart() {
        OptimizerLabWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        chooseFunction(w, QStringLiteral("quadratic"));
        TrajectoryPlot* plot = w.plot();
        plot->replot();
        const QPoint at(int(plot->xAxis->coordToPixel(-3.0)), int(plot->yAxis->coordToPixel(1.0)));
        QTest::mouseClick(plot, Qt::LeftButton, {}, at);
        QVERIFY(std::abs(child<QDoubleSpinBox>(w, "lab-start-x1")->value() - -3.0) < 0.05);
        QVERIFY(std::abs(child<QDoubleSpinBox>(w, "lab-start-x2")->value() - 1.0) < 0.05);
        QCOMPARE(w.trajectories().front().steps.front().point[0], child<QDoubleSpinBox>(w, "lab-start-x1")->value());
    }

    void oneDimensionalFunctionDrawsPointsOnTheCurve() {
        OptimizerLabWindow w;
        chooseFunction(w, QStringLiteral("local-minimum"));
        QVERIFY(!w.plot()->colorMap());
        const FunctionExpression f(test_function("local-minimum").formula);
        const QVector<QPointF> points = drawn(w.plot()->curveOf(LabOptimizer::GradientDescent));
        QCOMPARE(points.size(), test_function("local-minimum").steps + 1);
        for (const QPointF& p : points) QCOMPARE(p.y(), f.value(p.x()));
        QVERIFY(!child<QDoubleSpinBox>(w, "lab-start-x2")->isEnabled());
    }

    // log(x1) is not defined at the quadratic's start (−5, −2): the lab says so once, for every optimizer.
    void undefinedStartIsReported() {
        OptimizerLabWindow w;
        typeFormula(w, QStringLiteral("log(x1) + x2^2"));
        const QString status = child<QLabel>(w, "lab-status")->text();
        QVERIFY2(status.startsWith(QStringLiteral("GD, Momentum, AdaGrad, RMSProp, Adadelta, Adam stopped:")),
                 qPrintable(status));
        QVERIFY(status.contains(QStringLiteral("not a finite number at (-5, -2), the start point")));
        QVERIFY(!status.contains(QLatin1Char('\n')));
        QCOMPARE(drawn(w.plot()->curveOf(LabOptimizer::Adam)).size(), 1);
    }

    // Marching squares on x1² + x2²: the level-1 line lies on the unit circle and goes all the way round.
    void contourLinesFollowTheLevel() {
        ContourGrid grid;
        grid.columns = grid.rows = 81;
        grid.x1Lower = grid.x2Lower = -2.0;
        grid.x1Upper = grid.x2Upper = 2.0;
        for (int row = 0; row < grid.rows; ++row)
            for (int column = 0; column < grid.columns; ++column)
                grid.values.push_back(grid.x1(column) * grid.x1(column) + grid.x2(row) * grid.x2(row));
        grid.values[0] = std::numeric_limits<double>::quiet_NaN();  // a corner cell with NaN is skipped
        const std::vector<ContourLine> lines = contourLines(grid, {1.0, 9.0});
        QCOMPARE(lines.size(), size_t(2));
        QVERIFY(lines[1].x1.isEmpty());  // level 9 is outside the grid
        int points = 0, quadrants[4] = {};
        for (int i = 0; i < lines[0].x1.size(); ++i) {
            if (std::isnan(lines[0].x1[i])) continue;
            const double radius = std::hypot(lines[0].x1[i], lines[0].x2[i]);
            QVERIFY2(std::abs(radius - 1.0) < 0.01, qPrintable(QString::number(radius)));
            ++quadrants[(lines[0].x1[i] >= 0 ? 0 : 1) + (lines[0].x2[i] >= 0 ? 0 : 2)];
            ++points;
        }
        QVERIFY(points > 100);
        for (int q : quadrants) QVERIFY(q > 20);
    }

    // A change of function computes the paths on the GUI thread and the surface on a worker.
    void changingTheFunctionIsQuick() {
        OptimizerLabWindow w;
        QTRY_VERIFY(w.plot()->surfaceReady());
        QElapsedTimer timer;
        timer.start();
        chooseFunction(w, QStringLiteral("rosenbrock"));
        const qint64 guiMs = timer.elapsed();
        QVERIFY(!w.plot()->surfaceReady());
        QTRY_VERIFY(w.plot()->surfaceReady());
        QVERIFY(w.plot()->colorMap());
        qInfo("Rosenbrock: six 500-step paths drawn in %lld ms on the GUI thread, the surface ready after %lld ms",
              guiMs, timer.elapsed());
        QVERIFY2(guiMs < 1000, qPrintable(QString::number(guiMs)));  // a few ms idle; slack for a busy machine
    }

    void learnMenuOpensTheLab() {
        MainWindow main;
        QAction* action = main.findChild<QAction*>(QStringLiteral("learn-optimizer-lab"));
        QVERIFY(action);
        action->trigger();
        auto* lab = qobject_cast<OptimizerLabWindow*>(main.learnMenu()->lastOpened());
        QVERIFY(lab);
        QVERIFY(lab->isVisible());
        QVERIFY(main.learnMenu()->open(QStringLiteral("optimizer-lab:saddle")));
        QCOMPARE(main.learnMenu()->lastOpened(), lab);  // the same window, now on the saddle
        QCOMPARE(lab->functionChooser()->preset()->id, std::string("saddle"));
        lab->close();
    }
};

QTEST_MAIN(TestOptimizerLabWindow)
#include "test_optimizer_lab_window.moc"
