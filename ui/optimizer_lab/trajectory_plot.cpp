#include "trajectory_plot.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <limits>

#include "lab_optimizer_style.h"
#include "ui/plots/plot_style.h"

namespace {

constexpr int kGridSize = 200;
constexpr int kContourLevels = 14;
constexpr int kCurveSamples = 400;

// Near-white at the minimum to a soft blue-grey on the high slopes: the coloured paths stay readable.
QCPColorGradient calmGradient() {
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(255, 253, 245));
    g.setColorStopAt(0.35, QColor(232, 238, 240));
    g.setColorStopAt(0.7, QColor(196, 214, 228));
    g.setColorStopAt(1.0, QColor(160, 184, 210));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

}  // namespace

TrajectoryPlot::TrajectoryPlot(QWidget* parent) : QCustomPlot(parent) {
    setObjectName(QStringLiteral("lab-plot"));
    setMinimumSize(420, 360);
    plot_style::styleAxis(xAxis, font());
    plot_style::styleAxis(yAxis, font());
    plot_style::styleLegend(legend, font());
    legend->setBrush(QColor(255, 255, 255, 215));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    xAxis->grid()->setVisible(false);
    yAxis->grid()->setVisible(false);
    startMarker_ = new QCPCurve(xAxis, yAxis);
    startMarker_->setName(tr("start (click to move)"));
    startMarker_->setPen(Qt::NoPen);
    startMarker_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QPen(Qt::black, 1.5), Qt::white, 11));
    startMarker_->setLayer(QStringLiteral("overlay"));
    connect(this, &QCustomPlot::mousePress, this, &TrajectoryPlot::onMousePress);
}

void TrajectoryPlot::clearBackground() {
    if (colorMap_) removePlottable(colorMap_);
    if (functionCurve_) removePlottable(functionCurve_);
    for (QCPCurve* contour : contours_) removePlottable(contour);
    colorMap_ = nullptr;
    functionCurve_ = nullptr;
    contours_.clear();
}

void TrajectoryPlot::setFunction(std::shared_ptr<const dl::FunctionExpression> function, std::array<double, 2> x1Range,
                                 std::array<double, 2> x2Range) {
    function_ = std::move(function);
    dimension_ = function_->dimension();
    clearBackground();
    x1Range_ = x1Range;
    x2Range_ = x2Range;
    if (dimension_ == 2) {
        requestSurface();
    } else {
        pendingSurface_ = 0;  // drop a surface still on its way
        drawCurve(x1Range, x2Range);
    }
    xAxis->setLabel(dimension_ == 2 ? QStringLiteral("x1") : QStringLiteral("x"));
    yAxis->setLabel(dimension_ == 2 ? QStringLiteral("x2") : QStringLiteral("f(x)"));
    xAxis->setRange(x1Range_[0], x1Range_[1]);
    yAxis->setRange(x2Range_[0], x2Range_[1]);
    replot();
}

