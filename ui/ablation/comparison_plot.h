#pragma once
// ComparisonPlot: the runs of a ComparisonRunner overlaid on one plot, each variant in its own colour (solid test,
// dashed train per epoch; optionally the smoothed loss of every batch, live). Loss or accuracy. Between the test
// curves of two variants a shaded band shows the difference. Plots of one comparison share the x range
// and a crosshair (hovered(x) / setCrosshair(x)).
#include <QWidget>

#include <cmath>

#include "ui/plots/redraw_throttle.h"

class ComparisonRunner;
class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QLabel;

class ComparisonPlot : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Loss, Accuracy };
    static constexpr int kLegendColumns = 2;  // variants per legend row (four racing optimizers take two rows)
    ComparisonPlot(Kind kind, ComparisonRunner* runner, QWidget* parent = nullptr);

    void setBatchCurves(bool on);  // the race: each batch's smoothed loss (loss plots only)
    void setLogScale(bool on);     // losses that differ by orders of magnitude (D2L §4.5 plots them so)
    QCustomPlot* plot() const { return plot_; }
    QCPGraph* testGraph(int variant) const;
    QCPGraph* trainGraph(int variant) const;
    QCPGraph* batchGraph(int variant) const;
    bool bandShown() const;  // the shaded difference between the test curves of two variants
    void refreshNow() { throttle_.now(); }
    void setCrosshair(double x);  // NaN hides it

Q_SIGNALS:
    void hovered(double x);  // NaN when the mouse leaves

protected:
    void leaveEvent(QEvent* event) override;

private:
    void rebuild();
    void placeLegend();
    void redraw();
    void updateCaption();

    Kind kind_;
    ComparisonRunner* runner_;
    QCustomPlot* plot_;
    QLabel* caption_;
    QCPItemStraightLine* crosshair_;
    QList<QCPGraph*> test_, train_, batch_;
    QList<QMetaObject::Connection> historyLinks_;  // to the runner's current histories
    bool batchCurves_ = false;
    RedrawThrottle throttle_;
};
