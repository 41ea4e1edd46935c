#include "ui/dataset/translation_form.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "engine/data/translation_data.h"

namespace {

QLabel* tipLabel(const QString& text, const QString& tip) {
    auto* l = new QLabel(text);
    l->setToolTip(tip);
    return l;
}

QSpinBox* makeBox(const QString& name, int lo, int hi, const QString& tip) {
    auto* box = new QSpinBox;
    box->setObjectName(name);
    box->setRange(lo, hi);
    box->setToolTip(tip);
    box->setKeyboardTracking(false);  // a typed number applies on Enter or focus-out
    return box;
}

}  // namespace

TranslationForm::TranslationForm(QWidget* parent) : QWidget(parent) {
    form_ = new QFormLayout(this);
    form_->setContentsMargins(0, 0, 0, 0);
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const QString fileTip =
        tr("A UTF-8 file of sentence pairs, one “source<TAB>target” per line (a .tsv, or a .txt such as "
           "manythings.org's fra.txt). Lines with another number of tabs are skipped.");
    form_->addRow(tipLabel(tr("File"), fileTip), buildFileRow(fileTip));
    const QString stepsTip =
        tr("Tokens per sentence (num_steps): each sentence gets <eos>, then is cut to this length or padded with "
           "<pad> (D2L uses 10).");
    numSteps_ = makeBox(QStringLiteral("pairSteps"), 1, 1000, stepsTip);
    form_->addRow(tipLabel(tr("Steps (num_steps)"), stepsTip), numSteps_);
    const QString freqTip = tr("Words seen fewer times than this on their side become <unk> (D2L uses 2).");
    minFreq_ = makeBox(QStringLiteral("pairMinFreq"), 0, 100000, freqTip);
    form_->addRow(tipLabel(tr("Minimum frequency"), freqTip), minFreq_);
    const QString pairsTip =
        tr("Read only lines 0 to this number of the file (all = every line). D2L's num_examples = 600 reads 601 "
           "lines: its loop stops when the line number is greater than num_examples.");
    maxPairs_ = makeBox(QStringLiteral("maxPairs"), 0, 100000000, pairsTip);
    maxPairs_->setSpecialValueText(tr("all"));
    maxPairs_->setSingleStep(100);
    form_->addRow(tipLabel(tr("Lines (num_examples)"), pairsTip), maxPairs_);
    showOptions({});
    connect(file_, &QLineEdit::editingFinished, this, &TranslationForm::edited);
    for (QSpinBox* box : {numSteps_, minFreq_, maxPairs_})
        connect(box, &QSpinBox::valueChanged, this, &TranslationForm::edited);
}

QWidget* TranslationForm::buildFileRow(const QString& tip) {
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    file_ = new QLineEdit;
    file_->setObjectName(QStringLiteral("pairsFile"));
    file_->setPlaceholderText(tr("path/to/pairs.tsv"));
    file_->setToolTip(tip);
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setObjectName(QStringLiteral("pairsBrowse"));
    browse->setToolTip(tr("Choose a file of sentence pairs."));
    h->addWidget(file_, 1);
    h->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] { this->browse(); });
    return row;
}

void TranslationForm::browse() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Sentence pairs"), file_->text(),
                                                      tr("Sentence pairs (*.tsv *.txt);;All files (*)"));
    if (file.isEmpty()) return;
    file_->setText(QDir::toNativeSeparators(file));
    Q_EMIT edited();
}

int TranslationForm::defaultMaxPairs() const {
    return kind_ == QLatin1String("fra-eng") ? static_cast<int>(dl::kFraEngMaxPairs) : 0;
}

void TranslationForm::setKind(const QString& kind) {
    const bool changed = kind != kind_;
    kind_ = kind;
    form_->setRowVisible(file_->parentWidget(), kind == QLatin1String("pairs"));
    if (changed) {  // the bundled pairs start at D2L's 600, a file of one's own at all of it
        const QSignalBlocker block(maxPairs_);
        maxPairs_->setValue(defaultMaxPairs());
    }
}

QString TranslationForm::fileName() const {
    return file_->text().trimmed();
}

void TranslationForm::setFileName(const QString& path) {
    file_->setText(path);
}

void TranslationForm::fillOptions(dl::DatasetOptions& o) const {
    o.num_steps = numSteps_->value();
    o.min_freq = minFreq_->value();
    o.max_pairs = maxPairs_->value();
}

void TranslationForm::showOptions(const dl::DatasetOptions& o) {
    const QSignalBlocker a(numSteps_), b(minFreq_), c(maxPairs_);
    numSteps_->setValue(static_cast<int>(o.num_steps.value_or(dl::kTranslationNumSteps)));
    minFreq_->setValue(static_cast<int>(o.min_freq.value_or(dl::kTranslationMinFreq)));
    maxPairs_->setValue(static_cast<int>(o.max_pairs.value_or(defaultMaxPairs())));
}
