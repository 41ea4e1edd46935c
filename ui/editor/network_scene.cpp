#include "ui/editor/network_scene.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

#include <cmath>

#include "engine/nn/layer_catalog.h"

namespace {
const QColor kErrorColor(0xd0, 0x2b, 0x2b);
const QColor kSelectColor(0x1e, 0x6f, 0xd9);

QString shortError(QString e, const QString& id) {
    // "node 'fc1' (Linear): Linear expects …" → "Linear expects …"
    const QString prefix = QStringLiteral("node '%1' (").arg(id);
    if (e.startsWith(prefix)) {
        const int close = e.indexOf(QStringLiteral("): "));
        if (close > 0)
            e = e.mid(close + 3);
        else {
            const int paren = e.indexOf(QStringLiteral(") "));
            if (paren > 0) e = e.mid(paren + 2);
        }
    }
    return e;
}

// An edge into a node above its source (the top of the next wrapped column): down out of the port,
// along the gap beside the columns, over above the target and down into it, with rounded corners.
QPainterPath climbingPath(QPointF a, QPointF b) {
    const double r = 14, below = a.y() + 28, above = b.y() - 34;
    const double halfWidth = NetworkNodeItem::kWidth / 2;
    const double x =
        std::abs(b.x() - a.x()) > 2 * halfWidth + 40 ? (a.x() + b.x()) / 2 : std::max(a.x(), b.x()) + halfWidth + 30;
    const double out = x > a.x() ? 1 : -1, in = b.x() > x ? 1 : -1;
    QPainterPath p(a);
    p.lineTo(a.x(), below - r);
    p.quadTo(a.x(), below, a.x() + out * r, below);
    p.lineTo(x - out * r, below);
    p.quadTo(x, below, x, below - r);
    p.lineTo(x, above + r);
    p.quadTo(x, above, x + in * r, above);
    p.lineTo(b.x() - in * r, above);
    p.quadTo(b.x(), above, b.x(), above + r);
    p.lineTo(b);
    return p;
}
}  // namespace

QColor categoryColor(const QString& category) {
    if (category == QLatin1String("Core")) return QColor(0x3b, 0x7d, 0xd8);
    if (category == QLatin1String("Activations")) return QColor(0xe0, 0x8a, 0x1e);
    if (category == QLatin1String("Regularization")) return QColor(0x8e, 0x5c, 0xc8);
    if (category == QLatin1String("Merge")) return QColor(0x2a, 0x9d, 0x6e);
    if (category == QLatin1String("Convolution")) return QColor(0xcf, 0x4f, 0x5e);
    if (category == QLatin1String("Normalization")) return QColor(0xb8, 0x93, 0x1c);
    if (category == QLatin1String("Blocks")) return QColor(0x4a, 0x57, 0xb0);
    if (category == QLatin1String("Terminal")) return QColor(0x60, 0x6a, 0x78);
    // other categories: a stable colour from the name
    const uint h = qHash(category) % 360;
    return QColor::fromHsv(int(h), 140, 190);
}

// ================================================================================ node item

NetworkNodeItem::NetworkNodeItem(NetworkScene* scene, QString id, bool terminal)
    : scene_(scene), id_(std::move(id)), terminal_(terminal) {
    // Terminals are selectable (the inspector shows their shape and problem) but stay in place.
    setFlag(ItemIsSelectable, true);
    setFlag(ItemIsMovable, !terminal_);
    setFlag(ItemSendsGeometryChanges, true);
    setAcceptHoverEvents(true);
    setZValue(1);
}

QRectF NetworkNodeItem::boundingRect() const {
    const double h = boxHeight();
    QRectF r(-kWidth / 2 - 4, -h / 2 - 4, kWidth + 8, h + 8 + kPortHitRadius);
    if (!errorLabel().isEmpty()) r = r.united(errorLabelRect().adjusted(-2, -2, 2, 2));
    return r;
}

QPainterPath NetworkNodeItem::shape() const {
    QPainterPath p;
    p.setFillRule(Qt::WindingFill);  // the port overlaps the box: with odd-even fill its upper half was a hole
    const double h = boxHeight();
    p.addRoundedRect(QRectF(-kWidth / 2, -h / 2, kWidth, h), 9, 9);
    if (hasOutputPort()) p.addEllipse(QPointF(0, h / 2), kPortHitRadius, kPortHitRadius);
    if (!errorLabel().isEmpty()) p.addRect(errorLabelRect());
    return p;
}

