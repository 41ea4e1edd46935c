#pragma once
// TranslationBox: the learner types an English sentence, picks greedy decoding or beam search with width k,
// and presses Translate (or Enter): the current model (trained, or still training) answers in French with
// its score. Below, beam search's tree of hypotheses and, for networks with encoder–decoder attention, where
// each French word looked in the English sentence. Presents a TranslationSnapshot; the translating is done
// off the GUI thread (TranslationInspector).
#include <QPointer>
#include <QWidget>

#include "ui/translation_views/translation_snapshot.h"

class AttentionHeatmapView;
class AttentionSnapshot;
class BeamTreeView;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

class TranslationBox : public QWidget {
    Q_OBJECT
public:
    explicit TranslationBox(QWidget* parent = nullptr);

    void setModel(TranslationSnapshot* model);
    TranslationSnapshot* model() const { return model_; }

    QLineEdit* sentenceEdit() const { return sentence_; }
    QComboBox* decodingBox() const { return decoding_; }  // "greedy" | "beam"
    QSpinBox* beamWidthBox() const { return beamWidth_; }
    QPushButton* translateButton() const { return translate_; }
    QLabel* outputLabel() const { return output_; }
    BeamTreeView* treeView() const { return tree_; }
    AttentionHeatmapView* attentionView() const { return heatmap_; }
    AttentionSnapshot* attentionModel() const { return attention_; }
    bool attentionShown() const;

public Q_SLOTS:
    void translate();  // asks the model for the sentence in the line edit

private:
    QWidget* buildControls();
    QWidget* buildAttention();
    void showResult();
    void showProblem();

    QPointer<TranslationSnapshot> model_;
    QLineEdit* sentence_;
    QComboBox* decoding_;
    QSpinBox* beamWidth_;
    QPushButton* translate_;
    QLabel* output_;
    QLabel* problem_;
    BeamTreeView* tree_;
    AttentionSnapshot* attention_;
    AttentionHeatmapView* heatmap_;
    QStackedWidget* attentionStack_;
    QLabel* noAttention_;
};
