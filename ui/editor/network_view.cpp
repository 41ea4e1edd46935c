#include "ui/editor/network_view.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QFontInfo>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <cmath>

#include "ui/editor/network_overview.h"
#include "ui/editor/network_summary_bar.h"

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
    createViewActions();
    createSummaryBar();
    overview_ = new NetworkOverview(this, this);
    overview_->hide();
    connect(doc_, &NetworkDocument::changed, this, [this] {
        updateSummary();
        updateOverview();
    });
    updateSummary();
    zoomDidChange();
}

// Zoom, fit, 100 % and Arrange: window-wide shortcuts, in the View menu and on the summary bar.
void NetworkView::createViewActions() {
    auto make = [this](const QString& text, const QString& iconText, const QList<QKeySequence>& keys,
                       const QString& tip) {
        auto* a = new QAction(text, this);
        a->setIconText(iconText);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, keys.front().toString(QKeySequence::NativeText)));
        addAction(a);
        return a;
    };
    zoomIn_ = make(tr("Zoom &In"), QStringLiteral("+"),
                   {QKeySequence(QKeySequence::ZoomIn), QKeySequence(Qt::CTRL | Qt::Key_Equal)},
                   tr("Zoom in; Ctrl+wheel zooms too"));
    zoomOut_ = make(tr("Zoom &Out"), QStringLiteral("−"), {QKeySequence(QKeySequence::ZoomOut)},
                    tr("Zoom out; Ctrl+wheel zooms too"));
    actualSize_ = make(tr("&Actual Size (100 %)"), QStringLiteral("1:1"), {QKeySequence(Qt::CTRL | Qt::Key_1)},
                       tr("Show the network at 100 %"));
    fit_ = make(tr("&Fit Network"), tr("Fit"), {QKeySequence(Qt::CTRL | Qt::Key_0)},
                tr("Show as much of the network as stays readable"));
    arrange_ = make(tr("A&rrange Network"), tr("Arrange"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)},
                    tr("Lay the network out again, long chains in columns side by side; Undo restores your layout"));
    connect(zoomIn_, &QAction::triggered, this, &NetworkView::zoomIn);
    connect(zoomOut_, &QAction::triggered, this, &NetworkView::zoomOut);
    connect(actualSize_, &QAction::triggered, this, [this] { setZoom(1.0); });
    connect(fit_, &QAction::triggered, this, &NetworkView::fitToNetwork);
    connect(arrange_, &QAction::triggered, this, &NetworkView::arrange);
}

// The bar lives in the view's top margin, outside the canvas: it never covers a node.
void NetworkView::createSummaryBar() {
    summaryBar_ = new NetworkSummaryBar(this);
    summaryBar_->addButton(zoomOut_);
    summaryBar_->addZoomLabel();
    summaryBar_->addButton(zoomIn_);
    summaryBar_->addButton(fit_);
    summaryBar_->addButton(arrange_);
    setViewportMargins(0, summaryBar_->sizeHint().height(), 0, 0);
}

void NetworkView::updateSummary() {
    if (doc_->spec().nodes.empty()) {
        summaryBar_->setSummary(tr("Drag layers here from the palette"), {}, true);
        return;
    }
    const bool ok = doc_->canTrain();
    const QString status = ok                     ? tr("output %1").arg(formatShape(doc_->report().output_shape))
                           : !doc_->report().ok() ? tr("⚠ cannot build: see the red node")
                                                  : tr("⚠ output does not fit the data");
    summaryBar_->setSummary(
        tr("%1 params · %2 per example").arg(formatCount(doc_->totalParameters()), formatFlops(doc_->totalFlops())),
        status, ok);
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

double NetworkView::readableZoom() {
    const double labelPixels = QFontInfo(QApplication::font()).pixelSize();  // node labels at 100 %
    return std::clamp(kReadableTextPixels / std::max(labelPixels, 1.0), kMinZoom, 1.0);
}

QRectF NetworkView::networkRect() const {
    QRectF r;
    for (QGraphicsItem* item : scene_->items())
        if (item->type() == NetworkNodeItem::kType || item->type() == NetworkEdgeItem::kType)
            r = r.united(item->sceneBoundingRect());
    return r.isEmpty() ? r : r.adjusted(-30, -30, 30, 30);
}

void NetworkView::setZoom(double factor) {
    factor = std::clamp(factor, kMinZoom, kMaxZoom);
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);  // buttons and keys zoom about the centre
    setTransform(QTransform::fromScale(factor, factor));
    setTransformationAnchor(anchor);
    zoomDidChange();
}

void NetworkView::zoomIn() {
    setZoom(zoom() * 1.25);
}

void NetworkView::zoomOut() {
    setZoom(zoom() / 1.25);
}

void NetworkView::fitToNetwork() {
    const QRectF r = networkRect();
    if (r.isEmpty()) return;
    const double fit = std::min(viewport()->width() / r.width(), viewport()->height() / r.height());
    setZoom(std::clamp(fit, readableZoom(), 1.0));
    if (fit >= zoom())
        centerOn(r.center());
    else
        scrollToInput(r);
    updateOverview();
}

// Shows the part of `network` around the input (the top left of a wrapped layout).
void NetworkView::scrollToInput(const QRectF& network) {
    const QSizeF visible(viewport()->width() / zoom(), viewport()->height() / zoom());
    const QPointF in = scene_->inputItem() ? scene_->inputItem()->pos() : network.topLeft();
    QPointF centre = network.center();
    if (network.width() > visible.width())
        centre.setX(std::clamp(in.x(), network.left() + visible.width() / 2, network.right() - visible.width() / 2));
    if (network.height() > visible.height())
        centre.setY(std::clamp(in.y() + visible.height() / 2 - 60, network.top() + visible.height() / 2,
                               network.bottom() - visible.height() / 2));
    centerOn(centre);
}

void NetworkView::arrange() {
    doc_->arrange();
    fitToNetwork();
}

void NetworkView::zoomDidChange() {
    if (summaryBar_) summaryBar_->setZoom(zoom());
    updateOverview();
    Q_EMIT zoomChanged(zoom());
}

// The map shows when part of the network is out of view, in the canvas's bottom-right corner.
void NetworkView::updateOverview() {
    if (!overview_) return;  // still being constructed
    const QRectF network = networkRect();
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    const bool needed = !doc_->spec().nodes.empty() && !visible.contains(network);
    if (needed) {
        const QRect area = viewport()->geometry();
        // about a quarter of the canvas, shaped like the network
        const double w = std::clamp(area.width() * 0.28, 120.0, 240.0);
        const double h = std::max(70.0, std::min(w * network.height() / network.width(), area.height() * 0.35));
        overview_->setFixedSize(int(w), int(h));
        overview_->move(area.right() - overview_->width() - 8, area.bottom() - overview_->height() - 8);
        overview_->showNetwork(network);
        overview_->raise();
    }
    overview_->setVisible(needed);
}

void NetworkView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (!summaryBar_) return;
    const int frame = frameWidth();
    summaryBar_->setGeometry(frame, frame, width() - 2 * frame, summaryBar_->sizeHint().height());
    updateOverview();
}

void NetworkView::scrollContentsBy(int dx, int dy) {
    QGraphicsView::scrollContentsBy(dx, dy);
    updateOverview();
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
        const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
        scale(target / zoom(), target / zoom());
        zoomDidChange();
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
