#pragma once
// Help › Getting Started (F1): build, train and watch in a few short steps, with the app's own
// screenshots (small copies embedded from resources/help/).
#include <QDialog>

class QTextBrowser;

class GettingStartedDialog : public QDialog {
    Q_OBJECT
public:
    explicit GettingStartedDialog(QWidget* parent = nullptr);
    QTextBrowser* browser() const { return browser_; }

private:
    QTextBrowser* browser_;
};
