// The ablation windows driven like a learner does: a ready-made ablation run to the end shows both runs' curves,
// the shaded difference and the verdict; sigmoid-relu shows two gradient heatmaps; the optimizer race with two
// optimizers fills its curves and table; "Change one thing" applies a change (or explains why it cannot) and the
// comparison of the two runs follows. Tiny data limits keep it quick.
#include <QtTest>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>

#include "engine/train/ready_ablations.h"
#include "ui/ablation/ablation_texts.h"
#include "ui/ablation/ablation_window.h"
#include "ui/ablation/change_one_thing_dialog.h"
#include "ui/ablation/comparison_plot.h"
#include "ui/ablation/comparison_runner.h"
#include "ui/ablation/optimizer_race.h"
#include "ui/ablation/preset_experiment.h"
#include "ui/learn/learn_menu.h"
#include "ui/plots/qcp.h"
#include "ui/plots/training_plots.h"
#include "ui/training/metrics_history.h"
#include "ui/window/main_window.h"

namespace {

bool waitForEnd(ComparisonRunner* runner, int timeoutMs = 120000) {
    return QTest::qWaitFor([&] { return !runner->running(); }, timeoutMs);
}

QStringList actionTexts(const QMenu* menu) {
    QStringList texts;
    for (const QAction* a : menu->actions()) {
        texts << a->text();
        if (a->menu()) texts << actionTexts(a->menu());
    }
    return texts;
}

dl::Project tinyMlp() {
    dl::Project p = presetExperiment("mlp");
    p.dataset_options.train_limit = 512;
    p.dataset_options.test_limit = 200;
    p.train.epochs = 2;
    p.train.batch_size = 64;
    return p;
}

}  // namespace

class TestAblationWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void learnMenuOffersTheAblations();
    void weightDecayRunsToTheEndAndShowsTheDifference();
    void sigmoidReluShowsBothGradientHeatmaps();
    void raceWithTwoOptimizersFillsCurvesAndTable();
    void stopEndsEveryRunAndKeepsWhatWasTrained();
    void raceFromALessonUsesThePreset();
    void changeDialogAppliesAChangeOrSaysWhyNot();
    void changedExperimentIsComparedWithTheOriginal();
    void regressionIsComparedByTestLoss();
    void translatableTextsMatchTheEngines();
};

void TestAblationWindow::learnMenuOffersTheAblations() {
    MainWindow w;
    QMenu* learn = nullptr;
    for (QAction* a : w.menuBar()->actions())
        if (a->text() == QObject::tr("&Learn")) learn = a->menu();
    QVERIFY(learn);
    const QStringList texts = actionTexts(learn);
    QVERIFY(texts.contains(QStringLiteral("&Race Optimizers…")));
    QVERIFY(texts.contains(QStringLiteral("&Change One Thing…")));
    QVERIFY(texts.contains(QStringLiteral("Book &Ablations")));
    for (const std::string& id : dl::ready_ablation_ids())
        QVERIFY2(texts.filter(QString::fromStdString(dl::ready_ablation(id).title)).size() == 1, id.c_str());
    QVERIFY(!w.learnMenu()->openAblation(QStringLiteral("no-such-lesson")));
    QString error;
    QVERIFY(!w.learnMenu()->open(QStringLiteral("ablation:no-such-lesson"), &error));
    QVERIFY(error.contains(QStringLiteral("no-such-lesson")));
}

// D2L §4.5 in full (100 epochs of 20 examples): opened from the Learn menu, it runs at once.
void TestAblationWindow::weightDecayRunsToTheEndAndShowsTheDifference() {
    MainWindow w;
    QVERIFY(w.learnMenu()->open(QStringLiteral("ablation:weight-decay")));
    auto* window = qobject_cast<AblationWindow*>(w.learnMenu()->lastOpened());
    QVERIFY(window);
    QVERIFY(waitForEnd(window->runner()));
    window->lossPlot()->refreshNow();
    for (int v = 0; v < 2; ++v) {
        QCOMPARE(window->lossPlot()->testGraph(v)->dataCount(), 100);
        QCOMPARE(window->lossPlot()->trainGraph(v)->dataCount(), 100);
    }
    QVERIFY(window->lossPlot()->bandShown());
    QVERIFY(!window->accuracyPlot()->isVisibleTo(window));  // regression: no accuracy
    const auto& plain = window->runner()->history(0)->epochs().back();
    const auto& decayed = window->runner()->history(1)->epochs().back();
    QVERIFY(decayed.test_loss < plain.test_loss);
    const QString summary = window->summaryLabel()->text();
    QVERIFY2(summary.startsWith(QStringLiteral("λ = 3: test loss")) && summary.contains(QStringLiteral("lower")),
             qPrintable(summary));
    QVERIFY(window->summaryLabel()->isVisibleTo(window));
}

