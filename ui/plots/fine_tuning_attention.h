#pragma once
// FineTuningAttention: what fine-tuning did to the attention of one test pair (D2L §15.7). The last encoder
// layer's attention of the first test pair with the weights the run started from (pretrained or random) and
// with the weights it ended with, side by side on one colour scale (0 to the larger weight of the two), tokens on both
// axes; a spin box picks the head.
#include <QWidget>

#include "ui/plots/heatmap_plot.h"
#include "ui/plots/pair_attention.h"

class QCustomPlot;
class QLabel;
class QSpinBox;

class FineTuningAttention : public QWidget {
    Q_OBJECT
public:
    explicit FineTuningAttention(QWidget* parent = nullptr);

    // The pair's attention at the run's start (a new run: the "after" map is cleared) and at its end.
    void setBefore(const pair_attention::PairAttention& before, const QString& run);
    void setAfter(const pair_attention::PairAttention& after);
    const pair_attention::PairAttention& before() const { return before_; }
    const pair_attention::PairAttention& after() const { return after_; }
    QCustomPlot* plot() const { return plot_; }
    QSpinBox* headBox() const { return head_; }

private:
    void redraw();
    int64_t shownHead(const pair_attention::PairAttention& attention) const;
    double headMaximum(const pair_attention::PairAttention& attention) const;  // of the shown head
    void drawMap(const heatmap_plot::Heatmap& heatmap, const pair_attention::PairAttention& attention, double top);

    QLabel* title_;
    QSpinBox* head_;
    QCustomPlot* plot_;
    heatmap_plot::Heatmap beforeMap_, afterMap_;
    pair_attention::PairAttention before_, after_;
    QString run_;
};
