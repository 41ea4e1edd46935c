// The lessons browser: the bundled lessons are complete in both languages and cover D2L's chapters 2-15, every
// "Open in Lab" action names something that exists, the rendered formula SVGs were drawn from the LaTeX now in
// lessons.json, a damaged file gives a message, and the window shows a lesson, keeps "Mark as Done" across
// windows (QSettings in a temporary folder) and loads a lesson's preset in the main window.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <algorithm>

#include "engine/io/presets.h"
#include "ui/learn/learn_menu.h"
#include "ui/lessons/formula_view.h"
#include "ui/lessons/lesson_library.h"
#include "ui/lessons/lesson_page.h"
#include "ui/lessons/lesson_tree_model.h"
#include "ui/lessons/lessons_window.h"
#include "ui/window/elided_label.h"
#include "ui/window/main_window.h"

namespace {

// The windows LearnMenu::open knows (ui/learn/learn_menu.h).
const QStringList kOptimizerLabFunctions = {"quadratic", "rosenbrock", "local-minimum", "saddle"};
const QStringList kAblations = {"weight-decay", "dropout", "sigmoid-relu", "batchnorm", "residual"};

bool hasChinese(const QString& text) {
    return std::any_of(text.begin(), text.end(),
                       [](QChar c) { return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff; });
}

QStringList presetNames() {
    QStringList names;
    for (const std::string& name : dl::preset_names()) names << QString::fromStdString(name);
    return names;
}

// Why the action cannot work; empty when it names something that exists.
QString actionProblem(const QString& action) {
    const QString kind = action.section(QLatin1Char(':'), 0, 0);
    const QString argument = action.section(QLatin1Char(':'), 1);
    const bool hasArgument = action.contains(QLatin1Char(':'));
    if (kind == "preset") return presetNames().contains(argument) ? QString() : "no preset " + argument;
    if (kind == "optimizer-lab")
        return !hasArgument || kOptimizerLabFunctions.contains(argument) ? QString() : "no function " + argument;
    if (kind == "race") return !hasArgument || presetNames().contains(argument) ? QString() : "no preset " + argument;
    if (kind == "ablation") return kAblations.contains(argument) ? QString() : "no ablation " + argument;
    if (kind == "schedule") return hasArgument ? "schedule takes no argument" : QString();
    if (kind == "tensors" || kind == "autograd")
        return hasArgument && argument.trimmed().isEmpty() ? "empty expression" : QString();
    return "unknown kind " + kind;
}

// The LaTeX a formula SVG says it was rendered from (scripts/render_lesson_formulas.py).
QString renderedLatex(const QString& svgPath) {
    QFile file(svgPath);
    if (!file.open(QIODevice::ReadOnly)) return {};
    static const QRegularExpression marker(QStringLiteral("<!-- divelab-formula: ([A-Za-z0-9+/=]+) -->"));
    const auto match = marker.match(QString::fromUtf8(file.readAll()));
    return match.hasMatch() ? QString::fromUtf8(QByteArray::fromBase64(match.captured(1).toLatin1())) : QString();
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(bytes);
    return path;
}

}  // namespace

class TestLessons : public QObject {
    Q_OBJECT

private:
    QTemporaryDir settingsDir_;
    LessonLibrary library_;

private Q_SLOTS:
    void initTestCase() {
        // Progress goes to an INI file in a temporary folder, never to the learner's settings.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir_.path());
        QCoreApplication::setOrganizationName(QStringLiteral("DiveLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_lessons"));
        QString error;
        QVERIFY2(library_.load(LessonLibrary::defaultPath(), &error), qPrintable(error));
    }
    void init() { QSettings().clear(); }

    void everyLessonIsCompleteInBothLanguages() {
        QVERIFY2(library_.lessons().size() >= 30 && library_.lessons().size() <= 40,
                 qPrintable(QString::number(library_.lessons().size())));
        for (const Lesson& l : library_.lessons()) {
            for (const LessonText* text : {&l.title, &l.tryText, &l.watch, &l.reference}) {
                QVERIFY2(!text->en.trimmed().isEmpty() && !hasChinese(text->en), qPrintable(l.id + ": " + text->en));
                QVERIFY2(hasChinese(text->zh), qPrintable(l.id + ": " + text->zh));
            }
            QVERIFY2(!l.sectionEn.isEmpty() && !l.sectionZh.isEmpty() && !l.formula.isEmpty(), qPrintable(l.id));
            // The Chinese edition numbers the chapters: a lesson's zh section lies in its chapter.
            QVERIFY2(l.sectionZh.startsWith(QString::number(l.chapter) + "."), qPrintable(l.id + " " + l.sectionZh));
        }
    }

