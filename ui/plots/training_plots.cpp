#include "ui/plots/training_plots.h"

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

namespace {

using plot_style::styleAxis;
using plot_style::styleLegend;

// Tableau 10: distinct, colour-blind friendlier than Qt's defaults.
const QColor kPalette[] = {QColor(31, 119, 180),  QColor(255, 127, 14), QColor(44, 160, 44),   QColor(214, 39, 40),
                           QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
                           QColor(188, 189, 34),  QColor(23, 190, 207)};
const QColor kLossBlue(31, 119, 180), kTrainLoss(12, 55, 105), kTestLoss(214, 39, 40), kTrainAcc(255, 127, 14),
    kTestAcc(44, 160, 44), kBest(0, 100, 0);
constexpr double kLogFloor = 1e-12;  // norms of exactly 0 still appear on a log axis

// Moves the legend out of the axis rect's inset into cell (row, column) of the plot layout.
void moveLegend(QCustomPlot* plot, int row, int column) {
    plot->axisRect()->insetLayout()->take(plot->legend);
    plot->plotLayout()->addElement(row, column, plot->legend);
}

QCPGraph* addGraph(QCustomPlot* plot, QCPAxis* key, QCPAxis* value, const QString& name, const QPen& pen,
                   QCPScatterStyle scatter = QCPScatterStyle()) {
    QCPGraph* g = plot->addGraph(key, value);
    g->setName(name);
    g->setPen(pen);
    g->setScatterStyle(scatter);
    g->setAntialiased(true);
    g->setAntialiasedScatters(true);
    return g;
}

// Per-epoch values at x = epoch, skipping NaN (no test set, regression).
void setEpochData(QCPGraph* graph, const std::vector<dl::EpochMetrics>& epochs, double dl::EpochMetrics::*field) {
    QVector<double> x, y;
    x.reserve(static_cast<qsizetype>(epochs.size()));
    y.reserve(static_cast<qsizetype>(epochs.size()));
    for (const dl::EpochMetrics& m : epochs) {
        if (!std::isfinite(m.*field)) continue;
        x.append(m.epoch);
        y.append(m.*field);
    }
    graph->setData(x, y, true);
}

}  // namespace

// ---- HistoryPlot ------------------------------------------------------------------------------

HistoryPlot::HistoryPlot(QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot(this)), throttle_([this] { redraw(); }) {
    plot_->setAntialiasedElements(QCP::aePlottables | QCP::aeItems | QCP::aeScatters | QCP::aeLegendItems);
    plot_->setNoAntialiasingOnDrag(true);
    plot_->setBackground(Qt::white);
    plot_->setMinimumSize(320, 200);
}

void HistoryPlot::setHistory(MetricsHistory* history) {
    if (connection_) disconnect(connection_);
    history_ = history;
    if (history) connection_ = connect(history, &MetricsHistory::changed, this, [this] { throttle_.request(); });
    refreshNow();
}

void HistoryPlot::redraw() {
    if (history_) updateFromHistory(*history_);
    plot_->replot(immediate_ ? QCustomPlot::rpRefreshHint : QCustomPlot::rpQueuedReplot);
}

void HistoryPlot::refreshNow() {
    immediate_ = true;
    throttle_.now();
    immediate_ = false;
}

// ---- LossAccuracyPlot -------------------------------------------------------------------------

