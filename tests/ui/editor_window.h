// The editor's three panes as the main window arranges them (palette, canvas, inspector) in one
// splitter, for tests that drive the editor without the rest of the window.
#pragma once

#include <QSplitter>
#include <QtTest>

#include "ui/editor/layer_inspector.h"
#include "ui/editor/layer_palette.h"
#include "ui/editor/network_document.h"
#include "ui/editor/network_view.h"

struct EditorWindow {
    NetworkDocument doc;
    QSplitter window;
    LayerPalette* palette;
    NetworkView* view;
    LayerInspector* inspector;
    explicit EditorWindow(QSize size = QSize(1220, 760)) {
        doc.setInputShape({1, 28, 28});
        palette = new LayerPalette(&window);
        view = new NetworkView(&doc, &window);
        inspector = new LayerInspector(&doc, &window);
        window.addWidget(palette);
        window.addWidget(view);
        window.addWidget(inspector);
        window.setSizes({180, size.width() - 460, 280});
        window.resize(size);
        QObject::connect(view, &NetworkView::currentNodeChanged, inspector, &LayerInspector::setNode);
    }
    bool show() {
        window.show();
        window.activateWindow();
        return QTest::qWaitForWindowExposed(&window);
    }
    QPoint viewPos(QPointF scenePos) const { return view->mapFromScene(scenePos); }
};
