#include "ui/model_views/confusion_matrix_view.h"

#include <algorithm>

#include <QPainter>

#include "ui/model_views/class_style.h"

namespace {

constexpr int kMargin = 8, kGap = 4, kMaxCell = 72, kMaxLabel = 110;
const QColor kShade(31, 119, 180);  // the same blue as the training plots' loss

QColor shade(double fraction) {
    auto mix = [fraction](int v) { return static_cast<int>(255 + (v - 255) * fraction + 0.5); };
    return QColor(mix(kShade.red()), mix(kShade.green()), mix(kShade.blue()));
}

int64_t rowTotal(const dl::ConfusionMatrix& m, int truth) {
    int64_t n = 0;
    for (int p = 0; p < m.num_classes; ++p) n += m.at(truth, p);
    return n;
}

QString percent(double fraction) {
    return QStringLiteral("%1%").arg(fraction * 100, 0, 'f', 1);
}

}  // namespace

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent) : QWidget(parent), throttle_([this] { takePredictions(); }) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setToolTip(
        tr("Rows: the true class of the test examples; columns: the class the network predicted. "
           "The diagonal holds the right answers; each row's share of them is written at its end."));
}

void ConfusionMatrixView::setModel(ModelSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model) connect(model, &ModelSnapshot::predictionsChanged, this, [this] { throttle_.request(); });
    throttle_.now();
}

QString ConfusionMatrixView::title() const {
    if (!matrix_) return {};
    return tr("Test set, epoch %1 — accuracy %2").arg(epoch_).arg(percent(matrix_->accuracy()));
}

void ConfusionMatrixView::refreshNow() {
    throttle_.now();
}

void ConfusionMatrixView::takePredictions() {
    matrix_.reset();
    names_.clear();
    if (model_ && model_->confusion()) {
        matrix_ = model_->confusion();
        epoch_ = model_->predictionEpoch();
        for (int c = 0; c < matrix_->num_classes; ++c) names_ << className(model_->data()->test, c);
    }
    updateGeometry();
    update();
}

QString ConfusionMatrixView::placeholder() const {
    const dl::DataSplit* data = model_ ? model_->data().get() : nullptr;
    if (!data) return tr("No data loaded yet.");
    if (!data->test.is_classification()) return tr("The confusion matrix is drawn for classification data sets.");
    if (data->test.size() == 0) return tr("The confusion matrix needs a test set.");
    return tr("The confusion matrix of the test set appears after the first epoch.");
}

QSize ConfusionMatrixView::sizeHint() const {
    const int k = matrix_ ? matrix_->num_classes : 3;
    return {kMaxLabel + k * 44 + 100, 3 * fontMetrics().height() + k * 44 + 80};
}

QSize ConfusionMatrixView::minimumSizeHint() const {
    return {240, 200};
}

// Title on top; under it "predicted" and the column names; on the left "true" (rotated) and the
// row names; the square cells; each row's accuracy on the right. Long column names turn vertical.
ConfusionMatrixView::Geometry ConfusionMatrixView::geometry() const {
    Geometry g;
    const QFontMetrics fm = fontMetrics();
    const int k = matrix_->num_classes, lh = fm.height();
    int widest = 0;
    for (const QString& name : names_) widest = std::max(widest, fm.horizontalAdvance(name));
    widest = std::min(widest, kMaxLabel);
    g.rowLabelWidth = widest + kGap;
    const int accuracyWidth = fm.horizontalAdvance(QStringLiteral("100.0%")) + 2 * kGap;
    g.title = QRect(kMargin, kMargin, width() - 2 * kMargin, lh);
    const int left = kMargin + lh + kGap + g.rowLabelWidth;  // rotated "true" + row names
    const int top = g.title.bottom() + kGap + lh + kGap;     // "predicted"
    // Rows are as tall as the height allows; columns may be wider, so four-digit counts stay readable
    // in a wide, short panel.
    int64_t largest = 0;
    for (int64_t n : matrix_->counts) largest = std::max(largest, n);
    const int countWidth = fm.horizontalAdvance(QString::number(largest)) + 2 * kGap;
    const int available = width() - left - accuracyWidth - kMargin;
    auto layoutCells = [&](int labelHeight) {
        g.cell = std::clamp((height() - top - labelHeight - kMargin) / k, 1, kMaxCell);
        g.cellWidth = std::clamp(std::max(g.cell, countWidth), 1, std::max(1, available / k));
        g.cellWidth = std::max(g.cellWidth, std::min(g.cell, available / k));
    };
    g.columnLabelHeight = lh + kGap;
    layoutCells(g.columnLabelHeight);
    if (widest > g.cellWidth - kGap) {
        g.verticalColumnLabels = true;
        g.columnLabelHeight = widest + kGap;
        layoutCells(g.columnLabelHeight);
    }
    const int side = g.cellWidth * k;
    const int spare = std::max(0, available - side);
    g.grid = QRect(left + spare / 2, top + g.columnLabelHeight, side, g.cell * k);
    return g;
}

