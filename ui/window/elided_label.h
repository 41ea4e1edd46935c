// ElidedLabel: one line of text that never pushes its neighbours away. When the room is too small
// it is cut after the last whole word that fits and ends in "…"; the tooltip always carries the
// full text. Used for the description of the experiment in the status bar.
#pragma once

#include <QLabel>

class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    void setFullText(const QString& text);
    QString fullText() const { return fullText_; }
    bool isElided() const { return text() != fullText_; }

    // `text` cut after a whole word so that it fits in `width` pixels, with "…" appended; a first
    // word wider than that is cut inside (nothing else fits).
    static QString elideAtWord(const QString& text, const QFontMetrics& metrics, int width);

    QSize sizeHint() const override;         // the full text
    QSize minimumSizeHint() const override;  // a few characters: it gives way to the other widgets

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void showElided();

    QString fullText_;
};
