#pragma once
// LessonProgress: what the learner has done in the lessons browser — the lessons marked as done and the lesson
// opened last — kept in the application's QSettings so that it survives a restart.
#include <QSet>
#include <QString>

class LessonProgress {
public:
    bool isDone(const QString& id) const;
    void setDone(const QString& id, bool done);
    QSet<QString> doneLessons() const;

    QString lastLesson() const;  // empty before any lesson was opened
    void setLastLesson(const QString& id);
};
