#pragma once
// LessonsWindow: the lessons browser (Learn › Lessons). D2L's chapters and their lessons on the left, with the
// learner's progress ("3 / 4" per chapter, a mark per done lesson); the chosen lesson's page on the right. "Open
// in Lab" hands the lesson's action to the opener (the main window's LearnMenu::open) and shows why it failed,
// if it did. Progress and the last lesson opened are kept in QSettings. The texts follow the application's
// language: Chinese when QLocale() is Chinese (the translation loader sets it), English otherwise.
#include <QWidget>

#include <functional>
#include <memory>

#include "ui/lessons/lesson_library.h"

class LessonPage;
class LessonTreeModel;
class QLabel;
class QTreeView;

class LessonsWindow : public QWidget {
    Q_OBJECT

public:
    // Runs a lesson's action; false with the reason for a person in *error.
    using Opener = std::function<bool(const QString& action, QString* error)>;

    // Reads the lessons at `lessonsPath` (LessonLibrary::defaultPath() in the app); a file that cannot be read
    // leaves the window showing the reason.
    LessonsWindow(const QString& lessonsPath, Opener opener, QWidget* parent = nullptr);
    ~LessonsWindow() override;

    // Shows a lesson (and selects it in the tree); false for an unknown id.
    bool showLesson(const QString& id);
    QString currentLessonId() const;

    // Empty when the lessons loaded.
    QString loadError() const { return loadError_; }
    const LessonLibrary& library() const { return library_; }
    LessonTreeModel* model() const { return model_; }
    QTreeView* tree() const { return tree_; }
    LessonPage* page() const { return page_; }
    QString summaryText() const;

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scrollToCurrent();
    void buildBrowser();
    void buildError();
    void onCurrentChanged(const QModelIndex& current);
    void openInLab(const QString& action);
    void updateSummary();

    LessonLibrary library_;
    QString loadError_;
    Opener opener_;
    bool chinese_;
    LessonTreeModel* model_ = nullptr;
    QTreeView* tree_ = nullptr;
    LessonPage* page_ = nullptr;
    QLabel* summary_ = nullptr;
};
