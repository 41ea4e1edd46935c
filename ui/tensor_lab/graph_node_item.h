#pragma once
// GraphNodeItem: one node of the autograd graph as a box: what it is (an input, a constant or an op),
// its shape and value, and, once the backward pass has reached it, its gradient. The node the last
// backward step completed is highlighted.
#include <QCoreApplication>
#include <QFont>
#include <QGraphicsItem>
#include <QString>

class GraphNodeItem : public QGraphicsItem {
    Q_DECLARE_TR_FUNCTIONS(GraphNodeItem)

public:
    enum class Kind { Input, Constant, Op };
    GraphNodeItem(Kind kind, const QString& title, const QString& shape, const QString& value);

    // The gradient as text; empty clears it.
    void setGradient(const QString& text);
    void setHighlighted(bool on);

    Kind kind() const { return kind_; }
    QString title() const { return title_; }
    QString gradientText() const { return gradient_; }
    bool highlighted() const { return highlighted_; }
    // Where arrows leave and arrive, in scene coordinates.
    QPointF outPort() const;
    // Input `index` of `count` arrives at its own height on the left edge.
    QPointF inPort(int index = 0, int count = 1) const;

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void updateSize();
    QString body() const;

    Kind kind_;
    QString title_, shape_, value_, gradient_;
    bool highlighted_ = false;
    QFont titleFont_, textFont_;
    QSizeF size_;
};
