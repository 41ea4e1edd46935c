#include "graph_node_item.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QPainter>

namespace {
constexpr qreal kPadding = 8;
}  // namespace

GraphNodeItem::GraphNodeItem(Kind kind, const QString& title, const QString& shape, const QString& value)
    : kind_(kind),
      title_(title),
      shape_(shape),
      value_(value),
      textFont_(QFontDatabase::systemFont(QFontDatabase::FixedFont)) {
    titleFont_.setBold(true);
    setZValue(1);  // above the arrows that pass behind it
    updateSize();
}

void GraphNodeItem::setGradient(const QString& text) {
    gradient_ = text;
    updateSize();
    update();
}

void GraphNodeItem::setHighlighted(bool on) {
    highlighted_ = on;
    update();
}

QString GraphNodeItem::body() const {
    QString text = tr("shape %1").arg(shape_) + QLatin1Char('\n') + value_;
    if (kind_ == Kind::Constant)
        text += QLatin1Char('\n') + tr("no gradient (a constant)");
    else if (!gradient_.isEmpty())
        text += QLatin1Char('\n') + tr("gradient:") + QLatin1Char('\n') + gradient_;
    else
        text += QLatin1Char('\n') + tr("gradient: not reached yet");
    return text;
}

void GraphNodeItem::updateSize() {
    prepareGeometryChange();
    const QRectF title = QFontMetricsF(titleFont_).boundingRect(QRectF(0, 0, 2000, 2000), 0, title_);
    const QRectF text = QFontMetricsF(textFont_).boundingRect(QRectF(0, 0, 2000, 2000), 0, body());
    size_ = QSizeF(std::max(title.width(), text.width()) + 2 * kPadding, title.height() + text.height() + 3 * kPadding);
}

QRectF GraphNodeItem::boundingRect() const {
    return QRectF(QPointF(-2, -2), size_ + QSizeF(4, 4));
}

QPointF GraphNodeItem::outPort() const {
    return mapToScene(QPointF(size_.width(), size_.height() / 2));
}

QPointF GraphNodeItem::inPort(int index, int count) const {
    return mapToScene(QPointF(0, size_.height() * (index + 1) / (count + 1)));
}

void GraphNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    QColor fill = kind_ == Kind::Op ? QColor(0xe8, 0xf0, 0xfb) : QColor(0xee, 0xf7, 0xe9);
    if (kind_ == Kind::Constant) fill = QColor(0xf2, 0xf2, 0xf2);
    if (!gradient_.isEmpty()) fill = QColor(0xfd, 0xf1, 0xdc);
    if (highlighted_) fill = QColor(0xff, 0xe0, 0x8a);
    painter->setPen(QPen(highlighted_ ? QColor(0xe0, 0x6c, 0x00) : QColor(0x60, 0x60, 0x60), highlighted_ ? 3 : 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(QPointF(0, 0), size_), 6, 6);
    painter->setPen(Qt::black);
    painter->setFont(titleFont_);
    const qreal titleHeight = QFontMetricsF(titleFont_).height();
    painter->drawText(QRectF(kPadding, kPadding, size_.width() - 2 * kPadding, titleHeight), Qt::AlignLeft, title_);
    painter->setFont(textFont_);
    const QRectF bodyRect(kPadding, 2 * kPadding + titleHeight, size_.width() - 2 * kPadding,
                          size_.height() - 3 * kPadding - titleHeight);
    painter->drawText(bodyRect, Qt::AlignLeft | Qt::AlignTop, body());
}
