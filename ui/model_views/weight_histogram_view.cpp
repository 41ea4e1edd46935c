#include "ui/model_views/weight_histogram_view.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include "ui/model_views/combo_choices.h"
#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

namespace {

const QColor kBars(31, 119, 180), kInitial(70, 70, 70);

// A histogram as (bin centre, count) points of equal width. A constant tensor (min == max, e.g.
// zero-initialized biases) is one bar of a small nominal width at its value.
struct Bins {
    QVector<double> keys, counts;
    double width = 1;
};

Bins binsOf(const dl::Histogram& h) {
    Bins b;
    if (h.counts.empty()) return b;
    if (!(h.max > h.min)) {
        b.width = std::max(std::abs(static_cast<double>(h.min)) * 0.02, 1e-3);
        b.keys = {h.min};
        b.counts = {static_cast<double>(h.values)};
        return b;
    }
    b.width = (static_cast<double>(h.max) - h.min) / static_cast<double>(h.counts.size());
    for (size_t i = 0; i < h.counts.size(); ++i) {
        b.keys << h.bin_center(i);
        b.counts << static_cast<double>(h.counts[i]);
    }
    return b;
}

// The outline of the bars as a step line, closed down to zero on both sides.
void setOutline(QCPGraph* graph, const Bins& b) {
    if (b.keys.isEmpty()) {
        graph->data()->clear();
        return;
    }
    QVector<double> x{b.keys.first() - b.width}, y{0};
    x << b.keys;
    y << b.counts;
    x << b.keys.last() + b.width;
    y << 0;
    graph->setData(x, y, true);
}

const dl::Histogram* findByName(const std::vector<dl::Histogram>& hs, const QString& name) {
    const std::string key = name.toStdString();
    const auto it = std::find_if(hs.begin(), hs.end(), [&](const dl::Histogram& h) { return h.name == key; });
    return it == hs.end() ? nullptr : &*it;
}

QString num(double v) {
    return QLocale().toString(v, 'g', 3);
}

QString captionFor(const dl::Histogram& h, const dl::Histogram* initial) {
    QString text = WeightHistogramView::tr("mean %1   std %2   min %3   max %4   (%5 values)")
                       .arg(num(h.mean), num(h.stddev), num(h.min), num(h.max), QLocale().toString(h.values));
    if (initial)
        text += WeightHistogramView::tr("\nat initialization: mean %1   std %2   min %3   max %4")
                    .arg(num(initial->mean), num(initial->stddev), num(initial->min), num(initial->max));
    return text;
}

}  // namespace

WeightHistogramView::WeightHistogramView(QWidget* parent)
    : QWidget(parent), combo_(new QComboBox), plot_(new QCustomPlot), caption_(new QLabel), throttle_([this] {
          redraw();
      }) {
    auto* top = new QHBoxLayout;
    auto* label = new QLabel(tr("&Parameter:"));
    label->setBuddy(combo_);
    combo_->setObjectName(QStringLiteral("parameterBox"));
    combo_->setToolTip(tr("The weight or bias tensor whose values are shown."));
    combo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    top->addWidget(label);
    top->addWidget(combo_);
    top->addStretch(1);

    caption_->setObjectName(QStringLiteral("histogramCaption"));
    caption_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(plot_, 1);
    layout->addWidget(caption_);

    const QFont base = font();
    plot_->setObjectName(QStringLiteral("histogramPlot"));
    plot_->setToolTip(
        tr("How many of the tensor's values fall in each bin: bars now, the dashed outline "
           "when the network was initialized."));
    plot_->setBackground(Qt::white);
    plot_->setMinimumSize(320, 200);
    plot_->setAntialiasedElements(QCP::aePlottables | QCP::aeLegendItems);
    for (QCPAxis* a : {plot_->xAxis, plot_->yAxis}) plot_style::styleAxis(a, base);
    plot_->xAxis->setLabel(tr("value"));
    plot_->yAxis->setLabel(tr("count"));
    auto wholeCounts = QSharedPointer<QCPAxisTickerFixed>::create();
    wholeCounts->setTickStep(1);
    wholeCounts->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    plot_->yAxis->setTicker(wholeCounts);

    bars_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    bars_->setName(tr("now"));
    QColor fill = kBars;
    fill.setAlpha(170);
    bars_->setBrush(fill);
    bars_->setPen(QPen(kBars.darker(120), 0.8));
    initial_ = plot_->addGraph();
    initial_->setName(tr("at initialization"));
    initial_->setLineStyle(QCPGraph::lsStepCenter);
    initial_->setPen(QPen(kInitial, 1.5, Qt::DashLine));
    // The legend goes in a row above the axes, where it cannot hide bars.
    plot_style::styleLegend(plot_->legend, base);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(0, 0.001);
    plot_->plotLayout()->setRowSpacing(0);
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setMargins(QMargins(8, 4, 8, 0));

    connect(combo_, &QComboBox::currentIndexChanged, this, [this] {
        wanted_ = combo_->currentText();  // the learner's choice, kept across runs
        throttle_.now();
    });
    redraw();
}

void WeightHistogramView::setModel(ModelSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model) {
        connect(model, &ModelSnapshot::histogramsChanged, this, [this] {
            syncParameters();
            throttle_.request();
        });
    }
    syncParameters();
    throttle_.now();
}

QString WeightHistogramView::currentParameter() const {
    return combo_->currentText();
}

int WeightHistogramView::parameterCount() const {
    return combo_->count();
}

QString WeightHistogramView::caption() const {
    return caption_->text();
}

void WeightHistogramView::refreshNow() {
    throttle_.now();
}

// The combo lists the latest tensors; the chosen one stays chosen (by name) while it exists.
void WeightHistogramView::syncParameters() {
    QStringList names;
    if (model_)
        for (const dl::Histogram& h : model_->histograms()) names << QString::fromStdString(h.name);
    setComboChoices(combo_, names, wanted_);
}

void WeightHistogramView::redraw() {
    const dl::Histogram* latest = model_ ? findByName(model_->histograms(), currentParameter()) : nullptr;
    const dl::Histogram* initial = model_ ? findByName(model_->initialHistograms(), currentParameter()) : nullptr;
    showHistogram(latest, initial);
    plot_->replot();
}

void WeightHistogramView::showHistogram(const dl::Histogram* latest, const dl::Histogram* initial) {
    const Bins now = latest ? binsOf(*latest) : Bins{};
    const Bins before = initial ? binsOf(*initial) : Bins{};
    bars_->setWidth(now.width);
    bars_->setData(now.keys, now.counts, true);
    setOutline(initial_, before);
    const bool hasInitial = !before.keys.isEmpty();
    initial_->setVisible(hasInitial);
    // A hidden graph keeps its legend entry: the legend names only what is drawn.
    if (hasInitial)
        initial_->addToLegend();
    else
        initial_->removeFromLegend();
    caption_->setText(latest ? captionFor(*latest, initial) : tr("The weights appear here once training starts."));

    double lo = std::numeric_limits<double>::infinity(), hi = -lo, top = 0;
    for (const Bins* b : {&now, &before}) {
        if (b->keys.isEmpty()) continue;
        lo = std::min(lo, b->keys.first() - b->width);
        hi = std::max(hi, b->keys.last() + b->width);
        top = std::max(top, *std::max_element(b->counts.begin(), b->counts.end()));
    }
    if (!(hi > lo)) lo = -1, hi = 1;
    plot_->xAxis->setRange(lo, hi);
    plot_->yAxis->setRange(0, top > 0 ? top * 1.08 : 1);
}
