#pragma once
// NetworkOverview: a small map of the whole network in a corner of the editor, with the part the
// editor shows drawn as a blue rectangle. Clicking or dragging in it scrolls the editor there.
#include <QGraphicsView>

class NetworkOverview : public QGraphicsView {
    Q_OBJECT

public:
    // `editor` is the view whose scene is shown and which the map scrolls.
    NetworkOverview(QGraphicsView* editor, QWidget* parent);
    // Refits the map to `networkRect` (scene coordinates) and redraws the visible rectangle.
    void showNetwork(const QRectF& networkRect);
    QRectF visibleSceneRect() const;  // what the editor shows, in scene coordinates

protected:
    void drawBackground(QPainter* painter, const QRectF& rect) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void scrollEditorTo(const QPointF& viewPos);

    QGraphicsView* editor_;
    QRectF networkRect_;
    bool dragging_ = false;
};
