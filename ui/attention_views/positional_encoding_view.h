#pragma once
// PositionalEncodingView: D2L §10.6.3's sinusoidal positional encoding P[i, 2j] = sin(i / 10000^(2j/d)),
// P[i, 2j+1] = cos(…), as a heatmap (positions × dimensions) and, below it, chosen columns as curves
// over the position (D2L plots columns 6–9: the frequency falls along the encoding dimension).
#include <QWidget>

#include "ui/plots/heatmap_plot.h"

class QCPAxisRect;
class QCustomPlot;
class QSpinBox;

class PositionalEncodingView : public QWidget {
    Q_OBJECT
public:
    explicit PositionalEncodingView(QWidget* parent = nullptr);

    QSpinBox* positionsBox() const { return positions_; }
    QSpinBox* dimensionsBox() const { return dimensions_; }
    QSpinBox* firstColumnBox() const { return firstColumn_; }
    QSpinBox* columnCountBox() const { return columnCount_; }
    QCustomPlot* plot() const { return plot_; }
    int curveCount() const;

public Q_SLOTS:
    void redraw();

private:
    QWidget* buildControls();

    QSpinBox* positions_;
    QSpinBox* dimensions_;
    QSpinBox* firstColumn_;
    QSpinBox* columnCount_;
    QCustomPlot* plot_;
    QCPAxisRect* curveRect_ = nullptr;
    heatmap_plot::Heatmap heatmap_;
};
