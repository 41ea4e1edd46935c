#pragma once
// The common look of DiveLab's QCustomPlot views: quiet grey axes, a light grid, 9/10 pt text.
#include <QFont>

class QCPAxis;
class QCPColorGradient;
class QCPLegend;

namespace plot_style {

QFont sized(QFont font, qreal pointSize, bool bold = false);
void styleAxis(QCPAxis* axis, const QFont& base);
// A borderless, transparent legend with compact rows.
void styleLegend(QCPLegend* legend, const QFont& base);
// Perceptually uniform dark-violet-to-yellow scale for heatmaps; NaN cells transparent.
QCPColorGradient viridis();

}  // namespace plot_style
