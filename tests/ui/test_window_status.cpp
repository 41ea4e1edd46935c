// What the window says about the experiment and its last run, driven through the real window:
// loading a preset starts a new untitled experiment with none of the last run's messages (and asks
// before dropping unsaved work); the status bar says "Paused" without speed or ETA while paused, and
// the final and best figures when a run ends; a line above the editor says why Train is disabled;
// and the experiment's description and the run status sit side by side in the status bar.
#include <QtTest>

#include <QApplication>
#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>

#include <cmath>

#include "engine/io/network_json.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/editor/network_document.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/network_view.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/training/metrics_history.h"
#include "ui/training/training_controller.h"
#include "ui/window/elided_label.h"
#include "ui/window/main_window.h"
#include "ui/window/project_session.h"
#include "window_waits.h"

namespace {
std::string networkText(MainWindow& w) {
    return dl::network_to_string(w.document()->compactSpec());
}

QString runStatus(MainWindow& w) {
    return w.findChild<QLabel*>(QStringLiteral("runStatus"))->text();
}

// The Presets menu's action for preset `name` (in its chapter's submenu; the action's data is the name).
QAction* presetAction(MainWindow& w, const QString& name) {
    for (QAction* menuAction : w.menuBar()->actions())
        if (menuAction->menu() && menuAction->text() == QStringLiteral("&Presets"))
            for (QAction* chapter : menuAction->menu()->actions())
                if (chapter->menu())
                    for (QAction* a : chapter->menu()->actions())
                        if (a->data() == name) return a;
    return nullptr;
}

// Runs `action`, answering every message box it opens with `answer`; the number of boxes. A timer
// looks for them: the box runs an event loop of its own.
int answerMessageBoxes(QMessageBox::StandardButton answer, const std::function<void()>& action) {
    int boxes = 0;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            ++boxes;
            box->button(answer)->click();
        }
    });
    poll.start(10);
    action();
    return boxes;
}

// Runs `action`, cancelling every file dialog it opens; the number of dialogs.
int cancelFileDialogs(const std::function<void()>& action) {
    int dialogs = 0;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget())) {
            ++dialogs;
            dialog->reject();
        }
    });
    poll.start(10);
    action();
    return dialogs;
}

void setTraining(MainWindow& w, int epochs, float lr) {
    dl::TrainConfig config = w.hyperparameterPanel()->config();
    config.epochs = epochs;
    if (lr > 0) config.optimizer.lr = lr;
    w.hyperparameterPanel()->setConfig(config);
}

// Presses Train (F5) and waits for the end of the run; its summary.
std::optional<dl::TrainSummary> trainToTheEnd(MainWindow& w) {
    std::optional<dl::TrainSummary> summary;
    auto c = QObject::connect(w.controller(), &TrainingController::finished,
                              [&](const dl::TrainSummary& s) { summary = s; });
    w.activateWindow();
    if (!QTest::qWaitForWindowActive(&w)) return std::nullopt;  // F5 is the window's shortcut
    QTest::keyClick(&w, Qt::Key_F5);
    if (!QTest::qWaitFor([&] { return summary.has_value(); }, 120000)) return std::nullopt;
    QObject::disconnect(c);
    return summary;
}

double number(const QRegularExpressionMatch& m, int group) {
    return m.captured(group).toDouble();
}

// The epoch whose `metric` is best (highest accuracy or lowest loss), the first one on a tie.
const dl::EpochMetrics& bestEpoch(const std::vector<dl::EpochMetrics>& epochs, double dl::EpochMetrics::*metric,
                                  bool highest) {
    const dl::EpochMetrics* best = &epochs.front();
    for (const dl::EpochMetrics& m : epochs)
        if (highest ? m.*metric > best->*metric : m.*metric < best->*metric) best = &m;
    return *best;
}

bool fashionMnistMissing(MainWindow& w) {
    w.datasetPanel()->setDatasetName(QStringLiteral("fashion-mnist"));
    return !w.datasetPanel()->problem().isEmpty();
}
}  // namespace

