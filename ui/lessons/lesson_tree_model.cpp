#include "lesson_tree_model.h"

#include <QFont>

#include <algorithm>

namespace {
// Chapter rows have internal id 0; a lesson row's internal id is its chapter's row + 1.
constexpr quintptr kChapterRow = 0;
}  // namespace

LessonTreeModel::LessonTreeModel(const LessonLibrary& library, bool chinese, QObject* parent)
    : QAbstractItemModel(parent), chinese_(chinese) {
    for (const LessonChapter& chapter : library.chapters()) {
        const QVector<Lesson> lessons = library.lessonsIn(chapter.number);
        if (lessons.isEmpty()) continue;
        chapters_.append(chapter);
        lessons_.append(lessons);
    }
}

QModelIndex LessonTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (column < 0 || column >= ColumnCount || row < 0) return {};
    if (!parent.isValid()) return row < chapters_.size() ? createIndex(row, column, kChapterRow) : QModelIndex();
    if (parent.internalId() != kChapterRow) return {};  // lessons have no children
    const int chapterRow = parent.row();
    if (row >= lessons_[chapterRow].size()) return {};
    return createIndex(row, column, static_cast<quintptr>(chapterRow) + 1);
}

QModelIndex LessonTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == kChapterRow) return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kChapterRow);
}

int LessonTreeModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return static_cast<int>(chapters_.size());
    if (parent.internalId() != kChapterRow || parent.column() != 0) return 0;
    return static_cast<int>(lessons_[parent.row()].size());
}

int LessonTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant LessonTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    if (index.internalId() == kChapterRow) return chapterData(index.row(), index.column(), role);
    return lessonData(static_cast<int>(index.internalId() - 1), index.row(), index.column(), role);
}

QVariant LessonTreeModel::chapterData(int row, int column, int role) const {
    const LessonChapter& chapter = chapters_[row];
    if (role == Qt::DisplayRole && column == TitleColumn)
        return QStringLiteral("%1  %2").arg(chapter.number).arg(chapter.title.in(chinese_));
    if (role == Qt::DisplayRole && column == ProgressColumn) return chapterProgress(chapter.number);
    if (role == Qt::ToolTipRole && column == TitleColumn && !chinese_ && !chapter.enChapter.isEmpty())
        return tr("Chapter %1 of the Chinese edition; chapter %2 of the English edition (d2l.ai)")
            .arg(chapter.number)
            .arg(chapter.enChapter);
    if (role == Qt::ToolTipRole && column == ProgressColumn)
        return tr("%1 of this chapter's lessons done").arg(chapterProgress(chapter.number));
    if (role == Qt::FontRole) {
        QFont font;
        font.setBold(true);
        return font;
    }
    return {};
}

QVariant LessonTreeModel::lessonData(int chapterRow, int row, int column, int role) const {
    const Lesson& lesson = lessons_[chapterRow][row];
    const QString& section = lesson.sectionZh;  // the tree follows the Chinese edition's chapters in both languages
    if (role == LessonIdRole) return lesson.id;
    if (role == Qt::DisplayRole && column == TitleColumn)
        return QStringLiteral("§%1  %2").arg(section, lesson.title.in(chinese_));
    if (role == Qt::DisplayRole && column == ProgressColumn)
        return progress_.isDone(lesson.id) ? QStringLiteral("✓") : QString();
    if (role == Qt::ToolTipRole && column == ProgressColumn && progress_.isDone(lesson.id)) return tr("Done");
    if (role == Qt::ToolTipRole && column == TitleColumn) return lesson.title.in(chinese_);  // when elided
    if (role == Qt::TextAlignmentRole && column == ProgressColumn) return int(Qt::AlignCenter);
    return {};
}

QVariant LessonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == TitleColumn ? tr("Chapter and lesson") : tr("Done");
}

QModelIndex LessonTreeModel::indexOf(const QString& id) const {
    for (int c = 0; c < lessons_.size(); ++c)
        for (int r = 0; r < lessons_[c].size(); ++r)
            if (lessons_[c][r].id == id) return createIndex(r, TitleColumn, static_cast<quintptr>(c) + 1);
    return {};
}

void LessonTreeModel::setDone(const QString& id, bool done) {
    const QModelIndex lesson = indexOf(id);
    if (!lesson.isValid() || progress_.isDone(id) == done) return;
    progress_.setDone(id, done);
    Q_EMIT dataChanged(lesson.siblingAtColumn(ProgressColumn), lesson.siblingAtColumn(ProgressColumn));
    const QModelIndex chapter = lesson.parent().siblingAtColumn(ProgressColumn);
    Q_EMIT dataChanged(chapter, chapter);
}

QString LessonTreeModel::chapterProgress(int chapterNumber) const {
    for (int c = 0; c < chapters_.size(); ++c) {
        if (chapters_[c].number != chapterNumber) continue;
        const auto done = std::count_if(lessons_[c].begin(), lessons_[c].end(),
                                        [&](const Lesson& l) { return progress_.isDone(l.id); });
        return QStringLiteral("%1 / %2").arg(done).arg(lessons_[c].size());
    }
    return {};
}
