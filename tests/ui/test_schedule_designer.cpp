// The learning-rate schedule designer (ui/training/schedule_designer): its preview is the engine's
// lr_at for every epoch and kind, it redraws at each edit and shows the engine's message for settings it
// refuses, "Apply to Experiment" changes the hyperparameter panel, and a real run in the main window
// (opened through the Learn menu) trains with the applied schedule, epoch by epoch.
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "engine/optim/schedule.h"
#include "ui/learn/learn_menu.h"
#include "ui/plots/qcp.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/training/metrics_history.h"
#include "ui/training/schedule_designer.h"
#include "ui/training/training_controller.h"
#include "ui/window/main_window.h"
#include "widget_lookup.h"
#include "window_waits.h"

namespace {

void chooseKind(ScheduleDesigner& d, const QString& text) {
    auto* kind = child<QComboBox>(d, "kind");
    const int index = kind->findText(text);
    QVERIFY2(index >= 0, qPrintable(text));
    kind->setFocus();
    while (kind->currentIndex() < index) QTest::keyClick(kind, Qt::Key_Down);
    while (kind->currentIndex() > index) QTest::keyClick(kind, Qt::Key_Up);
}

void typeLine(QLineEdit* line, const QString& text) {
    line->setFocus();
    line->selectAll();
    QTest::keyClicks(line, text);
}

// The preview's points: (epoch, lr) in drawing order.
QVector<QPointF> curve(const ScheduleDesigner& d) {
    QVector<QPointF> points;
    const auto data = d.plot()->graph(0)->data();
    for (auto it = data->constBegin(); it != data->constEnd(); ++it) points.append({it->key, it->value});
    return points;
}

// Every epoch's point is the engine's lr_at for `schedule`, at x = epoch + 1.
void expectCurve(const ScheduleDesigner& d, const dl::LrSchedule& schedule, float base, int epochs) {
    const QVector<QPointF> points = curve(d);
    QCOMPARE(points.size(), epochs);
    for (int e = 0; e < epochs; ++e) {
        QCOMPARE(points[e].x(), double(e + 1));
        QCOMPARE(points[e].y(), double(schedule.lr_at(base, e, epochs)));
    }
}

}  // namespace

