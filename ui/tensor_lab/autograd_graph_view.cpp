#include "autograd_graph_view.h"

#include <QFormLayout>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainterPath>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <cmath>
#include <optional>

#include "engine/autograd/tensor_text.h"
#include "engine/core/expression_error.h"
#include "graph_layout.h"
#include "graph_node_item.h"

// A graph ready to draw: the session that evaluated it and the stepper for its backward pass.
struct AutogradGraphView::Built {
    std::unique_ptr<dl::TensorSession> session;
    std::unique_ptr<dl::BackwardStepper> stepper;
    std::string outputName;
    QString error;
    bool summed = false;  // the output has several values: the gradient is that of its sum
};

namespace {
// Boxes show small tensors whole; the graph view refuses tensors too large to read.
constexpr int64_t kMaxValuesPerNode = 4096;
const dl::TensorTextOptions kNodeText{12, 2};

QString tensorText(const dl::Tensor& t) {
    return QString::fromStdString(dl::tensor_text(t, kNodeText));
}

QString opSymbol(const std::string& op) {
    static const QHash<QString, QString> symbols{
        {QStringLiteral("add"), QStringLiteral("+")},       {QStringLiteral("sub"), QStringLiteral("−")},
        {QStringLiteral("mul"), QStringLiteral("×")},       {QStringLiteral("div"), QStringLiteral("÷")},
        {QStringLiteral("matmul"), QStringLiteral("@")},    {QStringLiteral("neg"), QStringLiteral("−")},
        {QStringLiteral("pow"), QStringLiteral("**")},      {QStringLiteral("transpose"), QStringLiteral("ᵀ")},
        {QStringLiteral("narrow"), QStringLiteral("[a:b]")}};
    return symbols.value(QString::fromStdString(op));
}

// An arrow from an input's box to its op's; one that skips columns runs below them at `detour`.
QList<QGraphicsItem*> addArrow(QGraphicsScene* scene, QPointF from, QPointF to, std::optional<qreal> detour) {
    QPainterPath path(from);
    if (detour) {
        const qreal y = *detour;
        path.cubicTo(from + QPointF(40, 0), QPointF(from.x() + 40, y), QPointF(from.x() + 80, y));
        path.lineTo(to.x() - 80, y);
        path.cubicTo(QPointF(to.x() - 40, y), to - QPointF(40, 0), to);
    } else {
        const qreal bend = std::max<qreal>(30, (to.x() - from.x()) / 2);
        path.cubicTo(from + QPointF(bend, 0), to - QPointF(bend, 0), to);
    }
    const QPen pen(QColor(0x55, 0x55, 0x55), 1.5);
    QPolygonF head;
    head << to << to + QPointF(-10, -5) << to + QPointF(-10, 5);
    return {scene->addPath(path, pen), scene->addPolygon(head, pen, QColor(0x55, 0x55, 0x55))};
}
}  // namespace

