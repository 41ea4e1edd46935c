#pragma once
// LessonTreeModel: the lessons browser's tree — D2L's chapters, each with its lessons — with the learner's
// progress: a done mark on each lesson and "done / all" on each chapter (column 1). Marking a lesson done
// goes through the model, which keeps it in LessonProgress (QSettings) and updates both rows.
#include <QAbstractItemModel>

#include "ui/lessons/lesson_library.h"
#include "ui/lessons/lesson_progress.h"

class LessonTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { TitleColumn = 0, ProgressColumn = 1, ColumnCount = 2 };
    static constexpr int LessonIdRole = Qt::UserRole + 1;  // the lesson's id; empty on a chapter row

    // `chinese`: show the zh_CN texts and the Chinese edition's section numbers.
    LessonTreeModel(const LessonLibrary& library, bool chinese, QObject* parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The lesson's row (column 0); invalid for an unknown id.
    QModelIndex indexOf(const QString& id) const;
    bool isDone(const QString& id) const { return progress_.isDone(id); }
    void setDone(const QString& id, bool done);
    // "3 / 4": the done lessons of a chapter and all of them.
    QString chapterProgress(int chapterNumber) const;

private:
    QVariant chapterData(int row, int column, int role) const;
    QVariant lessonData(int chapterRow, int row, int column, int role) const;

    QVector<LessonChapter> chapters_;   // those with lessons, in the file's order
    QVector<QVector<Lesson>> lessons_;  // per chapter row
    bool chinese_;
    LessonProgress progress_;
};
