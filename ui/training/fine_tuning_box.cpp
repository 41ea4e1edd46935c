#include "ui/training/fine_tuning_box.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>

#include "engine/io/pretrained_models.h"
#include "ui/training/pretrained_model_loader.h"

FineTuningBox::FineTuningBox(QWidget* parent) : QGroupBox(tr("Fine-tuning (D2L §15.7)"), parent) {
    setObjectName(QStringLiteral("fineTuning"));
    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    source_ = new QComboBox;
    source_->setObjectName(QStringLiteral("startFrom"));
    source_->setToolTip(
        tr("The weights the run starts from: a pretrained BERT's encoder (the point of "
           "pretraining), or random weights to see what pretraining is worth."));
    form->addRow(tr("Start from"), source_);
    freeze_ = new QCheckBox(tr("Freeze the pretrained layers"));
    freeze_->setObjectName(QStringLiteral("freeze"));
    freeze_->setToolTip(
        tr("On: the copied layers keep their pretrained values and only the new head learns "
           "(faster, usually a little less accurate)."));
    form->addRow(QString(), freeze_);
    headLr_ = new QDoubleSpinBox;
    headLr_->setObjectName(QStringLiteral("headLr"));
    headLr_->setDecimals(6);
    headLr_->setRange(0, 10);
    headLr_->setSingleStep(0.0005);
    headLr_->setSpecialValueText(tr("same as lr"));
    headLr_->setToolTip(
        tr("The learning rate of the new layers the pretrained model lacks (the classifier "
           "head); 0 = the optimizer's learning rate."));
    form->addRow(tr("Head learning rate"), headLr_);
    note_ = new QLabel;
    note_->setObjectName(QStringLiteral("startNote"));
    note_->setWordWrap(true);
    note_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(note_);
    loader_ = new PretrainedModelLoader(this);
    connect(loader_, &PretrainedModelLoader::finished, this, [this] {
        showState();
        Q_EMIT vocabularyChanged();
        Q_EMIT changed();
    });
    connect(source_, &QComboBox::currentIndexChanged, this, [this] { onSourceChosen(); });
    connect(freeze_, &QCheckBox::toggled, this, [this] { Q_EMIT changed(); });
    connect(headLr_, &QDoubleSpinBox::valueChanged, this, [this] { Q_EMIT changed(); });
    setVisible(false);
}

void FineTuningBox::applyDefaults(const dl::TrainDefaults& d) {
    updating_ = true;
    preset_ = d.pretrained ? QString::fromStdString(*d.pretrained) : QString();
    source_->clear();
    if (applies()) {
        source_->addItem(tr("last pretrained %1").arg(preset_), static_cast<int>(Source::LastPretrained));
        source_->addItem(tr("a saved model…"), static_cast<int>(Source::SavedModel));
        source_->addItem(tr("random weights"), static_cast<int>(Source::RandomWeights));
        source_->setCurrentIndex(d.pretrained_use == "weights" ? 0 : 2);
    }
    lastSource_ = source_->currentIndex();
    headLr_->setValue(d.head_lr.value_or(0.0));
    freeze_->setChecked(false);
    savedPath_.clear();
    updating_ = false;
    setVisible(applies());
    requestModel();
    Q_EMIT changed();
}

FineTuningBox::Source FineTuningBox::source() const {
    return static_cast<Source>(source_->currentData().toInt());
}

void FineTuningBox::setSource(Source source) {
    const int index = source_->findData(static_cast<int>(source));
    if (index < 0) return;
    updating_ = true;  // no file dialog: the caller gives the path (setSavedModelPath)
    source_->setCurrentIndex(index);
    lastSource_ = index;
    updating_ = false;
    requestModel();
    Q_EMIT changed();
}

void FineTuningBox::setSavedModelPath(const QString& path) {
    savedPath_ = path;
    if (source() == Source::SavedModel) requestModel();
    Q_EMIT changed();
}

bool FineTuningBox::freeze() const {
    return freeze_->isChecked() && source() != Source::RandomWeights;
}

