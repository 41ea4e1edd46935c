#pragma once
// DecisionBoundaryView: for a 2-D classification set, the class the network predicts over the plane
// (a colour per class, paler where it is less sure) with the training points on top (test points
// hollow). Other data sets get a short explanation instead. Presents a ModelSnapshot; redraws at most
// ~25 Hz.
#include <QPointer>
#include <QWidget>

#include "ui/model_views/model_snapshot.h"
#include "ui/plots/redraw_throttle.h"

class QCPColorMap;
class QCustomPlot;
class QLabel;
class QStackedLayout;

class DecisionBoundaryView : public QWidget {
    Q_OBJECT
public:
    explicit DecisionBoundaryView(QWidget* parent = nullptr);

    void setModel(ModelSnapshot* model);
    ModelSnapshot* model() const { return model_; }

    QCustomPlot* plot() const { return plot_; }
    QCPColorMap* colorMap() const { return map_; }
    bool hasBoundary() const;         // the colour map shows a decision grid
    bool placeholderVisible() const;  // the data has no decision plane
    int pointCount() const;           // scattered points (train + test)
    int redrawCount() const { return throttle_.redrawCount(); }

    // A cell's value in the colour map: its class plus how sure the network is, scaled into [0, 1),
    // so that floor(value) is the class and the fraction picks the shade.
    static double cellValue(int predictedClass, float confidence, int numClasses);
    static int cellClass(double value) { return static_cast<int>(value); }

public Q_SLOTS:
    void refreshNow();

private:
    void showData();
    void redraw();
    void showGrid(const dl::DecisionGrid& grid);

    QPointer<ModelSnapshot> model_;
    QStackedLayout* stack_;
    QLabel* placeholder_;
    QCustomPlot* plot_;
    QCPColorMap* map_;
    int classes_ = 0;  // the colour map's gradient holds one band per class
    RedrawThrottle throttle_;
};
