#pragma once
// SineWaveView: D2L §8.1's figure for the lag-τ MLP on the noisy sine wave — the true series, the
// 1-step-ahead predictions (which follow it) and the 4-, 16- and 64-step-ahead predictions, made
// from the model's own earlier predictions (which decay towards a flat line as k grows).
// Presents a SequenceSnapshot; the forecasts are computed off the GUI thread (SequenceInspector).
#include <QPointer>
#include <QWidget>

#include "ui/plots/redraw_throttle.h"
#include "ui/sequence_views/sequence_snapshot.h"

class QCPGraph;
class QCustomPlot;
class QLabel;
class QStackedWidget;

class SineWaveView : public QWidget {
    Q_OBJECT
public:
    explicit SineWaveView(QWidget* parent = nullptr);

    void setModel(SequenceSnapshot* model);
    SequenceSnapshot* model() const { return model_; }

    QCustomPlot* plot() const { return plot_; }
    QCPGraph* seriesGraph() const { return series_; }
    QCPGraph* oneStepGraph() const { return oneStep_; }
    QCPGraph* kStepGraph(int k) const;  // k in 4, 16, 64; nullptr otherwise
    bool placeholderVisible() const;
    QString placeholder() const;

public Q_SLOTS:
    void refreshNow();

private:
    void setUpPlot();
    void redraw();

    QPointer<SequenceSnapshot> model_;
    QStackedWidget* stack_;
    QLabel* placeholder_;
    QCustomPlot* plot_;
    QCPGraph* series_ = nullptr;
    QCPGraph* oneStep_ = nullptr;
    std::vector<std::pair<int, QCPGraph*>> kSteps_;
    RedrawThrottle throttle_;
};
