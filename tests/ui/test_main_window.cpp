// The main window with its default experiment: title, size, menus, status bar, icon from the embedded resources;
// and QCustomPlot builds and links through ui/plots/qcp.h under QT_NO_KEYWORDS.
#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QtTest>

#include "ui/plots/qcp.h"
#include "ui/window/elided_label.h"
#include "ui/window/main_window.h"

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void titleSizeAndStatus() {
        MainWindow w;
        // "[*]" is where Qt shows the unsaved-changes mark; a fresh window has none.
        QCOMPARE(w.windowTitle(), QStringLiteral("Untitled[*] — DiveLab"));
        QVERIFY(!w.isWindowModified());
        QCOMPARE(w.size(), QSize(1280, 800));
        // No lasting message covers the status bar's description of the default experiment.
        QVERIFY(w.statusBar()->currentMessage().isEmpty());
        auto* description = w.findChild<ElidedLabel*>(QStringLiteral("experimentDescription"));
        QVERIFY(description);
        QVERIFY2(description->fullText().startsWith(QStringLiteral("mlp: ")) ||
                     description->fullText().startsWith(QStringLiteral("spiral-mlp: ")),
                 qPrintable(description->fullText()));
        QVERIFY(w.centralWidget() != nullptr);
    }

    void iconComesFromResources() {
        QVERIFY(QFile::exists(QStringLiteral(":/icons/divelab.svg")));
        const QIcon icon = MainWindow::appIcon();
        QVERIFY(!icon.isNull());
        QVERIFY(!icon.pixmap(64, 64).isNull());
        MainWindow w;
        QVERIFY(!w.windowIcon().isNull());
    }

    void menus() {
        MainWindow w;
        const auto menus = w.menuBar()->findChildren<QMenu*>();
        QStringList titles;
        for (const QMenu* m : menus) titles << m->title();
        QVERIFY(titles.contains(QStringLiteral("&File")));
        QVERIFY(titles.contains(QStringLiteral("&Help")));

        auto* quit = w.findChild<QAction*>(QStringLiteral("actionQuit"));
        QVERIFY(quit != nullptr);
        QCOMPARE(quit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
        QVERIFY(w.findChild<QAction*>(QStringLiteral("actionAbout")) != nullptr);
    }

    void quitClosesTheWindow() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.findChild<QAction*>(QStringLiteral("actionQuit"))->trigger();
        QVERIFY(!w.isVisible());
    }

    void customPlotLinks() {
        QCustomPlot plot;
        plot.addGraph();
        plot.graph(0)->setData({0.0, 1.0, 2.0}, {1.0, 0.5, 0.25});
        plot.rescaleAxes();
        plot.resize(320, 200);
        QCOMPARE(plot.graphCount(), 1);
        QVERIFY(!plot.toPixmap(320, 200).isNull());
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
