#include "ui/bert_views/fill_blank_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/attention_views/attention_heatmap_view.h"
#include "ui/attention_views/attention_snapshot.h"
#include "ui/bert_views/blank_guesses_view.h"
#include "ui/bert_views/fill_blank_snapshot.h"
#include "ui/bert_views/word_chips.h"

FillBlankView::FillBlankView(QWidget* parent)
    : QWidget(parent),
      sentence_(new QLineEdit),
      chips_(new WordChips),
      stepLabel_(new QLabel),
      problem_(new QLabel),
      attentionStack_(new QStackedWidget),
      noAttention_(new QLabel),
      heatmap_(new AttentionHeatmapView) {
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildSentenceSide());
    splitter->addWidget(buildAttentionSide());
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);
}

QWidget* FillBlankView::buildSentenceSide() {
    auto* side = new QWidget;
    auto* layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 4, 0);
    auto* intro = new QLabel(
        tr("BERT's masked language model (D2L §14.8): click a word to hide it, and the model guesses it from the words "
           "on both sides. Type a sentence and press Enter to try another; [MASK] in it is a blank too."));
    intro->setWordWrap(true);
    sentence_->setObjectName(QStringLiteral("bertSentence"));
    sentence_->setPlaceholderText(tr("a sentence, e.g. the time traveller was expounding a recondite matter to us"));
    connect(sentence_, &QLineEdit::returnPressed, this, [this] {
        if (model_) model_->setText(sentence_->text());
    });
    connect(chips_, &WordChips::wordClicked, this, [this](int index) {
        if (model_) model_->toggleWord(index);
    });
    stepLabel_->setObjectName(QStringLiteral("bertFillStep"));
    stepLabel_->setWordWrap(true);
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #a33;"));
    auto* blanks = new QWidget;
    blankLayout_ = new QVBoxLayout(blanks);
    blankLayout_->setContentsMargins(0, 0, 0, 0);
    blankLayout_->addStretch(1);
    auto* scroll = new QScrollArea;
    scroll->setWidget(blanks);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(intro);
    layout->addWidget(sentence_);
    layout->addWidget(chips_);
    layout->addWidget(stepLabel_);
    layout->addWidget(problem_);
    layout->addWidget(scroll, 1);
    return side;
}

QWidget* FillBlankView::buildAttentionSide() {
    heatmap_->setObjectName(QStringLiteral("bertAttention"));
    heatmap_->layoutBox()->setCurrentIndex(AttentionHeatmapView::AllMaps);
    noAttention_->setWordWrap(true);
    noAttention_->setAlignment(Qt::AlignCenter);
    noAttention_->setForegroundRole(QPalette::PlaceholderText);
    noAttention_->setText(
        tr("Where each token of the sentence looks, in every encoder layer and head, appears here once the model "
           "has filled the blanks: train the network (F5)."));
    attentionStack_->addWidget(noAttention_);
    attentionStack_->addWidget(heatmap_);
    return attentionStack_;
}

void FillBlankView::setModel(FillBlankSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    heatmap_->setModel(model_ ? model_->attention() : nullptr);
    if (model_) {
        connect(model_, &FillBlankSnapshot::requestChanged, this, &FillBlankView::showRequest);
        connect(model_, &FillBlankSnapshot::outcomeChanged, this, &FillBlankView::showOutcome);
        connect(model_, &FillBlankSnapshot::problemChanged, this, &FillBlankView::showProblem);
    }
    showRequest();
    showOutcome();
    showProblem();
}

bool FillBlankView::attentionShown() const {
    return attentionStack_->currentWidget() == heatmap_;
}

BlankGuessesView* FillBlankView::blank(int index) const {
    return index >= 0 && index < blankCount() ? blanks_[static_cast<size_t>(index)] : nullptr;
}

void FillBlankView::showRequest() {
    if (!model_) return;
    const fill_blank_inspection::Request& request = model_->request();
    const QString text = QString::fromStdString(fill_blank_inspection::text_of(request));
    if (!sentence_->hasFocus() || sentence_->text().trimmed().isEmpty()) sentence_->setText(text);
    chips_->setWords(request.words, request.masked);
}

void FillBlankView::showOutcome() {
    const auto* outcome = model_ && model_->outcome() ? &*model_->outcome() : nullptr;
    const size_t count = outcome ? outcome->result.blanks.size() : 0;
    while (blanks_.size() > count) {
        delete blanks_.back();
        blanks_.pop_back();
    }
    while (blanks_.size() < count) {
        blanks_.push_back(new BlankGuessesView);
        blankLayout_->insertWidget(static_cast<int>(blanks_.size()) - 1, blanks_.back());
    }
    attentionStack_->setCurrentWidget(outcome && !outcome->attention.empty() ? static_cast<QWidget*>(heatmap_)
                                                                             : noAttention_);
    if (!outcome) {
        stepLabel_->setText(
            tr("<i>The guesses appear after the next epoch of training, or at once for a trained "
               "model.</i>"));
        return;
    }
    std::vector<std::string> hidden;
    for (size_t i = 0; i < outcome->request.words.size(); ++i)
        if (outcome->request.masked[i]) hidden.push_back(outcome->request.words[i]);
    for (size_t b = 0; b < count; ++b)
        blanks_[b]->setBlank(static_cast<int>(b) + 1, b < hidden.size() ? hidden[b] : std::string("<mask>"),
                             outcome->result.blanks[b]);
    const qint64 step = model_->outcomeStep();
    stepLabel_->setText(
        step > 0 ? tr("Guesses of the model after training step %1 (%2 epochs done):").arg(step).arg(outcome->epoch)
                 : tr("Guesses of the current model:"));
}

void FillBlankView::showProblem() {
    const QString text = model_ ? model_->problem() : QString();
    problem_->setText(text);
    problem_->setVisible(!text.isEmpty());
}
