#pragma once
// LessonPage: one lesson as the lessons browser shows it — title, D2L's section (in both editions' numbering),
// what to try, the rendered key formula, what to watch in which view, D2L's reference result — with the
// "Open in Lab" and "Mark as Done" buttons. It only shows and asks: the window acts on its signals.
#include <QWidget>

#include "ui/lessons/lesson.h"

class FormulaView;
class QLabel;
class QPushButton;

class LessonPage : public QWidget {
    Q_OBJECT

public:
    explicit LessonPage(QWidget* parent = nullptr);

    // `chinese`: the zh_CN texts and the Chinese edition's section first.
    void showLesson(const Lesson& lesson, bool chinese, const QString& formulaSvg, bool done);
    void setDone(bool done);
    // Why "Open in Lab" did not work, under the buttons (empty: hide it).
    void showOpenError(const QString& reason);

    QString lessonId() const { return id_; }
    QString titleText() const;
    QString errorText() const;
    QString actionText() const;
    QPushButton* openButton() const { return open_; }
    QPushButton* doneButton() const { return done_; }
    FormulaView* formulaView() const { return formula_; }

Q_SIGNALS:
    void openRequested(const QString& action);
    void doneToggled(const QString& id, bool done);

private:
    QLabel* addSection(const QString& heading);
    QWidget* createButtons();
    static QString sectionLine(const Lesson& lesson, bool chinese);
    static QString describeAction(const QString& action);

    QString id_;
    QString action_;
    QLabel* title_;
    QLabel* section_;
    QLabel* try_;
    FormulaView* formula_;
    QLabel* watch_;
    QLabel* reference_;
    QPushButton* open_;
    QPushButton* done_;
    QLabel* actionText_;  // what "Open in Lab" does, in words
    QLabel* error_;
};
