#include "ui/window/elided_label.h"

#include <QFontMetrics>

ElidedLabel::ElidedLabel(QWidget* parent) : QLabel(parent) {
    setTextFormat(Qt::PlainText);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void ElidedLabel::setFullText(const QString& text) {
    fullText_ = text;
    setToolTip(text);
    updateGeometry();
    showElided();
}

QString ElidedLabel::elideAtWord(const QString& text, const QFontMetrics& metrics, int width) {
    if (metrics.horizontalAdvance(text) <= width) return text;
    const QString ellipsis = QStringLiteral("…");
    for (int space = text.lastIndexOf(QLatin1Char(' ')); space > 0;
         space = text.lastIndexOf(QLatin1Char(' '), space - 1)) {
        const QString candidate = text.left(space).trimmed() + ellipsis;
        if (metrics.horizontalAdvance(candidate) <= width) return candidate;
    }
    return metrics.elidedText(text, Qt::ElideRight, width);
}

QSize ElidedLabel::sizeHint() const {
    const QMargins m = contentsMargins();
    return {fontMetrics().horizontalAdvance(fullText_) + m.left() + m.right() + 2 * margin(),
            QLabel::sizeHint().height()};
}

QSize ElidedLabel::minimumSizeHint() const {
    return {fontMetrics().averageCharWidth() * 8, QLabel::minimumSizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent* event) {
    QLabel::resizeEvent(event);
    showElided();
}

void ElidedLabel::showElided() {
    const QString shown = elideAtWord(fullText_, fontMetrics(), contentsRect().width() - 2 * margin());
    if (shown != text()) setText(shown);
}
