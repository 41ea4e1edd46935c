#include "ui/plots/heatmap_plot.h"

#include <algorithm>
#include <cmath>

#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

namespace heatmap_plot {

namespace {
Heatmap fill(QCustomPlot* plot, QCPLayoutGrid* grid, QCPAxisRect* rect, int row, int column, const QFont& base,
             const QString& scaleLabel) {
    Heatmap h;
    h.rect = rect;
    QCPAxis* x = h.rect->axis(QCPAxis::atBottom);
    QCPAxis* y = h.rect->axis(QCPAxis::atLeft);
    for (QCPAxis* a : {x, y}) {
        plot_style::styleAxis(a, base);
        a->grid()->setVisible(false);
    }
    y->setRangeReversed(true);  // the first row on top
    h.map = new QCPColorMap(x, y);
    h.map->setInterpolate(false);
    h.map->setTightBoundary(false);
    h.scale = new QCPColorScale(plot);
    grid->addElement(row, column + 1, h.scale);
    h.scale->setType(QCPAxis::atRight);
    h.scale->setBarWidth(12);
    plot_style::styleAxis(h.scale->axis(), base);
    h.scale->axis()->setLabel(scaleLabel);
    h.map->setColorScale(h.scale);
    h.map->setGradient(plot_style::viridis());
    auto* rows = new QCPMarginGroup(plot);
    h.rect->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
    h.scale->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
    grid->setColumnStretchFactor(column + 1, 0.01);
    return h;
}
}  // namespace

Heatmap addHeatmap(QCustomPlot* plot, int row, int column, const QFont& base, const QString& scaleLabel) {
    QCPAxisRect* rect = row == 0 && column == 0 ? plot->axisRect() : new QCPAxisRect(plot);
    if (rect != plot->axisRect()) plot->plotLayout()->addElement(row, column, rect);
    return fill(plot, plot->plotLayout(), rect, row, column, base, scaleLabel);
}

Heatmap addHeatmapTo(QCustomPlot* plot, QCPLayoutGrid* grid, int row, int column, const QFont& base,
                     const QString& scaleLabel) {
    auto* rect = new QCPAxisRect(plot);
    grid->addElement(row, column, rect);
    return fill(plot, grid, rect, row, column, base, scaleLabel);
}

void setCells(const Heatmap& h, int rows, int columns, const std::vector<double>& values) {
    QCPColorMapData* cells = h.map->data();
    cells->setSize(std::max(columns, 1), std::max(rows, 1));
    cells->setRange(QCPRange(0, std::max(columns - 1, 0)), QCPRange(0, std::max(rows - 1, 0)));
    cells->fill(std::nan(""));
    double lo = INFINITY, hi = -INFINITY;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            const double v = values[static_cast<size_t>(r) * columns + c];
            cells->setCell(c, r, v);
            if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
        }
    if (!(hi >= lo)) lo = 0, hi = 1;
    if (hi == lo) hi = lo + 1e-6;
    h.map->setDataRange(QCPRange(lo, hi));
    h.rect->axis(QCPAxis::atBottom)->setRange(-0.5, columns - 0.5);
    h.rect->axis(QCPAxis::atLeft)->setRange(-0.5, rows - 0.5);
}

void setTextTicks(QCPAxis* axis, const QStringList& labels, int every) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < labels.size(); i += std::max(every, 1)) ticker->addTick(i, labels[i]);
    axis->setTicker(ticker);
    axis->setTickLength(0, 2);
    axis->setSubTicks(false);
}

}  // namespace heatmap_plot