namespace {
QFont titleFont() {
    QFont bold = QApplication::font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.05);
    return bold;
}
}  // namespace

void NetworkNodeItem::setContent(const QString& title, const QString& subtitle, const QString& stats,
                                 const QString& error, const QColor& accent, const QString& tooltip) {
    const double room = kWidth - 28 - 10;  // the text lines' width, less a gap between type and id
    const bool tall = !terminal_ && QFontMetricsF(titleFont()).horizontalAdvance(title) +
                                            QFontMetricsF(QApplication::font()).horizontalAdvance(subtitle) >
                                        room;
    if (tall != tall_) {
        prepareGeometryChange();
        tall_ = tall;
    }
    title_ = title;
    subtitle_ = subtitle;
    stats_ = stats;
    error_ = error;
    accent_ = accent;
    setToolTip(tooltip);
    update();
}

void NetworkNodeItem::setErrorLabel(const QString& label) {
    if (label == errorLabel_) return;
    prepareGeometryChange();
    errorLabel_ = label;
    update();
}

QRectF NetworkNodeItem::errorLabelRect() const {
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * 0.92);
    const QFontMetricsF fm(f);
    const double w = fm.horizontalAdvance(errorLabel_) + 14, h = fm.height() + 6;
    // below the box, clear of the output port and the edge's arrow
    return QRectF(-w / 2, boxHeight() / 2 + kPortHitRadius + 2, w, h);
}

QPointF NetworkNodeItem::outputPort() const {
    return mapToScene(QPointF(0, boxHeight() / 2));
}

QPointF NetworkNodeItem::inputPort(int index, int count) const {
    const double span = kWidth * 0.6;
    const double x = count <= 1 ? 0.0 : -span / 2 + span * index / (count - 1);
    return mapToScene(QPointF(x, -boxHeight() / 2));
}

bool NetworkNodeItem::portHit(const QPointF& scenePos, double radius) const {
    if (!hasOutputPort()) return false;
    const QPointF d = scenePos - outputPort();
    return std::hypot(d.x(), d.y()) <= radius;
}

QVariant NetworkNodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemPositionHasChanged && scene_) scene_->nodeMoved(this);
    return QGraphicsItem::itemChange(change, value);
}

void NetworkNodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event) {
    hovered_ = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void NetworkNodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* event) {
    hovered_ = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

void NetworkNodeItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    const double h = boxHeight();
    const QRectF box(-kWidth / 2, -h / 2, kWidth, h);
    const bool bad = !error_.isEmpty();
    // shadow
    p->setPen(Qt::NoPen);
    p->setBrush(QColor(0, 0, 0, 28));
    p->drawRoundedRect(box.translated(1.5, 2.5), 9, 9);
    // body
    QColor fill = terminal_ ? QColor(0xee, 0xf1, 0xf5) : QColor(Qt::white);
    if (bad) fill = QColor(0xfd, 0xec, 0xec);
    p->setBrush(fill);
    QPen border(bad ? kErrorColor : (isSelected() ? kSelectColor : QColor(0xb4, 0xbc, 0xc8)));
    border.setWidthF(bad || isSelected() ? 2.4 : (hovered_ ? 1.6 : 1.1));
    p->setPen(border);
    p->drawRoundedRect(box, 9, 9);
    if (bad && isSelected()) {  // selection stays visible on a red node
        QPen sel(kSelectColor, 1.2, Qt::DashLine);
        p->setPen(sel);
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(box.adjusted(-4, -4, 4, 4), 12, 12);
    }
    if (terminal_)
        paintTerminal(p, box, bad);
    else
        paintLayer(p, box, bad);
    // output port
    if (hasOutputPort()) {
        p->setPen(QPen(QColor(0x55, 0x5f, 0x6d), 1.2));
        p->setBrush(hovered_ ? kSelectColor : QColor(0xf4, 0xf6, 0xf9));
        p->drawEllipse(QPointF(0, h / 2), kPortRadius, kPortRadius);
    }
}