LossAccuracyPlot::LossAccuracyPlot(QWidget* parent) : HistoryPlot(parent) {
    QCustomPlot* p = plot();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(p);
    const QFont base = font();

    QCPAxis *x = p->xAxis, *loss = p->yAxis, *acc = p->yAxis2;
    for (QCPAxis* a : {x, loss, acc}) styleAxis(a, base);
    x->setLabel(tr("epoch"));
    loss->setLabel(tr("loss"));
    acc->setLabel(tr("accuracy"));
    acc->setVisible(true);
    acc->setTickLabels(true);
    acc->grid()->setVisible(false);
    acc->setRange(0, 1.03);
    auto accTicker = QSharedPointer<QCPAxisTickerFixed>::create();
    accTicker->setTickStep(0.2);
    acc->setTicker(accTicker);
    x->setRange(0, 1);
    loss->setRange(0, 1);

    QColor faint = kLossBlue;
    faint.setAlpha(60);
    batchLoss_ = addGraph(p, x, loss, tr("loss per batch"), QPen(faint, 1));
    smoothedLoss_ = addGraph(p, x, loss, tr("smoothed loss"), QPen(kLossBlue, 2));
    trainLoss_ = addGraph(p, x, loss, tr("train loss (epoch)"), QPen(kTrainLoss, 1.5),
                          QCPScatterStyle(QCPScatterStyle::ssCircle, kTrainLoss, Qt::white, 6));
    testLoss_ = addGraph(p, x, loss, tr("test loss"), QPen(kTestLoss, 1.5, Qt::DashLine),
                         QCPScatterStyle(QCPScatterStyle::ssCircle, kTestLoss, Qt::white, 6));
    trainAcc_ = addGraph(p, x, acc, tr("train accuracy"), QPen(kTrainAcc, 2),
                         QCPScatterStyle(QCPScatterStyle::ssDisc, kTrainAcc, 6));
    testAcc_ = addGraph(p, x, acc, tr("test accuracy"), QPen(kTestAcc, 2),
                        QCPScatterStyle(QCPScatterStyle::ssDisc, kTestAcc, 6));
    reference_ = addGraph(p, x, acc, QStringLiteral("reference"), QPen(QColor(120, 120, 120), 1.2, Qt::DashLine));
    reference_->setVisible(false);
    perplexity_ = addGraph(p, x, acc, tr("perplexity"), QPen(kTrainAcc, 2),
                           QCPScatterStyle(QCPScatterStyle::ssDisc, kTrainAcc, 6));
    perplexity_->setVisible(false);
    buildBertGraphs();
    buildBestEpoch();
    buildLegend();
}

// Below the axes, three rows filled column by column, as tall as its rows need (see fitLegend()).
void LossAccuracyPlot::buildLegend() {
    QCustomPlot* p = plot();
    styleLegend(p->legend, font());
    moveLegend(p, 1, 0);
    p->legend->clearItems();  // filled by updateFromHistory() with what is shown
    p->legend->setWrap(kLegendColumns);
    p->legend->setFillOrder(QCPLegend::foColumnsFirst);  // row by row, kLegendColumns entries a row
    p->legend->setMargins(QMargins(6, 2, 6, 4));
    p->legend->setRowSpacing(0);
    p->plotLayout()->setRowStretchFactor(1, 0.001);
    p->plotLayout()->setRowSpacing(0);
}

void LossAccuracyPlot::buildBertGraphs() {
    QCustomPlot* p = plot();
    const QColor mlm(230, 120, 0), nsp(120, 60, 170);
    QColor faintMlm = mlm, faintNsp = nsp;
    faintMlm.setAlpha(110), faintNsp.setAlpha(110);
    mlmBatch_ = addGraph(p, p->xAxis, p->yAxis, tr("MLM loss per batch"), QPen(faintMlm, 1.2));
    nspBatch_ = addGraph(p, p->xAxis, p->yAxis, tr("NSP loss per batch"), QPen(faintNsp, 1.2));
    mlmEpoch_ = addGraph(p, p->xAxis, p->yAxis, tr("MLM loss (epoch)"), QPen(mlm, 2),
                         QCPScatterStyle(QCPScatterStyle::ssCircle, mlm, Qt::white, 7));
    nspEpoch_ = addGraph(p, p->xAxis, p->yAxis, tr("NSP loss (epoch)"), QPen(nsp, 2),
                         QCPScatterStyle(QCPScatterStyle::ssCircle, nsp, Qt::white, 7));
    const QColor accuracy(44, 160, 44);
    nspAcc_ = addGraph(p, p->xAxis, p->yAxis2, tr("NSP accuracy"), QPen(accuracy, 2),
                       QCPScatterStyle(QCPScatterStyle::ssDiamond, accuracy, accuracy, 9));
    for (QCPGraph* g : {mlmBatch_, nspBatch_, mlmEpoch_, nspEpoch_, nspAcc_}) g->setVisible(false);
}