void TestAblationWindow::sigmoidReluShowsBothGradientHeatmaps() {
    dl::ReadyAblation a = dl::ready_ablation("sigmoid-relu");
    dl::limit_ablation(a, 1, 256, 100);
    AblationWindow window;
    window.setAblation(a);
    window.show();
    window.run();
    QVERIFY(waitForEnd(window.runner()));
    for (int v = 0; v < 2; ++v) {
        GradientNormPlot* plot = window.gradientPlot(v);
        QVERIFY(plot && plot->isVisibleTo(&window));
        QCOMPARE(plot->history(), window.runner()->history(v));
        QCOMPARE(window.runner()->history(v)->layerCount(), 7);  // six hidden layers and the output
    }
    QVERIFY(window.summaryLabel()->text().startsWith(QStringLiteral("ReLU: first-layer gradient norm")));
    QVERIFY(window.accuracyPlot()->isVisibleTo(&window));
}

void TestAblationWindow::raceWithTwoOptimizersFillsCurvesAndTable() {
    OptimizerRace race;
    race.setExperiment(tinyMlp(), QStringLiteral("mlp"));
    race.laneEnabled(2)->setChecked(false);
    race.laneEnabled(3)->setChecked(false);
    race.laneOptimizerBox(1)->setCurrentIndex(race.laneOptimizerBox(1)->findData(QStringLiteral("adam")));
    QCOMPARE(race.laneLrBox(1)->value(), 0.001);  // the entry's default rate
    race.resize(1000, 700);
    race.show();
    QVERIFY(QTest::qWaitForWindowExposed(&race));
    // Before any run the empty plot still spans the window (an empty legend once squeezed it into a sliver).
    QCustomPlot* plot = race.lossPlot()->plot();
    plot->replot();
    QVERIFY2(plot->axisRect()->width() > plot->width() / 2, qPrintable(QString::number(plot->axisRect()->width())));
    race.run();
    QCOMPARE(race.runner()->count(), 2);
    QCOMPARE(race.runner()->parallel(), ComparisonRunner::runsInParallel(2, QThread::idealThreadCount()));
    QVERIFY(waitForEnd(race.runner()));
    QCOMPARE(race.runner()->variant(1).experiment.train.optimizer.name, std::string("adam"));
    QCOMPARE(race.runner()->variant(0).experiment.train.seed, race.runner()->variant(1).experiment.train.seed);
    // The curves follow the histories by themselves (no refreshNow): live, at most 25 times a second.
    QTRY_COMPARE(race.lossPlot()->testGraph(1)->dataCount(), 2);
    QTableWidget* table = race.accuracyTable();
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->columnCount(), 2);
    for (int v = 0; v < 2; ++v) {
        QVERIFY(race.lossPlot()->batchGraph(v)->dataCount() > 0);
        QCOMPARE(race.lossPlot()->testGraph(v)->dataCount(), 2);
        const double shown = table->item(v, 1)->text().chopped(1).toDouble();
        QCOMPARE(shown, std::round(1000 * race.runner()->history(v)->epochs().back().test_acc) / 10);
    }
    // Fewer than two lanes cannot race.
    race.laneEnabled(1)->setChecked(false);
    race.run();
    QVERIFY(!race.runner()->running());
}

void TestAblationWindow::stopEndsEveryRunAndKeepsWhatWasTrained() {
    dl::ReadyAblation a = dl::ready_ablation("residual");
    dl::limit_ablation(a, 50, 2000, 100);  // far more than the test waits for
    AblationWindow window;
    window.setAblation(a);
    window.runner()->setCores(1);  // one after the other: the second never starts
    QSignalSpy finished(window.runner(), &ComparisonRunner::finished);
    window.run();
    QVERIFY(QTest::qWaitFor([&] { return !window.runner()->history(0)->epochs().empty(); }, 60000));
    window.stop();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(window.runButton()->isEnabled());
    QVERIFY(QTest::qWaitFor([&] { return window.runner()->summary(0).has_value(); }, 30000));
    QCOMPARE(window.runner()->summary(0)->outcome, dl::TrainSummary::Outcome::Stopped);
    QTest::qWait(200);
    QVERIFY(!window.runner()->summary(1));  // never started
    QVERIFY(window.runner()->history(1)->epochs().empty());
    QVERIFY(!window.runner()->history(0)->epochs().empty());
}

