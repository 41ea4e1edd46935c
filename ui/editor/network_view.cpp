#include "ui/editor/network_view.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

NetworkView::NetworkView(NetworkDocument* doc, QWidget* parent)
    : QGraphicsView(parent), doc_(doc), scene_(new NetworkScene(doc, this)) {
    setScene(scene_);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);  // the overlay is in view coordinates
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 240);

    undo_ = doc_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo_->setShortcuts({QKeySequence::Undo});
    redo_ = doc_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo_->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    for (QAction* a : {undo_, redo_}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
    connect(scene_, &NetworkScene::currentNodeChanged, this, &NetworkView::currentNodeChanged);
    connect(scene_, &NetworkScene::nodeDoubleClicked, this, &NetworkView::nodeDoubleClicked);
    connect(doc_, &NetworkDocument::changed, viewport(), qOverload<>(&QWidget::update));
}

QString NetworkView::addLayerAt(const QString& type, QPointF scenePos) {
    const QStringList selected = scene_->selectedNodeIds();
    QString anchor;
    if (!selected.isEmpty())
        anchor = selected.back();
    else if (!doc_->spec().nodes.empty())
        anchor = doc_->outputId();
    else
        anchor = QString::fromLatin1(dl::kNetworkInput);
    const QString id = doc_->addNode(type, scenePos, anchor);
    if (!id.isEmpty()) scene_->selectNodes({id});
    return id;
}

QString NetworkView::appendLayer(const QString& type) {
    const QStringList selected = scene_->selectedNodeIds();
    const QString anchor = !selected.isEmpty() ? selected.back() : doc_->outputId();
    QPointF pos = mapToScene(viewport()->rect().center());
    if (const dl::NodeSpec* a = doc_->node(anchor); a && std::isfinite(a->x) && std::isfinite(a->y)) {
        pos = QPointF(a->x, a->y + NetworkDocument::kRowStep);
        // a branch off a node in the middle of a chain goes beside what is already below it
        auto occupied = [this](QPointF p) {
            for (const QString& id : doc_->nodeIds())
                if (scene_->nodeItem(id)->sceneBoundingRect().adjusted(-20, -20, 20, 20).contains(p)) return true;
            return false;
        };
        for (int i = 0; i < 20 && occupied(pos); ++i) pos.rx() += NetworkDocument::kColumnStep;
    } else if (NetworkNodeItem* in = scene_->inputItem()) {
        pos = in->pos() + QPointF(0, NetworkDocument::kRowStep);
    }
    const QString id = addLayerAt(type, pos);
    if (!id.isEmpty()) ensureVisible(scene_->nodeItem(id), 40, 40);
    return id;
}