AutogradGraphView::AutogradGraphView(QWidget* parent) : QWidget(parent, Qt::Window) {
    setWindowTitle(tr("Autograd Graph"));
    inputsEdit_ = new QLineEdit(QString::fromLatin1(kDefaultInputs), this);
    expressionEdit_ = new QLineEdit(QString::fromLatin1(kDefaultExpression), this);
    inputsEdit_->setToolTip(tr("Statements separated by ';'. Every tensor they make needs a gradient."));
    buildButton_ = new QPushButton(tr("&Build graph"), this);
    stepButton_ = new QPushButton(tr("Backward &step (Space)"), this);
    runAllButton_ = new QPushButton(tr("Run &all"), this);
    resetButton_ = new QPushButton(tr("&Reset"), this);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    scene_ = new QGraphicsScene(this);
    view_ = new QGraphicsView(scene_, this);
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    auto* fields = new QFormLayout;
    fields->addRow(tr("Inputs:"), inputsEdit_);
    fields->addRow(tr("Expression:"), expressionEdit_);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {buildButton_, stepButton_, runAllButton_, resetButton_}) buttons->addWidget(b);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addLayout(buttons);
    layout->addWidget(status_);
    layout->addWidget(view_, 1);
    resize(1200, 650);

    connect(buildButton_, &QPushButton::clicked, this, &AutogradGraphView::rebuild);
    connect(inputsEdit_, &QLineEdit::returnPressed, this, &AutogradGraphView::rebuild);
    connect(expressionEdit_, &QLineEdit::returnPressed, this, &AutogradGraphView::rebuild);
    connect(resetButton_, &QPushButton::clicked, this, &AutogradGraphView::rebuild);
    connect(stepButton_, &QPushButton::clicked, this, &AutogradGraphView::backwardStep);
    connect(runAllButton_, &QPushButton::clicked, this, &AutogradGraphView::runAll);
    // Space steps unless a text field has the focus (a line edit keeps its spaces).
    auto* space = new QShortcut(QKeySequence(Qt::Key_Space), this);
    connect(space, &QShortcut::activated, this, &AutogradGraphView::backwardStep);
    connect(&watcher_, &QFutureWatcherBase::finished, this, &AutogradGraphView::showBuilt);
    rebuild();
}

AutogradGraphView::~AutogradGraphView() {
    watcher_.waitForFinished();
}

const dl::TensorSession* AutogradGraphView::session() const {
    return built_ ? built_->session.get() : nullptr;
}

const dl::BackwardStepper* AutogradGraphView::stepper() const {
    return built_ ? built_->stepper.get() : nullptr;
}

bool AutogradGraphView::busy() const {
    return pending_;
}

void AutogradGraphView::setExpression(const QString& inputs, const QString& expression) {
    inputsEdit_->setText(inputs);
    expressionEdit_->setText(expression);
    rebuild();
}

void AutogradGraphView::showStatements(const QString& statements) {
    const qsizetype split = statements.lastIndexOf(QLatin1Char(';'));
    if (split < 0)
        setExpression(inputsEdit_->text(), statements.trimmed());
    else
        setExpression(statements.left(split).trimmed(), statements.mid(split + 1).trimmed());
}

void AutogradGraphView::rebuild() {
    if (busy()) {  // the fields changed while building: build again once this one is done
        rebuildQueued_ = true;
        return;
    }
    pending_ = true;
    status_->setText(tr("Building the graph…"));
    const QString inputs = inputsEdit_->text(), expression = expressionEdit_->text();
    // Evaluated off the GUI thread: an expression may hold a large product.
    watcher_.setFuture(QtConcurrent::run([inputs, expression] { return build(inputs, expression); }));
    updateButtons();
}

