#pragma once
// StepGradientView: how much gradient reaches each time step of the recurrent layer (D2L §9.7,
// backpropagation through time). Left: ‖∂L/∂h_t‖ of the latest probed batch as a heatmap, step (x)
// × batch row (y). Right, above: its mean over the rows per step; below: the global gradient norm
// before clipping over the run. Both show the clipping threshold θ, so turning clipping off in the
// hyperparameters shows the explosion it prevents. Presents a SequenceSnapshot; tells whoever
// listens (visibleChanged) whether it is on screen, so the probe is only taken while it is.
#include <QPointer>
#include <QWidget>

#include "ui/plots/heatmap_plot.h"
#include "ui/plots/redraw_throttle.h"
#include "ui/sequence_views/sequence_snapshot.h"

class QCPAxisRect;
class QCPGraph;
class QCPItemStraightLine;
class QCustomPlot;
class QLabel;
class QStackedWidget;

class StepGradientView : public QWidget {
    Q_OBJECT
public:
    explicit StepGradientView(QWidget* parent = nullptr);

    void setModel(SequenceSnapshot* model);
    SequenceSnapshot* model() const { return model_; }

    QCustomPlot* heatmapPlot() const { return heatPlot_; }
    QCustomPlot* linesPlot() const { return linesPlot_; }
    QCPColorMap* heatmap() const { return heat_.map; }
    QCPGraph* meanCurve() const { return mean_; }    // mean over rows of ‖∂L/∂h_t‖, key t (from 1)
    QCPGraph* totalCurve() const { return total_; }  // global norm before clipping, key = step
    QCPGraph* meanThreshold() const { return meanTheta_; }
    QCPGraph* totalThreshold() const { return totalTheta_; }
    bool thresholdShown() const;  // θ drawn (clipping on)
    QString caption() const;
    bool placeholderVisible() const;
    QString placeholder() const;
    int redrawCount() const { return throttle_.redrawCount(); }

public Q_SLOTS:
    void refreshNow();

Q_SIGNALS:
    void visibleChanged(bool visible);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void setUpHeatmap();
    void setUpLines();
    void redraw();
    void showStepNorms();
    void showTotalNorms();
    void showThreshold();
    QString placeholderText() const;

    QPointer<SequenceSnapshot> model_;
    QStackedWidget* stack_;
    QLabel* placeholder_;
    QCustomPlot* heatPlot_;
    QCustomPlot* linesPlot_;
    heatmap_plot::Heatmap heat_;
    QCPAxisRect* totalRect_ = nullptr;
    QCPGraph *mean_ = nullptr, *total_ = nullptr, *meanTheta_ = nullptr, *totalTheta_ = nullptr;
    QLabel* caption_;
    RedrawThrottle throttle_;
};