// BERT pretraining: its two losses and the next-sentence accuracy; the epoch points of a run cut at a step
// sit at that step, not at the end of an epoch it never finished.
bool LossAccuracyPlot::updateBert(const MetricsHistory& h) {
    const bool bert = h.isBertPretraining();
    for (QCPGraph* g : {mlmBatch_, nspBatch_, mlmEpoch_, nspEpoch_, nspAcc_}) g->setVisible(bert);
    mlmBatch_->setData(h.batchMlmLoss().x(), h.batchMlmLoss().y(), true);
    nspBatch_->setData(h.batchNspLoss().x(), h.batchNspLoss().y(), true);
    setEpochData(mlmEpoch_, h.epochs(), &dl::EpochMetrics::mlm_loss);
    setEpochData(nspEpoch_, h.epochs(), &dl::EpochMetrics::nsp_loss);
    setEpochData(nspAcc_, h.epochs(), &dl::EpochMetrics::nsp_acc);
    if (!bert || h.batchLoss().isEmpty()) return bert;
    const double lastX = h.batchLoss().x().last();
    for (QCPGraph* g : {trainLoss_, mlmEpoch_, nspEpoch_, nspAcc_})
        if (g->dataCount() > 0 && g->data()->at(g->dataCount() - 1)->key > lastX) {
            const double y = g->data()->at(g->dataCount() - 1)->value;
            g->data()->remove(g->data()->at(g->dataCount() - 1)->key);
            g->addData(lastX, y);
        }
    return bert;
}

// A star on the best test accuracy, and the note that explains a dip after it (hidden until then).
void LossAccuracyPlot::buildBestEpoch() {
    QCustomPlot* p = plot();
    bestAcc_ = addGraph(p, p->xAxis, p->yAxis2, tr("best test accuracy"), QPen(Qt::NoPen),
                        QCPScatterStyle(QCPScatterStyle::ssStar, QPen(kBest, 2), Qt::NoBrush, 14));
    bestAcc_->setLineStyle(QCPGraph::lsNone);
    bestAcc_->setVisible(false);
    dipNote_ = new QCPItemText(p);
    dipNote_->setObjectName(QStringLiteral("dipNote"));
    dipNote_->position->setType(QCPItemPosition::ptAxisRectRatio);
    dipNote_->position->setCoords(0.98, 0.55);  // right, between the accuracy curves and the falling loss
    dipNote_->setPositionAlignment(Qt::AlignRight | Qt::AlignVCenter);
    dipNote_->setTextAlignment(Qt::AlignLeft);
    dipNote_->setFont(plot_style::sized(font(), 8.5));
    dipNote_->setColor(QColor(60, 60, 60));
    dipNote_->setBrush(QColor(255, 255, 255, 225));
    dipNote_->setPen(QPen(QColor(200, 200, 200)));
    dipNote_->setPadding(QMargins(6, 4, 6, 4));
    dipNote_->setVisible(false);
}

