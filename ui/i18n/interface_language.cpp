#include "ui/i18n/interface_language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

namespace interface_language {

QStringList choices() {
    return {QLatin1String(kSystem), QLatin1String(kEnglish), QLatin1String(kChinese)};
}

namespace {

QString known(const QString& choice) {
    return choices().contains(choice) ? choice : QString();
}

// A translator owned by the app; false (and nothing installed) when the file cannot be loaded.
bool installTranslator(QCoreApplication& app, const QString& name, const QString& dir) {
    auto* translator = new QTranslator(&app);
    if (!translator->load(name, dir)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}

}  // namespace

QString savedChoice() {
    const QString saved = known(QSettings().value(QLatin1String(kSettingKey)).toString());
    return saved.isEmpty() ? QLatin1String(kSystem) : saved;
}

void saveChoice(const QString& choice) {
    QSettings().setValue(QLatin1String(kSettingKey), known(choice).isEmpty() ? QLatin1String(kSystem) : choice);
}

QString startupChoice() {
    const QString fromEnvironment = known(qEnvironmentVariable("DIVELAB_LANGUAGE"));
    return fromEnvironment.isEmpty() ? savedChoice() : fromEnvironment;
}

QLocale::Language resolve(const QString& choice, const QLocale& system) {
    if (choice == QLatin1String(kChinese)) return QLocale::Chinese;
    if (choice == QLatin1String(kEnglish)) return QLocale::English;
    return system.language() == QLocale::Chinese ? QLocale::Chinese : QLocale::English;
}

QStringList install(QCoreApplication& app, QLocale::Language language) {
    if (language != QLocale::Chinese) {
        // English keeps the system's number formats, unless the system is Chinese (then US English).
        if (QLocale().language() == QLocale::Chinese)
            QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        return {};
    }
    // Simplified Chinese, whatever the system's territory: the translation is zh_CN.
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::SimplifiedChineseScript, QLocale::China));
    QStringList missing;
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (!installTranslator(app, QStringLiteral("qtbase_zh_CN"), qtDir)) missing << QStringLiteral("qtbase_zh_CN");
    if (!installTranslator(app, QStringLiteral("divelab_zh_CN"), QStringLiteral(":/i18n")))
        missing << QStringLiteral("divelab_zh_CN");
    return missing;
}

}  // namespace interface_language