QRect ConfusionMatrixView::Geometry::cellRect(int truth, int predicted) const {
    return QRect(grid.x() + predicted * cellWidth, grid.y() + truth * cell, cellWidth, cell);
}

QRect ConfusionMatrixView::cellRect(int truth, int predicted) const {
    return matrix_ ? geometry().cellRect(truth, predicted) : QRect();
}

void ConfusionMatrixView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (!matrix_) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, placeholder());
        return;
    }
    const Geometry g = geometry();
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().color(QPalette::Text));
    p.drawText(g.title, Qt::AlignHCenter | Qt::AlignVCenter, title());
    p.setFont(font());
    paintLabels(p, g);
    paintCells(p, g);
}

void ConfusionMatrixView::paintLabels(QPainter& p, const Geometry& g) const {
    const QFontMetrics fm = p.fontMetrics();
    const int k = matrix_->num_classes, lh = fm.height();
    const QColor muted = palette().color(QPalette::PlaceholderText);
    p.setPen(muted);
    p.drawText(QRect(g.grid.left(), g.title.bottom() + kGap, g.grid.width(), lh), Qt::AlignCenter,
               tr("predicted class"));
    p.drawText(QRect(g.grid.right() + kGap, g.grid.top() - lh - kGap, width(), lh), Qt::AlignLeft | Qt::AlignBottom,
               tr("correct"));
    p.save();  // "true class", rotated, left of the row names and centred on the rows
    p.translate(g.grid.left() - g.rowLabelWidth - lh - kGap, g.grid.center().y());
    p.rotate(-90);
    p.drawText(QRect(-g.grid.height() / 2, 0, g.grid.height(), lh), Qt::AlignCenter, tr("true class"));
    p.restore();

    p.setPen(palette().color(QPalette::Text));
    for (int c = 0; c < k; ++c) {
        const QString name = fm.elidedText(names_[c], Qt::ElideRight, kMaxLabel);
        const QRect row(g.grid.left() - g.rowLabelWidth, g.grid.top() + c * g.cell, g.rowLabelWidth - kGap, g.cell);
        p.drawText(row, Qt::AlignRight | Qt::AlignVCenter, name);
        if (!g.verticalColumnLabels) {
            p.drawText(QRect(g.grid.left() + c * g.cellWidth, g.grid.top() - g.columnLabelHeight, g.cellWidth, lh),
                       Qt::AlignCenter, name);
            continue;
        }
        p.save();  // bottom-to-top, ending just above the column
        p.translate(g.grid.left() + c * g.cellWidth + (g.cellWidth - lh) / 2, g.grid.top() - kGap);
        p.rotate(-90);
        p.drawText(QRect(0, 0, g.columnLabelHeight - kGap, lh), Qt::AlignLeft | Qt::AlignVCenter, name);
        p.restore();
    }
}

void ConfusionMatrixView::paintCells(QPainter& p, const Geometry& g) const {
    const int k = matrix_->num_classes;
    QFont countFont = font();
    countFont.setPointSizeF(std::clamp(g.cell * 0.5, 6.0, font().pointSizeF()));
    for (int t = 0; t < k; ++t) {
        const int64_t total = rowTotal(*matrix_, t);
        for (int c = 0; c < k; ++c) {
            const QRect cell = g.cellRect(t, c);
            const int64_t n = matrix_->at(t, c);
            const double fraction = total > 0 ? static_cast<double>(n) / total : 0.0;
            p.fillRect(cell, shade(fraction));
            p.setPen(QPen(palette().color(QPalette::Midlight), 1));
            p.drawRect(cell.adjusted(0, 0, -1, -1));
            p.setFont(countFont);
            const QString text = QString::number(n);
            if (p.fontMetrics().horizontalAdvance(text) > cell.width() - 2) continue;  // too small to read
            p.setPen(fraction > 0.5 ? QColor(Qt::white) : n == 0 ? QColor(185, 185, 185) : QColor(40, 40, 40));
            p.drawText(cell, Qt::AlignCenter, text);
        }
        // The row's diagonal share: the accuracy on this class.
        p.setFont(font());
        p.setPen(palette().color(QPalette::Text));
        const QRect end(g.grid.right() + kGap, g.grid.top() + t * g.cell, width(), g.cell);
        const QString accuracy =
            total > 0 ? percent(static_cast<double>(matrix_->at(t, t)) / total) : QStringLiteral("–");
        p.drawText(end, Qt::AlignLeft | Qt::AlignVCenter, accuracy);
    }
}
