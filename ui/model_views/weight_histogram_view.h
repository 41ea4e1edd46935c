#pragma once
// WeightHistogramView: the distribution of one parameter tensor (chosen in a combo box) as bars,
// with its distribution at initialization as a faint outline, so the learner sees how far training
// moved it; a caption gives mean, std, min and max. Presents a ModelSnapshot; redraws at most ~25 Hz.
#include <QPointer>
#include <QWidget>

#include "ui/model_views/model_snapshot.h"
#include "ui/plots/redraw_throttle.h"

class QComboBox;
class QCPBars;
class QCPGraph;
class QCustomPlot;
class QLabel;

class WeightHistogramView : public QWidget {
    Q_OBJECT
public:
    explicit WeightHistogramView(QWidget* parent = nullptr);

    void setModel(ModelSnapshot* model);
    ModelSnapshot* model() const { return model_; }

    QString currentParameter() const;  // "fc1.weight"; empty before the first histograms
    int parameterCount() const;
    QComboBox* parameterBox() const { return combo_; }
    QCustomPlot* plot() const { return plot_; }
    QCPBars* bars() const { return bars_; }                // latest counts at the bin centres
    QCPGraph* initialOutline() const { return initial_; }  // counts at initialization, as steps
    QString caption() const;
    int redrawCount() const { return throttle_.redrawCount(); }

public Q_SLOTS:
    void refreshNow();  // redraw at once (tests, export); model changes redraw by themselves

private:
    void syncParameters();
    void redraw();
    void showHistogram(const dl::Histogram* latest, const dl::Histogram* initial);

    QPointer<ModelSnapshot> model_;
    QString wanted_;  // the parameter last chosen in the combo
    QComboBox* combo_;
    QCustomPlot* plot_;
    QLabel* caption_;
    QCPBars* bars_;
    QCPGraph* initial_;
    RedrawThrottle throttle_;
};
