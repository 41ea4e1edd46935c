#include "ui/plots/fine_tuning_comparison.h"

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/plots/fine_tuning_attention.h"
#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

FineTuningComparison::FineTuningComparison(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    setObjectName(QStringLiteral("finetune"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    hint_ = new QLabel;
    hint_->setObjectName(QStringLiteral("comparisonHint"));
    hint_->setWordWrap(true);
    hint_->setContentsMargins(6, 4, 6, 0);
    layout->addWidget(hint_);
    layout->addWidget(plot_, 2);
    attention_ = new FineTuningAttention;
    layout->addWidget(attention_, 3);
    plot_->setBackground(Qt::white);
    plot_->setMinimumSize(320, 120);  // small minimums: the tab shares the dock with the other views
    plot_->setAntialiasedElements(QCP::aePlottables | QCP::aeLegendItems);
    plot_->xAxis->setLabel(tr("epoch"));
    plot_->yAxis->setLabel(tr("test accuracy"));
    plot_->xAxis->setRange(0, 1);
    plot_->yAxis->setRange(0, 1.03);
    const QColor pretrainedColour(44, 160, 44), scratchColour(150, 150, 150);
    pretrained_ = plot_->addGraph();
    pretrained_->setPen(QPen(pretrainedColour, 2.5));
    pretrained_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, pretrainedColour, 7));
    pretrained_->setName(tr("pretrained"));
    scratch_ = plot_->addGraph();
    scratch_->setPen(QPen(scratchColour, 2.5, Qt::DashLine));
    scratch_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, scratchColour, Qt::white, 7));
    scratch_->setName(tr("from scratch"));
    for (QCPAxis* a : {plot_->xAxis, plot_->yAxis}) plot_style::styleAxis(a, font());
    plot_style::styleLegend(plot_->legend, font());
    plot_->legend->setVisible(true);
    plot_->legend->setRowSpacing(2);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignBottom);
    updateHint();
}

void FineTuningComparison::recordRun(bool fromPretrained, const QString& network,
                                     const std::vector<dl::EpochMetrics>& epochs) {
    showRun(fromPretrained ? pretrained_ : scratch_, fromPretrained ? tr("pretrained") : tr("from scratch"), network,
            epochs);
    double xMax = 1;
    for (QCPGraph* g : {pretrained_, scratch_})
        if (g->dataCount() > 0) xMax = std::max(xMax, g->data()->at(g->dataCount() - 1)->key);
    plot_->xAxis->setRange(0, xMax + 0.2);
    // Room below each entry's text: rows exactly as tall as the font clip "p" and "(" on X11.
    for (int i = 0; i < plot_->legend->itemCount(); ++i)
        if (QCPAbstractLegendItem* item = plot_->legend->item(i)) item->setMargins(QMargins(0, 1, 0, 4));
    updateHint();
    plot_->replot();
}

void FineTuningComparison::showRun(QCPGraph* graph, const QString& what, const QString& network,
                                   const std::vector<dl::EpochMetrics>& epochs) {
    QVector<double> x, y;
    for (const dl::EpochMetrics& m : epochs)
        if (std::isfinite(m.test_acc)) x << m.epoch, y << m.test_acc;
    graph->setData(x, y, true);
    graph->setName(y.isEmpty() ? what
                               : tr("%1 (%2): final test accuracy %3").arg(what, network).arg(y.last(), 0, 'f', 3));
}

void FineTuningComparison::updateHint() {
    const bool both = pretrained_->dataCount() > 0 && scratch_->dataCount() > 0;
    hint_->setText(both ? tr("The same network, data and seed: starting from the pretrained encoder against "
                             "starting from random weights (D2L §15.7).")
                        : tr("Train bert-paraphrase (from the pretrained bert-tiny) and bert-paraphrase-scratch "
                             "(random weights) to compare their test accuracy here."));
}
