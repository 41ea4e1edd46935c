#pragma once
// FineTuningComparison: what pretraining is worth (D2L §15.7). The test-accuracy curves of the session's last
// sentence-pair classification run that started from a pretrained BERT and its last run from random weights, on
// one plot; the legend gives each run's final accuracy. Below: one test pair's attention before and after the last run.
#include <QWidget>

#include <vector>

#include "engine/train/observer.h"

class FineTuningAttention;
class QCustomPlot;
class QCPGraph;
class QLabel;

class FineTuningComparison : public QWidget {
    Q_OBJECT
public:
    explicit FineTuningComparison(QWidget* parent = nullptr);

    // A finished run's epochs; it replaces the last run of its kind.
    void recordRun(bool fromPretrained, const QString& network, const std::vector<dl::EpochMetrics>& epochs);
    QCustomPlot* plot() const { return plot_; }
    QCPGraph* pretrainedGraph() const { return pretrained_; }
    QCPGraph* scratchGraph() const { return scratch_; }
    // The first test pair's attention before and after the last fine-tuning run, below the curves.
    FineTuningAttention* attention() const { return attention_; }

private:
    void showRun(QCPGraph* graph, const QString& what, const QString& network,
                 const std::vector<dl::EpochMetrics>& epochs);
    void updateHint();

    QCustomPlot* plot_;
    QCPGraph *pretrained_, *scratch_;
    QLabel* hint_;
    FineTuningAttention* attention_;
};
