#include "ui/window/shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ui/i18n/plain_icon_text.h"

namespace {
QString shortcutsText(const QAction* action) {
    QStringList keys;
    for (const QKeySequence& k : action->shortcuts()) keys << k.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

// The actions with a shortcut in `menu` and its submenus, in menu order.
void collect(const QMenu* menu, QList<QAction*>& found, QSet<const QAction*>& seen) {
    for (QAction* a : menu->actions()) {
        if (a->menu()) {
            collect(a->menu(), found, seen);
        } else if (!a->isSeparator() && !a->shortcut().isEmpty() && !seen.contains(a)) {
            found << a;
            seen.insert(a);
        }
    }
}

void addGroup(QTreeWidget* list, const QString& title, const QList<QAction*>& actions) {
    if (actions.isEmpty()) return;
    auto* group = new QTreeWidgetItem(list, {title});
    QFont bold = group->font(0);
    bold.setBold(true);
    group->setFont(0, bold);
    group->setFirstColumnSpanned(true);
    for (const QAction* a : actions) {
        auto* row = new QTreeWidgetItem(group, {withoutAccelerator(a->text()), shortcutsText(a)});
        row->setToolTip(0, a->toolTip());
    }
    group->setExpanded(true);
}
}  // namespace

ShortcutsDialog::ShortcutsDialog(QMainWindow* window) : QDialog(window), window_(window), list_(new QTreeWidget(this)) {
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    list_->setObjectName(QStringLiteral("shortcutList"));
    list_->setHeaderLabels({tr("Command"), tr("Shortcut")});
    list_->setRootIsDecorated(false);
    list_->setSelectionMode(QAbstractItemView::NoSelection);
    list_->setFocusPolicy(Qt::NoFocus);
    list_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    list_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    list_->header()->setStretchLastSection(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(list_, 1);
    layout->addWidget(buttons);
    refresh();
    resize(540, 460);
}

void ShortcutsDialog::refresh() {
    list_->clear();
    QSet<const QAction*> seen;
    for (QAction* top : window_->menuBar()->actions()) {
        if (!top->menu()) continue;
        QList<QAction*> found;
        collect(top->menu(), found, seen);
        addGroup(list_, withoutAccelerator(top->text()), found);
    }
    QList<QAction*> others;  // shortcuts of the window that no menu shows
    for (QAction* a : window_->findChildren<QAction*>())
        if (!a->shortcut().isEmpty() && !seen.contains(a) && !a->menu()) others << a;
    addGroup(list_, tr("Other"), others);
}