    void chaptersTwoToFifteenAreCovered() {
        for (int chapter = 2; chapter <= 15; ++chapter)
            QVERIFY2(!library_.lessonsIn(chapter).isEmpty(), qPrintable(QString("chapter %1").arg(chapter)));
        for (const LessonChapter& c : library_.chapters())
            QVERIFY2(hasChinese(c.title.zh) && !c.title.en.isEmpty(), qPrintable(c.title.en));
    }

    void everyActionNamesSomethingThatExists() {
        QVERIFY(!presetNames().isEmpty());
        QStringList kinds;
        for (const Lesson& l : library_.lessons()) {
            const QString problem = actionProblem(l.action);
            QVERIFY2(problem.isEmpty(), qPrintable(l.id + ": \"" + l.action + "\": " + problem));
            kinds << l.action.section(QLatin1Char(':'), 0, 0);
        }
        // Each ready-made ablation of issue 15 is reachable from a lesson.
        for (const QString& ablation : kAblations)
            QVERIFY2(std::any_of(library_.lessons().begin(), library_.lessons().end(),
                                 [&](const Lesson& l) { return l.action == "ablation:" + ablation; }),
                     qPrintable(ablation));
        QVERIFY(actionProblem("preset:no-such-preset").contains("no preset"));  // the check itself can fail
        QVERIFY(!actionProblem("ablation:nothing").isEmpty());
    }

    void formulaSvgsMatchTheLatex() {
        const QDir formulas = QFileInfo(library_.formulaPath(QStringLiteral("x"))).dir();
        QStringList expected;
        for (const Lesson& l : library_.lessons()) {
            const QString path = library_.formulaPath(l.id);
            QVERIFY2(QFile::exists(path), qPrintable(path + " is missing: run scripts/render_lesson_formulas.py"));
            QCOMPARE(renderedLatex(path), l.formula);
            QSvgRenderer renderer(path);
            QVERIFY2(renderer.isValid() && renderer.defaultSize().width() > 20, qPrintable(path));
            expected << l.id + ".svg";
        }
        QStringList present = formulas.entryList({QStringLiteral("*.svg")}, QDir::Files);
        present.sort();
        expected.sort();
        QCOMPARE(present, expected);  // no picture of a lesson that no longer exists
    }

    void damagedFilesGiveAMessage() {
        QTemporaryDir dir;
        LessonLibrary library;
        QString error;
        QVERIFY(!library.load(dir.filePath("missing.json"), &error));
        QVERIFY2(error.contains("cannot be read") && error.contains("DIVELAB_RESOURCES"), qPrintable(error));
        QVERIFY(!library.load(writeFile(dir, "bad.json", "{\n \"chapters\": [\n  {,\n]}"), &error));
        QVERIFY2(error.contains("not valid JSON") && error.contains("line 3"), qPrintable(error));
        QFile good(LessonLibrary::defaultPath());
        QVERIFY(good.open(QIODevice::ReadOnly));
        QByteArray noReference = good.readAll();
        noReference.replace("\"reference\"", "\"referencx\"");
        QVERIFY(!library.load(writeFile(dir, "field.json", noReference), &error));
        QVERIFY2(error.contains("\"tensors-broadcasting\"") && error.contains("\"reference\""), qPrintable(error));
        QVERIFY(library.lessons().isEmpty());
        // The window shows the reason instead of lessons.
        LessonsWindow window(dir.filePath("field.json"), {});
        QCOMPARE(window.loadError(), error);
        QVERIFY(window.model() == nullptr);
        QVERIFY(!window.showLesson("lenet"));
    }

    void windowShowsALessonAndRemembersDone() {
        const Lesson* lenet = library_.find(QStringLiteral("lenet"));
        QVERIFY(lenet);
        const QString chapterTotal = QString::number(library_.lessonsIn(lenet->chapter).size());
        {
            LessonsWindow window(LessonLibrary::defaultPath(), {});
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QCOMPARE(window.currentLessonId(), library_.lessons().front().id);  // nothing opened before
            QVERIFY(window.showLesson("lenet"));
            QCOMPARE(window.page()->titleText(), lenet->title.en);  // the test runs in English
            QVERIFY(window.page()->formulaView()->hasFormula());
            QVERIFY(window.page()->formulaView()->formulaRect().width() > 100);
            QCOMPARE(window.model()->chapterProgress(lenet->chapter), "0 / " + chapterTotal);
            QTest::mouseClick(window.page()->doneButton(), Qt::LeftButton);
            QVERIFY(window.page()->doneButton()->isChecked());
            QCOMPARE(window.model()->chapterProgress(lenet->chapter), "1 / " + chapterTotal);
            QCOMPARE(window.summaryText(), QString("1 of %1 lessons done").arg(library_.lessons().size()));
        }
        LessonsWindow again(LessonLibrary::defaultPath(), {});
        QCOMPARE(again.currentLessonId(), QStringLiteral("lenet"));  // the last lesson opened
        QVERIFY(again.page()->doneButton()->isChecked());
        const QModelIndex row = again.model()->indexOf("lenet");
        QCOMPARE(row.siblingAtColumn(LessonTreeModel::ProgressColumn).data().toString(), QStringLiteral("✓"));
        QCOMPARE(row.parent().siblingAtColumn(LessonTreeModel::ProgressColumn).data().toString(),
                 "1 / " + chapterTotal);
        // Undone again, and that persists too.
        QTest::mouseClick(again.page()->doneButton(), Qt::LeftButton);
        QCOMPARE(LessonsWindow(LessonLibrary::defaultPath(), {}).model()->chapterProgress(lenet->chapter),
                 "0 / " + chapterTotal);
    }