class TestWindowStatus : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // no settings leak between runs
        QCoreApplication::setOrganizationName(QStringLiteral("DiveLabTest"));
        QVERIFY(dir_.isValid());
        qputenv("DIVELAB_STATE_DIR", dir_.filePath(QStringLiteral("state")).toUtf8());
    }

    // The learner's 40 minutes: a project diverges, then a preset is loaded from the menu. It asks
    // about the unsaved results, then opens untitled, without the red banner or the run's status, and
    // Ctrl+S asks for a file instead of overwriting the project with the preset's network.
    void presetAfterADivergedRunIsANewUntitledExperiment() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("linreg")));
        QVERIFY(uitest::waitForData(w));
        const QString path = dir_.filePath(QStringLiteral("linreg.divelab"));
        QString error;
        QVERIFY2(w.saveProjectFile(path, &error), qPrintable(error));
        QVERIFY(w.windowTitle().startsWith(QStringLiteral("linreg.divelab")));
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray savedBytes = saved.readAll();
        saved.close();

        setTraining(w, 3, 10);  // SGD at lr 10 on least squares: the weights grow ninefold a step
        const auto summary = trainToTheEnd(w);
        QVERIFY(summary);
        QCOMPARE(summary->outcome, dl::TrainSummary::Outcome::Diverged);
        QVERIFY2(w.bannerText().startsWith(QStringLiteral("diverged at epoch")), qPrintable(w.bannerText()));
        QVERIFY2(runStatus(w).startsWith(QStringLiteral("Diverged")), qPrintable(runStatus(w)));
        QVERIFY(w.isWindowModified());

        QAction* spiral = presetAction(w, QStringLiteral("spiral-mlp"));
        QVERIFY(spiral);
        QCOMPARE(answerMessageBoxes(QMessageBox::Discard, [&] { spiral->trigger(); }), 1);
        QCOMPARE(w.datasetPanel()->datasetName(), QStringLiteral("spiral"));
        QVERIFY(w.bannerText().isEmpty());
        QVERIFY2(!runStatus(w).contains(QStringLiteral("Diverged")), qPrintable(runStatus(w)));
        QVERIFY(uitest::waitForData(w));
        QVERIFY2(runStatus(w).isEmpty(), qPrintable(runStatus(w)));
        QVERIFY(w.history()->epochs().empty());
        QVERIFY(w.windowFilePath().isEmpty());
        QVERIFY(w.session()->path().isEmpty());
        QVERIFY2(w.windowTitle().startsWith(QStringLiteral("Untitled")), qPrintable(w.windowTitle()));
        QVERIFY(!w.isWindowModified());

        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));  // Ctrl+S is the window's shortcut
        QCOMPARE(cancelFileDialogs([&] { QTest::keyClick(&w, Qt::Key_S, Qt::ControlModifier); }), 1);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), savedBytes);  // the project is untouched
        QVERIFY(w.session()->path().isEmpty());
    }

    // Unsaved edits: choosing a preset asks first; Cancel keeps the network, the file and the changes.
    void presetWithUnsavedChangesAsksAndCancelKeepsEverything() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        const QString path = dir_.filePath(QStringLiteral("spiral.divelab"));
        QString error;
        QVERIFY2(w.saveProjectFile(path, &error), qPrintable(error));
        w.document()->setAttribute(QStringLiteral("fc1"), QStringLiteral("out_features"), dl::AttrValue(int64_t{7}));
        QVERIFY(w.isWindowModified());
        const std::string edited = networkText(w);

        QAction* linreg = presetAction(w, QStringLiteral("linreg"));
        QVERIFY(linreg);
        QCOMPARE(answerMessageBoxes(QMessageBox::Cancel, [&] { linreg->trigger(); }), 1);
        QCOMPARE(networkText(w), edited);
        QCOMPARE(w.datasetPanel()->datasetName(), QStringLiteral("spiral"));
        QVERIFY(w.isWindowModified());
        QCOMPARE(w.windowFilePath(), QFileInfo(path).absoluteFilePath());

        // Without changes nothing is asked.
        QVERIFY(w.saveProject());
        QCOMPARE(answerMessageBoxes(QMessageBox::Cancel, [&] { linreg->trigger(); }), 0);
        QCOMPARE(w.datasetPanel()->datasetName(), QStringLiteral("linear"));
        QVERIFY(w.windowFilePath().isEmpty());
    }

    // New and Open clear the last run's banner and status too.
    void newAndOpenClearTheLastRun() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("linreg")));
        QVERIFY(uitest::waitForData(w));
        const QString path = dir_.filePath(QStringLiteral("fine.divelab"));
        QString error;
        QVERIFY2(w.saveProjectFile(path, &error), qPrintable(error));
        setTraining(w, 2, 10);
        QVERIFY(trainToTheEnd(w));
        QVERIFY(!w.bannerText().isEmpty());
        QVERIFY(!runStatus(w).isEmpty());
        QVERIFY2(w.openProjectFile(path, &error), qPrintable(error));
        QVERIFY(w.bannerText().isEmpty());
        QVERIFY(uitest::waitForModel(w));
        QVERIFY2(runStatus(w).isEmpty(), qPrintable(runStatus(w)));

        setTraining(w, 2, 10);
        QVERIFY(trainToTheEnd(w));
        QVERIFY(!w.bannerText().isEmpty());
        QVERIFY(!runStatus(w).isEmpty());
        QAction* newAction = w.findChild<QAction*>(QStringLiteral("actionNew"));
        QCOMPARE(answerMessageBoxes(QMessageBox::Discard, [&] { newAction->trigger(); }), 1);
        QVERIFY(w.bannerText().isEmpty());
        QVERIFY2(runStatus(w).isEmpty(), qPrintable(runStatus(w)));
        QVERIFY(w.windowFilePath().isEmpty());
    }

    // A translation run's speed is in target tokens per second (D2L §9.7's unit), not in sentence pairs.
    void translationSpeedIsInTokens() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("seq2seq")));
        QVERIFY(uitest::waitForData(w));
        setTraining(w, 5000, 0);
        w.activateWindow();
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(runStatus(w).contains(QStringLiteral("ETA")), 20000);
        QVERIFY2(runStatus(w).contains(QStringLiteral("tokens/s")), qPrintable(runStatus(w)));
        QVERIFY(!runStatus(w).contains(QStringLiteral("examples/s")));
        QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(w.controller()->state() == TrainingController::State::Finished, 20000);
    }

    // While paused: "Paused" and where, no throughput or ETA (nothing moves), also when late batches
    // arrive; both come back on resume.
    void pausedStatusHasNoSpeedOrEta() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        QVERIFY(uitest::waitForData(w));
        setTraining(w, 5000, 0);
        bool finished = false;
        connect(w.controller(), &TrainingController::finished, this, [&] { finished = true; });
        w.activateWindow();
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(runStatus(w).contains(QStringLiteral("ETA")), 20000);
        QVERIFY(runStatus(w).contains(QStringLiteral("examples/s")));
        QTest::keyClick(&w, Qt::Key_F6);
        QCOMPARE(w.controller()->state(), TrainingController::State::Paused);
        auto checkPaused = [&] {
            const QString text = runStatus(w);
            QVERIFY2(text.startsWith(QStringLiteral("Paused at epoch ")), qPrintable(text));
            QVERIFY2(!text.contains(QStringLiteral("ETA")) && !text.contains(QStringLiteral("/s")), qPrintable(text));
        };
        checkPaused();
        QTest::qWait(300);  // batches buffered before the pause arrive now
        checkPaused();
        const QString before = runStatus(w);
        QTest::keyClick(&w, Qt::Key_F10);  // one batch
        QTRY_VERIFY(runStatus(w) != before);
        checkPaused();
        QTest::keyClick(&w, Qt::Key_F6);
        QTRY_VERIFY_WITH_TIMEOUT(runStatus(w).contains(QStringLiteral("ETA")), 20000);
        QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(finished, 20000);
        QVERIFY2(runStatus(w).startsWith(QStringLiteral("Stopped after ")), qPrintable(runStatus(w)));
    }

    // The end of a classification run: the final train and test accuracy and the best epoch's, as
    // the history (and the plot) has them; it stays while passing messages come and go.
    void finishedRunReportsFinalAndBestAccuracy() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        QVERIFY(uitest::waitForData(w));
        setTraining(w, 12, 0);
        const auto summary = trainToTheEnd(w);
        QVERIFY(summary);
        QCOMPARE(summary->outcome, dl::TrainSummary::Outcome::Completed);
        const QRegularExpression format(QStringLiteral(
            R"(^Finished (\d+) epochs: train acc (\S+), test acc (\S+) · best test acc (\S+) at epoch (\d+)$)"));
        const QRegularExpressionMatch m = format.match(runStatus(w));
        QVERIFY2(m.hasMatch(), qPrintable(runStatus(w)));
        const auto& epochs = w.history()->epochs();
        QCOMPARE(int(epochs.size()), 12);
        QCOMPARE(m.captured(1).toInt(), 12);
        QVERIFY(std::abs(number(m, 2) - epochs.back().train_acc) <= 0.0005);
        QVERIFY(std::abs(number(m, 3) - epochs.back().test_acc) <= 0.0005);
        const dl::EpochMetrics& best = bestEpoch(epochs, &dl::EpochMetrics::test_acc, true);
        QVERIFY(std::abs(number(m, 4) - best.test_acc) <= 0.0005);
        QCOMPARE(m.captured(5).toInt(), best.epoch);

        const QString message = runStatus(w);
        w.statusBar()->showMessage(QStringLiteral("something else"), 50);
        QTest::qWait(100);
        QCOMPARE(runStatus(w), message);
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("runStatus"))->isVisible());
    }

    // Regression: losses instead of accuracies, the lowest test loss as the best.
    void finishedRegressionReportsLosses() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("linreg")));
        QVERIFY(uitest::waitForData(w));
        setTraining(w, 3, 0);
        const auto summary = trainToTheEnd(w);
        QVERIFY(summary);
        QCOMPARE(summary->outcome, dl::TrainSummary::Outcome::Completed);
        const QRegularExpression format(QStringLiteral(
            R"(^Finished 3 epochs: train loss (\S+), test loss (\S+) · best test loss (\S+) at epoch (\d+)$)"));
        const QRegularExpressionMatch m = format.match(runStatus(w));
        QVERIFY2(m.hasMatch(), qPrintable(runStatus(w)));
        const auto& epochs = w.history()->epochs();
        auto close = [](double shown, double value) { return std::abs(shown - value) <= 5e-4 * std::abs(value); };
        QVERIFY(close(number(m, 1), epochs.back().train_loss));
        QVERIFY(close(number(m, 2), epochs.back().test_loss));
        const dl::EpochMetrics& best = bestEpoch(epochs, &dl::EpochMetrics::test_loss, false);
        QVERIFY(close(number(m, 3), best.test_loss));
        QCOMPARE(m.captured(4).toInt(), best.epoch);
    }

    // D2L's MLP with fc1 wired straight to the input (Flatten deleted): Train is disabled and a line
    // above the editor says why, in a warning colour, until the network is fixed.
    void mismatchReasonShowsAboveTheEditorUntilFixed() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        if (fashionMnistMissing(w)) QSKIP("Fashion-MNIST is not installed");
        QVERIFY(w.loadPreset(QStringLiteral("mlp")));
        QVERIFY(uitest::waitForData(w));
        auto* line = w.findChild<QLabel*>(QStringLiteral("trainBlockedLine"));
        QVERIFY(line);
        QVERIFY(w.trainAction()->isEnabled());
        QVERIFY(!line->isVisible());

        NetworkView* view = w.networkView();
        view->fitToNetwork();
        NetworkNodeItem* flatten = view->networkScene()->nodeItem(QStringLiteral("flatten"));
        QVERIFY(flatten);
        const QPoint at = view->mapFromScene(flatten->sceneBoundingRect().center());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        QTest::keyClick(view, Qt::Key_Delete);
        QVERIFY(w.document()->node(QStringLiteral("flatten")) == nullptr);

        QVERIFY(!w.trainAction()->isEnabled());
        QVERIFY(line->isVisible());
        const QString why = w.trainAction()->toolTip();
        QVERIFY2(why.contains(QStringLiteral("[1, 28, 10]")), qPrintable(why));
        QCOMPARE(line->text(), QStringLiteral("Train is disabled: %1").arg(why));
        QVERIFY(line->styleSheet().contains(QStringLiteral("background")));
        QVERIFY(line->mapTo(&w, QPoint(0, line->height())).y() <= view->mapTo(&w, QPoint(0, 0)).y());

        view->undoAction()->trigger();
        QVERIFY(w.trainAction()->isEnabled());
        QVERIFY(!line->isVisible());
    }

    // At 1280 × 800 the description and the run's status (and progress) sit side by side: no
    // overlap, the status whole, the description cut only after a whole word, in full as tooltip.
    void descriptionAndRunStatusDoNotOverlap() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.size(), QSize(1280, 800));
        if (fashionMnistMissing(w)) QSKIP("Fashion-MNIST is not installed");
        QVERIFY(w.loadPreset(QStringLiteral("mlp")));
        dl::DatasetOptions few = w.datasetPanel()->options();
        few.train_limit = 3000;
        few.test_limit = 500;
        w.datasetPanel()->setOptions(few);
        QVERIFY(uitest::waitForData(w));
        auto* description = w.findChild<ElidedLabel*>(QStringLiteral("experimentDescription"));
        QVERIFY(description);
        QVERIFY(description->fullText().startsWith(QStringLiteral("mlp: Multilayer perceptron")));
        QCOMPARE(description->toolTip(), description->fullText());
        auto* status = w.findChild<QLabel*>(QStringLiteral("runStatus"));
        auto* progress = w.statusBar()->findChild<QProgressBar*>();
        QVERIFY(progress);

        auto checkLayout = [&] {
            QVERIFY(description->isVisible());
            QVERIFY(status->isVisible());
            QVERIFY2(!description->geometry().intersects(status->geometry()), qPrintable(status->text()));
            if (progress->isVisible()) {
                QVERIFY(!description->geometry().intersects(progress->geometry()));
                QVERIFY(!status->geometry().intersects(progress->geometry()));
            }
            // whole (the status bar lays out after the text changed)
            QTRY_VERIFY2(status->contentsRect().width() >= status->fontMetrics().horizontalAdvance(status->text()),
                         qPrintable(status->text()));
            const QString shown = description->text();
            if (shown != description->fullText()) {  // cut after a whole word
                QVERIFY2(shown.endsWith(QStringLiteral("…")), qPrintable(shown));
                const QString kept = shown.chopped(1);
                QVERIFY2(description->fullText().startsWith(kept + QLatin1Char(' ')), qPrintable(shown));
            }
            QVERIFY(description->contentsRect().width() >= description->fontMetrics().horizontalAdvance(shown));
        };

        setTraining(w, 1000, 0);
        bool finished = false;
        connect(w.controller(), &TrainingController::finished, this, [&] { finished = true; });
        w.activateWindow();
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(runStatus(w).contains(QStringLiteral("ETA")), 60000);
        QTest::keyClick(&w, Qt::Key_F6);
        QVERIFY(progress->isVisible());
        checkLayout();
        QTest::keyClick(&w, Qt::Key_F6);
        QTRY_VERIFY_WITH_TIMEOUT(w.history()->epochs().size() >= 2, 60000);
        QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(finished, 60000);
        QVERIFY2(runStatus(w).startsWith(QStringLiteral("Stopped after ")), qPrintable(runStatus(w)));
        checkLayout();

        // A narrower window cuts the description, after a whole word.
        w.resize(800, 600);
        QTRY_VERIFY(description->isElided());
        checkLayout();
    }
};

QTEST_MAIN(TestWindowStatus)
#include "test_window_status.moc"