void LossAccuracyPlot::updateFromHistory(const MetricsHistory& h) {
    batchLoss_->setData(h.batchLoss().x(), h.batchLoss().y(), true);
    smoothedLoss_->setData(h.smoothedLoss().x(), h.smoothedLoss().y(), true);
    setEpochData(trainLoss_, h.epochs(), &dl::EpochMetrics::train_loss);
    setEpochData(testLoss_, h.epochs(), &dl::EpochMetrics::test_loss);
    setEpochData(trainAcc_, h.epochs(), &dl::EpochMetrics::train_acc);
    setEpochData(testAcc_, h.epochs(), &dl::EpochMetrics::test_acc);

    // Epoch axis: the whole planned run when known, so progress is visible.
    double xMax = h.hasRun() ? h.runInfo().epochs : 0;
    if (h.hasRun() && h.plannedSteps() > 0 && h.runInfo().batches_per_epoch > 0)  // the run ends at a step
        xMax =
            std::min(xMax, static_cast<double>(h.plannedSteps()) / static_cast<double>(h.runInfo().batches_per_epoch));
    if (!h.batchLoss().isEmpty()) xMax = std::max(xMax, h.batchLoss().x().last());
    if (!h.epochs().empty() && h.plannedSteps() <= 0)
        xMax = std::max(xMax, static_cast<double>(h.epochs().back().epoch));
    plot()->xAxis->setRange(0, h.plannedSteps() > 0 && xMax > 0 ? xMax * 1.04 : std::max(1.0, xMax));

    double lossMax = 0;
    for (double v : h.batchLoss().y()) lossMax = std::max(lossMax, v);
    for (const dl::EpochMetrics& m : h.epochs())
        for (double v : {m.train_loss, m.test_loss})
            if (std::isfinite(v)) lossMax = std::max(lossMax, v);
    plot()->yAxis->setRange(0, lossMax > 0 ? lossMax * 1.05 : 1.0);

    // A language model is judged by its perplexity (D2L §8.4), which takes the right axis; accuracy
    // only means something for classification.
    const bool language = updatePerplexity(h);
    const bool bert = updateBert(h);
    const bool classification = !language && !bert && (!h.hasRun() || h.runInfo().classification);
    plot()->yAxis2->setVisible(classification || language || bert);
    trainAcc_->setVisible(classification);
    testAcc_->setVisible(classification);
    updateReference(h, classification);
    updateBestEpoch(h, classification);
    updateLegend(classification);
}

bool LossAccuracyPlot::updatePerplexity(const MetricsHistory& h) {
    setEpochData(perplexity_, h.epochs(), &dl::EpochMetrics::perplexity);
    const bool language = perplexity_->dataCount() > 0;
    perplexity_->setVisible(language);
    QCPAxis* right = plot()->yAxis2;
    if (language) {
        double top = 1;
        for (const dl::EpochMetrics& m : h.epochs())
            if (std::isfinite(m.perplexity)) top = std::max(top, m.perplexity);
        right->setLabel(tr("perplexity"));
        right->setTicker(QSharedPointer<QCPAxisTicker>::create());
        right->setRange(0, top * 1.05);
    } else if (right->label() != tr("accuracy")) {
        right->setLabel(tr("accuracy"));
        auto accTicker = QSharedPointer<QCPAxisTickerFixed>::create();
        accTicker->setTickStep(0.2);
        right->setTicker(accTicker);
        right->setRange(0, 1.03);
    }
    return language;
}

void LossAccuracyPlot::updateReference(const MetricsHistory& h, bool classification) {
    const std::optional<double> ref = h.referenceAccuracy();
    if (ref && classification) {
        const QCPRange r = plot()->xAxis->range();
        reference_->setData(QVector<double>{r.lower, r.upper}, QVector<double>{*ref, *ref}, true);
        QString name = tr("reference %1%").arg(*ref * 100, 0, 'g', 3);
        if (!h.referenceNote().isEmpty()) name += QStringLiteral(" (%1)").arg(h.referenceNote());
        reference_->setName(name);
        reference_->setVisible(true);
    } else {
        reference_->data()->clear();
        reference_->setVisible(false);
    }
}

// The last epoch is not always the best: SGD's last noisy batches can leave the weights a little
// worse than an epoch before (D2L's mlp preset: 0.858 at epoch 9, 0.808 at epoch 10).
void LossAccuracyPlot::updateBestEpoch(const MetricsHistory& h, bool classification) {
    const std::optional<size_t> best = classification ? h.bestTestEpoch() : std::nullopt;
    bestAcc_->setVisible(best.has_value());
    if (!best) {
        bestAcc_->data()->clear();
        dipNote_->setVisible(false);
        return;
    }
    const dl::EpochMetrics& top = h.epochs()[*best];
    const dl::EpochMetrics& last = h.epochs().back();
    bestAcc_->setData(QVector<double>{static_cast<double>(top.epoch)}, QVector<double>{top.test_acc}, true);
    bestAcc_->setName(tr("best test accuracy (epoch %1)").arg(top.epoch));
    const bool dip = std::isfinite(last.test_acc) && top.test_acc - last.test_acc >= kNoticeableDip;
    dipNote_->setVisible(dip);
    if (!dip) return;
    dipNote_->setText(tr("Best test accuracy %1 at epoch %2 (★), last epoch %3:\n"
                         "the dip is SGD noise from the last batches, not lost learning.\n"
                         "Learning-rate decay (D2L §12.11) or early stopping (§5.5) "
                         "keeps the best.")
                          .arg(QString::number(top.test_acc, 'f', 3))
                          .arg(top.epoch)
                          .arg(QString::number(last.test_acc, 'f', 3)));
}

