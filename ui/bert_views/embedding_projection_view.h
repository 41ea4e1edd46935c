#pragma once
// EmbeddingProjectionView: BERT's token embeddings in 2-D — every word of the vocabulary as a faint dot at its first
// two principal components, the corpus's most frequent words labelled — and how the picture forms over pretraining:
// an epoch slider and a play button replay the projections kept at each epoch's end (the newest follows the run).
// The axes keep the range of the whole history so the words visibly move. A choice above the plot shows either the
// table itself or its change since the run began (the default: a short pretraining moves each weight far less than
// its random N(0, 1) start, so only the change shows what was learned). Presents an EmbeddingSnapshot.
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <vector>

class EmbeddingSnapshot;
class QCPGraph;
class QCPItemText;
class QComboBox;
class QCustomPlot;
class QLabel;
class QSlider;
class QStackedWidget;
class QToolButton;

class EmbeddingProjectionView : public QWidget {
    Q_OBJECT
public:
    explicit EmbeddingProjectionView(QWidget* parent = nullptr);

    void setModel(EmbeddingSnapshot* model);

    QComboBox* modeBox() const { return mode_; }
    QSlider* epochSlider() const { return slider_; }
    QToolButton* playButton() const { return play_; }
    QLabel* epochLabel() const { return epochLabel_; }
    QCustomPlot* plot() const { return plot_; }
    bool playing() const { return playTimer_.isActive(); }
    bool placeholderVisible() const;
    // The labelled words on screen, and their positions (plot coordinates), in the same order.
    QStringList drawnLabels() const;
    std::vector<QPointF> drawnPositions() const { return drawnPositions_; }
    static constexpr int kPlayFrameMs = 350;

public Q_SLOTS:
    void togglePlay();

private:
    QWidget* buildModeRow();
    QWidget* buildControls();
    void syncMode();
    void rebuildLabels();
    void syncSlider();
    void redraw();
    void updateRange();
    void advanceFrame();

    QPointer<EmbeddingSnapshot> model_;
    QStackedWidget* stack_;
    QLabel* placeholder_;
    QCustomPlot* plot_;
    QCPGraph* dots_ = nullptr;
    QCPGraph* labelledDots_ = nullptr;
    std::vector<QCPItemText*> labels_;
    std::vector<QPointF> drawnPositions_;
    QComboBox* mode_;
    QSlider* slider_;
    QToolButton* play_;
    QLabel* epochLabel_;
    QTimer playTimer_;
};
