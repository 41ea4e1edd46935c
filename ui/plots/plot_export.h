#pragma once
// Saving any QCustomPlot as PNG, PDF or SVG. Files are written atomically (QSaveFile): a failed
// export leaves no half-written file and returns false with a message for a person in *error.
// width/height 0 mean the plot's current size.
#include <QSize>
#include <QString>

class QCustomPlot;
class QWidget;

namespace plot_export {

// scale > 1 renders more pixels than the widget has (2 = sharp on high-DPI screens and in slides).
bool savePng(QCustomPlot* plot, const QString& path, QString* error = nullptr, int width = 0, int height = 0,
             double scale = 2.0);
bool savePdf(QCustomPlot* plot, const QString& path, QString* error = nullptr, int width = 0, int height = 0);
bool saveSvg(QCustomPlot* plot, const QString& path, QString* error = nullptr, int width = 0, int height = 0);
// Whether any graph or bar chart of the plot has a data point (colour maps are not looked at): an
// export skips plots without, which would be empty axes.
bool hasData(QCustomPlot* plot);
// The size File › Export Plots lays a plot out at, whatever the shape of its dock: a 16:10 figure
// that fits a slide or a page (PNG at 2x: 1600 × 1000 pixels; PDF/SVG: 800 × 500 points).
inline constexpr QSize kExportSize{800, 500};
// Picks the format from the file suffix (.png, .pdf, .svg) and lays the plot out at `size`.
bool save(QCustomPlot* plot, const QString& path, QString* error = nullptr, QSize size = kExportSize);
// Any painted widget (predictions grid, confusion matrix) laid out at `size`, as the plots are: PNG
// at 2x, or PDF/SVG drawn through QWidget::render (vector where the widget paints vectors).
bool saveWidget(QWidget* widget, const QString& path, QString* error = nullptr, QSize size = kExportSize);

}  // namespace plot_export