void NetworkView::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasFormat(QString::fromLatin1(kLayerMimeType)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void NetworkView::dragMoveEvent(QDragMoveEvent* event) {
    if (event->mimeData()->hasFormat(QString::fromLatin1(kLayerMimeType)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void NetworkView::dropEvent(QDropEvent* event) {
    const QMimeData* mime = event->mimeData();
    if (!mime->hasFormat(QString::fromLatin1(kLayerMimeType))) {
        event->ignore();
        return;
    }
    const QString type = QString::fromUtf8(mime->data(QString::fromLatin1(kLayerMimeType))).trimmed();
    const QPointF pos = mapToScene(event->position().toPoint());
    if (!addLayerAt(type, pos).isEmpty()) {
        event->setDropAction(Qt::CopyAction);
        event->accept();
        setFocus();
    } else {
        event->ignore();
    }
}

void NetworkView::copySelection() {
    const QStringList ids = scene_->selectedNodeIds();
    if (ids.isEmpty()) return;
    localClipboard_ = doc_->nodesToJson(ids);
    copiedIds_ = ids;
    pasteCount_ = 0;
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(kNodesMimeType), localClipboard_);
    if (QClipboard* cb = QGuiApplication::clipboard())
        cb->setMimeData(mime);
    else
        delete mime;
}

void NetworkView::paste() {
    QByteArray json;
    if (const QClipboard* cb = QGuiApplication::clipboard())
        if (const QMimeData* m = cb->mimeData(); m && m->hasFormat(QString::fromLatin1(kNodesMimeType)))
            json = m->data(QString::fromLatin1(kNodesMimeType));
    if (json.isEmpty()) json = localClipboard_;
    const std::vector<dl::NodeSpec> nodes = NetworkDocument::nodesFromJson(json);
    if (nodes.empty()) return;
    // The copies are appended after the selected node, below it; right after a copy (the copied
    // nodes still selected) or with nothing selected, after the network's output.
    const QStringList selected = scene_->selectedNodeIds();
    const QString anchor = !selected.isEmpty() && selected != copiedIds_ ? selected.back() : doc_->outputId();
    double minY = 1e300, minX = 1e300;
    for (const dl::NodeSpec& n : nodes) {
        if (std::isfinite(n.y)) minY = std::min(minY, n.y);
        if (std::isfinite(n.x)) minX = std::min(minX, n.x);
    }
    if (minY > 1e299) minY = 0;
    QPointF offset(40.0 * (pasteCount_ + 1), 40.0 * (pasteCount_ + 1));
    if (const dl::NodeSpec* a = doc_->node(anchor); a && std::isfinite(a->y)) {
        double ax = nodes.front().x;
        if (!std::isfinite(ax)) ax = a->x;
        offset = QPointF(a->x - ax, a->y + NetworkDocument::kRowStep - minY);
    }
    ++pasteCount_;
    const QStringList ids = doc_->pasteNodes(nodes, anchor, offset);
    if (!ids.isEmpty()) scene_->selectNodes(ids);
}

void NetworkView::deleteSelection() {
    const QStringList nodes = scene_->selectedNodeIds();
    if (!nodes.isEmpty()) {
        doc_->removeNodes(nodes);
        return;
    }
    const auto edges = scene_->selectedEdges();
    if (!edges.isEmpty()) doc_->disconnectNodes(edges);
}

void NetworkView::setZoom(double factor) {
    factor = std::clamp(factor, 0.2, 3.0);
    QTransform t;
    t.scale(factor, factor);
    setTransform(t);
}

void NetworkView::fitToNetwork() {
    // extra room at the top for the summary card drawn in the corner
    const QRectF r = scene_->itemsBoundingRect().adjusted(-40, -110, 40, 30);
    if (r.isEmpty()) return;
    fitInView(r, Qt::KeepAspectRatio);
    if (zoom() > 1.0) setZoom(1.0);
    centerOn(r.center());
}

void NetworkView::keyPressEvent(QKeyEvent* event) {
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
        deleteSelection();
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::Paste)) {
        paste();
        event->accept();
        return;
    }
    // Reached only when the shortcut did not fire (e.g. the window is not active).
    if (event->matches(QKeySequence::Undo)) {
        doc_->undoStack()->undo();
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::Redo) ||
        (event->key() == Qt::Key_Z && event->modifiers() == (Qt::ControlModifier | Qt::ShiftModifier))) {
        doc_->undoStack()->redo();
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        scene_->selectNodes(doc_->nodeIds());
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        spaceHeld_ = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    // Arrow keys nudge the selected nodes (consecutive nudges are one undo step).
    const int step = event->modifiers() & Qt::ShiftModifier ? 40 : 8;
    QPointF d;
    switch (event->key()) {
        case Qt::Key_Left:
            d = {-double(step), 0};
            break;
        case Qt::Key_Right:
            d = {double(step), 0};
            break;
        case Qt::Key_Up:
            d = {0, -double(step)};
            break;
        case Qt::Key_Down:
            d = {0, double(step)};
            break;
        default:
            break;
    }
    if (!d.isNull() && !scene_->selectedNodeIds().isEmpty()) {
        QHash<QString, QPointF> pos;
        for (const QString& id : scene_->selectedNodeIds()) pos.insert(id, scene_->nodeItem(id)->pos() + d);
        doc_->moveNodes(pos, true);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void NetworkView::keyReleaseEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        spaceHeld_ = false;
        if (!panning_) viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void NetworkView::wheelEvent(QWheelEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        const double factor = std::pow(1.15, steps);
        const double target = std::clamp(zoom() * factor, 0.2, 3.0);
        scale(target / zoom(), target / zoom());
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void NetworkView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && spaceHeld_)) {
        panning_ = true;
        panLast_ = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void NetworkView::mouseMoveEvent(QMouseEvent* event) {
    if (panning_) {
        const QPoint p = event->position().toPoint();
        const QPoint d = p - panLast_;
        panLast_ = p;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void NetworkView::mouseReleaseEvent(QMouseEvent* event) {
    if (panning_ && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        panning_ = false;
        if (spaceHeld_)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void NetworkView::drawForeground(QPainter* painter, const QRectF&) {
    // A summary card in the top-left corner, in view coordinates.
    painter->save();
    painter->resetTransform();
    painter->setRenderHint(QPainter::Antialiasing);
    QString line1, line2;
    const bool empty = doc_->spec().nodes.empty();
    QString why;
    const bool ok = doc_->canTrain(&why);
    if (empty) {
        line1 = tr("Drag layers here from the palette");
    } else {
        line1 =
            tr("%1 params · %2 per example").arg(formatCount(doc_->totalParameters()), formatFlops(doc_->totalFlops()));
        line2 =
            ok ? tr("output %1").arg(formatShape(doc_->report().output_shape)) : tr("⚠ cannot build: see the red node");
    }
    QFont f = QApplication::font();
    painter->setFont(f);
    const QFontMetrics fm(f);
    const int w = std::max(fm.horizontalAdvance(line1), fm.horizontalAdvance(line2)) + 20;
    const int h = line2.isEmpty() ? fm.height() + 12 : 2 * fm.height() + 14;
    const QRect card(10, 10, w, h);
    painter->setPen(QColor(0xd0, 0xd6, 0xde));
    painter->setBrush(QColor(255, 255, 255, 235));
    painter->drawRoundedRect(card, 6, 6);
    painter->setPen(QColor(0x2b, 0x33, 0x3d));
    painter->drawText(card.adjusted(10, 6, -10, 0), Qt::AlignLeft | Qt::AlignTop, line1);
    if (!line2.isEmpty()) {
        painter->setPen(ok ? QColor(0x2a, 0x7d, 0x4f) : QColor(0xd0, 0x2b, 0x2b));
        painter->drawText(card.adjusted(10, 8 + fm.height(), -10, 0), Qt::AlignLeft | Qt::AlignTop, line2);
    }
    painter->restore();
}
