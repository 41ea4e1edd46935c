// Guidance for a newcomer: the Presets menu is grouped by D2L chapter with a title, a description and
// the CPU-sized variant to start with; Help › Getting Started (F1) explains build, train, watch with
// pictures; Help › Keyboard Shortcuts lists every action that has a key, from the window itself.
#include <QtTest>

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTreeWidget>

#include <algorithm>

#include "engine/io/presets.h"
#include "ui/editor/network_document.h"
#include "ui/window/getting_started_dialog.h"
#include "ui/window/main_window.h"
#include "ui/window/shortcuts_dialog.h"

namespace {
QMenu* topMenu(MainWindow& w, const QString& title) {
    for (QAction* a : w.menuBar()->actions())
        if (a->menu() && a->text() == title) return a->menu();
    return nullptr;
}

QString plain(QString text) {
    return text.remove(QLatin1Char('&'));
}

// The image names a rich text document refers to.
QStringList imageNames(const QTextDocument* doc) {
    QStringList names;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            if (it.fragment().charFormat().isImageFormat()) names << it.fragment().charFormat().toImageFormat().name();
    return names;
}

// "command<TAB>shortcut" for every row of the shortcuts dialog, with its group.
QStringList shortcutRows(const QTreeWidget* list, QStringList* groups) {
    QStringList rows;
    for (int g = 0; g < list->topLevelItemCount(); ++g) {
        const QTreeWidgetItem* group = list->topLevelItem(g);
        *groups << group->text(0);
        for (int r = 0; r < group->childCount(); ++r)
            rows << group->child(r)->text(0) + QLatin1Char('\t') + group->child(r)->text(1);
    }
    return rows;
}
}  // namespace

class TestGuidance : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DiveLabTest"));
    }

    void presetMenuIsGroupedByChapter() {
        MainWindow w;
        QMenu* menu = topMenu(w, QStringLiteral("&Presets"));
        QVERIFY(menu);
        QStringList groups, presets;
        for (QAction* group : menu->actions()) {
            QVERIFY2(group->menu(), qPrintable(group->text() + " is not a chapter submenu"));
            groups << group->text();
            QStringList inGroup;
            for (QAction* a : group->menu()->actions()) {
                const QString name = a->data().toString();
                QVERIFY2(!a->statusTip().isEmpty() && a->toolTip() == a->statusTip(), qPrintable(name));
                QVERIFY2(plain(a->text()) != name, qPrintable(name));  // a human title, not the file name
                inGroup << name;
            }
            // The CPU-sized variant comes first and says so; the full one after it says it is slow.
            for (const QString& name : inGroup) {
                if (!name.endsWith(QStringLiteral("-cpu"))) continue;
                const QString full = name.chopped(4);
                QVERIFY2(inGroup.indexOf(name) < inGroup.indexOf(full), qPrintable(name));
                QVERIFY(
                    group->menu()->actions().at(inGroup.indexOf(name))->text().contains(QStringLiteral("start here")));
                QVERIFY(group->menu()->actions().at(inGroup.indexOf(full))->text().contains(QStringLiteral("slow")));
            }
            presets << inGroup;
        }
        QVERIFY2(groups.size() >= 4, qPrintable(groups.join(", ")));
        for (const char* chapter : {"5 Multilayer", "7 Convolutional", "8 Modern"})
            QVERIFY2(std::any_of(groups.begin(), groups.end(),
                                 [&](const QString& g) { return g.startsWith(QLatin1String(chapter)); }),
                     chapter);
        QStringList expected;
        for (const std::string& name : dl::preset_names()) expected << QString::fromStdString(name);
        presets.sort();
        QCOMPARE(presets, expected);  // every preset, each exactly once

        // Choosing one from its chapter loads it.
        QAction* lenet = nullptr;
        for (QAction* group : menu->actions())
            for (QAction* a : group->menu()->actions())
                if (a->data() == QStringLiteral("lenet")) lenet = a;
        QVERIFY(lenet);
        QVERIFY(lenet->text().contains(QStringLiteral("§7.6")));
        lenet->trigger();
        QCOMPARE(QString::fromStdString(w.document()->spec().name), QStringLiteral("lenet"));
    }

    void gettingStartedOpensOnF1WithPictures() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QMenu* help = topMenu(w, QStringLiteral("&Help"));
        QVERIFY(help);
        auto* action = w.findChild<QAction*>(QStringLiteral("actionGettingStarted"));
        QVERIFY(action && help->actions().contains(action));
        w.activateWindow();
        QTest::keyClick(&w, Qt::Key_F1);
        GettingStartedDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = w.findChild<GettingStartedDialog*>()) && dialog->isVisible());
        const QString text = dialog->browser()->toPlainText();
        for (const char* word : {"Build", "Train", "Watch", "F5", "Presets"})
            QVERIFY2(text.contains(QLatin1String(word)), word);
        const QStringList images = imageNames(dialog->browser()->document());
        QVERIFY(!images.isEmpty());
        for (const QString& name : images) {
            const QVariant data = dialog->browser()->loadResource(QTextDocument::ImageResource, QUrl(name));
            const QImage image = data.canConvert<QImage>() && data.typeId() == QMetaType::QImage
                                     ? data.value<QImage>()
                                     : QImage::fromData(data.toByteArray());
            QVERIFY2(!image.isNull() && image.width() >= 200, qPrintable(name));
        }
        // The menu entry brings the same window forward instead of opening a second one.
        action->trigger();
        QCOMPARE(w.findChildren<GettingStartedDialog*>().size(), 1);
    }

    void shortcutsDialogListsEveryShortcut() {
        MainWindow w;
        auto* action = w.findChild<QAction*>(QStringLiteral("actionShortcuts"));
        QVERIFY(action && topMenu(w, QStringLiteral("&Help"))->actions().contains(action));
        action->trigger();
        auto* dialog = w.findChild<ShortcutsDialog*>();
        QVERIFY(dialog && dialog->isVisible());
        QStringList groups;
        const QStringList rows = shortcutRows(dialog->list(), &groups);
        QVERIFY2(rows.contains(QStringLiteral("Train\tF5")), qPrintable(rows.join(" | ")));
        QVERIFY2(rows.contains(QStringLiteral("Save Project\tCtrl+S")), qPrintable(rows.join(" | ")));
        QVERIFY2(std::any_of(
                     rows.begin(), rows.end(),
                     [](const QString& r) { return r.startsWith(QStringLiteral("Save Project As…\tCtrl+Shift+S")); }),
                 qPrintable(rows.join(" | ")));
        QVERIFY(groups.contains(QStringLiteral("File")) && groups.contains(QStringLiteral("Train")));
        int withShortcut = 0;
        for (const QAction* a : w.findChildren<QAction*>()) {
            if (a->shortcut().isEmpty()) continue;
            ++withShortcut;
            const QString row = plain(a->text()) + QLatin1Char('\t') + a->shortcut().toString(QKeySequence::NativeText);
            QVERIFY2(std::any_of(rows.begin(), rows.end(), [&](const QString& r) { return r.startsWith(row); }),
                     qPrintable(row));
        }
        QCOMPARE(rows.size(), withShortcut);  // and nothing else
        // Built from the window's actions: a new one shows up the next time it opens.
        auto* extra = new QAction(QStringLiteral("Extra Thing"), &w);
        extra->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
        w.addAction(extra);
        action->trigger();
        QVERIFY(shortcutRows(dialog->list(), &groups).contains(QStringLiteral("Extra Thing\tCtrl+J")));
    }
};

QTEST_MAIN(TestGuidance)
#include "test_guidance.moc"
