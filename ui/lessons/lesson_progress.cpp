#include "lesson_progress.h"

#include <QSettings>
#include <QStringList>

namespace {
const QString kDoneKey = QStringLiteral("lessons/done");
const QString kLastKey = QStringLiteral("lessons/last");
}  // namespace

bool LessonProgress::isDone(const QString& id) const {
    return doneLessons().contains(id);
}

void LessonProgress::setDone(const QString& id, bool done) {
    QSet<QString> ids = doneLessons();
    if (done)
        ids.insert(id);
    else
        ids.remove(id);
    QStringList sorted(ids.begin(), ids.end());
    sorted.sort();  // a stable file: the same progress is written the same way
    QSettings().setValue(kDoneKey, sorted);
}

QSet<QString> LessonProgress::doneLessons() const {
    const QStringList ids = QSettings().value(kDoneKey).toStringList();
    return QSet<QString>(ids.begin(), ids.end());
}

QString LessonProgress::lastLesson() const {
    return QSettings().value(kLastKey).toString();
}

void LessonProgress::setLastLesson(const QString& id) {
    QSettings().setValue(kLastKey, id);
}
