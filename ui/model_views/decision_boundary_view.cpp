#include "ui/model_views/decision_boundary_view.h"

#include <algorithm>

#include <QLabel>
#include <QStackedLayout>

#include "ui/model_views/class_style.h"
#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

namespace {

constexpr double kPale = 0.12, kStrong = 0.5;  // share of the class colour over white
constexpr int kLevelsPerClass = 100;
constexpr double kLowestShade = 0.02, kShadeSpan = 0.96;  // keeps cell values inside their class band

// The class colour washed towards white: `strength` 1 is the colour, 0 white.
QColor tint(const QColor& c, double strength) {
    auto mix = [strength](int v) { return static_cast<int>(255 + (v - 255) * strength + 0.5); };
    return QColor(mix(c.red()), mix(c.green()), mix(c.blue()));
}

// One band per class over [0, classes): pale at the band's start, stronger towards its end.
// levels - 1 is a multiple of `classes`, so each band starts exactly on a level.
QCPColorGradient classGradient(int classes) {
    QCPColorGradient g;
    g.clearColorStops();
    for (int c = 0; c < classes; ++c) {
        g.setColorStopAt(static_cast<double>(c) / classes, tint(classColor(c), kPale));
        g.setColorStopAt((c + kLowestShade + kShadeSpan) / classes, tint(classColor(c), kStrong));
    }
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(kLevelsPerClass * classes + 1);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

const dl::Dataset* planeData(const ModelSnapshot* model) {
    if (!model || !model->data()) return nullptr;
    const dl::DataSplit& s = *model->data();
    const dl::Dataset& any = s.train.size() > 0 ? s.train : s.test;
    return dl::has_decision_plane(any) ? &any : nullptr;
}

void addPoints(QCustomPlot* plot, const dl::Dataset& d, bool test) {
    const int k = d.num_classes;
    std::vector<QVector<double>> xs(static_cast<size_t>(k)), ys(static_cast<size_t>(k));
    for (int64_t i = 0; i < d.size(); ++i) {
        const int32_t label = d.labels[static_cast<size_t>(i)];
        if (label < 0 || label >= k) continue;
        xs[static_cast<size_t>(label)] << d.features[i * 2];
        ys[static_cast<size_t>(label)] << d.features[i * 2 + 1];
    }
    for (int c = 0; c < k; ++c) {
        QCPGraph* g = plot->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        const QColor colour = classColor(c);
        if (test) {
            g->setScatterStyle(
                QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(colour.darker(130), 1.3), Qt::NoBrush, 7));
            g->removeFromLegend();
        } else {
            // A white rim keeps the dots apart from the regions beneath, which share their hue.
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::white, 0.8), colour, 6));
            g->setName(className(d, c));
        }
        g->setData(xs[static_cast<size_t>(c)], ys[static_cast<size_t>(c)]);
    }
}

}  // namespace

DecisionBoundaryView::DecisionBoundaryView(QWidget* parent)
    : QWidget(parent),
      stack_(new QStackedLayout(this)),
      placeholder_(new QLabel),
      plot_(new QCustomPlot),
      throttle_([this] { redraw(); }) {
    placeholder_->setObjectName(QStringLiteral("boundaryPlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setMargin(12);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    placeholder_->setBackgroundRole(QPalette::Base);  // white, like the plot it stands for
    placeholder_->setAutoFillBackground(true);
    stack_->addWidget(placeholder_);

    const QFont base = font();
    plot_->setObjectName(QStringLiteral("boundaryPlot"));
    plot_->setToolTip(
        tr("The background is the class the network predicts at each point of the plane, paler "
           "where it is less sure. Dots are training examples, circles test examples."));
    plot_->setBackground(Qt::white);
    plot_->setMinimumSize(240, 240);
    plot_->setAntialiasedElements(QCP::aeScatters | QCP::aeLegendItems);
    for (QCPAxis* a : {plot_->xAxis, plot_->yAxis}) {
        plot_style::styleAxis(a, base);
        a->grid()->setVisible(false);  // the regions are the background
    }
    plot_->xAxis->setLabel(QStringLiteral("x₁"));
    plot_->yAxis->setLabel(QStringLiteral("x₂"));
    plot_style::styleLegend(plot_->legend, base);
    plot_->legend->setBrush(QColor(255, 255, 255, 210));
    plot_->legend->setIconSize(12, 10);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);  // created first: drawn beneath the points
    map_->setInterpolate(false);  // interpolating class numbers would invent classes at the borders
    map_->setTightBoundary(false);
    map_->removeFromLegend();
    stack_->addWidget(plot_);

    showData();
}

double DecisionBoundaryView::cellValue(int predictedClass, float confidence, int numClasses) {
    const double chance = 1.0 / std::max(numClasses, 1);  // the lowest possible top probability
    const double sure = numClasses > 1 ? std::clamp((confidence - chance) / (1 - chance), 0.0, 1.0) : 1.0;
    return predictedClass + kLowestShade + kShadeSpan * sure;
}

void DecisionBoundaryView::setModel(ModelSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model) {
        connect(model, &ModelSnapshot::dataChanged, this, &DecisionBoundaryView::showData);
        connect(model, &ModelSnapshot::boundaryChanged, this, [this] { throttle_.request(); });
    }
    showData();
}

