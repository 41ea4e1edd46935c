#include "ui/plots/plot_style.h"

#include "ui/plots/qcp.h"

namespace plot_style {

namespace {
const QColor kAxis(90, 90, 90), kGrid(225, 225, 225);
}

QFont sized(QFont font, qreal pointSize, bool bold) {
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    return font;
}

void styleAxis(QCPAxis* axis, const QFont& base) {
    axis->setBasePen(QPen(kAxis, 1));
    axis->setTickPen(QPen(kAxis, 1));
    axis->setSubTickPen(QPen(kAxis, 1));
    axis->setTickLabelColor(QColor(60, 60, 60));
    axis->setLabelColor(QColor(40, 40, 40));
    axis->setTickLabelFont(sized(base, 9));
    axis->setLabelFont(sized(base, 10));
    axis->setTickLength(0, 4);
    axis->setSubTickLength(0, 2);
    axis->grid()->setPen(QPen(kGrid, 1, Qt::SolidLine));
    axis->grid()->setSubGridVisible(false);
    axis->grid()->setZeroLinePen(Qt::NoPen);
}

void styleLegend(QCPLegend* legend, const QFont& base) {
    legend->setVisible(true);
    legend->setFont(sized(base, 9));
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setIconSize(22, 10);
    legend->setRowSpacing(0);
    legend->setColumnSpacing(14);
}

QCPColorGradient viridis() {
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(68, 1, 84));
    g.setColorStopAt(0.25, QColor(59, 82, 139));
    g.setColorStopAt(0.5, QColor(33, 145, 140));
    g.setColorStopAt(0.75, QColor(94, 201, 98));
    g.setColorStopAt(1.0, QColor(253, 231, 37));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

}  // namespace plot_style
