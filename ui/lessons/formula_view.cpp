#include "formula_view.h"

#include <QFileInfo>
#include <QPainter>
#include <QSvgRenderer>

#include <algorithm>

namespace {
constexpr int kPadding = 10;           // between the card's edge and the formula
constexpr double kDisplayZoom = 1.25;  // the SVG's own size (18 pt glyphs) a touch larger, like a displayed equation
}  // namespace

FormulaView::FormulaView(QWidget* parent) : QWidget(parent), renderer_(new QSvgRenderer(this)) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

bool FormulaView::load(const QString& svgPath) {
    const bool loaded = QFileInfo::exists(svgPath) && renderer_->load(svgPath) && renderer_->isValid();
    if (!loaded) {
        renderer_->load(QByteArray());
        missing_ = tr("The rendered formula %1 is missing: run scripts/render_lesson_formulas.py.")
                       .arg(QFileInfo(svgPath).fileName());
    }
    updateGeometry();
    update();
    return loaded;
}

bool FormulaView::hasFormula() const {
    return renderer_->isValid();
}

QSizeF FormulaView::naturalSize() const {
    return hasFormula() ? QSizeF(renderer_->defaultSize()) * kDisplayZoom : QSizeF(300, 24);
}

double FormulaView::scaleFor(double width) const {
    const double available = std::max(1.0, width - 2.0 * kPadding);
    return std::min(1.0, available / naturalSize().width());  // shrink a long formula, never enlarge
}

QRectF FormulaView::formulaRect() const {
    const QSizeF size = naturalSize() * scaleFor(width());
    return QRectF(QPointF(kPadding, (height() - size.height()) / 2.0), size);
}

QSize FormulaView::sizeHint() const {
    const QSizeF natural = naturalSize();
    return QSize(int(natural.width()) + 2 * kPadding, int(natural.height()) + 2 * kPadding);
}

QSize FormulaView::minimumSizeHint() const {
    return QSize(120, 24 + 2 * kPadding);
}

int FormulaView::heightForWidth(int width) const {
    return int(naturalSize().height() * scaleFor(width)) + 2 * kPadding;
}

void FormulaView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QColor(0xd0, 0xd0, 0xd0));
    painter.setBrush(QColor(0xfc, 0xfc, 0xfa));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    if (!hasFormula()) {
        painter.setPen(QColor(0x8a, 0x1c, 0x1c));
        painter.drawText(rect().adjusted(kPadding, 0, -kPadding, 0), Qt::AlignVCenter | Qt::TextWordWrap, missing_);
        return;
    }
    renderer_->render(&painter, formulaRect());  // vector drawing: crisp at any scale
}
