#include "ui/attention_views/positional_encoding_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

#include "engine/ops/positional_table.h"
#include "ui/plots/heatmap_plot.h"
#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

namespace {
QSpinBox* spin(const char* name, int lo, int hi, int value, const QString& tip) {
    auto* box = new QSpinBox;
    box->setObjectName(QLatin1String(name));
    box->setRange(lo, hi);
    box->setValue(value);
    box->setToolTip(tip);
    return box;
}
}  // namespace

PositionalEncodingView::PositionalEncodingView(QWidget* parent)
    : QWidget(parent),
      positions_(spin("positionsBox", 2, 1000, 60, tr("Rows of the table: positions 0 … n − 1 (D2L: 60)."))),
      dimensions_(spin("dimensionsBox", 2, 512, 32, tr("Columns of the table: the encoding dimension d (D2L: 32)."))),
      firstColumn_(spin("firstColumnBox", 0, 511, 6, tr("The first column drawn as a curve (D2L: 6)."))),
      columnCount_(spin("columnCountBox", 1, 8, 4, tr("How many columns are drawn as curves (D2L: 4, columns 6–9)."))),
      plot_(new QCustomPlot) {
    plot_->setObjectName(QStringLiteral("positionalPlot"));
    plot_->setBackground(Qt::white);
    plot_->setMinimumSize(360, 300);
    heatmap_ = heatmap_plot::addHeatmap(plot_, 0, 0, font(), tr("P[i, j]"));
    heatmap_.rect->axis(QCPAxis::atBottom)->setLabel(tr("column j (encoding dimension)"));
    heatmap_.rect->axis(QCPAxis::atLeft)->setLabel(tr("row i (position)"));
    curveRect_ = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(1, 0, curveRect_);
    for (QCPAxis* a : {curveRect_->axis(QCPAxis::atBottom), curveRect_->axis(QCPAxis::atLeft)})
        plot_style::styleAxis(a, font());
    curveRect_->axis(QCPAxis::atBottom)->setLabel(tr("row i (position)"));
    curveRect_->axis(QCPAxis::atLeft)->setLabel(tr("P[i, j]"));
    curveRect_->axis(QCPAxis::atLeft)->setRange(-1.1, 1.1);
    auto* legend = new QCPLegend;
    curveRect_->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    legend->setLayer(QStringLiteral("legend"));
    plot_style::styleLegend(legend, font());
    legend->setBrush(QColor(255, 255, 255, 200));  // the curves stay visible behind it
    plot_->setAutoAddPlottableToLegend(false);
    curveRect_->setProperty("legend", QVariant::fromValue(static_cast<void*>(legend)));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(plot_, 1);
    redraw();
}

QWidget* PositionalEncodingView::buildControls() {
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    const std::pair<QString, QSpinBox*> boxes[] = {{tr("&Positions:"), positions_},
                                                   {tr("&Dimensions:"), dimensions_},
                                                   {tr("&Curves from column:"), firstColumn_},
                                                   {tr("c&ount:"), columnCount_}};
    for (const auto& [text, box] : boxes) {
        auto* label = new QLabel(text);
        label->setBuddy(box);
        h->addWidget(label);
        h->addWidget(box);
        connect(box, &QSpinBox::valueChanged, this, &PositionalEncodingView::redraw);
    }
    h->addStretch(1);
    return row;
}

int PositionalEncodingView::curveCount() const {
    return curveRect_->graphs().size();
}

void PositionalEncodingView::redraw() {
    const int steps = positions_->value(), dims = dimensions_->value();
    const dl::Tensor table = dl::sinusoidal_positions(steps, dims);
    heatmap_plot::setCells(heatmap_, steps, dims, std::vector<double>(table.data(), table.data() + table.numel()));
    heatmap_.map->setDataRange(QCPRange(-1, 1));
    QStringList columns, rows;
    for (int j = 0; j < dims; ++j) columns << QString::number(j);
    for (int i = 0; i < steps; ++i) rows << QString::number(i);
    heatmap_plot::setTextTicks(heatmap_.rect->axis(QCPAxis::atBottom), columns, std::max(1, dims / 16));
    heatmap_plot::setTextTicks(heatmap_.rect->axis(QCPAxis::atLeft), rows, std::max(1, steps / 6));
    for (QCPGraph* g : curveRect_->graphs()) plot_->removeGraph(g);
    auto* legend = static_cast<QCPLegend*>(curveRect_->property("legend").value<void*>());
    legend->clearItems();
    const int first = std::min(firstColumn_->value(), dims - 1);
    const int last = std::min(first + columnCount_->value(), dims);
    const QList<QColor> colours{QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f)};  // matplotlib's, as D2L
    for (int j = first; j < last; ++j) {
        auto* g = plot_->addGraph(curveRect_->axis(QCPAxis::atBottom), curveRect_->axis(QCPAxis::atLeft));
        QVector<double> x, y;
        for (int i = 0; i < steps; ++i) x << i, y << table[static_cast<int64_t>(i) * dims + j];
        g->setData(x, y, true);
        g->setName(tr("column %1").arg(j));
        g->setPen(QPen(colours[(j - first) % colours.size()], 2));
        g->addToLegend(legend);
    }
    curveRect_->axis(QCPAxis::atBottom)->setRange(0, std::max(steps - 1, 1));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}
