#include "ui/plots/fine_tuning_attention.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

FineTuningAttention::FineTuningAttention(QWidget* parent)
    : QWidget(parent), title_(new QLabel), head_(new QSpinBox), plot_(new QCustomPlot(this)) {
    setObjectName(QStringLiteral("finetuneAttention"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 0, 6, 0);
    title_->setWordWrap(true);
    bar->addWidget(title_, 1);
    bar->addWidget(new QLabel(tr("head")));
    head_->setRange(1, 1);  // counted from 1, as the attention views count heads
    head_->setObjectName(QStringLiteral("attentionHead"));
    bar->addWidget(head_);
    layout->addLayout(bar);
    layout->addWidget(plot_, 1);
    plot_->setBackground(Qt::white);
    plot_->setMinimumSize(320, 120);
    plot_->plotLayout()->clear();
    beforeMap_ = heatmap_plot::addHeatmapTo(plot_, plot_->plotLayout(), 0, 0, font(), QString());
    // One colour scale for both maps (the right one): the left map's goes.
    beforeMap_.map->setColorScale(nullptr);
    plot_->plotLayout()->remove(beforeMap_.scale);
    plot_->plotLayout()->simplify();
    beforeMap_.scale = nullptr;
    afterMap_ = heatmap_plot::addHeatmapTo(plot_, plot_->plotLayout(), 0, 1, font(), tr("attention weight"));
    plot_->plotLayout()->setColumnStretchFactor(0, 1);
    plot_->plotLayout()->setColumnStretchFactor(1, 1);
    for (const auto* h : {&beforeMap_, &afterMap_}) {
        h->rect->axis(QCPAxis::atBottom)->setTickLabelRotation(60);
        h->rect->axis(QCPAxis::atLeft)->setLabel(tr("query"));
        h->rect->axis(QCPAxis::atBottom)->setLabel(tr("key"));
    }
    connect(head_, &QSpinBox::valueChanged, this, &FineTuningAttention::redraw);
    redraw();
}

void FineTuningAttention::setBefore(const pair_attention::PairAttention& before, const QString& run) {
    before_ = before;
    after_ = {};
    run_ = run;
    redraw();
}

void FineTuningAttention::setAfter(const pair_attention::PairAttention& after) {
    after_ = after;
    redraw();
}

void FineTuningAttention::redraw() {
    const int64_t heads = std::max(before_.heads(), after_.heads());
    head_->setMaximum(static_cast<int>(std::max<int64_t>(heads, 1)));
    const QString layer = QString::fromStdString(before_.empty() ? after_.layer : before_.layer);
    title_->setText(layer.isEmpty()
                        ? tr("The attention of the first test pair appears here when a fine-tuning run starts.")
                        : tr("%1: attention of the first test pair in %2, before fine-tuning (left) and after "
                             "(right)")
                              .arg(run_, layer));
    // One scale for both maps, up to the larger weight of the two: near-uniform maps still show their pattern.
    const double top = std::max({headMaximum(before_), headMaximum(after_), 1e-6});
    drawMap(beforeMap_, before_, top);
    drawMap(afterMap_, after_, top);
    plot_->replot();
}

int64_t FineTuningAttention::shownHead(const pair_attention::PairAttention& attention) const {
    return std::min<int64_t>(head_->value() - 1, std::max<int64_t>(attention.heads() - 1, 0));
}

double FineTuningAttention::headMaximum(const pair_attention::PairAttention& attention) const {
    const int64_t n = static_cast<int64_t>(attention.tokens.size());
    if (n == 0) return 0.0;
    const float* first = attention.weights.data() + shownHead(attention) * n * n;
    return *std::max_element(first, first + n * n);
}

void FineTuningAttention::drawMap(const heatmap_plot::Heatmap& heatmap, const pair_attention::PairAttention& attention,
                                  double top) {
    const int n = static_cast<int>(attention.tokens.size());
    const int64_t head = shownHead(attention);
    std::vector<double> values(static_cast<size_t>(n) * n);
    for (int i = 0; i < n * n; ++i) values[static_cast<size_t>(i)] = attention.weights.data()[head * n * n + i];
    heatmap_plot::setCells(heatmap, n, n, values);
    heatmap.map->setDataRange(QCPRange(0, top));  // the same scale before and after
    QStringList labels;
    for (const std::string& t : attention.tokens) labels << QString::fromStdString(t);
    const int every = std::max(1, n / 24);  // readable at max_len 32 and beyond
    heatmap_plot::setTextTicks(heatmap.rect->axis(QCPAxis::atBottom), labels, every);
    heatmap_plot::setTextTicks(heatmap.rect->axis(QCPAxis::atLeft), labels, every);
    const bool first = &heatmap == &beforeMap_;
    heatmap.rect->axis(QCPAxis::atTop)->setVisible(true);
    heatmap.rect->axis(QCPAxis::atTop)->setTicks(false);
    heatmap.rect->axis(QCPAxis::atTop)->setTickLabels(false);
    heatmap.rect->axis(QCPAxis::atTop)->setBasePen(Qt::NoPen);
    heatmap.rect->axis(QCPAxis::atTop)
        ->setLabel(first ? tr("before fine-tuning (start weights)") : tr("after fine-tuning (end weights)"));
}