void NetworkNodeItem::paintTerminal(QPainter* p, const QRectF& box, bool bad) const {
    QFont base = QApplication::font();
    QFont bold = base;
    bold.setBold(true);
    bold.setPointSizeF(base.pointSizeF() * 1.05);
    p->setFont(bold);
    p->setPen(QColor(0x33, 0x3a, 0x44));
    const double tw = QFontMetricsF(bold).horizontalAdvance(title_);
    const double sw = QFontMetricsF(base).horizontalAdvance(subtitle_);
    const double x0 = -(tw + 8 + sw) / 2;
    p->drawText(QRectF(x0, box.top(), tw + 2, box.height()), Qt::AlignVCenter | Qt::AlignLeft, title_);
    p->setFont(base);
    p->setPen(bad ? kErrorColor : QColor(0x1f, 0x5f, 0xa8));
    p->drawText(QRectF(x0 + tw + 8, box.top(), sw + 2, box.height()), Qt::AlignVCenter | Qt::AlignLeft, subtitle_);
    if (errorLabel_.isEmpty()) return;
    const QRectF r = errorLabelRect();
    p->setPen(QPen(kErrorColor, 1));
    p->setBrush(QColor(0xfd, 0xec, 0xec));
    p->drawRoundedRect(r, 5, 5);
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 0.92);
    p->setFont(f);
    p->setPen(kErrorColor);
    p->drawText(r, Qt::AlignCenter, errorLabel_);
}

void NetworkNodeItem::paintLayer(QPainter* p, const QRectF& box, bool bad) const {
    const double h = box.height();
    const QFont base = QApplication::font();
    QFont bold = titleFont();
    // a long type name ("TransformerEncoderBlock") shrinks a little before it would be elided
    if (const double w = QFontMetricsF(bold).horizontalAdvance(title_); w > kWidth - 28)
        bold.setPointSizeF(bold.pointSizeF() * std::max(0.85, (kWidth - 28) / w));
    QFont small = base;
    small.setPointSizeF(base.pointSizeF() * 0.88);
    // category strip
    QPainterPath strip;
    strip.addRoundedRect(QRectF(box.left() + 1.5, box.top() + 1.5, 7, h - 3), 3.5, 3.5);
    p->fillPath(strip, accent_);
    // type and id side by side, or (tall) the id on a line of its own; the stats (or the error) below
    const double row = (kHeight - 12) / 2;
    const QRectF line1(box.left() + 16, box.top() + 7, kWidth - 28, row - 1);
    const QRectF idLine(box.left() + 16, line1.bottom() - 1, kWidth - 28, tall_ ? kTallHeight - kHeight : 0);
    const QRectF line2(box.left() + 16, idLine.bottom() + 3, kWidth - 28, row - 3);
    p->setFont(bold);
    p->setPen(QColor(0x1d, 0x23, 0x2b));
    p->drawText(line1, Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(bold).elidedText(title_, Qt::ElideRight, line1.width()));
    p->setFont(base);
    p->setPen(QColor(0x6b, 0x74, 0x80));
    const QString id = QFontMetricsF(base).elidedText(subtitle_, Qt::ElideMiddle, line1.width());
    p->drawText(tall_ ? idLine : line1, (tall_ ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter, id);
    p->setFont(small);
    const QFontMetricsF fm(small);
    if (bad) {
        p->setPen(kErrorColor);
        p->drawText(line2, Qt::AlignLeft | Qt::AlignVCenter,
                    fm.elidedText(QStringLiteral("⚠ ") + error_, Qt::ElideRight, line2.width()));
    } else {
        p->setPen(QColor(0x4a, 0x52, 0x5e));
        p->drawText(line2, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(stats_, Qt::ElideRight, line2.width()));
    }
}

// ================================================================================ edge item

NetworkEdgeItem::NetworkEdgeItem(NetworkNodeItem* source, NetworkNodeItem* target, int index, int count, QString label,
                                 QString from)
    : source_(source),
      target_(target),
      index_(index),
      count_(count),
      label_(std::move(label)),
      from_(from.isEmpty() ? source->id() : std::move(from)) {
    setFlag(ItemIsSelectable, true);
    setZValue(0);
    updateGeometry();
}

QString NetworkEdgeItem::sourceId() const {
    return source_->id();
}
QString NetworkEdgeItem::targetId() const {
    return target_->id();
}

void NetworkEdgeItem::updateGeometry() {
    prepareGeometryChange();
    const QPointF a = source_->outputPort();
    const QPointF b = target_->inputPort(index_, count_);
    if (b.y() < a.y() + 24) {
        path_ = climbingPath(a, b);
        return;
    }
    QPainterPath path(a);
    const double dy = std::max(40.0, std::abs(b.y() - a.y()) * 0.5);
    path.cubicTo(a + QPointF(0, dy), b - QPointF(0, dy), b);
    path_ = path;
    // A long edge (a residual shortcut) that would run behind other nodes goes around them.
    const double h = b.y() - a.y();
    if (!scene() || h < NetworkDocument::kRowStep * 0.9) return;
    double right = -1e300;
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    for (QGraphicsItem* it : scene()->items(stroker.createStroke(path), Qt::IntersectsItemShape)) {
        if (it->type() != NetworkNodeItem::kType || it == source_ || it == target_) continue;
        right = std::max(right, it->sceneBoundingRect().right());
    }
    if (right < -1e299) return;
    const double x = std::max({right + 28, a.x() + 40, b.x() + 40});
    QPainterPath around(a);
    const double bend = std::min(60.0, h * 0.3);
    around.cubicTo(a + QPointF(0, bend * 0.7), QPointF(x, a.y() + bend * 0.2), QPointF(x, a.y() + bend));
    around.lineTo(x, b.y() - bend);
    around.cubicTo(QPointF(x, b.y() - bend * 0.2), b - QPointF(0, bend * 0.7), b);
    path_ = around;
}

void NetworkEdgeItem::setLabelPosition(double t) {
    prepareGeometryChange();
    labelAt_ = t;
    update();
}

QRectF NetworkEdgeItem::labelRect() const {
    if (label_.isEmpty()) return {};
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * 0.88);
    const QFontMetricsF fm(f);
    const double w = fm.horizontalAdvance(label_) + 12, h = fm.height() + 4;
    const QPointF mid = path_.pointAtPercent(labelAt_);
    return QRectF(mid.x() + 8, mid.y() - h / 2, w, h);
}

