#pragma once
// Live training views: they present a MetricsHistory (the model) and hold no data of their own.
// Each redraws when the history changes, at most 25 times a second, whatever the update rate.
#include <QPointer>
#include <QWidget>

#include "ui/plots/redraw_throttle.h"
#include "ui/training/metrics_history.h"

class QCustomPlot;
class QCPGraph;
class QCPColorMap;
class QCPColorScale;
class QCPAxisRect;
class QCPItemText;
class QLabel;

// Shared plumbing: a QCustomPlot, the history it shows, and rate-limited refreshing.
class HistoryPlot : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMinRedrawIntervalMs = RedrawThrottle::kMinIntervalMs;  // ~25 Hz

    void setHistory(MetricsHistory* history);
    MetricsHistory* history() const { return history_; }
    QCustomPlot* plot() const { return plot_; }
    int refreshCount() const { return throttle_.redrawCount(); }

public Q_SLOTS:
    // Copies the history into the plot and redraws now (for export or tests; the views refresh
    // themselves when the history changes).
    void refreshNow();

protected:
    explicit HistoryPlot(QWidget* parent);
    virtual void updateFromHistory(const MetricsHistory& history) = 0;

private:
    void redraw();

    QCustomPlot* plot_;
    QPointer<MetricsHistory> history_;
    QMetaObject::Connection connection_;
    RedrawThrottle throttle_;
    bool immediate_ = false;  // refreshNow: replot before returning instead of at the next event-loop pass
};

// Loss per batch (faint), smoothed loss and per-epoch train/test loss on the left axis; train/test
// accuracy on the right axis (0..1); the preset's reference accuracy as a dashed line. The epoch
// with the best test accuracy is starred, and when the last epoch's test accuracy falls noticeably
// below it (kNoticeableDip) a note on the plot explains the dip.
class LossAccuracyPlot : public HistoryPlot {
    Q_OBJECT
public:
    static constexpr double kNoticeableDip = 0.02;  // test accuracy, best minus last
    static constexpr int kLegendColumns = 3;        // when the plot is wide enough

    explicit LossAccuracyPlot(QWidget* parent = nullptr);
    QCPGraph* batchLossGraph() const { return batchLoss_; }
    QCPGraph* smoothedLossGraph() const { return smoothedLoss_; }
    QCPGraph* trainLossGraph() const { return trainLoss_; }
    QCPGraph* testLossGraph() const { return testLoss_; }
    QCPGraph* trainAccuracyGraph() const { return trainAcc_; }
    QCPGraph* testAccuracyGraph() const { return testAcc_; }
    QCPGraph* referenceGraph() const { return reference_; }
    QCPGraph* bestAccuracyGraph() const { return bestAcc_; }
    QCPGraph* perplexityGraph() const { return perplexity_; }  // language models, on the right axis
    QCPItemText* dipNote() const { return dipNote_; }
    // BERT pretraining (D2L §14.10): masked-LM and next-sentence losses per batch and per epoch (left axis),
    // next-sentence accuracy per epoch (right axis); hidden for other runs.
    QCPGraph* mlmBatchGraph() const { return mlmBatch_; }
    QCPGraph* nspBatchGraph() const { return nspBatch_; }
    QCPGraph* mlmEpochGraph() const { return mlmEpoch_; }
    QCPGraph* nspEpochGraph() const { return nspEpoch_; }
    QCPGraph* nspAccuracyGraph() const { return nspAcc_; }

protected:
    void updateFromHistory(const MetricsHistory& history) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void buildLegend();
    void buildBestEpoch();
    void updateBestEpoch(const MetricsHistory& history, bool classification);
    void updateReference(const MetricsHistory& history, bool classification);
    bool updatePerplexity(const MetricsHistory& history);  // true for a language model
    bool updateBert(const MetricsHistory& history);        // true for BERT pretraining
    void buildBertGraphs();
    void updateLegend(bool classification);
    void fitLegend();
    void fillLegend(int columns);

    QCPGraph *batchLoss_, *smoothedLoss_, *trainLoss_, *testLoss_, *trainAcc_, *testAcc_, *reference_, *bestAcc_;
    QCPGraph* perplexity_;
    QCPGraph *mlmBatch_, *nspBatch_, *mlmEpoch_, *nspEpoch_, *nspAcc_;
    QCPItemText* dipNote_;
    QList<QCPGraph*> legendEntries_;
    int legendColumns_ = 0;  // 0: to be filled
    int legendWidth_ = 0;    // the plot width the legend was fitted to
};

// Per-layer gradient L2 norms over steps on a log axis, a layer x step heatmap below it (log colour
// scale) and a warning banner above the plot when a layer's gradients vanish or explode.
class GradientNormPlot : public HistoryPlot {
    Q_OBJECT
public:
    explicit GradientNormPlot(QWidget* parent = nullptr);
    int layerGraphCount() const;
    QCPGraph* layerGraph(int layer) const;
    QCPColorMap* heatmap() const { return heatmap_; }
    QCPColorScale* colorScale() const { return colorScale_; }
    QLabel* warningLabel() const { return warning_; }

protected:
    void updateFromHistory(const MetricsHistory& history) override;

private:
    void buildLinesAndLegend();
    void buildHeatmap();
    void fitColourScaleTicks();
    void rebuildLayers(const MetricsHistory& history);

    QLabel* warning_;
    QCPAxisRect* heatRect_;
    QCPColorMap* heatmap_;
    QCPColorScale* colorScale_;
    QStringList layerNames_;
};