void TestAblationWindow::raceFromALessonUsesThePreset() {
    MainWindow w;
    QVERIFY(w.learnMenu()->open(QStringLiteral("race:lenet")));
    auto* race = qobject_cast<OptimizerRace*>(w.learnMenu()->lastOpened());
    QVERIFY(race);
    QCOMPARE(race->epochsBox()->value(), 3);
    QCOMPARE(race->laneLrBox(0)->value(), 0.1);
    QCOMPARE(race->laneOptimizerBox(3)->currentData().toString(), QStringLiteral("adam"));
    race->close();
}

void TestAblationWindow::changeDialogAppliesAChangeOrSaysWhyNot() {
    ChangeOneThingDialog dialog(presetExperiment("mlp"));
    dialog.whatBox()->setCurrentIndex(dialog.whatBox()->findData(static_cast<int>(dl::AblationWhat::BatchNorm)));
    QCOMPARE(dialog.currentLabel()->text(), QStringLiteral("off"));
    dialog.valueBox()->setCurrentText(QStringLiteral("off"));
    dialog.accept();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY2(dialog.errorLabel()->text().contains(QStringLiteral("no BatchNorm layer")),
             qPrintable(dialog.errorLabel()->text()));
    dialog.valueBox()->setCurrentText(QStringLiteral("on"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    int norms = 0;
    for (const dl::NodeSpec& n : dialog.changedExperiment().network.nodes) norms += n.type == "BatchNorm";
    QCOMPARE(norms, 1);  // after fc1, before its ReLU

    ChangeOneThingDialog lr(presetExperiment("mlp"));
    lr.whatBox()->setCurrentIndex(lr.whatBox()->findData(static_cast<int>(dl::AblationWhat::LearningRate)));
    QCOMPARE(lr.currentLabel()->text(), QStringLiteral("0.1"));
    lr.valueBox()->setCurrentText(QStringLiteral("0.5"));
    lr.accept();
    QCOMPARE(lr.changedExperiment().train.optimizer.lr, 0.5f);
}

void TestAblationWindow::changedExperimentIsComparedWithTheOriginal() {
    MainWindow w;
    const dl::Project current = tinyMlp();
    const dl::AblationChange change{dl::AblationWhat::Activation, "Sigmoid"};
    w.learnMenu()->openComparison(current, change, dl::apply_change(current, change));
    auto* window = qobject_cast<AblationWindow*>(w.learnMenu()->lastOpened());
    QVERIFY(window);
    QVERIFY(waitForEnd(window->runner()));
    QCOMPARE(window->runner()->variant(0).label, QStringLiteral("Activation = ReLU"));
    QCOMPARE(window->runner()->variant(1).label, QStringLiteral("Activation = Sigmoid"));
    window->accuracyPlot()->refreshNow();
    for (int v = 0; v < 2; ++v) QCOMPARE(window->accuracyPlot()->testGraph(v)->dataCount(), 2);
    QVERIFY(window->accuracyPlot()->bandShown());
    QVERIFY(window->summaryLabel()->text().contains(QStringLiteral("test accuracy")));
}

// Linear regression has no accuracy: the verdict falls back to the test loss and the accuracy plot goes away.
void TestAblationWindow::regressionIsComparedByTestLoss() {
    MainWindow w;
    const dl::Project current = presetExperiment("linreg");
    const dl::AblationChange change{dl::AblationWhat::LearningRate, "0.001"};
    w.learnMenu()->openComparison(current, change, dl::apply_change(current, change));
    auto* window = qobject_cast<AblationWindow*>(w.learnMenu()->lastOpened());
    QVERIFY(window);
    QVERIFY(waitForEnd(window->runner()));
    QVERIFY(!window->accuracyPlot()->isVisibleTo(window));
    // lr 0.03 (D2L §3.5) fits in three epochs; lr 0.001 is still far off.
    QVERIFY2(window->summaryLabel()->text().startsWith(QStringLiteral("Learning rate = 0.03: test loss")),
             qPrintable(window->summaryLabel()->text()));
}

// The UI's tr() copies of the lessons' words say what the engine says (untranslated, they must be the same).
void TestAblationWindow::translatableTextsMatchTheEngines() {
    for (const std::string& id : dl::ready_ablation_ids()) {
        const dl::ReadyAblation a = dl::ready_ablation(id);
        QCOMPARE(AblationTexts::title(a), QString::fromStdString(a.title));
        QCOMPARE(AblationTexts::lesson(a), QString::fromStdString(a.lesson));
        for (int v = 0; v < 2; ++v)
            QCOMPARE(AblationTexts::variantLabel(a, v),
                     QString::fromStdString(a.variants[static_cast<size_t>(v)].label));
    }
}

QTEST_MAIN(TestAblationWindow)
#include "test_ablation_window.moc"