bool DecisionBoundaryView::hasBoundary() const {
    return map_->visible() && !placeholderVisible();
}

bool DecisionBoundaryView::placeholderVisible() const {
    return stack_->currentWidget() == placeholder_;
}

int DecisionBoundaryView::pointCount() const {
    int n = 0;
    for (int i = 0; i < plot_->graphCount(); ++i) n += plot_->graph(i)->data()->size();
    return n;
}

void DecisionBoundaryView::refreshNow() {
    throttle_.now();
}

// New data: the points, the axes around them and the class colours; the regions follow in redraw().
void DecisionBoundaryView::showData() {
    plot_->clearGraphs();
    const dl::Dataset* d = planeData(model_);
    if (!d) {
        const bool loaded = model_ && model_->data();
        placeholder_->setText(loaded ? tr("The decision boundary is drawn for 2-D classification data sets (toy sets).")
                                     : tr("No data loaded yet."));
        stack_->setCurrentWidget(placeholder_);
        throttle_.now();
        return;
    }
    addPoints(plot_, model_->data()->train, false);
    addPoints(plot_, model_->data()->test, true);
    if (d->feature_names.size() == 2) {
        plot_->xAxis->setLabel(QString::fromStdString(d->feature_names[0]));
        plot_->yAxis->setLabel(QString::fromStdString(d->feature_names[1]));
    }
    plot_->rescaleAxes();
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        const QCPRange r = axis->range();
        axis->setRange(r.lower - 0.1 * r.size(), r.upper + 0.1 * r.size());  // decision_grid's default margin
    }
    stack_->setCurrentWidget(plot_);
    throttle_.now();
}

void DecisionBoundaryView::redraw() {
    const bool show = planeData(model_) && model_->decisionGrid();
    if (show)
        showGrid(*model_->decisionGrid());
    else
        map_->data()->clear();
    map_->setVisible(show);
    plot_->replot();
}

void DecisionBoundaryView::showGrid(const dl::DecisionGrid& grid) {
    const int classes = std::max({grid.num_classes, planeData(model_)->num_classes, 1});
    if (classes != classes_) {
        map_->setGradient(classGradient(classes));
        map_->setDataRange(QCPRange(0, classes));
        classes_ = classes;
    }
    const int n = grid.resolution;
    const double cw = (grid.x_max - grid.x_min) / n, ch = (grid.y_max - grid.y_min) / n;
    QCPColorMapData* cells = map_->data();
    cells->setSize(n, n);
    // The range runs from the centre of the first cell to the centre of the last.
    cells->setRange(QCPRange(grid.x_min + cw / 2, grid.x_max - cw / 2),
                    QCPRange(grid.y_min + ch / 2, grid.y_max - ch / 2));
    for (int iy = 0; iy < n; ++iy)
        for (int ix = 0; ix < n; ++ix) {
            const size_t i = static_cast<size_t>(iy) * n + ix;
            cells->setCell(ix, iy, cellValue(grid.predicted[i], grid.confidence[i], classes));
        }
    plot_->xAxis->setRange(grid.x_min, grid.x_max);
    plot_->yAxis->setRange(grid.y_min, grid.y_max);
}
