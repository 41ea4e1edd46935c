// The Simplified Chinese translation is complete and consistent with the current sources: lupdate is run
// on ui/ and app/ into a temporary copy of resources/translations/divelab_zh_CN.ts, and every entry of the
// copy must be translated (no "unfinished", no empty text), with the same placeholders (%1 … %n), the
// same number of accelerators (&), the same HTML tags and the trailing "…" of its source. A failure
// names each string with its file and line; fix it with scripts/update_translations.sh and a translation.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Entry {
    QString context, source, location;
    QString type;              // "" (finished), "unfinished", "vanished", "obsolete"
    QStringList translations;  // one, or one per numerus form
};

QString sourceRoot() {
    const QString resources = qEnvironmentVariable("DIVELAB_RESOURCES");
    return resources.isEmpty() ? QString() : QDir(resources).absoluteFilePath(QStringLiteral(".."));
}

QString tsPath() {
    return QDir(sourceRoot()).absoluteFilePath(QStringLiteral("resources/translations/divelab_zh_CN.ts"));
}

// Reads every <message> of a .ts file.
QList<Entry> readTs(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    QList<Entry> entries;
    QXmlStreamReader xml(&file);
    QString context;
    Entry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            entry = Entry{context, {}, {}, {}, {}};
        } else if (name == QLatin1String("location") && entry.location.isEmpty()) {
            entry.location = xml.attributes().value(QLatin1String("filename")).toString() + QLatin1Char(':') +
                             xml.attributes().value(QLatin1String("line")).toString();
        } else if (name == QLatin1String("source")) {
            entry.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            entry.type = xml.attributes().value(QLatin1String("type")).toString();
            // A numerus translation holds <numerusform>s; a plain one its text.
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    entry.translations << xml.readElementText();
                else if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                    break;
            }
            if (entry.translations.isEmpty()) entry.translations << text;
            entries << entry;
        }
    }
    return entries;
}

QStringList sorted(QStringList list) {
    list.sort();
    return list;
}

QStringList matches(const QString& text, const QRegularExpression& re) {
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();) found << it.next().captured(1);
    return sorted(found);
}

// %1 … %99 and %n, each as often as it occurs.
QStringList placeholders(const QString& text) {
    static const QRegularExpression re(QStringLiteral("(%(?:\\d{1,2}|n))"));
    return matches(text, re);
}

// Accelerator marks: a single & before a character ("&&" is a literal ampersand).
int accelerators(QString text) {
    text.remove(QStringLiteral("&&"));
    return static_cast<int>(text.count(QLatin1Char('&')));
}

// HTML tag names (<b>, </b>, <img …>); the text's own angle-bracket tokens (<eos>, <unk>) count too, so
// they must be kept as well.
QStringList tags(const QString& text) {
    static const QRegularExpression re(QStringLiteral("<(/?[A-Za-z]+)[^<>]*>"));
    return matches(text, re);
}

