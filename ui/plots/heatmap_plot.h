#pragma once
// A heatmap in a QCustomPlot cell with its colour scale beside it, in DiveLab's plot style: the
// step-gradient and gate views draw rows × time steps this way, the attention views queries × keys.
#include <QStringList>

#include <vector>

class QCPAxisRect;
class QCPColorMap;
class QCPColorScale;
class QCPAxis;
class QCPLayoutGrid;
class QCustomPlot;
class QFont;

namespace heatmap_plot {

struct Heatmap {
    QCPAxisRect* rect = nullptr;
    QCPColorMap* map = nullptr;
    QCPColorScale* scale = nullptr;
};
// Puts the heatmap's axis rect at (row, column) of the plot's layout and its colour scale at
// (row, column + 1); the first row is drawn on top.
Heatmap addHeatmap(QCustomPlot* plot, int row, int column, const QFont& base, const QString& scaleLabel);
// The same in `grid`, a layout inside the plot (several maps under one title), with a new axis rect.
Heatmap addHeatmapTo(QCustomPlot* plot, QCPLayoutGrid* grid, int row, int column, const QFont& base,
                     const QString& scaleLabel);
// Fills the map with a rows × columns grid (row-major values), cell (c, r) centred at key c, value r.
void setCells(const Heatmap& heatmap, int rows, int columns, const std::vector<double>& values);
// Labels an axis with one text per integer position (0, 1, …), every `every`-th one when crowded.
void setTextTicks(QCPAxis* axis, const QStringList& labels, int every = 1);

}  // namespace heatmap_plot
