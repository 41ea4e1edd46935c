#pragma once
// GateView: what the recurrent layer does character by character (D2L §9.1–9.2). The learner types
// a sentence; the characters run along the x-axis and each row of the heatmap is either one gate's
// mean activation (LSTM: input, forget, output gate and cell state; GRU: update and reset gate) or,
// for one chosen tensor, a range of single units, so units that fire on spaces or vowels stand out.
// Presents a SequenceSnapshot; the sentence is run with probes off the GUI thread (SequenceInspector).
#include <QPointer>
#include <QWidget>

#include "ui/plots/heatmap_plot.h"
#include "ui/plots/redraw_throttle.h"
#include "ui/sequence_views/sequence_snapshot.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

class GateView : public QWidget {
    Q_OBJECT
public:
    explicit GateView(QWidget* parent = nullptr);

    void setModel(SequenceSnapshot* model);
    SequenceSnapshot* model() const { return model_; }

    QLineEdit* sentenceEdit() const { return sentence_; }
    // "Gate means" (index 0), then one entry per published tensor ("hidden", "gates.forget", …).
    QComboBox* rowsBox() const { return rows_; }
    QSpinBox* firstUnitBox() const { return firstUnit_; }
    QSpinBox* unitCountBox() const { return unitCount_; }
    QCustomPlot* plot() const { return plot_; }
    QCPColorMap* heatmap() const { return heat_.map; }
    QStringList rowLabels() const { return rowLabels_; }
    QStringList columnLabels() const { return columnLabels_; }  // the sentence's tokens as drawn
    bool placeholderVisible() const;
    QString placeholder() const;
    int redrawCount() const { return throttle_.redrawCount(); }

public Q_SLOTS:
    void refreshNow();

private:
    QWidget* buildControls();
    void syncRowChoices();
    void redraw();
    QString placeholderText() const;
    // The heatmap's rows and their values (rows × tokens, row-major) for the current choice.
    std::vector<double> gateMeans(const sequence_inspection::GateTrace& trace, QStringList* labels) const;
    std::vector<double> units(const sequence_inspection::GateTrace& trace, QStringList* labels) const;

    QPointer<SequenceSnapshot> model_;
    QLineEdit* sentence_;
    QComboBox* rows_;
    QSpinBox* firstUnit_;
    QSpinBox* unitCount_;
    QStackedWidget* stack_;
    QLabel* placeholder_;
    QCustomPlot* plot_;
    heatmap_plot::Heatmap heat_;
    QStringList rowLabels_, columnLabels_;
    RedrawThrottle throttle_;
};
