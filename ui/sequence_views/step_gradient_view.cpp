#include "ui/sequence_views/step_gradient_view.h"

#include <algorithm>
#include <cmath>

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

namespace {
// A log axis range around `r` that spans at least two decades: over less, QCustomPlot's log ticker
// falls back to linear steps (0.5, 1, 1.5) whose labels pile up at the top of a short plot.
QCPRange logRange(const QCPRange& r) {
    const double lower = r.lower / 1.5, upper = r.upper * 1.5;
    return QCPRange(std::min(lower, upper / 100), upper);
}

const QColor kMean(31, 119, 180), kTotal(44, 160, 44), kTheta(214, 39, 40);

QCPGraph* thresholdGraph(QCPAxis* x, QCPAxis* y, const QString& name) {
    auto* g = new QCPGraph(x, y);
    g->setName(name);
    g->setPen(QPen(kTheta, 1.4, Qt::DashLine));
    return g;
}

QString number(double v) {
    return QLocale().toString(v, 'g', 3);
}

}  // namespace

StepGradientView::StepGradientView(QWidget* parent)
    : QWidget(parent),
      stack_(new QStackedWidget),
      placeholder_(new QLabel),
      heatPlot_(new QCustomPlot),
      linesPlot_(new QCustomPlot),
      caption_(new QLabel),
      throttle_([this] { redraw(); }) {
    placeholder_->setObjectName(QStringLiteral("stepGradientPlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    auto* plots = new QWidget;
    auto* row = new QHBoxLayout(plots);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(heatPlot_, 1);
    row->addWidget(linesPlot_, 1);
    stack_->addWidget(plots);
    stack_->addWidget(placeholder_);
    caption_->setObjectName(QStringLiteral("stepGradientCaption"));
    caption_->setWordWrap(true);
    caption_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(stack_, 1);
    layout->addWidget(caption_);
    setUpHeatmap();
    setUpLines();
    redraw();
}

void StepGradientView::setUpHeatmap() {
    const QFont base = font();
    heatPlot_->setObjectName(QStringLiteral("stepGradientHeatmap"));
    heatPlot_->setToolTip(
        tr("‖∂L/∂hₜ‖ of the latest probed batch: how much of the loss's gradient reaches the "
           "hidden state at each time step, for each row of the batch."));
    heatPlot_->setBackground(Qt::white);
    heatPlot_->setMinimumSize(260, 180);
    heat_ = heatmap_plot::addHeatmap(heatPlot_, 0, 0, base, tr("‖∂L/∂hₜ‖"));
    heat_.rect->axis(QCPAxis::atBottom)->setLabel(tr("time step t"));
    heat_.rect->axis(QCPAxis::atLeft)->setLabel(tr("batch row"));
}

void StepGradientView::setUpLines() {
    const QFont base = font();
    QCustomPlot* p = linesPlot_;
    p->setObjectName(QStringLiteral("stepGradientLines"));
    p->setBackground(Qt::white);
    p->setMinimumSize(260, 180);
    p->setAntialiasedElements(QCP::aePlottables);
    for (QCPAxis* a : {p->xAxis, p->yAxis}) plot_style::styleAxis(a, base);
    p->xAxis->setLabel(tr("time step t"));
    p->yAxis->setLabel(tr("‖∂L/∂hₜ‖"));  // the mean over rows, as the caption says; short, to fit the row
    // Log scales: θ (a global norm) and the per-step norms can be decades apart.
    for (QCPAxis* a : {p->yAxis}) {
        a->setScaleType(QCPAxis::stLogarithmic);
        auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
        ticker->setTickCount(3);
        a->setTicker(ticker);
        a->setNumberFormat(QStringLiteral("gb"));
    }
    mean_ = p->addGraph();
    mean_->setName(tr("mean over rows"));
    mean_->setPen(QPen(kMean, 1.6));
    mean_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3.5));
    meanTheta_ = thresholdGraph(p->xAxis, p->yAxis, tr("θ"));

    totalRect_ = new QCPAxisRect(p);
    p->plotLayout()->addElement(1, 0, totalRect_);
    QCPAxis* tx = totalRect_->axis(QCPAxis::atBottom);
    QCPAxis* ty = totalRect_->axis(QCPAxis::atLeft);
    for (QCPAxis* a : {tx, ty}) plot_style::styleAxis(a, base);
    tx->setLabel(tr("training step"));
    ty->setLabel(tr("global norm"));
    ty->setScaleType(QCPAxis::stLogarithmic);  // an explosion spans decades
    auto totalTicker = QSharedPointer<QCPAxisTickerLog>::create();
    totalTicker->setTickCount(3);
    ty->setTicker(totalTicker);
    ty->setNumberFormat(QStringLiteral("gb"));
    total_ = new QCPGraph(tx, ty);
    total_->setName(tr("before clipping"));
    total_->setPen(QPen(kTotal, 1.2));
    totalTheta_ = thresholdGraph(tx, ty, tr("θ"));
    auto* columns = new QCPMarginGroup(p);
    p->axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, columns);
    totalRect_->setMarginGroup(QCP::msLeft | QCP::msRight, columns);
}

