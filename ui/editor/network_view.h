#pragma once
// NetworkView: the network editor canvas. Accepts layers dropped from the LayerPalette (MIME type
// "application/x-divelab-layer"), appending them after the selected node or the network's output;
// Delete removes selected nodes or disconnects selected edges; Ctrl+C / Ctrl+V copy and paste
// nodes; Ctrl+wheel zooms; middle-drag or Space+drag pans; Ctrl+Z / Ctrl+Shift+Z undo and redo.
// A summary bar above the canvas (NetworkSummaryBar) carries the network's size and the zoom
// buttons; an overview map (NetworkOverview) shows the whole network when it does not fit. Fitting
// never zooms below readableZoom(): a big network opens readable, scrolled to its input.
#include <QGraphicsView>

#include "ui/editor/network_document.h"
#include "ui/editor/network_scene.h"

class QAction;
class NetworkOverview;
class NetworkSummaryBar;

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
    // The smallest zoom at which node labels are about kReadableTextPixels tall on screen.
    static double readableZoom();
    static constexpr double kReadableTextPixels = 10.0;
    static constexpr double kMinZoom = 0.2, kMaxZoom = 3.0;
    // The View menu's actions: zoom in / out, fit, 100 %, arrange (each with its shortcut).
    QAction* zoomInAction() const { return zoomIn_; }
    QAction* zoomOutAction() const { return zoomOut_; }
    QAction* fitAction() const { return fit_; }
    QAction* actualSizeAction() const { return actualSize_; }
    QAction* arrangeAction() const { return arrange_; }
    NetworkSummaryBar* summaryBar() const { return summaryBar_; }
    NetworkOverview* overview() const { return overview_; }
    QRectF networkRect() const;  // the nodes, terminals and edges, with a small margin (scene coordinates)

    // Adds a layer as a drag-and-drop would: at `scenePos`, after the selected node (or the output).
    QString addLayerAt(const QString& type, QPointF scenePos);
    // Adds a layer one row below the selected node (or the output): for LayerPalette::layerActivated.
    QString appendLayer(const QString& type);

public Q_SLOTS:
    void copySelection();
    void paste();
    void deleteSelection();
    // Zoom to show the whole network, never above 100 % nor below readableZoom(); a network that
    // does not fit is shown from its input, scrolled.
    void fitToNetwork();
    void setZoom(double factor);
    void zoomIn();
    void zoomOut();
    void arrange();  // undoable: lays the network out again, then fits it

Q_SIGNALS:
    void currentNodeChanged(const QString& id);
    void nodeDoubleClicked(const QString& id);
    void zoomChanged(double zoom);

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
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void createViewActions();
    void createSummaryBar();
    void updateSummary();
    void zoomDidChange();  // the zoom label, the overview
    void updateOverview();
    void scrollToInput(const QRectF& network);

    NetworkDocument* doc_;
    NetworkScene* scene_;
    QAction* undo_;
    QAction* redo_;
    QAction* zoomIn_;
    QAction* zoomOut_;
    QAction* fit_;
    QAction* actualSize_;
    QAction* arrange_;
    NetworkSummaryBar* summaryBar_ = nullptr;
    NetworkOverview* overview_ = nullptr;
    QByteArray localClipboard_;
    QStringList copiedIds_;  // fallback when the system clipboard is unavailable
    bool spaceHeld_ = false;
    bool panning_ = false;
    QPoint panLast_;
    int pasteCount_ = 0;
};
