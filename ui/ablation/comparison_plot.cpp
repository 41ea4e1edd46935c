#include "comparison_plot.h"

#include <QLabel>
#include <QVBoxLayout>

#include "ui/ablation/comparison_runner.h"
#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"
#include "ui/training/metrics_history.h"

ComparisonPlot::ComparisonPlot(Kind kind, ComparisonRunner* runner, QWidget* parent)
    : QWidget(parent), kind_(kind), runner_(runner), plot_(new QCustomPlot(this)), throttle_([this] { redraw(); }) {
    caption_ = new QLabel(this);
    caption_->setWordWrap(true);
    QFont small = caption_->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    caption_->setFont(small);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_, 1);
    layout->addWidget(caption_);
    setMinimumSize(320, 240);
    plot_style::styleAxis(plot_->xAxis, font());
    plot_style::styleAxis(plot_->yAxis, font());
    plot_->xAxis->setLabel(tr("epoch"));
    plot_->yAxis->setLabel(kind == Kind::Loss ? tr("loss") : tr("accuracy"));
    plot_->legend->setVisible(true);
    plot_style::styleLegend(plot_->legend, font());
    // The legend goes in a row of its own above the axes (placeLegend), variants side by side: it never hides a curve.
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot_->legend->setWrap(kLegendColumns);
    crosshair_ = new QCPItemStraightLine(plot_);
    crosshair_->setPen(QPen(QColor(120, 120, 120), 1, Qt::DotLine));
    crosshair_->setVisible(false);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const double x = plot_->xAxis->pixelToCoord(event->position().x());
        setCrosshair(x);
        Q_EMIT hovered(x);
    });
    connect(runner_, &ComparisonRunner::variantsChanged, this, &ComparisonPlot::rebuild);
    rebuild();
}

void ComparisonPlot::leaveEvent(QEvent* event) {
    setCrosshair(NAN);
    Q_EMIT hovered(NAN);
    QWidget::leaveEvent(event);
}

void ComparisonPlot::setCrosshair(double x) {
    crosshair_->setVisible(std::isfinite(x));
    if (std::isfinite(x)) {
        crosshair_->point1->setCoords(x, 0);
        crosshair_->point2->setCoords(x, 1);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ComparisonPlot::setBatchCurves(bool on) {
    batchCurves_ = on;
    rebuild();
}

void ComparisonPlot::setLogScale(bool on) {
    plot_->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on)
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    throttle_.request();
}

QCPGraph* ComparisonPlot::testGraph(int variant) const {
    return test_.value(variant);
}
QCPGraph* ComparisonPlot::trainGraph(int variant) const {
    return train_.value(variant);
}
QCPGraph* ComparisonPlot::batchGraph(int variant) const {
    return batch_.value(variant);
}

bool ComparisonPlot::bandShown() const {
    return test_.size() == 2 && test_[0]->channelFillGraph() == test_[1] && !test_[0]->data()->isEmpty();
}

void ComparisonPlot::updateCaption() {
    const QString what = kind_ == Kind::Loss ? tr("loss") : tr("accuracy");
    QString text = tr("Solid with dots: test %1 after each epoch; dashed: training %1.").arg(what);
    if (batchCurves_ && kind_ == Kind::Loss) text += QLatin1Char(' ') + tr("Faint: the loss of each batch, smoothed.");
    if (runner_->count() == 2) text += QLatin1Char(' ') + tr("Shaded: the difference between the two test curves.");
    caption_->setText(text);
}

void ComparisonPlot::rebuild() {
    updateCaption();
    for (const QMetaObject::Connection& link : historyLinks_) disconnect(link);
    historyLinks_.clear();
    plot_->clearGraphs();
    test_.clear();
    train_.clear();
    batch_.clear();
    const bool loss = kind_ == Kind::Loss;
    for (int i = 0; i < runner_->count(); ++i) {
        const QColor c = ComparisonRunner::colour(i);
        const QString label = runner_->variant(i).label;
        if (batchCurves_ && loss) {
            QCPGraph* b = plot_->addGraph();
            QColor faint = c;
            faint.setAlpha(110);
            b->setPen(QPen(faint, 1.2));
            b->removeFromLegend();
            batch_.append(b);
        }
        QCPGraph* train = plot_->addGraph();
        train->setPen(QPen(c, 1.5, Qt::DashLine));
        train->removeFromLegend();  // one legend row per variant; the caption explains the line styles
        QCPGraph* test = plot_->addGraph();
        test->setPen(QPen(c, 2.2));
        test->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
        test->setName(label);
        train_.append(train);
        test_.append(test);
        historyLinks_.append(
            connect(runner_->history(i), &MetricsHistory::changed, this, [this] { throttle_.request(); }));
    }
    if (test_.size() == 2) {  // the difference: a band between the two test curves
        test_[0]->setChannelFillGraph(test_[1]);
        test_[0]->setBrush(QColor(255, 170, 0, 70));
    }
    placeLegend();
    throttle_.now();
}

// An empty legend would cap the width of its layout column (QCPLayoutGrid's maximum size comes from its
// items) and squeeze the axes into a sliver: it is in the layout only while it has entries.
void ComparisonPlot::placeLegend() {
    QCPLayoutGrid* grid = plot_->plotLayout();
    const bool placed = grid->hasElement(0, 0) && grid->element(0, 0) == plot_->legend;
    const bool wanted = plot_->legend->itemCount() > 0;
    plot_->legend->setVisible(wanted);
    if (wanted && !placed) {
        grid->insertRow(0);
        grid->addElement(0, 0, plot_->legend);
        grid->setRowStretchFactor(0, 0.001);
    } else if (!wanted && placed) {
        grid->take(plot_->legend);
        grid->simplify();
    }
}

void ComparisonPlot::redraw() {
    const bool loss = kind_ == Kind::Loss;
    double maxEpoch = 1;
    for (int i = 0; i < runner_->count() && i < test_.size(); ++i) {
        const MetricsHistory* h = runner_->history(i);
        QVector<double> x, test, train;
        for (const dl::EpochMetrics& m : h->epochs()) {
            x.append(m.epoch);
            test.append(loss ? m.test_loss : m.test_acc);
            train.append(loss ? m.train_loss : m.train_acc);
        }
        test_[i]->setData(x, test, true);
        train_[i]->setData(x, train, true);
        if (!batch_.isEmpty()) {
            const DecimatedSeries& s = h->smoothedLoss();
            QVector<double> bx;
            batch_[i]->setData(s.x(), s.y(), true);  // fractional epochs: epoch k's end is at x = k
        }
        maxEpoch = std::max(maxEpoch, static_cast<double>(runner_->variant(i).experiment.train.epochs));
    }
    plot_->xAxis->setRange(batch_.isEmpty() ? 0.8 : 0.0, maxEpoch + (batch_.isEmpty() ? 0.2 : 0.0));
    if (loss) {
        plot_->yAxis->rescale(true);  // log axes take only the positive values
        const QCPRange r = plot_->yAxis->range();
        if (plot_->yAxis->scaleType() == QCPAxis::stLogarithmic)
            plot_->yAxis->setRange(r.lower / 1.5, r.upper * 1.5);
        else
            plot_->yAxis->setRange(std::min(0.0, r.lower), r.upper * 1.05 + 1e-9);
    } else {
        plot_->yAxis->setRange(0, 1);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}