QRectF NetworkEdgeItem::boundingRect() const {
    return path_.boundingRect().adjusted(-8, -8, 8, 8).united(labelRect().adjusted(-2, -2, 2, 2));
}

QPainterPath NetworkEdgeItem::shape() const {
    QPainterPathStroker s;
    s.setWidth(12);
    QPainterPath p = s.createStroke(path_);
    if (!label_.isEmpty()) p.addRect(labelRect());
    return p;
}

void NetworkEdgeItem::paint(QPainter* p, const QStyleOptionGraphicsItem*, QWidget*) {
    p->setRenderHint(QPainter::Antialiasing);
    const bool sel = isSelected();
    QColor c = sel ? kSelectColor : QColor(0x7d, 0x87, 0x94);
    p->setPen(QPen(c, sel ? 2.6 : 1.6));
    p->setBrush(Qt::NoBrush);
    p->drawPath(path_);
    // arrow head at the target
    const QPointF b = path_.pointAtPercent(1.0);
    QPolygonF head;
    head << b << b + QPointF(-5, -9) << b + QPointF(5, -9);
    p->setPen(Qt::NoPen);
    p->setBrush(c);
    p->drawPolygon(head);
    if (!label_.isEmpty()) {
        const QRectF r = labelRect();
        p->setPen(QPen(sel ? kSelectColor : (problem_ ? kErrorColor : QColor(0xc9, 0xd0, 0xd9)), 1));
        p->setBrush(problem_ ? QColor(0xfd, 0xec, 0xec) : QColor(0xfb, 0xfc, 0xfd));
        p->drawRoundedRect(r, 5, 5);
        QFont f = QApplication::font();
        f.setPointSizeF(f.pointSizeF() * 0.88);
        p->setFont(f);
        p->setPen(problem_ ? kErrorColor : QColor(0x2d, 0x4b, 0x73));
        p->drawText(r, Qt::AlignCenter, label_);
    }
}

// ==================================================================================== scene

NetworkScene::NetworkScene(NetworkDocument* doc, QObject* parent) : QGraphicsScene(parent), doc_(doc) {
    connect(doc_, &NetworkDocument::changed, this, &NetworkScene::sync);
    connect(this, &QGraphicsScene::selectionChanged, this, [this] {
        if (syncing_) return;
        const QString cur = currentNodeId();
        if (cur != lastCurrent_) {
            lastCurrent_ = cur;
            Q_EMIT currentNodeChanged(cur);
        }
    });
    sync();
}

NetworkScene::~NetworkScene() {
    // Items deselect while they are destroyed: nothing may look them up any more.
    syncing_ = true;
    blockSignals(true);
    nodes_.clear();
    edges_.clear();
    clear();
}

NetworkEdgeItem* NetworkScene::edge(const QString& from, const QString& to) const {
    for (NetworkEdgeItem* e : edges_)
        if (e->from() == from && e->targetId() == to) return e;
    return nullptr;
}

