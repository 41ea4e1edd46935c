#include "lesson_library.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

#include "engine/io/presets.h"

namespace {

// Thrown while reading, caught in LessonLibrary::parse: the message is for a person.
struct BadLessons {
    QString message;
};

// "line 12" for a byte offset of the file (QJsonParseError counts bytes).
int lineOf(const QByteArray& json, int offset) {
    return static_cast<int>(json.left(offset).count('\n')) + 1;
}

QString readString(const QJsonObject& object, const char* field, const QString& where) {
    const QJsonValue value = object.value(QLatin1String(field));
    if (!value.isString() || value.toString().trimmed().isEmpty())
        throw BadLessons{
            LessonLibrary::tr("%1: the field \"%2\" is missing or is not a text.").arg(where, QLatin1String(field))};
    return value.toString();
}

// {"en": …, "zh_CN": …}: both languages are required.
LessonText readText(const QJsonObject& object, const char* field, const QString& where) {
    const QJsonValue value = object.value(QLatin1String(field));
    if (!value.isObject())
        throw BadLessons{LessonLibrary::tr("%1: the field \"%2\" is missing or is not {\"en\": …, \"zh_CN\": …}.")
                             .arg(where, QLatin1String(field))};
    const QString inner = QStringLiteral("%1, \"%2\"").arg(where, QLatin1String(field));
    return {readString(value.toObject(), "en", inner), readString(value.toObject(), "zh_CN", inner)};
}

int readChapterNumber(const QJsonObject& object, const char* field, const QString& where) {
    const QJsonValue value = object.value(QLatin1String(field));
    if (!value.isDouble() || value.toDouble() != static_cast<int>(value.toDouble()) || value.toInt() < 1)
        throw BadLessons{
            LessonLibrary::tr("%1: the field \"%2\" must be a chapter number.").arg(where, QLatin1String(field))};
    return value.toInt();
}

QJsonArray readArray(const QJsonObject& object, const char* field) {
    const QJsonValue value = object.value(QLatin1String(field));
    if (!value.isArray() || value.toArray().isEmpty())
        throw BadLessons{LessonLibrary::tr("The field \"%1\" is missing or is not a list.").arg(QLatin1String(field))};
    return value.toArray();
}

LessonChapter readChapter(const QJsonValue& value, int index) {
    const QString where = LessonLibrary::tr("Chapter entry %1").arg(index + 1);
    if (!value.isObject()) throw BadLessons{LessonLibrary::tr("%1 is not an object.").arg(where)};
    const QJsonObject object = value.toObject();
    LessonChapter chapter;
    chapter.number = readChapterNumber(object, "number", where);
    chapter.title = readText(object, "title", where);
    chapter.enChapter = object.value(QLatin1String("en_chapter")).toString();
    return chapter;
}

Lesson readLesson(const QJsonValue& value, int index) {
    if (!value.isObject()) throw BadLessons{LessonLibrary::tr("Lesson %1 is not an object.").arg(index + 1)};
    const QJsonObject object = value.toObject();
    Lesson lesson;
    lesson.id = readString(object, "id", LessonLibrary::tr("Lesson %1").arg(index + 1));
    const QString where = LessonLibrary::tr("Lesson \"%1\"").arg(lesson.id);
    lesson.chapter = readChapterNumber(object, "chapter", where);
    const LessonText section = readText(object, "section", where);
    lesson.sectionEn = section.en;
    lesson.sectionZh = section.zh;
    lesson.title = readText(object, "title", where);
    lesson.tryText = readText(object, "try", where);
    lesson.formula = readString(object, "formula", where);
    lesson.watch = readText(object, "watch", where);
    lesson.reference = readText(object, "reference", where);
    lesson.action = readString(object, "action", where);
    return lesson;
}

QJsonObject readRoot(const QByteArray& json) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        throw BadLessons{LessonLibrary::tr("It is not valid JSON: %1 at line %2.")
                             .arg(parseError.errorString())
                             .arg(lineOf(json, parseError.offset))};
    if (!document.isObject()) throw BadLessons{LessonLibrary::tr("It is not a JSON object.")};
    return document.object();
}

}  // namespace

QString LessonLibrary::defaultPath() {
    return QDir(QString::fromStdString(dl::resources_dir())).filePath(QStringLiteral("lessons/lessons.json"));
}

QString LessonLibrary::formulaPath(const QString& lessonsPath, const QString& id) {
    return QFileInfo(lessonsPath).dir().filePath(QStringLiteral("formulas/%1.svg").arg(id));
}

bool LessonLibrary::load(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        chapters_.clear();
        lessons_.clear();
        if (error)
            *error = tr("The lessons file %1 cannot be read (%2): reinstall DiveLab, or set DIVELAB_RESOURCES to the "
                        "folder holding lessons/lessons.json.")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return parse(file.readAll(), path, error);
}

bool LessonLibrary::parse(const QByteArray& json, const QString& path, QString* error) {
    path_ = path;
    chapters_.clear();
    lessons_.clear();
    try {
        const QJsonObject root = readRoot(json);
        const QJsonArray chapters = readArray(root, "chapters");
        for (int i = 0; i < chapters.size(); ++i) chapters_.append(readChapter(chapters[i], i));
        const QJsonArray lessons = readArray(root, "lessons");
        QSet<QString> ids;
        for (int i = 0; i < lessons.size(); ++i) {
            Lesson lesson = readLesson(lessons[i], i);
            if (ids.contains(lesson.id)) throw BadLessons{tr("Two lessons have the id \"%1\".").arg(lesson.id)};
            const bool known = std::any_of(chapters_.begin(), chapters_.end(),
                                           [&](const LessonChapter& c) { return c.number == lesson.chapter; });
            if (!known)
                throw BadLessons{
                    tr("Lesson \"%1\": chapter %2 is not in the list of chapters.").arg(lesson.id).arg(lesson.chapter)};
            ids.insert(lesson.id);
            lessons_.append(lesson);
        }
    } catch (const BadLessons& bad) {
        chapters_.clear();
        lessons_.clear();
        if (error) *error = tr("The lessons file %1 is damaged. %2").arg(QDir::toNativeSeparators(path), bad.message);
        return false;
    }
    return true;
}

QVector<Lesson> LessonLibrary::lessonsIn(int chapter) const {
    QVector<Lesson> found;
    for (const Lesson& lesson : lessons_)
        if (lesson.chapter == chapter) found.append(lesson);
    return found;
}

const Lesson* LessonLibrary::find(const QString& id) const {
    for (const Lesson& lesson : lessons_)
        if (lesson.id == id) return &lesson;
    return nullptr;
}
