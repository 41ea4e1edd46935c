// The language of DiveLab's interface: English (the sources) or Simplified Chinese
// (resources/translations/divelab_zh_CN.ts, compiled into the app as :/i18n/divelab_zh_CN.qm).
// The choice is the setting "language" ("system", "en" or "zh_CN"); the environment variable
// DIVELAB_LANGUAGE overrides it (tests, screenshots). It takes effect when the app starts.
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace interface_language {

inline constexpr char kSettingKey[] = "language";
inline constexpr char kSystem[] = "system";
inline constexpr char kEnglish[] = "en";
inline constexpr char kChinese[] = "zh_CN";

// The choices the Preferences dialog offers, in its order: "system", "en", "zh_CN".
QStringList choices();
// The saved choice ("system" when none or an unknown value is saved).
QString savedChoice();
void saveChoice(const QString& choice);
// The choice in force at start-up: DIVELAB_LANGUAGE when set to a known value, else the saved one.
QString startupChoice();
// The language a choice means on this system: "system" follows `system` (zh* → Chinese, else English).
QLocale::Language resolve(const QString& choice, const QLocale& system = QLocale::system());

// Installs Qt's own translation (qtbase) and DiveLab's for `language` and makes it the default
// QLocale; call before any window is built. English installs nothing. Returns the names of the
// translations it could not load (empty when all were loaded).
QStringList install(QCoreApplication& app, QLocale::Language language);

}  // namespace interface_language
