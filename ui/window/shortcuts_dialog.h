#pragma once
// Help › Keyboard Shortcuts: every action of a window that has a shortcut, grouped by the menu it is
// in (actions in no menu under "Other"). Built from the window's actions when it opens, so the list
// never goes stale.
#include <QDialog>

class QMainWindow;
class QTreeWidget;

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QMainWindow* window);
    QTreeWidget* list() const { return list_; }
    // Rebuilds the list from the window's current actions.
    void refresh();

private:
    QMainWindow* window_;
    QTreeWidget* list_;
};
