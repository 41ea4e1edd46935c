// The main window in Simplified Chinese (as DIVELAB_LANGUAGE=zh_CN starts it): the translation is embedded
// and loaded before the window is built, the menus, docks, training views and the hyperparameter panel
// show Chinese, and at the standard 1280 × 800 no label of the side panels is cut off.
#include <QAbstractButton>
#include <QApplication>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTabWidget>
#include <QtTest>

#include "ui/i18n/interface_language.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/window/main_window.h"

namespace {

bool hasChinese(const QString& text) {
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    return text.contains(han);
}

// Texts that stay as they are in every language: symbols, names of optimizers, losses and
// D2L's variables, units. Anything else with a Latin word of three letters or more is untranslated.
bool staysAsIs(const QString& text) {
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{3,}"));
    static const QRegularExpression names(QStringLiteral(
        "^(Nesterov|BLEU|CSV|GIF|PNG|auto|cross_entropy|bce|mse|half_mse|sgd|adam|adamw|adagrad|rmsprop|adadelta|"
        "DiveLab|English|px|ETA)$"));
    for (auto it = word.globalMatch(text); it.hasNext();)
        if (!names.match(it.next().captured(0)).hasMatch()) return false;
    return true;
}

}  // namespace

class TestChineseWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        // What gui_main does for DIVELAB_LANGUAGE=zh_CN, before any window exists.
        qputenv("DIVELAB_LANGUAGE", "zh_CN");
        QCOMPARE(interface_language::resolve(interface_language::startupChoice()), QLocale::Chinese);
        const QStringList missing = interface_language::install(
            *QCoreApplication::instance(), interface_language::resolve(interface_language::startupChoice()));
        QVERIFY2(!missing.contains(QStringLiteral("divelab_zh_CN")), "the embedded :/i18n/divelab_zh_CN.qm is missing");
        QCOMPARE(QLocale().language(), QLocale::Chinese);  // what the lessons window asks
    }

    void menusDocksAndViewsAreChinese() {
        MainWindow w;
        QStringList untranslated;
        for (QAction* top : w.menuBar()->actions()) {
            if (!hasChinese(top->text())) untranslated << QStringLiteral("menu ") + top->text();
            if (!top->menu()) continue;
            for (QAction* a : top->menu()->actions())
                if (!a->isSeparator() && !a->text().isEmpty() && !hasChinese(a->text()) && !staysAsIs(a->text()) &&
                    top->menu()->objectName() != QLatin1String("presetMenu"))  // preset names stay
                    untranslated << QStringLiteral("menu item ") + a->text();
        }
        for (const QDockWidget* dock : w.findChildren<QDockWidget*>())
            if (!hasChinese(dock->windowTitle())) untranslated << QStringLiteral("dock ") + dock->windowTitle();
        for (const QTabWidget* tabs : w.findChildren<QTabWidget*>())
            for (int i = 0; i < tabs->count(); ++i)
                if (!hasChinese(tabs->tabText(i)) && !staysAsIs(tabs->tabText(i)))
                    untranslated << QStringLiteral("tab ") + tabs->tabText(i);
        QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QLatin1Char('\n'))));
        // The Edit menu holds Preferences…, in Chinese, with its shortcut.
        auto* preferences = w.findChild<QAction*>(QStringLiteral("preferencesAction"));
        QVERIFY(preferences);
        QVERIFY(hasChinese(preferences->text()) && preferences->text().endsWith(QStringLiteral("…")));
        QCOMPARE(preferences->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    }

    void hyperparameterPanelIsChinese() {
        MainWindow w;
        QStringList untranslated;
        for (const QLabel* label : w.hyperparameterPanel()->findChildren<QLabel*>()) {
            const QString text = label->text();
            if (!text.isEmpty() && !hasChinese(text) && !staysAsIs(text)) untranslated << text;
        }
        for (const QGroupBox* box : w.hyperparameterPanel()->findChildren<QGroupBox*>())
            if (!hasChinese(box->title())) untranslated << box->title();
        QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QLatin1Char('\n'))));
    }

    void nothingIsCutOffAt1280x800() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.size(), QSize(1280, 800));
        QVERIFY2(
            w.minimumSizeHint().width() <= 1280 && w.minimumSizeHint().height() <= 800,
            qPrintable(
                QStringLiteral("minimum %1×%2").arg(w.minimumSizeHint().width()).arg(w.minimumSizeHint().height())));
        QVERIFY(w.menuBar()->sizeHint().width() <= w.width());
        // Every one-line label and button in the docks is at least as wide as its text needs.
        QStringList cut;
        int checked = 0;
        for (QDockWidget* dock : w.findChildren<QDockWidget*>()) {
            // Tabbed docks (inspector, hyperparameters, data set) are checked each in front in turn.
            dock->raise();
            QApplication::processEvents();
            if (!dock->isVisible()) continue;
            for (const QLabel* label : dock->findChildren<QLabel*>()) {
                if (!label->isVisible() || label->wordWrap() || label->text().isEmpty() ||
                    label->textFormat() == Qt::RichText || label->text().contains(QLatin1Char('<')))
                    continue;
                ++checked;
                if (label->width() + 1 < label->minimumSizeHint().width())
                    cut << QStringLiteral("%1: \"%2\" is %3 px wide, needs %4")
                               .arg(dock->windowTitle(), label->text())
                               .arg(label->width())
                               .arg(label->minimumSizeHint().width());
            }
            for (const QAbstractButton* button : dock->findChildren<QAbstractButton*>()) {
                if (!button->isVisible() || button->text().isEmpty()) continue;
                ++checked;
                if (button->width() + 1 < button->minimumSizeHint().width())
                    cut << QStringLiteral("%1: button \"%2\" is %3 px wide, needs %4")
                               .arg(dock->windowTitle(), button->text())
                               .arg(button->width())
                               .arg(button->minimumSizeHint().width());
            }
        }
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QLatin1Char('\n'))));
        // The data set, hyperparameter and inspector panels show about thirty at the start: the check saw them.
        QVERIFY2(checked >= 25, qPrintable(QString::number(checked)));
    }
};

QTEST_MAIN(TestChineseWindow)
#include "test_chinese_window.moc"