// The legend lists what is shown: no test loss without a test set, no accuracy for regression.
void LossAccuracyPlot::updateLegend(bool classification) {
    QList<QCPGraph*> entries{batchLoss_, smoothedLoss_, trainLoss_};
    if (testLoss_->dataCount() > 0) entries << testLoss_;
    if (classification) entries << trainAcc_ << testAcc_;
    if (perplexity_->visible()) entries << perplexity_;
    if (mlmBatch_->visible()) entries << mlmBatch_ << nspBatch_ << mlmEpoch_ << nspEpoch_ << nspAcc_;
    if (reference_->visible()) entries << reference_;
    if (bestAcc_->visible()) entries << bestAcc_;
    if (entries != legendEntries_) {
        legendEntries_ = entries;
        legendColumns_ = 0;  // refill
    }
    fitLegend();
}

// As many columns (at most kLegendColumns) as the plot's width holds, so that no entry is cut off
// at the right in a narrow dock; the rows then take the height they need below the axes.
void LossAccuracyPlot::fitLegend() {
    if (legendColumns_ > 0 && legendWidth_ == plot()->width()) return;  // fitted to this width already
    legendWidth_ = plot()->width();
    for (int columns = kLegendColumns; columns >= 1; --columns) {
        fillLegend(columns);
        if (plot()->legend->minimumOuterSizeHint().width() <= plot()->width()) return;
    }
}

void LossAccuracyPlot::fillLegend(int columns) {
    if (columns == legendColumns_) return;
    QCPLegend* legend = plot()->legend;
    legend->clearItems();
    legend->setWrap(columns);
    for (QCPGraph* g : legendEntries_) g->addToLegend(legend);
    // Room below each entry's text: a row exactly QFontMetrics::height() tall clipped the bottom of
    // "p", "y" and "(" on X11, whose glyphs reach below the font's descent.
    for (int i = 0; i < legend->itemCount(); ++i)
        if (QCPAbstractLegendItem* item = legend->item(i)) item->setMargins(QMargins(0, 1, 0, 3));
    legendColumns_ = columns;
}

void LossAccuracyPlot::resizeEvent(QResizeEvent* event) {
    HistoryPlot::resizeEvent(event);
    fitLegend();
}

// ---- GradientNormPlot -------------------------------------------------------------------------

GradientNormPlot::GradientNormPlot(QWidget* parent) : HistoryPlot(parent) {
    QCustomPlot* p = plot();
    warning_ = new QLabel(this);
    warning_->setWordWrap(true);
    warning_->setObjectName(QStringLiteral("gradientWarning"));
    warning_->setStyleSheet(
        QStringLiteral("QLabel { background: #fff3cd; color: #5c4400; border: 1px solid #f0d58c;"
                       " border-radius: 4px; padding: 6px 8px; }"));
    warning_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    warning_->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(warning_);
    layout->addWidget(p, 1);
    buildLinesAndLegend();
    buildHeatmap();
    // Align the two plot areas left and right, and the colour scale with the heatmap.
    auto* columns = new QCPMarginGroup(p);
    p->axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, columns);
    heatRect_->setMarginGroup(QCP::msLeft | QCP::msRight, columns);
    auto* rows = new QCPMarginGroup(p);
    colorScale_->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
    heatRect_->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
    p->plotLayout()->setRowStretchFactor(0, 1.3);
    p->plotLayout()->setRowStretchFactor(1, 1.0);
    p->plotLayout()->setColumnStretchFactor(1, 0.01);
}

