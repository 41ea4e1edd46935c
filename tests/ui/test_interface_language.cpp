// The interface language setting: what "system", "en" and "zh_CN" mean, how DIVELAB_LANGUAGE overrides the
// saved choice, and Edit › Preferences…, which saves the choice and offers a restart only when it changes
// the language. The app runs in English here (no translation installed).
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include "ui/i18n/interface_language.h"
#include "ui/i18n/preferences_dialog.h"
#include "ui/window/main_window.h"

class TestInterfaceLanguage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // QSettings go to a test folder, not the user's
        QCoreApplication::setOrganizationName(QStringLiteral("DiveLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_interface_language"));
    }

    void init() {
        QSettings().clear();
        qunsetenv("DIVELAB_LANGUAGE");
    }

    void choicesResolveToALanguage() {
        using interface_language::resolve;
        QCOMPARE(resolve(QStringLiteral("system"), QLocale(QStringLiteral("zh_CN"))), QLocale::Chinese);
        QCOMPARE(resolve(QStringLiteral("system"), QLocale(QStringLiteral("zh_TW"))), QLocale::Chinese);
        QCOMPARE(resolve(QStringLiteral("system"), QLocale(QStringLiteral("de_DE"))), QLocale::English);
        QCOMPARE(resolve(QStringLiteral("en"), QLocale(QStringLiteral("zh_CN"))), QLocale::English);
        QCOMPARE(resolve(QStringLiteral("zh_CN"), QLocale(QStringLiteral("en_US"))), QLocale::Chinese);
    }

    void savedChoiceAndEnvironmentOverride() {
        QCOMPARE(interface_language::savedChoice(), QStringLiteral("system"));  // the default
        interface_language::saveChoice(QStringLiteral("zh_CN"));
        QCOMPARE(interface_language::savedChoice(), QStringLiteral("zh_CN"));
        QCOMPARE(interface_language::startupChoice(), QStringLiteral("zh_CN"));
        qputenv("DIVELAB_LANGUAGE", "en");
        QCOMPARE(interface_language::startupChoice(), QStringLiteral("en"));
        qputenv("DIVELAB_LANGUAGE", "klingon");  // an unknown value is ignored
        QCOMPARE(interface_language::startupChoice(), QStringLiteral("zh_CN"));
        interface_language::saveChoice(QStringLiteral("klingon"));
        QCOMPARE(interface_language::savedChoice(), QStringLiteral("system"));
    }

    void englishInstallsNoTranslation() {
        QVERIFY(interface_language::install(*QCoreApplication::instance(), QLocale::English).isEmpty());
        QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), QStringLiteral("&File"));
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/divelab_zh_CN.qm")));  // embedded all the same
    }

    void preferencesSaveTheChoiceAndOfferARestart() {
        PreferencesDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QComboBox* box = dialog.languageBox();
        QCOMPARE(box->count(), 3);
        QCOMPARE(box->currentData().toString(), QStringLiteral("system"));
        QVERIFY(!dialog.restartButton()->isVisible());  // nothing to restart for

        box->setCurrentIndex(box->findData(QStringLiteral("zh_CN")));
        QCOMPARE(box->currentText(), QStringLiteral("简体中文"));
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("zh_CN"));
        QVERIFY(dialog.restartButton()->isVisible());
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("restartNote"))->isVisible());

        box->setCurrentIndex(box->findData(QStringLiteral("en")));
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("en"));
        QVERIFY(!dialog.restartButton()->isVisible());  // English is what runs

        box->setCurrentIndex(box->findData(QStringLiteral("zh_CN")));
        QSignalSpy restart(&dialog, &PreferencesDialog::restartRequested);
        QTest::mouseClick(dialog.restartButton(), Qt::LeftButton);
        QCOMPARE(restart.count(), 1);
        QVERIFY(!dialog.isVisible());
    }

    void editMenuOpensPreferences() {
        MainWindow w;
        auto* action = w.findChild<QAction*>(QStringLiteral("preferencesAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
        action->trigger();
        auto* dialog = w.findChild<PreferencesDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->close();
    }
};

QTEST_MAIN(TestInterfaceLanguage)
#include "test_interface_language.moc"
