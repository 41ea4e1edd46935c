#pragma once
// FillBlankView: BERT's masked language model, live (D2L §14.8). The learner types a sentence, clicks words to hide
// them, and sees the model's top guesses for every blank with their probabilities and the training step they came
// from; they change after every epoch of pretraining. Beside it, the same sentence's attention: every encoder
// layer × head (the attention views' model view), tokens on both axes. Presents a FillBlankSnapshot.
#include <QPointer>
#include <QWidget>

#include <vector>

class AttentionHeatmapView;
class BlankGuessesView;
class FillBlankSnapshot;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QVBoxLayout;
class WordChips;

class FillBlankView : public QWidget {
    Q_OBJECT
public:
    explicit FillBlankView(QWidget* parent = nullptr);

    void setModel(FillBlankSnapshot* model);

    QLineEdit* sentenceBox() const { return sentence_; }
    WordChips* chips() const { return chips_; }
    QLabel* stepLabel() const { return stepLabel_; }
    AttentionHeatmapView* attentionView() const { return heatmap_; }
    bool attentionShown() const;
    int blankCount() const { return static_cast<int>(blanks_.size()); }
    BlankGuessesView* blank(int index) const;

private:
    QWidget* buildSentenceSide();
    QWidget* buildAttentionSide();
    void showRequest();
    void showOutcome();
    void showProblem();

    QPointer<FillBlankSnapshot> model_;
    QLineEdit* sentence_;
    WordChips* chips_;
    QLabel* stepLabel_;
    QLabel* problem_;
    QVBoxLayout* blankLayout_ = nullptr;
    std::vector<BlankGuessesView*> blanks_;
    QStackedWidget* attentionStack_;
    QLabel* noAttention_;
    AttentionHeatmapView* heatmap_;
};