class TestScheduleDesigner : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DiveLabTest"));
        QVERIFY(dir_.isValid());
        qputenv("DIVELAB_STATE_DIR", dir_.filePath(QStringLiteral("state")).toUtf8());
    }

    void previewIsLrAtForEachKind_data() {
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<int>("warmup");
        QTest::addColumn<double>("warmupStart");  // < 0: none
        QTest::addColumn<double>("base");
        QTest::addColumn<int>("epochs");
        QTest::newRow("constant") << "constant" << 0 << -1.0 << 0.1 << 10;
        QTest::newRow("constant, warm-up") << "constant" << 3 << -1.0 << 0.1 << 10;
        QTest::newRow("step") << "step:4:0.5" << 0 << -1.0 << 0.05 << 17;
        QTest::newRow("multi-factor (D2L)") << "multifactor:15,30:0.5" << 0 << -1.0 << 0.5 << 50;
        QTest::newRow("cosine") << "cosine:0.001" << 0 << -1.0 << 0.1 << 20;
        QTest::newRow("cosine with warm-up (D2L)") << "cosine:0.01:20" << 5 << 0.0 << 0.3 << 30;
    }

    void previewIsLrAtForEachKind() {
        QFETCH(QString, schedule);
        QFETCH(int, warmup);
        QFETCH(double, warmupStart);
        QFETCH(double, base);
        QFETCH(int, epochs);
        dl::TrainConfig c;
        c.schedule = dl::parse_lr_schedule(schedule.toStdString(), warmup);
        if (warmupStart >= 0) c.schedule.warmup_start_lr = float(warmupStart);
        c.optimizer.lr = float(base);
        c.epochs = epochs;
        ScheduleDesigner d;
        d.setConfig(c);
        QVERIFY2(d.problem().isEmpty(), qPrintable(d.problem()));
        QVERIFY(d.schedule());
        QCOMPARE(dl::to_string(*d.schedule()), dl::to_string(c.schedule));
        QCOMPARE(d.schedule()->warmup_steps, int64_t{warmup});
        expectCurve(d, c.schedule, float(base), epochs);
    }

    // The learner builds D2L's multi-factor schedule field by field; each edit redraws the curve.
    void editingRedraws() {
        ScheduleDesigner d;
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        typeInto(child<QAbstractSpinBox>(d, "baseLr"), QStringLiteral("0.5"));
        typeInto(child<QAbstractSpinBox>(d, "epochs"), QStringLiteral("40"));
        chooseKind(d, QStringLiteral("multi-factor"));
        QVERIFY(child<QLineEdit>(d, "milestones")->isVisible());
        QVERIFY(!child<QWidget>(d, "minLr")->isVisible());
        typeLine(child<QLineEdit>(d, "milestones"), QStringLiteral("15,30"));
        typeInto(child<QAbstractSpinBox>(d, "gamma"), QStringLiteral("0.5"));
        expectCurve(d, dl::parse_lr_schedule("multifactor:15,30:0.5"), 0.5f, 40);
        QCOMPARE(curve(d)[14].y(), 0.5);
        QCOMPARE(curve(d)[15].y(), 0.25);  // epoch 16 = index 15: the first after the drop at 15

        const int before = d.redrawCount();
        typeInto(child<QAbstractSpinBox>(d, "warmup"), QStringLiteral("4"));
        QVERIFY(d.redrawCount() > before);
        expectCurve(d, dl::parse_lr_schedule("multifactor:15,30:0.5", 4), 0.5f, 40);
        QVERIFY(child<QWidget>(d, "warmupFromOn")->isVisible());

        // Epochs out of order: the engine's message instead of a curve; fixing them brings it back.
        typeLine(child<QLineEdit>(d, "milestones"), QStringLiteral("30,15"));
        auto* message = child<QLabel>(d, "scheduleProblem");
        QVERIFY(message->isVisible());
        QVERIFY(!d.plot()->isVisible());
        QVERIFY2(message->text().contains(QStringLiteral("must increase, but 15 follows 30")),
                 qPrintable(message->text()));
        QVERIFY(!child<QPushButton>(d, "applySchedule")->isEnabled());
        typeLine(child<QLineEdit>(d, "milestones"), QStringLiteral("10"));
        QVERIFY(d.plot()->isVisible());
        expectCurve(d, dl::parse_lr_schedule("multifactor:10:0.5", 4), 0.5f, 40);

        // A cosine whose end lies inside the warm-up: refused with the engine's words.
        chooseKind(d, QStringLiteral("cosine with warm-up"));
        typeInto(child<QAbstractSpinBox>(d, "cosineEnd"), QStringLiteral("3"));
        QVERIFY2(d.problem().contains(QStringLiteral("within the 4 warm-up epochs")), qPrintable(d.problem()));
        QCOMPARE(message->text(), d.problem());
    }

    // The log axis: the same points, on a logarithmic scale; an lr of 0 (D2L's warm-up start) is left out.
    void logAxisToggle() {
        ScheduleDesigner d;
        d.loadD2lCosineExample();
        QCOMPARE(curve(d)[0].y(), 0.0);
        QCOMPARE(d.plot()->yAxis->scaleType(), QCPAxis::stLinear);
        child<QCheckBox>(d, "logScale")->setChecked(true);
        QCOMPARE(d.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY(std::isnan(curve(d)[0].y()));
        QCOMPARE(curve(d)[5].y(), double(d.schedule()->lr_at(0.3f, 5, 30)));
        child<QCheckBox>(d, "logScale")->setChecked(false);
        QCOMPARE(d.plot()->yAxis->scaleType(), QCPAxis::stLinear);
        QCOMPARE(curve(d)[0].y(), 0.0);
    }

    // "Design…" opens the designer with the panel's values; "Apply to Experiment" writes back.
    void applyChangesThePanel() {
        HyperparameterPanel panel;
        panel.show();
        dl::TrainConfig c = panel.config();
        c.schedule = dl::parse_lr_schedule("step:5:0.5", 1);
        c.optimizer.lr = 0.2f;
        c.epochs = 12;
        panel.setConfig(c);
        QTest::mouseClick(child<QPushButton>(panel, "designSchedule"), Qt::LeftButton);
        ScheduleDesigner* d = panel.scheduleDesigner();
        QTRY_VERIFY(d->isVisible());
        QCOMPARE(child<QComboBox>(*d, "kind")->currentText(), QStringLiteral("step"));
        QCOMPARE(child<QSpinBox>(*d, "stepSize")->value(), 5);
        QCOMPARE(child<QSpinBox>(*d, "warmup")->value(), 1);
        QCOMPARE(d->baseLr(), 0.2f);
        QCOMPARE(d->epochs(), 12);

        QSignalSpy changed(&panel, &HyperparameterPanel::changed);
        d->loadD2lCosineExample();
        QCOMPARE(panel.config().schedule.kind, dl::LrSchedule::Step);  // not yet applied
        QTest::mouseClick(child<QPushButton>(*d, "applySchedule"), Qt::LeftButton);
        QVERIFY(changed.count() >= 1);
        const dl::TrainConfig out = panel.config();
        QCOMPARE(dl::to_string(out.schedule), std::string("cosine:0.01:20"));
        QCOMPARE(out.schedule.warmup_steps, int64_t{5});
        QVERIFY(out.schedule.warmup_start_lr && *out.schedule.warmup_start_lr == 0.0f);
        QCOMPARE(out.optimizer.lr, 0.3f);
        QCOMPARE(out.epochs, 30);
        QVERIFY(panel.isValid());
        // The panel shows the new kind's rows.
        QVERIFY(child<QWidget>(panel, "cosineEnd")->isVisible());
        QCOMPARE(child<QSpinBox>(panel, "cosineEnd")->value(), 20);
        QVERIFY(child<QCheckBox>(panel, "warmupFromOn")->isChecked());

        // The panel's multi-factor kind, typed there, reaches the designer.
        c = panel.config();
        c.schedule = dl::parse_lr_schedule("multifactor:3,7:0.25", 0);
        panel.setConfig(c);
        QCOMPARE(child<QComboBox>(panel, "schedule")->currentText(), QStringLiteral("multi-factor"));
        QCOMPARE(child<QLineEdit>(panel, "milestones")->text(), QStringLiteral("3,7"));
        QVERIFY(panel.scheduleDesigner() == d);  // one designer per panel
        QCOMPARE(child<QComboBox>(*d, "kind")->currentText(), QStringLiteral("multi-factor"));
        expectCurve(*d, c.schedule, c.optimizer.lr, c.epochs);
        // Epochs the panel cannot read are named there.
        typeLine(child<QLineEdit>(panel, "milestones"), QStringLiteral("7,3"));
        QTest::keyClick(child<QLineEdit>(panel, "milestones"), Qt::Key_Enter);
        QString why;
        QVERIFY(!panel.isValid(&why));
        QVERIFY2(why.contains(QStringLiteral("must increase")), qPrintable(why));
    }

    // Learn ▸ Learning-Rate Schedule…, a schedule applied, a real run: every epoch's lr is the schedule's.
    void realRunFollowsTheAppliedSchedule() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        QVERIFY(uitest::waitForData(w));
        auto* action = w.findChild<QAction*>(QStringLiteral("actionScheduleDesigner"));
        QVERIFY(action);
        action->trigger();
        auto* d = qobject_cast<ScheduleDesigner*>(w.learnMenu()->lastOpened());
        QVERIFY(d);
        QVERIFY(d->isVisible());
        QCOMPARE(d->boundPanel(), w.hyperparameterPanel());

        typeInto(child<QAbstractSpinBox>(*d, "baseLr"), QStringLiteral("0.2"));
        typeInto(child<QAbstractSpinBox>(*d, "epochs"), QStringLiteral("6"));
        chooseKind(*d, QStringLiteral("multi-factor"));
        typeLine(child<QLineEdit>(*d, "milestones"), QStringLiteral("2,3"));
        typeInto(child<QAbstractSpinBox>(*d, "gamma"), QStringLiteral("0.5"));
        typeInto(child<QAbstractSpinBox>(*d, "warmup"), QStringLiteral("1"));
        child<QCheckBox>(*d, "warmupFromOn")->setChecked(true);
        typeInto(child<QAbstractSpinBox>(*d, "warmupFrom"), QStringLiteral("0.05"));
        QVERIFY2(d->problem().isEmpty(), qPrintable(d->problem()));
        QTest::mouseClick(child<QPushButton>(*d, "applySchedule"), Qt::LeftButton);
        const dl::LrSchedule applied = w.hyperparameterPanel()->config().schedule;
        QCOMPARE(dl::to_string(applied), std::string("multifactor:2,3:0.5"));

        bool finished = false;
        connect(w.controller(), &TrainingController::finished, this, [&] { finished = true; });
        w.trainAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(finished, 120000);
        const auto& epochs = w.history()->epochs();
        QCOMPARE(int(epochs.size()), 6);
        // Expected values by hand: warm-up 0.05, then 0.2 for epochs 2-3, 0.1 at 4, 0.05 from 5 on.
        const double expected[] = {0.05, 0.2, 0.2, 0.1, 0.05, 0.05};
        for (int e = 0; e < 6; ++e) {
            QCOMPARE(epochs[size_t(e)].epoch, e + 1);
            QVERIFY2(std::abs(epochs[size_t(e)].lr - expected[e]) < 1e-7,
                     qPrintable(QString("epoch %1: lr %2").arg(e + 1).arg(epochs[size_t(e)].lr)));
            QCOMPARE(curve(*d)[e].y(), double(applied.lr_at(0.2f, e, 6)));
        }
    }
};

QTEST_MAIN(TestScheduleDesigner)
#include "test_schedule_designer.moc"
