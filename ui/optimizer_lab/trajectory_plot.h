#pragma once
// TrajectoryPlot: the optimizer lab's picture. For f(x1, x2): a calm colour map of f (on a log scale
// above its minimum, so both a narrow valley and the far slopes show) with marching-squares contour
// lines, and each optimizer's path as a coloured curve with a dot per step. For f(x): the curve f(x)
// with each path's points on it. Paths are drawn up to the current animation step; clicking the plot
// picks a new start point. The surface (a 200 × 200 grid and its contours, some 10-30 ms) is computed on a
// worker thread; the axes and paths change at once, the colour map follows when it is ready.
#include <array>
#include <map>
#include <memory>
#include <vector>

#include "engine/optim/function_expression.h"
#include "engine/optim/trajectory.h"
#include "surface_grid.h"
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
    // False while the surface of the last 2-D function is still being computed.
    bool surfaceReady() const { return pendingSurface_ == 0; }

Q_SIGNALS:
    // A click on the plot: the new start point (x2 = 0 for a function of x alone).
    void startPicked(double x1, double x2);

private:
    void requestSurface();
    void showSurface(const SurfaceGrid& surface);
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
    int surfaceRequests_ = 0;  // numbers each request; a result for an older one is dropped
    int pendingSurface_ = 0;   // the request still being computed, 0 when none
};