void TrajectoryPlot::requestSurface() {
    const int request = ++surfaceRequests_;
    pendingSurface_ = request;
    auto* watcher = new QFutureWatcher<SurfaceGrid>(this);
    connect(watcher, &QFutureWatcher<SurfaceGrid>::finished, this, [this, watcher, request] {
        watcher->deleteLater();
        if (request != pendingSurface_) return;  // a newer function is on its way, or a 1-D one is shown
        pendingSurface_ = 0;
        showSurface(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(computeSurface, function_, x1Range_, x2Range_, kGridSize, kContourLevels));
}

void TrajectoryPlot::showSurface(const SurfaceGrid& surface) {
    clearBackground();
    const ContourGrid& grid = surface.grid;
    colorMap_ = new QCPColorMap(xAxis, yAxis);
    colorMap_->setLayer(QStringLiteral("background"));
    colorMap_->removeFromLegend();
    colorMap_->data()->setSize(grid.columns, grid.rows);
    colorMap_->data()->setRange(QCPRange(grid.x1Lower, grid.x1Upper), QCPRange(grid.x2Lower, grid.x2Upper));
    for (int row = 0; row < grid.rows; ++row)
        for (int column = 0; column < grid.columns; ++column)
            colorMap_->data()->setCell(column, row, grid.at(column, row));
    colorMap_->setGradient(calmGradient());
    colorMap_->setInterpolate(true);
    if (std::isfinite(surface.highest)) colorMap_->setDataRange(QCPRange(0.0, std::max(surface.highest, 1e-12)));
    for (const ContourLine& line : surface.contours) {
        auto* contour = new QCPCurve(xAxis, yAxis);
        contour->removeFromLegend();
        contour->setPen(QPen(QColor(90, 110, 130, 120), 1));
        contour->setData(line.x1, line.x2);
        contour->setSelectable(QCP::stNone);
        contours_.push_back(contour);
    }
    replot(QCustomPlot::rpQueuedReplot);
}

void TrajectoryPlot::drawCurve(std::array<double, 2> x1Range, std::array<double, 2> x2Range) {
    QVector<double> xs, fs;
    double lowest = std::numeric_limits<double>::infinity(), highest = -lowest;
    for (int i = 0; i < kCurveSamples; ++i) {
        const double x = x1Range[0] + (x1Range[1] - x1Range[0]) * i / (kCurveSamples - 1);
        const double f = function_->value(x);
        xs << x;
        fs << (std::isfinite(f) ? f : std::numeric_limits<double>::quiet_NaN());
        if (std::isfinite(f)) lowest = std::min(lowest, f), highest = std::max(highest, f);
    }
    functionCurve_ = addGraph();
    functionCurve_->setName(QStringLiteral("f(x)"));
    functionCurve_->setPen(QPen(QColor(70, 70, 70), 1.5));
    functionCurve_->setData(xs, fs, true);
    functionCurve_->setLayer(QStringLiteral("background"));
    // A preset brings its own f range; a typed f(x) gets its sampled range with a margin.
    const bool presetRangeFits = lowest >= x2Range[0] && highest <= x2Range[1];
    const double margin = std::isfinite(highest) ? std::max(0.1 * (highest - lowest), 1e-3) : 1.0;
    x2Range_ =
        presetRangeFits || !std::isfinite(highest) ? x2Range : std::array<double, 2>{lowest - margin, highest + margin};
}

void TrajectoryPlot::setTrajectories(const std::vector<dl::Trajectory>& trajectories) {
    trajectories_ = trajectories;
    for (auto& [optimizer, curve] : paths_) removePlottable(curve);
    for (auto& [optimizer, curve] : heads_) removePlottable(curve);
    paths_.clear();
    heads_.clear();
    for (const dl::Trajectory& trajectory : trajectories_) {
        const QColor color = lab_style::color(trajectory.optimizer);
        auto* path = new QCPCurve(xAxis, yAxis);
        path->setName(lab_style::name(trajectory.optimizer));
        // Long paths get thinner lines and smaller dots so that paths sharing a valley stay apart.
        const bool longPath = trajectory.steps.size() > 60;
        QColor lineColor = color;
        if (longPath) lineColor.setAlpha(170);
        path->setPen(QPen(lineColor, longPath ? 1.2 : 2));
        path->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, lineColor, longPath ? 3 : 5));
        path->setLayer(QStringLiteral("main"));
        auto* head = new QCPCurve(xAxis, yAxis);
        head->removeFromLegend();
        head->setPen(Qt::NoPen);
        head->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::white, 2), color, 11));
        paths_[trajectory.optimizer] = path;
        heads_[trajectory.optimizer] = head;
    }
    updatePaths();
}

void TrajectoryPlot::setStep(int step) {
    step_ = step;
    updatePaths();
}

void TrajectoryPlot::updatePaths() {
    for (const dl::Trajectory& trajectory : trajectories_) {
        const int last = std::min<int>(step_, int(trajectory.steps.size()) - 1);
        QVector<double> t, keys, values;
        for (int i = 0; i <= last; ++i) {
            const dl::TrajectoryStep& at = trajectory.steps[size_t(i)];
            t << i;
            keys << at.point[0];
            values << (dimension_ == 2 ? at.point[1] : at.value);
        }
        paths_[trajectory.optimizer]->setData(t, keys, values);
        if (last >= 0)
            heads_[trajectory.optimizer]->setData(QVector<double>{0.0}, QVector<double>{keys.back()},
                                                  QVector<double>{values.back()});
    }
    replot(QCustomPlot::rpQueuedReplot);
}

void TrajectoryPlot::setStart(std::array<double, 2> start) {
    const double y = dimension_ == 2 ? start[1] : (function_ ? function_->value(start[0]) : 0.0);
    startMarker_->setData(QVector<double>{0.0}, QVector<double>{start[0]}, QVector<double>{y});
    replot(QCustomPlot::rpQueuedReplot);
}

QCPCurve* TrajectoryPlot::curveOf(dl::LabOptimizer optimizer) const {
    const auto found = paths_.find(optimizer);
    return found == paths_.end() ? nullptr : found->second;
}

void TrajectoryPlot::onMousePress(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !axisRect()->rect().contains(event->pos())) return;
    const double x1 = xAxis->pixelToCoord(event->pos().x());
    const double x2 = dimension_ == 2 ? yAxis->pixelToCoord(event->pos().y()) : 0.0;
    Q_EMIT startPicked(x1, x2);
}