std::shared_ptr<AutogradGraphView::Built> AutogradGraphView::build(const QString& inputs, const QString& expression) {
    auto b = std::make_shared<Built>();
    b->session = std::make_unique<dl::TensorSession>();
    b->session->set_leaves_require_grad(true);
    QString field = tr("Inputs");
    try {
        for (const QString& statement : inputs.split(QLatin1Char(';'), Qt::SkipEmptyParts))
            if (!statement.trimmed().isEmpty()) b->session->run(statement.trimmed().toStdString());
        field = tr("Expression");
        const dl::ExpressionResult r = b->session->run(expression.trimmed().toStdString());
        if (!r.value.is_tensor() || !r.value.tensor.requires_grad())
            throw dl::InputError("the expression does not depend on an input, so no gradient flows back");
        for (const dl::GradNode* n : dl::graph_nodes(r.value.tensor))
            if (n->value.numel() > kMaxValuesPerNode)
                throw dl::InputError("a value of shape " + dl::to_string(n->value.shape()) +
                                     " is too large to draw; use tensors of at most 4096 values");
        b->outputName = r.assigned.empty() ? "y" : r.assigned;
        b->summed = r.value.tensor.value().numel() != 1;
        b->stepper = std::make_unique<dl::BackwardStepper>(r.value.tensor);
    } catch (const dl::ExpressionError& e) {
        b->error = tr("%1, character %2: %3").arg(field).arg(e.position + 1).arg(QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        b->error = tr("%1: %2").arg(field, QString::fromStdString(e.what()));
    }
    return b;
}

void AutogradGraphView::showBuilt() {
    built_ = watcher_.result();
    pending_ = false;
    if (rebuildQueued_) {
        rebuildQueued_ = false;
        rebuild();
        return;
    }
    drawGraph();
    if (!built_->error.isEmpty()) {
        status_->setText(QStringLiteral("<span style=\"color:#c62828\">%1</span>").arg(built_->error.toHtmlEscaped()));
    } else {
        const QString y = QString::fromStdString(built_->outputName);
        QString text =
            tr("Press Backward step (or Space) to send the gradient back from %1, one node per click.").arg(y);
        if (expressionEdit_->text().contains(QStringLiteral(".T")) && !hasTransposeNode())
            text += QLatin1Char(' ') + tr("(.T of a vector is the vector itself, as in PyTorch, so it adds no node.)");
        if (built_->summed)
            text += QLatin1Char(' ') + tr("%1 holds several values: the gradients shown are those of %1.sum().").arg(y);
        status_->setText(text);
    }
    updateButtons();
    Q_EMIT graphBuilt();
}

bool AutogradGraphView::hasTransposeNode() const {
    for (const dl::GradNode* n : nodes_)
        if (std::string(n->op) == "transpose" || std::string(n->op) == "permute") return true;
    return false;
}

QString AutogradGraphView::nodeName(const dl::GradNode* node) const {
    const std::string name = built_->session->name_of(node);
    return QString::fromStdString(name.empty() ? node->op : name);
}

GraphNodeItem* AutogradGraphView::makeItem(const dl::GradNode* node) const {
    const QString shape = QString::fromStdString(dl::to_string(node->value.shape()));
    const QString value = tensorText(node->value);
    const std::string name = built_->session->name_of(node);
    if (node->inputs.empty() && node->requires_grad)
        return new GraphNodeItem(GraphNodeItem::Kind::Input, tr("input %1").arg(QString::fromStdString(name)), shape,
                                 value);
    if (node->inputs.empty()) return new GraphNodeItem(GraphNodeItem::Kind::Constant, tr("constant"), shape, value);
    QString title = QString::fromLatin1(node->op);
    const QString symbol = opSymbol(node->op);
    if (!symbol.isEmpty()) title += QStringLiteral("  ") + symbol;
    if (node == built_->stepper->output().node())
        title = tr("%1 = %2").arg(QString::fromStdString(built_->outputName), title);
    return new GraphNodeItem(GraphNodeItem::Kind::Op, title, shape, value);
}

void AutogradGraphView::drawGraph() {
    scene_->clear();
    items_.clear();
    itemOf_.clear();
    arrows_.clear();
    if (!built_ || !built_->stepper) return;
    nodes_ = dl::graph_nodes(built_->stepper->output());
    columns_ = graphColumns(nodes_);
    for (const dl::GradNode* node : nodes_) {
        GraphNodeItem* item = makeItem(node);
        scene_->addItem(item);
        items_.append(item);
        itemOf_.insert(node, item);
    }
    layoutGraph();
}

// Places the boxes column by column and draws the arrows; again after a step, as gradients grow boxes.
void AutogradGraphView::layoutGraph() {
    qDeleteAll(arrows_);
    arrows_.clear();
    if (items_.isEmpty()) return;
    const int count = *std::max_element(columns_.begin(), columns_.end()) + 1;
    std::vector<qreal> width(count, 0), height(count, 0);
    constexpr qreal kColumnGap = 90, kRowGap = 28;
    for (int i = 0; i < items_.size(); ++i) {
        width[columns_[i]] = std::max(width[columns_[i]], items_[i]->boundingRect().width());
        height[columns_[i]] += items_[i]->boundingRect().height() + kRowGap;
    }
    const qreal tallest = *std::max_element(height.begin(), height.end());
    std::vector<qreal> x(count, 0), y(count, 0);
    for (int c = 1; c < count; ++c) x[c] = x[c - 1] + width[c - 1] + kColumnGap;
    for (int c = 0; c < count; ++c) y[c] = (tallest - height[c]) / 2;  // centre each column
    for (int i = 0; i < items_.size(); ++i) {
        items_[i]->setPos(x[columns_[i]], y[columns_[i]]);
        y[columns_[i]] += items_[i]->boundingRect().height() + kRowGap;
    }
    std::vector<qreal> bottom(count, 0);  // the lowest box edge of each column
    for (int i = 0; i < items_.size(); ++i)
        bottom[columns_[i]] = std::max(bottom[columns_[i]], items_[i]->sceneBoundingRect().bottom());
    for (int i = 0; i < items_.size(); ++i) {
        const auto& inputs = nodes_[i]->inputs;
        for (size_t k = 0; k < inputs.size(); ++k) {
            GraphNodeItem* from = itemOf_[inputs[k].get()];
            const int a = columns_[items_.indexOf(from)], b = columns_[i];
            std::optional<qreal> detour;
            if (b - a > 1) detour = *std::max_element(bottom.begin() + a + 1, bottom.begin() + b) + 25;
            arrows_ += addArrow(scene_, from->outPort(),
                                items_[i]->inPort(static_cast<int>(k), static_cast<int>(inputs.size())), detour);
        }
    }
    scene_->setSceneRect(scene_->itemsBoundingRect().adjusted(-20, -20, 20, 20));
}

void AutogradGraphView::backwardStep() {
    if (busy() || !built_ || !built_->stepper || built_->stepper->done()) return;
    built_->stepper->step();
    showStep();
}

void AutogradGraphView::runAll() {
    if (busy() || !built_ || !built_->stepper) return;
    built_->stepper->run_all();
    showStep();
}

GraphNodeItem* AutogradGraphView::highlightedItem() const {
    for (GraphNodeItem* item : items_)
        if (item->highlighted()) return item;
    return nullptr;
}

void AutogradGraphView::showStep() {
    const dl::BackwardStepper& s = *built_->stepper;
    for (auto it = itemOf_.begin(); it != itemOf_.end(); ++it) {
        const dl::GradNode* n = it.key();
        // A node's gradient is shown once complete: the steps so far have reached it.
        const auto& order = s.order();
        const auto at = std::find(order.begin(), order.end(), n) - order.begin();
        const bool reached = n->requires_grad && at < s.steps_taken() && n->grad.defined();
        it.value()->setGradient(reached ? tensorText(n->grad) : QString());
        it.value()->setHighlighted(n == s.current());
    }
    const QString y = QString::fromStdString(built_->outputName);
    GraphNodeItem* current = itemFor(s.current());
    if (s.steps_taken() == 1)
        status_->setText(
            tr("Step 1 of %1: the backward pass starts at %2 with ∂%2/∂%2 = 1.").arg(s.total_steps()).arg(y));
    else if (current)
        status_->setText(tr("Step %1 of %2: every node that uses \"%3\" has passed its gradient back, so it now "
                            "holds its whole gradient ∂%4/∂(%3).")
                             .arg(s.steps_taken())
                             .arg(s.total_steps())
                             .arg(nodeName(s.current()))
                             .arg(y));
    if (s.done()) status_->setText(status_->text() + QLatin1Char(' ') + tr("Done: every input has its gradient."));
    layoutGraph();
    if (current) view_->ensureVisible(current);
    updateButtons();
    Q_EMIT stepped();
}

void AutogradGraphView::updateButtons() {
    const bool ready = !busy() && built_ && built_->stepper;
    stepButton_->setEnabled(ready && !built_->stepper->done());
    runAllButton_->setEnabled(ready && !built_->stepper->done());
    resetButton_->setEnabled(!busy());
    buildButton_->setEnabled(!busy());
}