void FineTuningBox::setFreeze(bool on) {
    freeze_->setChecked(on);
}

double FineTuningBox::headLr() const {
    return headLr_->value();
}

void FineTuningBox::setHeadLr(double lr) {
    headLr_->setValue(lr);
}

// "a saved model…" asks for the file at once; cancelling goes back to the previous choice.
void FineTuningBox::onSourceChosen() {
    if (updating_) return;
    if (source() == Source::SavedModel) {
        const QString path = QFileDialog::getOpenFileName(this, tr("Start from a saved BERT"), savedPath_,
                                                          tr("DiveLab models (*.json)"));
        if (path.isEmpty()) {
            const QSignalBlocker block(source_);
            source_->setCurrentIndex(lastSource_);
            return;
        }
        savedPath_ = path;
    }
    lastSource_ = source_->currentIndex();
    requestModel();
    Q_EMIT changed();
}

QString FineTuningBox::modelFile() const {
    if (!applies()) return {};
    const QString last = QString::fromStdString(dl::pretrained_model_path(preset_.toStdString()));
    switch (source()) {
        case Source::LastPretrained:
            return QFileInfo::exists(last) ? last : QString();
        case Source::SavedModel:
            return savedPath_;
        case Source::RandomWeights:  // the last pretrained vocabulary, if any: the same data as fine-tuning
            return QFileInfo::exists(last) ? last : QString();
    }
    return {};
}

void FineTuningBox::requestModel() {
    loader_->request(modelFile());
    showState();
    freeze_->setEnabled(source() != Source::RandomWeights);
    Q_EMIT vocabularyChanged();  // the data set compares: the same vocabulary changes nothing
}

void FineTuningBox::refresh() {
    loader_->request(QString());
    requestModel();
    Q_EMIT changed();
}

std::shared_ptr<dl::LoadedModel> FineTuningBox::pretrained() const {
    return applies() ? loader_->model() : nullptr;
}

FineTuningStart FineTuningBox::start() const {
    if (!applies() || source() == Source::RandomWeights) return {};
    return FineTuningStart{loader_->model(), loader_->path().toStdString(), freeze()};
}

std::shared_ptr<const dl::BertVocabulary> FineTuningBox::vocabulary() const {
    const auto model = pretrained();
    return model ? model->bert : nullptr;
}

bool FineTuningBox::isReading() const {
    return applies() && loader_->isBusy();
}

QString FineTuningBox::problem() const {
    if (!applies()) return {};
    if (loader_->isBusy()) return tr("The pretrained model is still being read.");
    if (!loader_->error().isEmpty()) return tr("The pretrained model cannot be used: %1").arg(loader_->error());
    if (source() == Source::SavedModel && savedPath_.isEmpty()) return tr("Choose the saved model to start from.");
    if (source() == Source::LastPretrained && !loader_->model())
        return tr("There is no pretrained %1 yet. Make one: load the preset %1 (Presets menu) and train it to the "
                  "end; the window keeps it and starts from it here. Or start from a saved model, or from random "
                  "weights.")
            .arg(preset_);
    return {};
}

void FineTuningBox::showState() {
    const QString why = problem();
    QString text = why;
    if (why.isEmpty() && source() != Source::RandomWeights && loader_->model())
        text = tr("Starts from %1 (a vocabulary of %2 tokens).")
                   .arg(QDir::toNativeSeparators(loader_->path()))
                   .arg(loader_->model()->bert->size());
    else if (why.isEmpty() && source() == Source::RandomWeights)
        text = loader_->model() ? tr("Random weights, with the vocabulary of the last pretrained %1 (the same data "
                                     "as fine-tuning it).")
                                      .arg(preset_)
                                : tr("Random weights; the data set builds its own vocabulary.");
    note_->setText(text);
    note_->setStyleSheet(why.isEmpty() ? QStringLiteral("QLabel { color: palette(mid); }")
                                       : QStringLiteral("QLabel { color: #c62828; }"));
}