NetworkNodeItem* NetworkScene::inputItem() const {
    const QList<NetworkNodeItem*> items = inputItems();
    return items.isEmpty() ? nullptr : items.front();
}

QList<NetworkNodeItem*> NetworkScene::inputItems() const {
    QList<NetworkNodeItem*> items;
    for (const QString& name : doc_->inputNames())
        if (NetworkNodeItem* item = nodes_.value(name)) items << item;
    return items;
}

QStringList NetworkScene::selectedNodeIds() const {
    QStringList ids;
    for (const QString& id : doc_->nodeIds())
        if (NetworkNodeItem* item = nodes_.value(id); item && item->isSelected()) ids << id;
    return ids;
}

QList<QPair<QString, QString>> NetworkScene::selectedEdges() const {
    QList<QPair<QString, QString>> list;
    for (NetworkEdgeItem* e : edges_)
        if (e->isSelected() && e->removable()) list.append({e->from(), e->targetId()});
    return list;
}

void NetworkScene::selectNodes(const QStringList& ids) {
    clearSelection();
    for (const QString& id : ids)
        if (NetworkNodeItem* item = nodes_.value(id)) item->setSelected(true);
}

QString NetworkScene::currentNodeId() const {
    const QStringList ids = selectedNodeIds();
    if (!ids.isEmpty()) return ids.size() == 1 ? ids.front() : QString();
    QStringList terminals;
    QList<NetworkNodeItem*> items = inputItems();
    items << outputItem();
    for (NetworkNodeItem* item : items)
        if (item && item->isSelected()) terminals << item->id();
    return terminals.size() == 1 ? terminals.front() : QString();
}

QString NetworkScene::shortOutputProblem(const QString& problem) {
    if (problem.isEmpty()) return {};
    // "the network ends in [1, 28, 10] values per example (node 'fc3'), but 'fashion-mnist' has 10
    // classes: the last layer must …" → "⚠ does not fit: 'fashion-mnist' has 10 classes"
    const int but = problem.indexOf(QStringLiteral(", but "));
    if (but >= 0) {
        QString reason = problem.mid(but + 6);
        const int colon = reason.indexOf(QStringLiteral(": "));
        if (colon > 0) reason.truncate(colon);
        if (reason.size() <= 60) return tr("⚠ wrong output shape: %1").arg(reason);
    }
    const QFontMetrics fm(QApplication::font());
    return fm.elidedText(QStringLiteral("⚠ ") + problem, Qt::ElideRight, 340);
}

void NetworkScene::nodeMoved(NetworkNodeItem* item) {
    if (syncing_) return;
    for (NetworkEdgeItem* e : edges_)
        if (e->sourceId() == item->id() || e->targetId() == item->id()) e->updateGeometry();
    if (!item->isTerminal()) {
        placeTerminals();
    }
}

void NetworkScene::placeInputItem(NetworkNodeItem* in, const QList<NetworkNodeItem*>& placed) {
    // above the nodes that read it; where that spot is taken (an input read deep inside, as a decoder block's
    // encoder outputs), on the top row beside the inputs placed before it
    double sumX = 0, minY = 0, top = 0;
    int count = 0;
    bool any = false;
    for (const dl::NodeSpec& n : doc_->spec().nodes) {
        NetworkNodeItem* item = nodes_.value(QString::fromStdString(n.id));
        if (!item) continue;
        top = any ? std::min(top, item->pos().y()) : item->pos().y();
        any = true;
        if (std::none_of(n.inputs.begin(), n.inputs.end(), [&](const std::string& i) { return in->id() == i.c_str(); }))
            continue;
        sumX += item->pos().x();
        minY = count == 0 ? item->pos().y() : std::min(minY, item->pos().y());
        ++count;
    }
    auto free = [&](QPointF p) {
        const QRectF box(p.x() - NetworkNodeItem::kWidth / 2 - 10, p.y() - 28, NetworkNodeItem::kWidth + 20, 56);
        for (NetworkNodeItem* item : nodes_)
            if (item != in && (!item->isTerminal() || placed.contains(item)) &&
                item->sceneBoundingRect().intersects(box))
                return false;
        return true;
    };
    QPointF at = count > 0
                     ? QPointF(sumX / count, minY - NetworkDocument::kRowStep * 0.9)
                     : QPointF(placed.isEmpty() ? 0.0 : placed.back()->pos().x(), top - NetworkDocument::kRowStep);
    if (count > 0 && free(at)) {
        in->setPos(at);
        return;
    }
    at.setY(any ? top - NetworkDocument::kRowStep * 0.9 : 0.0);
    for (int i = 0; i < 50 && !free(at); ++i) at.rx() += NetworkDocument::kColumnStep;
    in->setPos(at);
}