    void treeSelectionShowsTheLesson() {
        LessonsWindow window(LessonLibrary::defaultPath(), {});
        const QModelIndex row = window.model()->indexOf("weight-decay");
        QVERIFY(row.isValid());
        window.tree()->setCurrentIndex(row);
        QCOMPARE(window.currentLessonId(), QStringLiteral("weight-decay"));
        QCOMPARE(window.page()->titleText(), library_.find("weight-decay")->title.en);
        window.tree()->setCurrentIndex(row.parent());  // a chapter row keeps the lesson
        QCOMPARE(window.currentLessonId(), QStringLiteral("weight-decay"));
    }

    void chineseLocaleShowsTheChineseTexts() {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));  // as the translation loader does
        LessonsWindow window(LessonLibrary::defaultPath(), {});
        QLocale::setDefault(before);
        QVERIFY(window.showLesson("weight-decay"));
        const Lesson* lesson = library_.find("weight-decay");
        QCOMPARE(window.page()->titleText(), lesson->title.zh);
        // The tree numbers the section as the Chinese edition does (§4.5, not the English §3.7).
        const QString row = window.model()->indexOf("weight-decay").data().toString();
        QVERIFY2(row.startsWith(QStringLiteral("§4.5")) && row.contains(lesson->title.zh), qPrintable(row));
    }

    void openInLabShowsWhyItFailed() {
        QString asked;
        LessonsWindow window(LessonLibrary::defaultPath(), [&](const QString& action, QString* error) {
            asked = action;
            *error = QStringLiteral("the lab is closed");
            return false;
        });
        QVERIFY(window.showLesson("dropout"));
        QVERIFY2(window.page()->actionText().contains("ablation") && window.page()->actionText().contains("dropout"),
                 qPrintable(window.page()->actionText()));
        QTest::mouseClick(window.page()->openButton(), Qt::LeftButton);
        QCOMPARE(asked, QStringLiteral("ablation:dropout"));
        QCOMPARE(window.page()->errorText(), QStringLiteral("the lab is closed"));
        QVERIFY(window.showLesson("lenet"));  // another lesson starts without the old message
        QVERIFY(window.page()->errorText().isEmpty());
    }

    void openInLabLoadsThePresetInTheMainWindow() {
        MainWindow w;
        QAction* lessonsAction = w.findChild<QAction*>(QStringLiteral("actionLessons"));
        QVERIFY(lessonsAction);
        QCOMPARE(lessonsAction->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
        lessonsAction->trigger();
        auto* lessons = qobject_cast<LessonsWindow*>(w.learnMenu()->lastOpened());
        QVERIFY(lessons);
        QVERIFY(lessons->isVisible());
        QVERIFY(lessons->showLesson("lenet"));
        QTest::mouseClick(lessons->page()->openButton(), Qt::LeftButton);
        QVERIFY2(lessons->page()->errorText().isEmpty(), qPrintable(lessons->page()->errorText()));
        auto* description = w.findChild<ElidedLabel*>(QStringLiteral("experimentDescription"));
        QVERIFY(description);
        QVERIFY2(description->fullText().startsWith(QStringLiteral("lenet: ")), qPrintable(description->fullText()));
        // The menu opens the same window again, where the learner left it.
        lessons->close();
        lessonsAction->trigger();
        QCOMPARE(w.learnMenu()->lastOpened(), lessons);
        QCOMPARE(lessons->currentLessonId(), QStringLiteral("lenet"));
        // A preset that does not exist: LearnMenu says so (the page shows such a reason, see above).
        QString error;
        QVERIFY(!w.learnMenu()->open(QStringLiteral("preset:no-such-preset"), &error));
        QVERIFY2(error.contains("no-such-preset"), qPrintable(error));
    }
};

QTEST_MAIN(TestLessons)
#include "test_lessons.moc"
