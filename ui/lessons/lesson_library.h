#pragma once
// LessonLibrary: the lessons of the lessons browser, read from resources/lessons/lessons.json and checked, so
// that a damaged or hand-edited file gives a message that names the problem (the lesson and the field) instead
// of a crash or an empty page.
#include <QCoreApplication>
#include <QString>
#include <QVector>

#include "ui/lessons/lesson.h"

class LessonLibrary {
    Q_DECLARE_TR_FUNCTIONS(LessonLibrary)

public:
    // <resources>/lessons/lessons.json, where <resources> is dl::resources_dir() ($DIVELAB_RESOURCES …).
    static QString defaultPath();
    // The rendered formula of a lesson of the file at `lessonsPath`: formulas/<id>.svg beside it.
    static QString formulaPath(const QString& lessonsPath, const QString& id);

    // Reads and checks a lessons file; false with the reason for a person in *error (the library is then empty).
    bool load(const QString& path, QString* error);
    // The same from the file's bytes (`path` only names it in messages).
    bool parse(const QByteArray& json, const QString& path, QString* error);

    QString path() const { return path_; }
    QString formulaPath(const QString& id) const { return formulaPath(path_, id); }
    const QVector<LessonChapter>& chapters() const { return chapters_; }
    const QVector<Lesson>& lessons() const { return lessons_; }
    // The lessons of one chapter, in the file's order.
    QVector<Lesson> lessonsIn(int chapter) const;
    // nullptr when there is no lesson with that id.
    const Lesson* find(const QString& id) const;

private:
    QString path_;
    QVector<LessonChapter> chapters_;
    QVector<Lesson> lessons_;
};