// Top: one line per layer, log y; right of it the legend (layer names), kept at the top of its cell by a
// stretching spacer.
void GradientNormPlot::buildLinesAndLegend() {
    QCustomPlot* p = plot();
    const QFont base = font();
    for (QCPAxis* a : {p->xAxis, p->yAxis}) styleAxis(a, base);
    p->yAxis->setScaleType(QCPAxis::stLogarithmic);
    auto logTicker = QSharedPointer<QCPAxisTickerLog>::create();
    logTicker->setSubTickCount(8);  // minor ticks at 2..9 x 10^k
    p->yAxis->setTicker(logTicker);
    p->yAxis->setNumberFormat(QStringLiteral("eb"));
    p->yAxis->setNumberPrecision(0);
    p->yAxis->setLabel(tr("gradient L2 norm"));
    p->yAxis->setRange(1e-4, 1e1);
    p->xAxis->setRange(0, 1);
    p->xAxis->setTickLabels(false);  // the heatmap below shares the step axis and labels it
    styleLegend(p->legend, base);
    p->axisRect()->insetLayout()->take(p->legend);
    auto* side = new QCPLayoutGrid;
    p->plotLayout()->addElement(0, 1, side);
    side->addElement(0, 0, p->legend);
    side->addElement(1, 0, new QCPLayoutElement(p));
    side->setRowStretchFactor(0, 0.001);
    side->setRowSpacing(0);
    p->legend->setMargins(QMargins(8, 12, 4, 4));
    p->legend->setMaximumSize(220, QWIDGETSIZE_MAX);
}

// Bottom: layer × step heatmap with its colour scale.
void GradientNormPlot::buildHeatmap() {
    QCustomPlot* p = plot();
    const QFont base = font();
    heatRect_ = new QCPAxisRect(p);
    p->plotLayout()->addElement(1, 0, heatRect_);
    QCPAxis* hx = heatRect_->axis(QCPAxis::atBottom);
    QCPAxis* hy = heatRect_->axis(QCPAxis::atLeft);
    for (QCPAxis* a : {hx, hy}) styleAxis(a, base);
    hx->setLabel(tr("step"));
    hy->grid()->setVisible(false);
    hx->grid()->setVisible(false);
    hy->setRangeReversed(true);  // first layer on top, as in the network
    hy->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    hy->setTickLength(0, 0);
    heatmap_ = new QCPColorMap(hx, hy);
    heatmap_->setInterpolate(false);
    heatmap_->setTightBoundary(false);
    colorScale_ = new QCPColorScale(p);
    p->plotLayout()->addElement(1, 1, colorScale_);
    colorScale_->setType(QCPAxis::atRight);
    colorScale_->setBarWidth(12);
    colorScale_->setDataScaleType(QCPAxis::stLogarithmic);
    colorScale_->axis()->setTicker(QSharedPointer<QCPAxisTickerText>::create());  // see fitColourScaleTicks
    styleAxis(colorScale_->axis(), base);
    colorScale_->axis()->setLabel(tr("norm"));
    heatmap_->setColorScale(colorScale_);
    heatmap_->setGradient(plot_style::viridis());
    heatmap_->setDataScaleType(QCPAxis::stLogarithmic);
}

int GradientNormPlot::layerGraphCount() const {
    return plot()->graphCount();
}

QCPGraph* GradientNormPlot::layerGraph(int layer) const {
    return plot()->graph(layer);
}

// The colour scale is only as tall as the heatmap: labels at its two ends (the lowest and highest
// norm shown), and the geometric middle when there is room; a log ticker put 2, 4, 6, 8 · 10^k
// there, one on top of the other.
void GradientNormPlot::fitColourScaleTicks() {
    auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(colorScale_->axis()->ticker());
    const QCPRange range = heatmap_->dataRange();
    ticker->clear();
    if (!(range.lower > 0) || !(range.upper > range.lower)) return;
    const auto label = [](double v) { return QString::number(v, 'g', 2); };
    ticker->addTick(range.lower, label(range.lower));
    ticker->addTick(range.upper, label(range.upper));
    const int lineHeight = QFontMetrics(colorScale_->axis()->tickLabelFont()).height();
    if (colorScale_->rect().height() >= 5 * lineHeight) {  // from the last layout; 0 before the first
        const double middle = std::sqrt(range.lower * range.upper);
        ticker->addTick(middle, label(middle));
    }
}

