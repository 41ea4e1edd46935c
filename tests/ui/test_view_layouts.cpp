// The main window's layout stays put: switching the tabs of the training views (bottom dock) must
// not move or resize the dock, whatever each view would like to be.
#include <QDockWidget>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QtTest>

#include "ui/training/training_controller.h"
#include "ui/window/main_window.h"
#include "window_waits.h"

class TestViewLayouts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // no saved window state from other runs
        QCoreApplication::setOrganizationName(QStringLiteral("DiveLabTest"));
    }

    void dockKeepsItsGeometryAcrossTabs() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(uitest::waitForModel(w));
        clickThroughTabs(w);
    }

    // With a trained model every view has content (and its own idea of its size).
    void dockKeepsItsGeometryAcrossTabsAfterTraining() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        QVERIFY(uitest::waitForData(w));
        bool finished = false;
        connect(w.controller(), &TrainingController::finished, this, [&] { finished = true; });
        w.trainAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(finished, 120000);
        QVERIFY(uitest::waitForModel(w));
        QTest::qWait(100);  // the last rate-limited redraws
        clickThroughTabs(w);
    }

private:
    // Clicks every tab of the training views twice round (a view may change its size hint the first
    // time it is shown) and checks that neither the dock nor the tabs move or change size.
    static void clickThroughTabs(MainWindow& w) {
        auto* dock = w.findChild<QDockWidget*>(QStringLiteral("plotDock"));
        QVERIFY(dock);
        QTabWidget* tabs = w.viewTabs();
        QTabBar* bar = tabs->tabBar();
        QTest::qWait(50);
        const QRect dockBefore = dock->geometry();
        const QRect tabsBefore = tabs->geometry();
        for (int round = 0; round < 2; ++round)
            for (int i = 0; i < tabs->count(); ++i) {
                if (!bar->isTabVisible(i)) continue;  // views for other data (the sequence views) are hidden
                QTest::mouseClick(bar, Qt::LeftButton, Qt::NoModifier, bar->tabRect(i).center());
                QCOMPARE(tabs->currentIndex(), i);
                QTest::qWait(20);  // let the main window's layout settle
                QVERIFY2(dock->geometry() == dockBefore,
                         qPrintable(describe(tabs->tabText(i), dock->geometry(), dockBefore)));
                QCOMPARE(tabs->geometry(), tabsBefore);
            }
    }

    static QString describe(const QString& tab, const QRect& now, const QRect& before) {
        return QStringLiteral("tab %1: dock at y %2, height %3; was y %4, height %5")
            .arg(tab)
            .arg(now.y())
            .arg(now.height())
            .arg(before.y())
            .arg(before.height());
    }
};

QTEST_MAIN(TestViewLayouts)
#include "test_view_layouts.moc"