// What is wrong with one entry's translation, or empty.
QStringList problemsOf(const Entry& e) {
    QStringList problems;
    if (e.type == QLatin1String("unfinished")) problems << QStringLiteral("unfinished");
    for (const QString& t : e.translations) {
        if (t.trimmed().isEmpty()) {
            problems << QStringLiteral("no translation");
            continue;
        }
        if (placeholders(e.source) != placeholders(t))
            problems << QStringLiteral("placeholders %1 vs %2")
                            .arg(placeholders(e.source).join(QLatin1Char(' ')), placeholders(t).join(QLatin1Char(' ')));
        if (accelerators(e.source) != accelerators(t)) problems << QStringLiteral("accelerator (&) missing or extra");
        if (tags(e.source) != tags(t)) problems << QStringLiteral("HTML tags or <tokens> differ");
        if (e.source.endsWith(QStringLiteral("…")) && !t.endsWith(QStringLiteral("…")))
            problems << QStringLiteral("trailing … missing");
    }
    return problems;
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void checkersFindWhatTheyShould() {
        // The checks themselves, on made-up entries: a good one passes, each kind of mistake is caught.
        const Entry good{
            QStringLiteral("C"), QStringLiteral("Save &Project %1…"), {}, {}, {QStringLiteral("保存项目 %1(&P)…")}};
        QVERIFY(problemsOf(good).isEmpty());
        Entry lostPlaceholder = good;
        lostPlaceholder.translations = {QStringLiteral("保存项目(&P)…")};
        QVERIFY(problemsOf(lostPlaceholder).join(QLatin1Char(' ')).contains(QStringLiteral("placeholders")));
        Entry lostAccelerator = good;
        lostAccelerator.translations = {QStringLiteral("保存项目 %1…")};
        QVERIFY(problemsOf(lostAccelerator).join(QLatin1Char(' ')).contains(QStringLiteral("accelerator")));
        Entry lostEllipsis = good;
        lostEllipsis.translations = {QStringLiteral("保存项目 %1(&P)")};
        QVERIFY(problemsOf(lostEllipsis).join(QLatin1Char(' ')).contains(QStringLiteral("…")));
        const Entry lostTag{
            QStringLiteral("C"), QStringLiteral("<b>%1</b> tokens"), {}, {}, {QStringLiteral("%1 个词元")}};
        QVERIFY(problemsOf(lostTag).join(QLatin1Char(' ')).contains(QStringLiteral("HTML")));
        const Entry unfinished{
            QStringLiteral("C"), QStringLiteral("Train"), {}, QStringLiteral("unfinished"), {QString()}};
        QCOMPARE(problemsOf(unfinished).size(), 2);
    }

    void everyStringOfTheSourcesIsTranslated() {
        const QString lupdate = qEnvironmentVariable("DIVELAB_LUPDATE");
        QVERIFY2(QFileInfo(lupdate).isExecutable(), "DIVELAB_LUPDATE must name Qt 6's lupdate (tests/CMakeLists.txt)");
        QVERIFY2(QFile::exists(tsPath()), qPrintable(tsPath()));
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("divelab_zh_CN.ts"));
        QVERIFY(QFile::copy(tsPath(), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

        // The same scan as scripts/update_translations.sh, with file:line locations so that failures say where.
        QProcess run;
        run.setWorkingDirectory(sourceRoot());
        run.start(lupdate, {QStringLiteral("-silent"), QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                            QStringLiteral("absolute"), QStringLiteral("-I"), QStringLiteral("."), QStringLiteral("ui"),
                            QStringLiteral("app/gui_main.cpp"), QStringLiteral("-ts"), copy});
        QVERIFY(run.waitForFinished(120000));
        QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());

        QList<Entry> entries = readTs(copy);
        // lupdate writes file names relative to the .ts: make them relative to the sources again.
        for (Entry& e : entries)
            e.location = QDir(sourceRoot()).relativeFilePath(QDir(dir.path()).absoluteFilePath(e.location));
        QVERIFY2(entries.size() > 500, qPrintable(QStringLiteral("only %1 strings found").arg(entries.size())));
        QStringList failures;
        for (const Entry& e : entries) {
            const QStringList problems = problemsOf(e);
            if (!problems.isEmpty())
                failures << QStringLiteral("%1 [%2] \"%3\": %4")
                                .arg(e.location, e.context, e.source.left(80), problems.join(QStringLiteral("; ")));
        }
        QVERIFY2(failures.isEmpty(), qPrintable(QStringLiteral("%1 of %2 strings need work "
                                                               "(scripts/update_translations.sh, then translate):\n%3")
                                                    .arg(failures.size())
                                                    .arg(entries.size())
                                                    .arg(failures.join(QLatin1Char('\n')))));
    }

    // lupdate reads "\u201cApply" as one escape too many hex digits long (\u201cA…), so the .ts would hold a
    // garbled source that never matches at run time: the GUI's sources write such characters directly in UTF-8.
    void sourcesWriteCharactersWithoutEscapes() {
        QStringList files{QStringLiteral("app/gui_main.cpp")};
        QDirIterator it(QDir(sourceRoot()).filePath(QStringLiteral("ui")),
                        {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) files << QDir(sourceRoot()).relativeFilePath(it.next());
        QVERIFY(files.size() > 100);
        const QRegularExpression escape(QStringLiteral(R"(\\u[0-9a-fA-F]{4})"));
        QStringList failures;
        for (const QString& name : files) {
            QFile file(QDir(sourceRoot()).filePath(name));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(name));
            const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
            for (int i = 0; i < lines.size(); ++i)
                if (escape.match(lines[i]).hasMatch()) failures << QStringLiteral("%1:%2").arg(name).arg(i + 1);
        }
        QVERIFY2(failures.isEmpty(), qPrintable(QStringLiteral("\\u escapes (write the character itself):\n") +
                                                failures.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
