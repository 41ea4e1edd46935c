#pragma once
// NetworkScene: draws a NetworkDocument — one rounded box per node (type, id, parameters, FLOPs;
// red with the reason when analysis reports an error), one edge per input connection labelled
// with the tensor shape it carries, an "input [1, 28, 28]" source and an "output [10]" sink.
// Moving nodes and dragging from an output port to another node become document commands.
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QHash>
#include <QPointer>

#include "ui/editor/network_document.h"

class NetworkScene;

// One network node (or a terminal: a network input, the output). Its position is the centre of the box.
class NetworkNodeItem : public QGraphicsItem {
public:
    static constexpr int kType = QGraphicsItem::UserType + 1;
    static constexpr double kWidth = 216, kHeight = 62, kPortRadius = 7;
    // A node whose type and id do not fit side by side ("PositionalEncoding" and "source_positions") shows
    // the id on a line of its own, in a taller box.
    static constexpr double kTallHeight = 76;
    // How far from a port's centre a press grabs the port: in scene units at 100 % zoom, and at
    // least kPortHitPixels screen pixels at any zoom.
    static constexpr double kPortHitRadius = 13, kPortHitPixels = 11;
    NetworkNodeItem(NetworkScene* scene, QString id, bool terminal);
    int type() const override { return kType; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    const QString& id() const { return id_; }
    bool isTerminal() const { return terminal_; }  // a network input or the output sink
    bool hasError() const { return !error_.isEmpty(); }
    const QString& error() const { return error_; }
    QString title() const { return title_; }
    QString statsText() const { return stats_; }
    QString subtitle() const { return subtitle_; }
    bool isTall() const { return tall_; }  // the id on its own line
    void setContent(const QString& title, const QString& subtitle, const QString& stats, const QString& error,
                    const QColor& accent, const QString& tooltip);
    QPointF outputPort() const;                     // scene coordinates
    QPointF inputPort(int index, int count) const;  // scene coordinates
    bool hasOutputPort() const { return id_ != QLatin1String("__output__"); }
    // True when `scenePos` is within `radius` (scene units) of the output port.
    bool portHit(const QPointF& scenePos, double radius = kPortHitRadius) const;
    // The short red line under a terminal with a problem (the full text is the tooltip).
    QString errorLabel() const { return terminal_ ? errorLabel_ : QString(); }
    void setErrorLabel(const QString& label);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    NetworkScene* scene_;
    QString id_;
    bool terminal_;
    void paintTerminal(QPainter* p, const QRectF& box, bool bad) const;
    void paintLayer(QPainter* p, const QRectF& box, bool bad) const;
    QRectF errorLabelRect() const;
    double boxHeight() const { return terminal_ ? 36 : tall_ ? kTallHeight : kHeight; }

    QString title_, subtitle_, stats_, error_, errorLabel_;
    QColor accent_;
    bool hovered_ = false;
    bool tall_ = false;
};

// One input connection: from `source` into input slot `index` of `target`. `from` is the input as the
// target's spec names it: the source's id, or its id and port ("encoder:state").
class NetworkEdgeItem : public QGraphicsItem {
public:
    static constexpr int kType = QGraphicsItem::UserType + 2;
    NetworkEdgeItem(NetworkNodeItem* source, NetworkNodeItem* target, int index, int count, QString label,
                    QString from = {});
    int type() const override { return kType; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
    void updateGeometry();

    QString sourceId() const;  // the source item's id ("encoder")
    QString targetId() const;
    const QString& from() const { return from_; }  // as the target's inputs list it ("encoder:state")
    const QString& label() const { return label_; }
    QRectF labelSceneRect() const { return mapRectToScene(labelRect()); }
    // Where along the line the label sits (0 = source, 1 = target); the scene moves it off other labels.
    void setLabelPosition(double t);
    bool removable() const { return removable_; }  // false for the output sink's edge
    void setRemovable(bool r) { removable_ = r; }
    bool hasProblem() const { return problem_; }  // drawn red: it carries the shape the data set refuses
    void setProblem(bool problem) {
        problem_ = problem;
        update();
    }

private:
    QRectF labelRect() const;
    NetworkNodeItem* source_;
    NetworkNodeItem* target_;
    int index_, count_;
    QString label_, from_;
    double labelAt_ = 0.5;
    QPainterPath path_;
    bool removable_ = true;
    bool problem_ = false;
};

class NetworkScene : public QGraphicsScene {
    Q_OBJECT

public:
    static constexpr const char* kInputItemId = "input";  // a one-input network's; others use their input names
    static constexpr const char* kOutputItemId = "__output__";

    explicit NetworkScene(NetworkDocument* doc, QObject* parent = nullptr);
    ~NetworkScene() override;
    NetworkDocument* document() const { return doc_; }

    NetworkNodeItem* nodeItem(const QString& id) const { return nodes_.value(id); }
    // The (first) network input's terminal; inputItems() has one per input, in the network's order.
    NetworkNodeItem* inputItem() const;
    QList<NetworkNodeItem*> inputItems() const;
    NetworkNodeItem* outputItem() const { return nodes_.value(QString::fromLatin1(kOutputItemId)); }
    QList<NetworkEdgeItem*> edges() const { return edges_; }
    // The edge from `from` (a node id, "node:port" or a network input) into `to`.
    NetworkEdgeItem* edge(const QString& from, const QString& to) const;
    QStringList selectedNodeIds() const;  // in the network's (topological) order, terminals excluded
    QList<QPair<QString, QString>> selectedEdges() const;
    void selectNodes(const QStringList& ids);
    // The single selected node, else the single selected terminal ("input", "__output__"), else "".
    QString currentNodeId() const;
    // "__output__" turns red with this reason (the data set's complaint about the output shape).
    static QString shortOutputProblem(const QString& problem);

    void nodeMoved(NetworkNodeItem* item);  // keeps its edges attached while dragging

public Q_SLOTS:
    void sync();  // rebuilds items from the document (keeps selection)

Q_SIGNALS:
    void currentNodeChanged(const QString& id);
    void nodeDoubleClicked(const QString& id);  // e.g. to open a block

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;

private:
    NetworkNodeItem* nodeAt(const QPointF& pos, const NetworkNodeItem* except = nullptr) const;
    // The node whose output port is under `pos` (the nearest), with a radius of at least
    // kPortHitPixels on screen at the zoom of the view that sent `event`.
    NetworkNodeItem* portAt(const QGraphicsSceneMouseEvent* event) const;
    void startConnection(NetworkNodeItem* from);
    void placeTerminals();
    void placeInputItem(NetworkNodeItem* in, const QList<NetworkNodeItem*>& placed);  // clear of `placed` inputs
    // sync()'s steps: items are kept per node id, edges are rebuilt every time.
    void removeEdges();
    void removeNodesNotIn(const dl::NetworkSpec& spec);
    NetworkNodeItem* ensureItem(const QString& id, bool terminal);
    void syncInputItems();
    void syncLayerItem(const dl::NodeSpec& node, size_t index);
    void syncOutputItem();
    void addEdges();
    void separateLabels();  // moves edge labels off each other and off node boxes

    NetworkDocument* doc_;
    QHash<QString, NetworkNodeItem*> nodes_;
    QList<NetworkEdgeItem*> edges_;
    bool syncing_ = false;
    QString lastCurrent_;
    // connection drag
    QString connectFrom_;  // id of the node whose output port is being dragged
    QGraphicsPathItem* rubberEdge_ = nullptr;
    // move tracking
    QHash<QString, QPointF> pressPositions_;
};

QColor categoryColor(const QString& category);