void NetworkScene::placeTerminals() {
    QList<NetworkNodeItem*> placed;
    for (NetworkNodeItem* in : inputItems()) {
        placeInputItem(in, placed);
        placed << in;
    }
    if (NetworkNodeItem* out = outputItem())
        if (NetworkNodeItem* o = nodes_.value(doc_->outputId()))
            out->setPos(o->pos().x(), o->pos().y() + NetworkDocument::kRowStep * 0.9);
    for (NetworkEdgeItem* e : edges_)
        if (doc_->isNetworkInput(e->sourceId()) || e->targetId() == QLatin1String(kOutputItemId)) e->updateGeometry();
}

void NetworkScene::sync() {
    syncing_ = true;
    const QStringList selected = selectedNodeIds();
    const QList<QPair<QString, QString>> selectedEdgeList = selectedEdges();
    removeEdges();
    removeNodesNotIn(doc_->spec());
    syncInputItems();
    const dl::NetworkSpec& spec = doc_->spec();
    for (size_t i = 0; i < spec.nodes.size(); ++i) syncLayerItem(spec.nodes[i], i);
    if (!spec.nodes.empty()) syncOutputItem();
    addEdges();
    syncing_ = false;
    placeTerminals();
    separateLabels();
    // selection survives the rebuild
    for (const QString& id : selected)
        if (NetworkNodeItem* item = nodes_.value(id)) item->setSelected(true);
    for (const auto& [from, to] : selectedEdgeList)
        if (NetworkEdgeItem* e = edge(from, to)) e->setSelected(true);
    // room around the network to drop new layers
    setSceneRect(itemsBoundingRect().adjusted(-500, -300, 500, 400));
    update();
    const QString cur = currentNodeId();
    if (cur != lastCurrent_) {
        lastCurrent_ = cur;
        Q_EMIT currentNodeChanged(cur);
    }
}

void NetworkScene::removeEdges() {
    for (NetworkEdgeItem* e : edges_) {
        removeItem(e);
        delete e;
    }
    edges_.clear();
}

void NetworkScene::removeNodesNotIn(const dl::NetworkSpec& spec) {
    QSet<QString> alive;
    for (const QString& name : doc_->inputNames()) alive.insert(name);
    for (const dl::NodeSpec& n : spec.nodes) alive.insert(QString::fromStdString(n.id));
    if (!spec.nodes.empty()) alive.insert(QString::fromLatin1(kOutputItemId));
    for (auto it = nodes_.begin(); it != nodes_.end();) {
        if (!alive.contains(it.key())) {
            removeItem(it.value());
            delete it.value();
            it = nodes_.erase(it);
        } else {
            ++it;
        }
    }
}

NetworkNodeItem* NetworkScene::ensureItem(const QString& id, bool terminal) {
    NetworkNodeItem* item = nodes_.value(id);
    if (!item) {
        item = new NetworkNodeItem(this, id, terminal);
        addItem(item);
        nodes_.insert(id, item);
    }
    return item;
}

void NetworkScene::syncInputItems() {
    const QStringList names = doc_->inputNames();
    for (const QString& name : names) {
        // a node id may equal an input name only in a broken spec: the node keeps its item then
        if (doc_->indexOf(name) >= 0) continue;
        NetworkNodeItem* in = ensureItem(name, true);
        const dl::Shape shape = doc_->inputShapeOf(name);
        const QString what = names.size() == 1 ? tr("The network's input") : tr("The network's input '%1'").arg(name);
        in->setContent(
            name, shape.empty() ? tr("(shape from data set)") : formatShape(shape), {}, {},
            categoryColor(QStringLiteral("Terminal")),
            tr("%1: one example of shape %2 (the batch axis is added in training)").arg(what, formatShape(shape)));
    }
}

