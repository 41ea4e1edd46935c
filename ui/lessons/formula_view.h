#pragma once
// FormulaView: a lesson's key formula, drawn from its SVG (rendered at development time by
// scripts/render_lesson_formulas.py, glyphs as paths) with QSvgRenderer, so it stays crisp at any size. The
// formula sits on a light card: its dark ink stays readable whatever the window's colours.
#include <QWidget>

class QSvgRenderer;

class FormulaView : public QWidget {
    Q_OBJECT

public:
    explicit FormulaView(QWidget* parent = nullptr);

    // False (and a note in place of the formula) when the file is missing or not an SVG.
    bool load(const QString& svgPath);
    bool hasFormula() const;
    // Where the formula is drawn inside the widget (for tests): its natural size, shrunk to fit the width.
    QRectF formulaRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QSizeF naturalSize() const;  // the SVG's own size, in pixels
    double scaleFor(double width) const;

    QSvgRenderer* renderer_;
    QString missing_;  // what to say when there is no formula to draw
};
