#pragma once
// BeamTreeView: the hypotheses of one beam search (D2L §9.8) as a tree read left to right — one column per
// decoding step, each kept hypothesis a box with the token it appended and its Σ log p, edges to the hypothesis
// it extended. Finished hypotheses (<eos>) are green and show the length-normalised score that ranks them; the
// chosen translation's path is orange. Presents a translation_inspection::Result; drawing only.
#include <QGraphicsView>

#include <optional>
#include <vector>

#include "ui/translation_views/translation_inspection.h"

class QGraphicsSimpleTextItem;

class BeamTreeView : public QGraphicsView {
    Q_OBJECT
public:
    explicit BeamTreeView(QWidget* parent = nullptr);

    // Draws the result's tree (a greedy result or none: a note saying what is shown here).
    void setResult(const translation_inspection::Result* result, const QString& note = {});

    // For tests: boxes drawn, hypotheses per step, and the tree indices on the chosen path (root first).
    int drawnNodes() const { return drawnNodes_; }
    std::vector<int> hypothesesPerStep() const { return perStep_; }
    std::vector<int> chosenPath() const { return chosen_; }
    QString note() const { return note_; }

    static constexpr int kColumnWidth = 118, kRowHeight = 58, kBoxWidth = 98, kBoxHeight = 42;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void drawTree(const translation_inspection::Result& result);
    void drawNode(const dl::BeamNode& node, const QString& token, QPointF at, bool chosen);
    void drawNote(const QString& text);
    void fit();

    int drawnNodes_ = 0;
    std::vector<int> perStep_;
    std::vector<int> chosen_;
    QString note_;
};
