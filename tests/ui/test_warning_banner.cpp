// An exploding loss, run from the window through its real controller: the warning appears in the
// banner while the run goes on, stays after it finishes, and is gone when the next run starts.
#include <QtTest>

#include <QStandardPaths>

#include "ui/training/hyperparameter_panel.h"
#include "ui/training/training_controller.h"
#include "ui/window/main_window.h"

class TestWarningBanner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // no settings leak between runs
        QCoreApplication::setOrganizationName(QStringLiteral("DiveLabTest"));
    }
    void explodingLossShowsAWarningUntilTheNextRun() {
        MainWindow w;
        w.show();  // the banner counts only when it is visible
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        dl::TrainConfig config = w.hyperparameterPanel()->config();
        config.epochs = 3;
        config.optimizer.lr = 10;  // the panel's highest: Adam moves every weight by ~10 a step
        w.hyperparameterPanel()->setConfig(config);
        std::vector<dl::TrainWarning> warnings;
        bool finished = false;
        dl::TrainSummary summary;
        connect(w.controller(), &TrainingController::warningRaised, this,
                [&](const dl::TrainWarning& warning) { warnings.push_back(warning); });
        connect(w.controller(), &TrainingController::finished, this, [&](const dl::TrainSummary& s) {
            finished = true;
            summary = s;
        });
        QVERIFY(w.bannerText().isEmpty());
        w.train();
        QTRY_VERIFY_WITH_TIMEOUT(finished, 60000);
        QCOMPARE(summary.outcome, dl::TrainSummary::Outcome::Completed);
        QCOMPARE(int(warnings.size()), 1);
        QCOMPARE(int(summary.warnings.size()), 1);
        QCOMPARE(warnings[0].kind, dl::TrainWarning::Kind::LossExploded);
        // After the run the banner still says it, with the engine's numbers and advice.
        const QString banner = w.bannerText();
        QVERIFY2(banner.startsWith(QStringLiteral("Warning: the loss exploded from ")), qPrintable(banner));
        QVERIFY(banner.contains(QString::fromStdString(warnings[0].message)));
        QVERIFY2(banner.contains(QStringLiteral("the learning rate 10 is far too high")), qPrintable(banner));
        QVERIFY2(banner.contains(QStringLiteral("Try 1 (10 times smaller)")), qPrintable(banner));

        // A sensible run clears it when it starts, and raises nothing.
        config.optimizer.lr = 0.01f;
        config.epochs = 1;
        w.hyperparameterPanel()->setConfig(config);
        finished = false;
        w.train();
        QVERIFY(w.bannerText().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(finished, 60000);
        QCOMPARE(summary.outcome, dl::TrainSummary::Outcome::Completed);
        QCOMPARE(int(warnings.size()), 1);
        QVERIFY(w.bannerText().isEmpty());
    }
};

QTEST_MAIN(TestWarningBanner)
#include "test_warning_banner.moc"
