#include "ui/translation_views/translation_box.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/attention_views/attention_heatmap_view.h"
#include "ui/attention_views/attention_snapshot.h"
#include "ui/translation_views/beam_tree_view.h"

namespace {
QString signedNumber(double v) {
    return QString::number(v, 'f', 3).replace(QLatin1Char('-'), QChar(0x2212));
}
}  // namespace

TranslationBox::TranslationBox(QWidget* parent)
    : QWidget(parent),
      sentence_(new QLineEdit),
      decoding_(new QComboBox),
      beamWidth_(new QSpinBox),
      translate_(new QPushButton(tr("&Translate"))),
      output_(new QLabel),
      problem_(new QLabel),
      tree_(new BeamTreeView),
      attention_(new AttentionSnapshot(this)),
      heatmap_(new AttentionHeatmapView),
      attentionStack_(new QStackedWidget),
      noAttention_(new QLabel) {
    output_->setObjectName(QStringLiteral("translationOutput"));
    output_->setTextFormat(Qt::RichText);
    output_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    problem_->setObjectName(QStringLiteral("translationProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #b00020;"));
    problem_->hide();
    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(tree_);
    splitter->addWidget(buildAttention());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(output_);
    layout->addWidget(problem_);
    layout->addWidget(splitter, 1);
    showResult();
}

QWidget* TranslationBox::buildControls() {
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("&English:"));
    label->setBuddy(sentence_);
    sentence_->setObjectName(QStringLiteral("sentenceEdit"));
    sentence_->setPlaceholderText(tr("e.g. he's calm ."));
    sentence_->setToolTip(
        tr("An English sentence for the current model, preprocessed like the training pairs (lower case, a space "
           "before punctuation). Words the vocabulary does not know become <unk>."));
    decoding_->setObjectName(QStringLiteral("decodingBox"));
    decoding_->addItem(tr("greedy"), QStringLiteral("greedy"));
    decoding_->addItem(tr("beam search"), QStringLiteral("beam"));
    decoding_->setCurrentIndex(1);
    decoding_->setToolTip(
        tr("greedy: the most likely word at every step (D2L §9.7's predict_seq2seq); beam search: keep the k "
           "best hypotheses at every step (D2L §9.8)."));
    auto* widthLabel = new QLabel(tr("Beam &width k:"));
    widthLabel->setBuddy(beamWidth_);
    beamWidth_->setObjectName(QStringLiteral("beamWidthBox"));
    beamWidth_->setRange(1, 10);
    beamWidth_->setValue(3);
    beamWidth_->setToolTip(tr("How many hypotheses beam search keeps at every step (k = 1 is greedy)."));
    translate_->setObjectName(QStringLiteral("translateButton"));
    translate_->setToolTip(tr("Translate with the current model (Enter in the sentence does the same)."));
    for (QWidget* w : {static_cast<QWidget*>(label), static_cast<QWidget*>(sentence_)}) h->addWidget(w);
    h->setStretchFactor(sentence_, 1);
    for (QWidget* w : {static_cast<QWidget*>(decoding_), static_cast<QWidget*>(widthLabel),
                       static_cast<QWidget*>(beamWidth_), static_cast<QWidget*>(translate_)})
        h->addWidget(w);
    connect(translate_, &QPushButton::clicked, this, &TranslationBox::translate);
    connect(sentence_, &QLineEdit::returnPressed, this, &TranslationBox::translate);
    connect(decoding_, &QComboBox::currentIndexChanged, this,
            [this] { beamWidth_->setEnabled(decoding_->currentData().toString() == QLatin1String("beam")); });
    return row;
}

QWidget* TranslationBox::buildAttention() {
    heatmap_->setObjectName(QStringLiteral("translationAttention"));
    heatmap_->setModel(attention_);
    noAttention_->setObjectName(QStringLiteral("noAttentionNote"));
    noAttention_->setWordWrap(true);
    noAttention_->setAlignment(Qt::AlignCenter);
    noAttention_->setForegroundRole(QPalette::PlaceholderText);
    noAttention_->setText(
        tr("This network has no attention from the French side to the English one: an RNN encoder–decoder "
           "(D2L §9.7) hands the decoder only the encoder's last state. With Bahdanau attention (§10.4) or the "
           "Transformer (§10.7) this side shows which English words each French word looked at."));
    attentionStack_->addWidget(noAttention_);
    attentionStack_->addWidget(heatmap_);
    return attentionStack_;
}

void TranslationBox::setModel(TranslationSnapshot* model) {
    if (model_) disconnect(model_, nullptr, this, nullptr);
    model_ = model;
    if (model_) {
        connect(model_, &TranslationSnapshot::resultChanged, this, &TranslationBox::showResult);
        connect(model_, &TranslationSnapshot::requestChanged, this, &TranslationBox::showResult);
        connect(model_, &TranslationSnapshot::problemChanged, this, &TranslationBox::showProblem);
    }
    showResult();
    showProblem();
}

void TranslationBox::translate() {
    if (!model_ || sentence_->text().trimmed().isEmpty()) return;
    translation_inspection::Request request;
    request.sentence = sentence_->text().trimmed().toStdString();
    request.beam_width = decoding_->currentData().toString() == QLatin1String("beam") ? beamWidth_->value() : 0;
    model_->ask(request);
}

bool TranslationBox::attentionShown() const {
    return attentionStack_->currentWidget() == heatmap_;
}

void TranslationBox::showResult() {
    const translation_inspection::Result* r = model_ && model_->result() ? &*model_->result() : nullptr;
    tree_->setResult(r);
    attention_->clear();
    if (!r) {
        output_->setText(model_ && model_->busy() ? tr("Translating…")
                                                  : tr("French: <i>press Translate to ask the current model</i>"));
        attentionStack_->setCurrentWidget(noAttention_);
        return;
    }
    const QString how = r->request.beam_width > 0 ? tr("beam search, k = %1; score Σ log p / L^0.75 = %2")
                                                        .arg(r->request.beam_width)
                                                        .arg(signedNumber(r->translation.score))
                                                  : tr("greedy; Σ log p = %1").arg(signedNumber(r->translation.score));
    const QString when = r->epoch > 0 ? tr("after epoch %1").arg(r->epoch) : tr("the current model");
    output_->setText(tr("<b>%1</b> → French: <b>%2</b>%3 &nbsp;<span style='color:#666'>(%4, %5)</span>")
                         .arg(QString::fromStdString(r->source).toHtmlEscaped(),
                              QString::fromStdString(r->translation.text).toHtmlEscaped(),
                              r->ended ? QString() : tr(" … (cut at num_steps)"), how, when));
    QStringList written, source;
    for (const std::string& t : r->written_tokens) written << QString::fromStdString(t);
    for (const std::string& t : r->source_tokens) source << QString::fromStdString(t);
    attention_->setAttentionNodes(r->attention_layers);
    attention_->setAxisLabels(written, source, tr("French word written (query)"), tr("English word (key)"));
    if (!r->attention.empty()) attention_->addSnapshot(r->epoch, r->attention);
    attentionStack_->setCurrentWidget(r->attention_layers.empty() ? static_cast<QWidget*>(noAttention_) : heatmap_);
}

void TranslationBox::showProblem() {
    const QString text = model_ ? model_->problem() : QString();
    problem_->setText(text);
    problem_->setVisible(!text.isEmpty());
    if (!text.isEmpty() && model_ && !model_->result()) showResult();
}
