#include "ui/editor/network_overview.h"

#include <QMouseEvent>
#include <QPainter>

NetworkOverview::NetworkOverview(QGraphicsView* editor, QWidget* parent) : QGraphicsView(parent), editor_(editor) {
    setObjectName(QStringLiteral("networkOverview"));
    setScene(editor->scene());
    setInteractive(false);  // a map: its nodes are not edited here
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHints(QPainter::Antialiasing);
    setFrameShape(QFrame::Box);
    setStyleSheet(QStringLiteral("NetworkOverview { border: 1px solid #9aa5b4; background: #f7f8fa; }"));
    setFocusPolicy(Qt::NoFocus);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview of the whole network: click or drag to scroll the editor there"));
    setFixedSize(200, 130);  // NetworkView sizes it to the canvas and the network's shape
}

void NetworkOverview::showNetwork(const QRectF& networkRect) {
    networkRect_ = networkRect;
    setSceneRect(networkRect);
    fitInView(networkRect, Qt::KeepAspectRatio);
    viewport()->update();
}

QRectF NetworkOverview::visibleSceneRect() const {
    return editor_->mapToScene(editor_->viewport()->rect()).boundingRect();
}

void NetworkOverview::drawBackground(QPainter* painter, const QRectF& rect) {
    painter->fillRect(rect, QColor(0xf7, 0xf8, 0xfa));  // no dot grid at this scale
}

void NetworkOverview::drawForeground(QPainter* painter, const QRectF&) {
    QPen pen(QColor(0x1e, 0x6f, 0xd9), 2.0);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->setBrush(QColor(0x1e, 0x6f, 0xd9, 30));
    painter->drawRect(visibleSceneRect());
}

void NetworkOverview::scrollEditorTo(const QPointF& viewPos) {
    editor_->centerOn(mapToScene(viewPos.toPoint()));
    viewport()->update();
}

void NetworkOverview::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QGraphicsView::mousePressEvent(event);
    dragging_ = true;
    scrollEditorTo(event->position());
    event->accept();
}

void NetworkOverview::mouseMoveEvent(QMouseEvent* event) {
    if (!dragging_) return QGraphicsView::mouseMoveEvent(event);
    scrollEditorTo(event->position());
    event->accept();
}

void NetworkOverview::mouseReleaseEvent(QMouseEvent* event) {
    dragging_ = false;
    event->accept();
}

void NetworkOverview::mouseDoubleClickEvent(QMouseEvent* event) {
    event->accept();  // not the editor's "open block"
}

void NetworkOverview::wheelEvent(QWheelEvent* event) {
    event->accept();  // the map always shows the whole network
}

void NetworkOverview::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (!networkRect_.isEmpty()) fitInView(networkRect_, Qt::KeepAspectRatio);
}
