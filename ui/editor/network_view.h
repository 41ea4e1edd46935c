#pragma once
// NetworkView: the network editor canvas. Accepts layers dropped from the LayerPalette (MIME type
// "application/x-divelab-layer"), appending them after the selected node or the network's output;
// Delete removes selected nodes or disconnects selected edges; Ctrl+C / Ctrl+V copy and paste
// nodes; Ctrl+wheel zooms; middle-drag or Space+drag pans; Ctrl+Z / Ctrl+Shift+Z undo and redo.
#include <QGraphicsView>

#include "ui/editor/network_document.h"
#include "ui/editor/network_scene.h"

class QAction;

class NetworkView : public QGraphicsView {
    Q_OBJECT

public:
    static constexpr const char* kLayerMimeType = "application/x-divelab-layer";
    static constexpr const char* kNodesMimeType = "application/x-divelab-nodes";

    explicit NetworkView(NetworkDocument* doc, QWidget* parent = nullptr);
    NetworkDocument* document() const { return doc_; }
    NetworkScene* networkScene() const { return scene_; }
    QAction* undoAction() const { return undo_; }
    QAction* redoAction() const { return redo_; }
    double zoom() const { return transform().m11(); }

    // Adds a layer as a drag-and-drop would: at `scenePos`, after the selected node (or the output).
    QString addLayerAt(const QString& type, QPointF scenePos);
    // Adds a layer one row below the selected node (or the output): for LayerPalette::layerActivated.
    QString appendLayer(const QString& type);

public Q_SLOTS:
    void copySelection();
    void paste();
    void deleteSelection();
    void fitToNetwork();  // zoom to show the whole network (never above 100 %)
    void setZoom(double factor);

Q_SIGNALS:
    void currentNodeChanged(const QString& id);
    void nodeDoubleClicked(const QString& id);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    NetworkDocument* doc_;
    NetworkScene* scene_;
    QAction* undo_;
    QAction* redo_;
    QByteArray localClipboard_;
    QStringList copiedIds_;  // fallback when the system clipboard is unavailable
    bool spaceHeld_ = false;
    bool panning_ = false;
    QPoint panLast_;
    int pasteCount_ = 0;
};