void NetworkScene::syncLayerItem(const dl::NodeSpec& n, size_t index) {
    const QString id = QString::fromStdString(n.id);
    NetworkNodeItem* item = ensureItem(id, false);
    double x = n.x, y = n.y;
    if (!std::isfinite(x) || !std::isfinite(y)) x = 0, y = double(index + 1) * NetworkDocument::kRowStep;
    item->setPos(x, y);
    const dl::NodeReport* r = doc_->nodeReport(id);
    const dl::LayerInfo* info = dl::find_layer_info(n.type);
    const QString category = info ? QString::fromStdString(info->category) : QString();
    QString stats, error, tip;
    if (r && r->error.empty()) {
        stats = (r->parameters > 0 ? tr("%1 params").arg(formatCount(r->parameters)) : tr("no params")) +
                QStringLiteral(" · ") + formatFlops(r->flops);
        tip = tr("<b>%1</b> (%2)<br>%3<br>out: %4")
                  .arg(id, QString::fromStdString(n.type),
                       info ? QString::fromStdString(info->summary).toHtmlEscaped() : QString(),
                       formatShape(r->output_shape));
    } else if (r) {
        error = QString::fromStdString(r->error);
        if (error.isEmpty()) stats = tr("waiting for its inputs");
    } else {
        const dl::NetworkReport& report = doc_->report();
        error = report.error.empty() ? tr("not analysed") : QString::fromStdString(report.error);
    }
    if (!error.isEmpty()) tip = error;
    item->setContent(QString::fromStdString(n.type), id, stats, error.isEmpty() ? QString() : shortError(error, id),
                     categoryColor(category), tip);
    if (!error.isEmpty()) item->setToolTip(error);
}

void NetworkScene::syncOutputItem() {
    const dl::NetworkReport& report = doc_->report();
    NetworkNodeItem* out = ensureItem(QString::fromLatin1(kOutputItemId), true);
    const dl::Shape os = doc_->outputShapeOf(doc_->outputId());
    const QString& problem = doc_->outputProblem();
    const QString error = !report.ok() ? QString::fromStdString(report.error) : problem;
    const QString fine = tr("The network's output (node '%1'): %2 per example").arg(doc_->outputId(), formatShape(os));
    out->setContent(QStringLiteral("output"), os.empty() ? QStringLiteral("?") : formatShape(os), {}, error,
                    categoryColor(QStringLiteral("Terminal")), error.isEmpty() ? fine : error);
    out->setErrorLabel(shortOutputProblem(problem));
}

void NetworkScene::addEdges() {
    for (const dl::NodeSpec& n : doc_->spec().nodes) {
        NetworkNodeItem* target = nodes_.value(QString::fromStdString(n.id));
        const int count = int(n.inputs.size());
        for (int k = 0; k < count; ++k) {
            const QString from = QString::fromStdString(n.inputs[size_t(k)]);
            // a port's wire ("encoder:state") starts at its node; the label names the port
            NetworkNodeItem* source = nodes_.value(from.left(from.indexOf(QLatin1Char(dl::kPortSeparator))));
            if (!source || !target) continue;
            auto* e = new NetworkEdgeItem(source, target, k, count, doc_->edgeShapeLabel(from), from);
            addItem(e);
            e->updateGeometry();
            edges_ << e;
        }
    }
    NetworkNodeItem* out = outputItem();
    NetworkNodeItem* last = out ? nodes_.value(doc_->outputId()) : nullptr;
    if (!last) return;
    auto* e = new NetworkEdgeItem(last, out, 0, 1, doc_->edgeShapeLabel(doc_->outputId()));
    e->setProblem(!doc_->outputProblem().isEmpty());
    e->setRemovable(false);
    e->setFlag(QGraphicsItem::ItemIsSelectable, false);
    addItem(e);
    edges_ << e;
}

void NetworkScene::separateLabels() {
    // Two wires from one node (an encoder's outputs and its state) would put their labels on the same spot.
    QList<QRectF> taken;
    for (NetworkEdgeItem* e : edges_) {
        if (e->label().isEmpty()) continue;
        auto clash = [&](const QRectF& r) {
            for (const QRectF& t : taken)
                if (t.intersects(r)) return true;
            for (NetworkNodeItem* n : nodes_)
                if (n->id() != e->sourceId() && n->id() != e->targetId() &&
                    n->mapToScene(n->shape()).boundingRect().intersects(r))
                    return true;
            return false;
        };
        for (double t : {0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85}) {
            e->setLabelPosition(t);
            if (!clash(e->labelSceneRect())) break;
        }
        if (clash(e->labelSceneRect())) e->setLabelPosition(0.5);  // nowhere free: the usual spot
        taken << e->labelSceneRect();
    }
}

