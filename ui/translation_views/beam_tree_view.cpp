#include "ui/translation_views/beam_tree_view.h"

#include <QBrush>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QPainterPath>
#include <QPen>

#include <algorithm>
#include <map>

namespace {
const QColor kChosen(230, 120, 20);
const QColor kFinished(214, 240, 214);
const QColor kEdge(150, 150, 150);

QString signedNumber(double v) {
    return QString::number(v, 'f', 2).replace(QLatin1Char('-'), QChar(0x2212));
}
}  // namespace

BeamTreeView::BeamTreeView(QWidget* parent) : QGraphicsView(parent) {
    setObjectName(QStringLiteral("beamTree"));
    setScene(new QGraphicsScene(this));
    setRenderHint(QPainter::Antialiasing);
    setRenderHint(QPainter::TextAntialiasing);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setBackgroundBrush(Qt::white);
    setToolTip(
        tr("Beam search: every column is one decoding step; the k hypotheses with the highest Σ log p are kept "
           "(boxes), the others dropped. Green: finished with <eos>, ranked by Σ log p / L^α. Orange: the "
           "translation chosen."));
    setResult(nullptr);
}

void BeamTreeView::setResult(const translation_inspection::Result* result, const QString& note) {
    scene()->clear();
    drawnNodes_ = 0;
    perStep_.clear();
    chosen_.clear();
    note_.clear();
    if (result && !result->translation.tree.empty())
        drawTree(*result);
    else
        drawNote(!note.isEmpty() ? note
                 : result        ? tr("Greedy decoding keeps one hypothesis per step: choose a beam width to see the "
                                             "tree of hypotheses beam search keeps.")
                                 : tr("Type an English sentence above and press Translate: beam search's hypotheses "
                                             "are drawn here as a tree."));
    scene()->setSceneRect(scene()->itemsBoundingRect().adjusted(-12, -12, 12, 12));
    fit();
}

void BeamTreeView::drawNote(const QString& text) {
    note_ = text;
    auto* item = scene()->addText(text);
    item->setTextWidth(420);
    item->setDefaultTextColor(palette().color(QPalette::PlaceholderText));
}

// Columns by step; within a step, children follow their parents' order, the better one first, so edges
// rarely cross.
void BeamTreeView::drawTree(const translation_inspection::Result& result) {
    const std::vector<dl::BeamNode>& tree = result.translation.tree;
    for (int n = result.translation.best; n >= 0; n = tree[static_cast<size_t>(n)].parent) chosen_.push_back(n);
    std::reverse(chosen_.begin(), chosen_.end());
    int steps = 0;
    for (const dl::BeamNode& node : tree) steps = std::max(steps, node.step);
    std::vector<std::vector<int>> columns(static_cast<size_t>(steps) + 1);
    std::map<int, int> row;  // tree index → row within its column
    for (size_t i = 0; i < tree.size(); ++i) columns[static_cast<size_t>(tree[i].step)].push_back(static_cast<int>(i));
    int rows = 1;
    for (auto& column : columns) {
        std::stable_sort(column.begin(), column.end(), [&](int a, int b) {
            const dl::BeamNode &x = tree[static_cast<size_t>(a)], &y = tree[static_cast<size_t>(b)];
            const int px = x.parent < 0 ? 0 : row[x.parent], py = y.parent < 0 ? 0 : row[y.parent];
            return px != py ? px < py : x.log_prob > y.log_prob;
        });
        for (size_t r = 0; r < column.size(); ++r) row[column[r]] = static_cast<int>(r);
        rows = std::max(rows, static_cast<int>(column.size()));
        perStep_.push_back(static_cast<int>(column.size()));
    }
    const auto position = [&](int n) {
        const dl::BeamNode& node = tree[static_cast<size_t>(n)];
        const double y = node.parent < 0 ? (rows - 1) * kRowHeight / 2.0 : row[n] * kRowHeight;
        return QPointF(node.step * kColumnWidth, y);
    };
    for (size_t i = 1; i < tree.size(); ++i) {
        const bool chosen = std::find(chosen_.begin(), chosen_.end(), static_cast<int>(i)) != chosen_.end();
        const QPointF from = position(tree[i].parent) + QPointF(kBoxWidth, kBoxHeight / 2.0);
        const QPointF to = position(static_cast<int>(i)) + QPointF(0, kBoxHeight / 2.0);
        QPainterPath path(from);
        const double mid = (from.x() + to.x()) / 2;
        path.cubicTo(QPointF(mid, from.y()), QPointF(mid, to.y()), to);
        scene()->addPath(path, chosen ? QPen(kChosen, 3) : QPen(kEdge, 1.2))->setZValue(chosen ? -1 : -2);
    }
    for (size_t i = 0; i < tree.size(); ++i) {
        const bool chosen = std::find(chosen_.begin(), chosen_.end(), static_cast<int>(i)) != chosen_.end();
        const QString token = i < result.tree_tokens.size() ? QString::fromStdString(result.tree_tokens[i]) : QString();
        drawNode(tree[i], token, position(static_cast<int>(i)), chosen);
    }
    for (int s = 0; s <= steps; ++s) {
        auto* label = scene()->addSimpleText(s == 0 ? tr("start") : tr("step %1").arg(s));
        label->setBrush(QColor(120, 120, 120));
        label->setPos(s * kColumnWidth + (kBoxWidth - label->boundingRect().width()) / 2, -26);
    }
}

void BeamTreeView::drawNode(const dl::BeamNode& node, const QString& token, QPointF at, bool chosen) {
    QPainterPath box;
    box.addRoundedRect(QRectF(at, QSizeF(kBoxWidth, kBoxHeight)), 6, 6);
    const QBrush fill = node.ended ? QBrush(kFinished) : QBrush(QColor(246, 248, 252));
    QPen border = chosen ? QPen(kChosen, 2.6) : QPen(QColor(120, 130, 150), 1);
    if (node.ended) border.setStyle(chosen ? Qt::SolidLine : Qt::DashLine);
    auto* item = scene()->addPath(box, border, fill);
    item->setToolTip(node.ended
                         ? tr("Finished: Σ log p %1 over %2 tokens, score %3 (Σ log p / L^α)")
                               .arg(signedNumber(node.log_prob))
                               .arg(node.step)
                               .arg(signedNumber(node.score))
                         : tr("Σ log p of the %1 tokens so far: %2").arg(node.step).arg(signedNumber(node.log_prob)));
    QFont bold = font();
    bold.setBold(true);
    auto* word = scene()->addSimpleText(token, bold);
    word->setData(0, QStringLiteral("token"));
    word->setPos(at + QPointF((kBoxWidth - word->boundingRect().width()) / 2, 4));
    const QString figure = node.parent < 0 ? tr("log p 0")
                           : node.ended    ? tr("score %1").arg(signedNumber(node.score))
                                           : tr("Σ %1").arg(signedNumber(node.log_prob));
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);
    auto* value = scene()->addSimpleText(figure, small);
    value->setBrush(QColor(70, 70, 70));
    value->setPos(at + QPointF((kBoxWidth - value->boundingRect().width()) / 2, kBoxHeight / 2.0 + 1));
    ++drawnNodes_;
}

// Small trees at natural size; a larger one shrinks to fit, down to 70 % (then the view scrolls).
void BeamTreeView::fit() {
    resetTransform();
    const QRectF r = sceneRect();
    if (r.isEmpty() || viewport()->width() < 50) return;
    const double fits = std::min({1.0, viewport()->width() / r.width(), viewport()->height() / r.height()});
    const double factor = std::max(fits, 0.7);
    scale(factor, factor);
}

void BeamTreeView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    fit();
}
