#pragma once
// Opens a block node's inside as a learner does: click the node in the window's editor, double-click it, and
// wait for the BlockInsideDialog. Null when it does not appear within 5 s.
#include <QTest>

#include "ui/editor/block_inside_dialog.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/network_view.h"
#include "ui/window/main_window.h"

inline BlockInsideDialog* openBlockInside(MainWindow& w, const QString& id) {
    NetworkView* view = w.networkView();
    NetworkNodeItem* item = view->networkScene()->nodeItem(id);
    if (!item) return nullptr;
    view->centerOn(item);
    const QPoint at = view->mapFromScene(item->sceneBoundingRect().center());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    BlockInsideDialog* dialog = nullptr;
    return QTest::qWaitFor([&] { return (dialog = w.findChild<BlockInsideDialog*>()) != nullptr; }, 5000) ? dialog
                                                                                                          : nullptr;
}
