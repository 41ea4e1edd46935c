// Edit > Preferences…: the interface language (System / English / 简体中文). A change is saved at
// once and applies when DiveLab restarts; "Restart Now" asks the main window to restart (through
// its normal close path, so nothing unsaved is lost).
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;

class PreferencesDialog : public QDialog {
    Q_OBJECT

public:
    // The running interface's language is QLocale()'s (interface_language::install sets it at start-up).
    explicit PreferencesDialog(QWidget* parent = nullptr);

    QComboBox* languageBox() const { return language_; }
    QPushButton* restartButton() const { return restart_; }

Q_SIGNALS:
    void restartRequested();

private:
    void languageChosen();
    void showRestartOffer();

    bool runningChinese_;
    QComboBox* language_ = nullptr;
    QLabel* restartNote_ = nullptr;
    QPushButton* restart_ = nullptr;
};
