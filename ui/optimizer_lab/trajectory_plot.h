#pragma once
// TrajectoryPlot: the optimizer lab's picture. For f(x1, x2): a calm colour map of f (on a log scale
// above its minimum, so both a narrow valley and the far slopes show) with marching-squares contour
// lines, and each optimizer's path as a coloured curve with a dot per step. For f(x): the curve f(x)
// with each path's points on it. Paths are drawn up to the current animation step; clicking the plot
// picks a new start point.
#include <array>
#include <map>
#include <memory>
#include <vector>

#include "engine/optim/function_expression.h"
#include "engine/optim/trajectory.h"
#include "ui/plots/qcp.h"

class TrajectoryPlot : public QCustomPlot {
    Q_OBJECT

public:
    explicit TrajectoryPlot(QWidget* parent = nullptr);

    // Draws the function over x1Range × x2Range (for f(x): x over x1Range, f over x2Range).
    void setFunction(std::shared_ptr<const dl::FunctionExpression> function, std::array<double, 2> x1Range,
                     std::array<double, 2> x2Range);
    void setTrajectories(const std::vector<dl::Trajectory>& trajectories);
    void setStep(int step);
    void setStart(std::array<double, 2> start);

    // The drawn path of `optimizer` (nullptr if it is not shown).
    QCPCurve* curveOf(dl::LabOptimizer optimizer) const;
    QCPColorMap* colorMap() const { return colorMap_; }
    int contourLevelsDrawn() const { return int(contours_.size()); }

Q_SIGNALS:
    // A click on the plot: the new start point (x2 = 0 for a function of x alone).
    void startPicked(double x1, double x2);

private:
    void drawSurface(std::array<double, 2> x1Range, std::array<double, 2> x2Range);
    void drawContours(const std::vector<double>& transformed, double lowest, double highest);
    void drawCurve(std::array<double, 2> x1Range, std::array<double, 2> x2Range);
    void clearBackground();
    void updatePaths();
    void onMousePress(QMouseEvent* event);

    std::shared_ptr<const dl::FunctionExpression> function_;
    int dimension_ = 2;
    std::array<double, 2> x1Range_{-1, 1}, x2Range_{-1, 1};
    QCPColorMap* colorMap_ = nullptr;
    QCPGraph* functionCurve_ = nullptr;  // f(x) for 1-D functions
    std::vector<QCPCurve*> contours_;
    std::vector<dl::Trajectory> trajectories_;
    std::map<dl::LabOptimizer, QCPCurve*> paths_;
    std::map<dl::LabOptimizer, QCPCurve*> heads_;  // the current point, larger
    QCPCurve* startMarker_ = nullptr;
    int step_ = 0;
};