void GradientNormPlot::rebuildLayers(const MetricsHistory& h) {
    QCustomPlot* p = plot();
    p->clearGraphs();
    layerNames_.clear();
    for (int i = 0; i < h.layerCount(); ++i) {
        layerNames_ << h.layerName(i);
        const QColor c = kPalette[i % std::size(kPalette)];
        addGraph(p, p->xAxis, p->yAxis, h.layerName(i), QPen(c, 1.6));
    }
    // Layer names as the heatmap's y labels; with many layers label every k-th one.
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const int every = std::max(1, static_cast<int>(std::ceil(layerNames_.size() / 16.0)));
    for (int i = 0; i < layerNames_.size(); i += every) ticker->addTick(i, layerNames_[i]);
    heatRect_->axis(QCPAxis::atLeft)->setTicker(ticker);
}

void GradientNormPlot::updateFromHistory(const MetricsHistory& h) {
    QStringList names;
    for (int i = 0; i < h.layerCount(); ++i) names << h.layerName(i);
    if (names != layerNames_) rebuildLayers(h);

    const int layers = h.layerCount();
    double xMin = std::numeric_limits<double>::infinity(), xMax = -xMin;
    double yMin = std::numeric_limits<double>::infinity(), yMax = 0;
    int columns = 0;
    for (int i = 0; i < layers; ++i) {
        const DecimatedSeries& s = h.layerNorms(i);
        QVector<double> y = s.y();
        for (double& v : y) {
            v = std::max(v, kLogFloor);
            yMin = std::min(yMin, v);
            yMax = std::max(yMax, v);
        }
        layerGraph(i)->setData(s.x(), y, true);
        if (!s.isEmpty()) {
            xMin = std::min(xMin, s.x().first());
            xMax = std::max(xMax, s.x().last());
            columns = std::max(columns, s.size());
        }
    }
    if (columns == 0) {
        xMin = 0;
        xMax = 1;
        yMin = 1e-4;
        yMax = 1e1;
    }
    if (xMax <= xMin) xMax = xMin + 1;
    if (yMax <= yMin) {
        yMin /= 10;
        yMax *= 10;
    }
    plot()->xAxis->setRange(xMin, xMax);
    plot()->yAxis->setRange(yMin / 2, yMax * 2);

    // Heatmap: column k of layer l is that layer's k-th (decimated) point. Single rows or columns
    // are doubled so that QCPColorMap has a proper range to draw.
    QCPColorMapData* data = heatmap_->data();
    if (columns == 0 || layers == 0) {
        data->clear();
    } else {
        const int nx = std::max(columns, 2), ny = std::max(layers, 2);
        data->setSize(nx, ny);
        const double halfStep = columns > 1 ? 0.0 : 0.5;
        data->setRange(QCPRange(xMin - halfStep, xMax + halfStep),
                       layers > 1 ? QCPRange(0, layers - 1) : QCPRange(-0.5, 0.5));
        for (int l = 0; l < ny; ++l) {
            const DecimatedSeries& s = h.layerNorms(std::min(l, layers - 1));
            for (int k = 0; k < nx; ++k) {
                const int src = std::min(k, columns - 1);
                data->setCell(
                    k, l, src < s.size() ? std::max(s.y()[src], kLogFloor) : std::numeric_limits<double>::quiet_NaN());
            }
        }
        heatmap_->setDataRange(QCPRange(yMin, yMax));
    }
    fitColourScaleTicks();
    QCPAxis* hx = heatRect_->axis(QCPAxis::atBottom);
    QCPAxis* hy = heatRect_->axis(QCPAxis::atLeft);
    hx->setRange(xMin, xMax);
    hy->setRange(-0.5, std::max(layers, 1) - 0.5);

    const std::optional<QString> warning = h.gradientWarning();
    warning_->setText(warning.value_or(QString()));
    warning_->setVisible(warning.has_value());
}