void StepGradientView::setModel(SequenceSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model_) {
        connect(model_, &SequenceSnapshot::stepGradientsChanged, this, [this] { throttle_.request(); });
        connect(model_, &SequenceSnapshot::networkChanged, this, [this] { throttle_.request(); });
    }
    throttle_.now();
}

void StepGradientView::refreshNow() {
    throttle_.now();
}

void StepGradientView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    Q_EMIT visibleChanged(true);
}

void StepGradientView::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    Q_EMIT visibleChanged(false);
}

QString StepGradientView::placeholderText() const {
    if (!model_ || !model_->isLanguageModel())
        return tr(
            "The gradient reaching each time step is shown for recurrent language models: choose The Time "
            "Machine and a recurrent preset (e.g. lstm).");
    if (model_->recurrentNode().empty())
        return tr("The network has no recurrent layer (RNN, GRU or LSTM) whose time steps could be shown.");
    if (!model_->stepNorms().defined() && model_->totalNorms().isEmpty())
        return tr("Train to see how much gradient reaches each time step of %1.")
            .arg(QString::fromStdString(model_->recurrentNode().id));
    return {};
}

void StepGradientView::redraw() {
    const QString text = placeholderText();
    placeholder_->setText(text);
    stack_->setCurrentIndex(text.isEmpty() ? 0 : 1);
    showStepNorms();
    showTotalNorms();
    showThreshold();
    heatPlot_->replot(QCustomPlot::rpQueuedReplot);
    linesPlot_->replot(QCustomPlot::rpQueuedReplot);
}

void StepGradientView::showStepNorms() {
    const dl::Tensor* norms = model_ && model_->stepNorms().defined() ? &model_->stepNorms() : nullptr;
    const int rows = norms ? static_cast<int>(norms->size(0)) : 0, steps = norms ? static_cast<int>(norms->size(1)) : 0;
    std::vector<double> cells(static_cast<size_t>(rows) * steps);
    for (size_t i = 0; i < cells.size(); ++i) cells[i] = (*norms)[static_cast<int64_t>(i)];
    heatmap_plot::setCells(heat_, rows, steps, cells);
    heat_.map->setVisible(norms != nullptr);
    QVector<double> keys, values;
    const std::vector<double> mean = model_ ? model_->meanStepNorms() : std::vector<double>{};
    for (size_t t = 0; t < mean.size(); ++t) keys << static_cast<double>(t + 1), values << mean[t];
    mean_->setData(keys, values, true);
    mean_->rescaleAxes();
    linesPlot_->xAxis->setRange(0.5, std::max<double>(steps, 1) + 0.5);
}

void StepGradientView::showTotalNorms() {
    if (!model_) return total_->data()->clear();
    const DecimatedSeries& s = model_->totalNorms();
    total_->setData(s.x(), s.y(), true);
    total_->rescaleAxes();
}

// θ as a dashed line over both plots while clipping is on; the y ranges include it so it is seen.
void StepGradientView::showThreshold() {
    const double theta = model_ ? model_->clipThreshold() : 0;
    const bool on = theta > 0;
    meanTheta_->setVisible(on);
    totalTheta_->setVisible(on);
    const QCPRange meanKeys = linesPlot_->xAxis->range();
    const QCPRange totalKeys = total_->keyAxis()->range();
    meanTheta_->setData({meanKeys.lower, meanKeys.upper}, {theta, theta}, true);
    totalTheta_->setData({totalKeys.lower, totalKeys.upper}, {theta, theta}, true);
    QCPRange meanRange = linesPlot_->yAxis->range(), totalRange = total_->valueAxis()->range();
    if (on) meanRange.expand(theta), totalRange.expand(theta);
    if (meanRange.lower > 0) linesPlot_->yAxis->setRange(logRange(meanRange));
    if (totalRange.lower > 0) total_->valueAxis()->setRange(logRange(totalRange));
    QString text;
    if (model_ && model_->stepNorms().defined()) {
        const std::vector<double> mean = model_->meanStepNorms();
        text = tr("Step %1: mean ‖∂L/∂hₜ‖ %2 at t = 1, %3 at t = %4 (the last step, nearest the loss).")
                   .arg(model_->stepNormsStep())
                   .arg(number(mean.front()), number(mean.back()))
                   .arg(mean.size());
    }
    if (model_ && !model_->totalNorms().isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) +
                tr("Global norm %1; %2.")
                    .arg(number(model_->totalNorms().y().back()),
                         on ? tr("clipped to θ = %1 when above").arg(number(theta)) : tr("clipping is off"));
    caption_->setText(text);
}

bool StepGradientView::thresholdShown() const {
    return meanTheta_->visible();
}

QString StepGradientView::caption() const {
    return caption_->text();
}

bool StepGradientView::placeholderVisible() const {
    return stack_->currentIndex() == 1;
}

QString StepGradientView::placeholder() const {
    return placeholder_->text();
}
