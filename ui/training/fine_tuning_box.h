#pragma once
// FineTuningBox: where a BERT fine-tuning run starts (D2L §15.7), for networks whose preset names a pretrained
// one (TrainDefaults::pretrained): the last pretrained model of that preset (kept by a completed pretraining
// run), a saved model, or random weights; whether the pretrained layers stay frozen; the new head's learning
// rate. The pretrained model is read on a worker (PretrainedModelLoader); its vocabulary is the data set's.
#include <QGroupBox>

#include <memory>

#include "engine/nn/network_spec.h"
#include "ui/training/fine_tuning_start.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class PretrainedModelLoader;

class FineTuningBox : public QGroupBox {
    Q_OBJECT
public:
    enum class Source { LastPretrained, SavedModel, RandomWeights };

    explicit FineTuningBox(QWidget* parent = nullptr);

    // A network's suggestions: shown only when it names a pretrained preset; the start follows its
    // pretrained_use ("weights": the last pretrained model, "vocabulary": random weights).
    void applyDefaults(const dl::TrainDefaults& defaults);
    bool applies() const { return !preset_.isEmpty(); }
    QString pretrainedPreset() const { return preset_; }

    Source source() const;
    void setSource(Source source);
    // The file a saved model comes from ("a saved model…" asks for it with a file dialog).
    void setSavedModelPath(const QString& path);
    QString savedModelPath() const { return savedPath_; }
    bool freeze() const;
    void setFreeze(bool on);
    double headLr() const;
    void setHeadLr(double lr);

    // The model read (null while reading, without one or after a failure) and what the run starts from.
    std::shared_ptr<dl::LoadedModel> pretrained() const;
    FineTuningStart start() const;
    // The vocabulary the data set must use: the pretrained model's (random weights too keep the last
    // pretrained one's, so a from-scratch run sees the same data); null ⇒ the data set builds its own.
    std::shared_ptr<const dl::BertVocabulary> vocabulary() const;
    bool isReading() const;
    // Why Train cannot start yet (no pretrained model, still reading, a bad file); empty when it can.
    QString problem() const;
    // Reads the last pretrained model again (a pretraining run just kept a new one).
    void refresh();

Q_SIGNALS:
    void changed();            // any setting
    void vocabularyChanged();  // the model read changed: the data set follows it

private:
    void onSourceChosen();
    void requestModel();
    void showState();
    QString modelFile() const;  // the file the current source reads; empty: none

    QString preset_;
    QString savedPath_;
    bool updating_ = false;
    int lastSource_ = 0;
    QComboBox* source_ = nullptr;
    QCheckBox* freeze_ = nullptr;
    QDoubleSpinBox* headLr_ = nullptr;
    QLabel* note_ = nullptr;
    PretrainedModelLoader* loader_ = nullptr;
};