NetworkNodeItem* NetworkScene::nodeAt(const QPointF& pos, const NetworkNodeItem* except) const {
    for (QGraphicsItem* it : items(pos))
        if (it->type() == NetworkNodeItem::kType && it != except) return static_cast<NetworkNodeItem*>(it);
    return nullptr;
}

void NetworkScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) {
    NetworkNodeItem* item = nodeAt(event->scenePos());
    if (item && !item->isTerminal()) {
        Q_EMIT nodeDoubleClicked(item->id());
        event->accept();
        return;
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

NetworkNodeItem* NetworkScene::portAt(const QGraphicsSceneMouseEvent* event) const {
    double radius = NetworkNodeItem::kPortHitRadius;
    // zoomed out, the port keeps a grabbable size on screen, but never takes over the node's middle
    if (auto* view = event->widget() ? qobject_cast<QGraphicsView*>(event->widget()->parentWidget()) : nullptr)
        radius = std::clamp(NetworkNodeItem::kPortHitPixels / std::max(view->transform().m11(), 1e-6), radius,
                            NetworkNodeItem::kHeight * 0.4);
    NetworkNodeItem* best = nullptr;
    double bestDistance = 1e300;
    for (NetworkNodeItem* node : nodes_) {
        if (!node->portHit(event->scenePos(), radius)) continue;
        const QPointF d = event->scenePos() - node->outputPort();
        if (const double distance = std::hypot(d.x(), d.y()); distance < bestDistance)
            best = node, bestDistance = distance;
    }
    return best;
}

void NetworkScene::startConnection(NetworkNodeItem* from) {
    connectFrom_ = from->id();
    rubberEdge_ = new QGraphicsPathItem;
    rubberEdge_->setPen(QPen(QColor(0x1e, 0x6f, 0xd9), 2, Qt::DashLine));
    rubberEdge_->setZValue(5);
    addItem(rubberEdge_);
}

void NetworkScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        if (NetworkNodeItem* node = portAt(event)) {
            startConnection(node);
            event->accept();
            return;
        }
    }
    QGraphicsScene::mousePressEvent(event);
    pressPositions_.clear();
    if (event->button() == Qt::LeftButton)
        for (const QString& id : selectedNodeIds()) pressPositions_.insert(id, nodes_.value(id)->pos());
}

void NetworkScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
    if (!connectFrom_.isEmpty() && rubberEdge_) {
        NetworkNodeItem* source = nodes_.value(connectFrom_);
        if (!source) {  // removed meanwhile (undo during the drag)
            event->accept();
            return;
        }
        const QPointF a = source->outputPort(), b = event->scenePos();
        QPainterPath path(a);
        const double dy = std::max(30.0, std::abs(b.y() - a.y()) * 0.5);
        path.cubicTo(a + QPointF(0, dy), b - QPointF(0, dy), b);
        rubberEdge_->setPath(path);
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void NetworkScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    if (!connectFrom_.isEmpty()) {
        const QString from = connectFrom_;
        connectFrom_.clear();
        delete rubberEdge_;
        rubberEdge_ = nullptr;
        NetworkNodeItem* target = nodeAt(event->scenePos());
        if (target && !target->isTerminal() && target->id() != from && nodes_.contains(from))
            doc_->connectNodes(from, target->id());
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton || pressPositions_.isEmpty()) return;
    QHash<QString, QPointF> moved;
    for (auto it = pressPositions_.begin(); it != pressPositions_.end(); ++it)
        if (NetworkNodeItem* item = nodes_.value(it.key()); item && item->pos() != it.value())
            moved.insert(it.key(), item->pos());
    pressPositions_.clear();
    if (!moved.isEmpty()) doc_->moveNodes(moved);
}

void NetworkScene::drawBackground(QPainter* painter, const QRectF& rect) {
    painter->fillRect(rect, QColor(0xf7, 0xf8, 0xfa));
    const double step = 24;
    QPen dot(QColor(0xd5, 0xda, 0xe1), 1.6);
    dot.setCapStyle(Qt::RoundCap);
    painter->setPen(dot);
    const double x0 = std::floor(rect.left() / step) * step, y0 = std::floor(rect.top() / step) * step;
    QVector<QPointF> pts;
    for (double x = x0; x < rect.right(); x += step)
        for (double y = y0; y < rect.bottom(); y += step) pts << QPointF(x, y);
    painter->drawPoints(pts.data(), int(pts.size()));
}
