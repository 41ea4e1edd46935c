#include "ui/sequence_views/sine_wave_view.h"

#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

namespace {

QVector<double> toVector(const std::vector<double>& v) {
    return QVector<double>(v.begin(), v.end());
}

}  // namespace

SineWaveView::SineWaveView(QWidget* parent)
    : QWidget(parent), stack_(new QStackedWidget), placeholder_(new QLabel), plot_(new QCustomPlot), throttle_([this] {
          redraw();
      }) {
    placeholder_->setObjectName(QStringLiteral("sinePlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    stack_->addWidget(plot_);
    stack_->addWidget(placeholder_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(stack_, 1);
    setUpPlot();
    redraw();
}

void SineWaveView::setUpPlot() {
    const QFont base = font();
    plot_->setObjectName(QStringLiteral("sinePlot"));
    plot_->setBackground(Qt::white);
    plot_->setMinimumSize(320, 180);
    plot_->setAntialiasedElements(QCP::aePlottables | QCP::aeLegendItems);
    for (QCPAxis* a : {plot_->xAxis, plot_->yAxis}) plot_style::styleAxis(a, base);
    plot_->xAxis->setLabel(tr("time"));
    plot_->yAxis->setLabel(tr("x"));
    const auto add = [this](const QString& name, const QColor& colour, qreal width) {
        QCPGraph* g = plot_->addGraph();
        g->setName(name);
        g->setPen(QPen(colour, width));
        return g;
    };
    series_ = add(tr("data"), QColor(150, 150, 150), 1.0);
    oneStep_ = add(tr("1-step preds"), QColor(31, 119, 180), 1.4);
    const std::pair<int, QColor> ks[] = {
        {4, QColor(255, 127, 14)}, {16, QColor(44, 160, 44)}, {64, QColor(214, 39, 40)}};
    for (const auto& [k, colour] : ks) kSteps_.emplace_back(k, add(tr("%1-step preds").arg(k), colour, 1.4));
    plot_style::styleLegend(plot_->legend, base);
    plot_->legend->setVisible(true);
    // The legend goes in a row of its own under the plot: inside, it would hide the curves it names.
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->axisRect()->insetLayout()->simplify();
    plot_->plotLayout()->addElement(1, 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(1, 0.001);
    plot_->legend->setWrap(plot_->legend->itemCount());  // one row
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setMargins(QMargins(6, 0, 6, 10));
    plot_->plotLayout()->setRowSpacing(0);
}

void SineWaveView::setModel(SequenceSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model_) {
        connect(model_, &SequenceSnapshot::sineChanged, this, [this] { throttle_.request(); });
        connect(model_, &SequenceSnapshot::networkChanged, this, [this] { throttle_.request(); });
    }
    throttle_.now();
}

void SineWaveView::refreshNow() {
    throttle_.now();
}

QCPGraph* SineWaveView::kStepGraph(int k) const {
    for (const auto& [steps, graph] : kSteps_)
        if (steps == k) return graph;
    return nullptr;
}

void SineWaveView::redraw() {
    QString text;
    if (!model_ || !model_->isSineSeries())
        text = tr("The sine-wave forecasts are shown for the sine data set (preset seq-mlp, D2L §8.1).");
    else if (!model_->sine())
        text = model_->problem().isEmpty() ? tr("Train the lag MLP to see its 1-step and k-step-ahead predictions.")
                                           : model_->problem();
    placeholder_->setText(text);
    stack_->setCurrentIndex(text.isEmpty() ? 0 : 1);
    for (QCPGraph* g : {series_, oneStep_}) g->data()->clear();
    for (const auto& [k, g] : kSteps_) g->data()->clear();
    if (text.isEmpty()) {
        const sequence_inspection::SineForecast& f = *model_->sine();
        series_->setData(toVector(f.time), toVector(f.series), true);
        oneStep_->setData(toVector(f.one_step_time), toVector(f.one_step), true);
        for (const auto& [k, g] : kSteps_) {
            const auto it = f.k_step.find(k);
            if (it != f.k_step.end()) g->setData(toVector(it->second.first), toVector(it->second.second), true);
        }
        plot_->rescaleAxes();
        plot_->yAxis->scaleRange(1.1);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool SineWaveView::placeholderVisible() const {
    return stack_->currentIndex() == 1;
}

QString SineWaveView::placeholder() const {
    return placeholder_->text();
}
