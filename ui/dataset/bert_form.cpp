#include "ui/dataset/bert_form.h"

#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

#include "engine/data/bert_pretraining.h"
#include "engine/data/paraphrase_data.h"

namespace {
QSpinBox* limitBox(const QString& name, const QString& tip) {
    auto* box = new QSpinBox;
    box->setObjectName(name);
    box->setRange(0, 100000000);
    box->setSpecialValueText(QObject::tr("all"));
    box->setToolTip(tip);
    return box;
}
}  // namespace

BertForm::BertForm(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    what_ = new QLabel;
    what_->setObjectName(QStringLiteral("bertTask"));
    what_->setWordWrap(true);
    form->addRow(what_);
    maxLen_ = new QSpinBox;
    maxLen_->setObjectName(QStringLiteral("maxLen"));
    maxLen_->setRange(8, 4096);
    maxLen_->setToolTip(
        tr("Tokens per example, <cls> and <sep> included: longer pairs are cut, shorter ones "
           "padded with <pad> (D2L: 64 for pretraining, 128 for SNLI)."));
    form->addRow(tr("Max length"), maxLen_);
    trainLimit_ = limitBox(QStringLiteral("bertTrainLimit"),
                           tr("Keep only the first n training examples (all = every one); small runs are quick."));
    form->addRow(tr("Training examples"), trainLimit_);
    testLimit_ =
        limitBox(QStringLiteral("bertTestLimit"), tr("Keep only the first n test examples (all = every one)."));
    form->addRow(tr("Test examples"), testLimit_);
    for (QSpinBox* box : {maxLen_, trainLimit_, testLimit_}) {
        box->setKeyboardTracking(false);
        connect(box, &QSpinBox::valueChanged, this, [this] { Q_EMIT edited(); });
    }
    setTask(dl::BertTask::None);
}

void BertForm::setTask(dl::BertTask task) {
    task_ = task;
    what_->setText(task == dl::BertTask::Pretraining
                       ? tr("BERT pretraining (D2L §14.8): sentence pairs from the text's paragraphs, half of them "
                            "not neighbours (next sentence prediction), 15 % of the words masked (masked language "
                            "model).")
                       : tr("BERT sentence pairs (D2L §15.6): “<cls> a <sep> b <sep>”, classified from "
                            "the <cls> token."));
}

void BertForm::fillOptions(dl::DatasetOptions& o) const {
    o.max_len = maxLen_->value();
    o.train_limit = trainLimit_->value();
    o.test_limit = testLimit_->value();
}

void BertForm::showOptions(const dl::DatasetOptions& o) {
    const QSignalBlocker a(maxLen_), b(trainLimit_), c(testLimit_);
    const int64_t fallback = task_ == dl::BertTask::Pretraining ? dl::kBertPretrainingMaxLen : dl::kParaphraseMaxLen;
    maxLen_->setValue(static_cast<int>(o.max_len.value_or(fallback)));
    trainLimit_->setValue(static_cast<int>(o.train_limit));
    testLimit_->setValue(static_cast<int>(o.test_limit));
}
