// HyperparameterPanel: the training settings (a dl::TrainConfig) as a form for a learner.
// The panel owns a plain TrainConfig value; the widgets only present and edit it. Every field has
// a one-sentence tooltip; settings that do not fit together are reported inline in red (and by
// isValid()), never by throwing. Typed numbers apply on Enter or focus-out; a text the engine would
// refuse is named in red under its field while the previous value stays, and a learning rate far
// outside D2L's range gets an amber note (it is still used). The wheel changes only a focused field.
#pragma once

#include <optional>
#include <vector>

#include <QPointer>
#include <QWidget>

#include "engine/nn/network_spec.h"
#include "engine/train/trainer.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class NumberSpinBox;
class FineTuningBox;
class ScheduleDesigner;

class HyperparameterPanel : public QWidget {
    Q_OBJECT

public:
    explicit HyperparameterPanel(QWidget* parent = nullptr);
    ~HyperparameterPanel() override;

    // Shows `config` in the widgets. Fields the panel does not edit (initialize, gradient_norms,
    // eval_batch_size) are kept and returned unchanged by config(). Emits changed() once.
    void setConfig(const dl::TrainConfig& config);
    // The settings as shown, whether valid or not (see isValid()).
    dl::TrainConfig config() const;
    // The settings, or nothing when they do not fit together.
    std::optional<dl::TrainConfig> validConfig() const;
    // False when the settings do not fit together; `why` (if given) receives the reasons, one a line.
    bool isValid(QString* why = nullptr) const;

    // A preset's suggested values (optimizer first, with its own defaults, then lr, weight decay,
    // epochs, batch size and loss where the preset gives them; clipping as the preset says, off when
    // it says nothing). The data set is not handled here.
    void applyDefaults(const dl::TrainDefaults& defaults);
    // BERT fine-tuning's start (shown only for networks that name a pretrained preset).
    FineTuningBox* fineTuning() const { return fineTuning_; }
    // The learning-rate schedule designer bound to this panel, showing its current values (made on first
    // use, one per panel); the "Design…" button shows it.
    ScheduleDesigner* scheduleDesigner();

Q_SIGNALS:
    void changed();

private:
    // A number field, the note row under it (refused text, warnings) and the name messages use.
    struct NumberField {
        NumberSpinBox* box;
        QLabel* note;
        QFormLayout* form;
        QString what;     // "learning rate"
        QString refused;  // why the last typed text was refused; empty when it was not
    };

    void buildUi();
    NumberSpinBox* addNumberRow(QFormLayout* form, const QString& label, NumberSpinBox* field, const QString& name,
                                const QString& tip);
    NumberField& fieldFor(const NumberSpinBox* box);
    void onNumberCommitted(NumberSpinBox* box, const QString& problem, const QString& text);
    QString lrWarning() const;
    void updateNotes();
    QGroupBox* buildOptimizerBox();
    QGroupBox* buildScheduleBox();
    QWidget* buildWarmupStartRow();
    QGroupBox* buildLoopBox();
    QGroupBox* buildRunBox();
    void connectEdits();
    void showOptimizer(const dl::OptimizerConfig& optimizer);
    void onOptimizerChosen();
    void onEdited();
    void updateEnabled();
    void updateValidation();

    dl::TrainConfig base_;  // carries the fields without widgets
    bool updating_ = false;

    QComboBox* optimizer_ = nullptr;
    QLabel* optimizerInfo_ = nullptr;
    QDoubleSpinBox* lr_ = nullptr;
    QDoubleSpinBox* momentum_ = nullptr;
    QCheckBox* nesterov_ = nullptr;
    QDoubleSpinBox* beta1_ = nullptr;
    QDoubleSpinBox* beta2_ = nullptr;
    QDoubleSpinBox* eps_ = nullptr;
    QDoubleSpinBox* alpha_ = nullptr;
    QDoubleSpinBox* rho_ = nullptr;
    QDoubleSpinBox* weightDecay_ = nullptr;

    QFormLayout* scheduleForm_ = nullptr;
    QComboBox* schedule_ = nullptr;
    QSpinBox* stepSize_ = nullptr;
    QDoubleSpinBox* gamma_ = nullptr;
    QDoubleSpinBox* minLr_ = nullptr;
    QSpinBox* warmup_ = nullptr;
    QLineEdit* milestones_ = nullptr;       // multi-factor: "15,30"
    QSpinBox* cosineEnd_ = nullptr;         // LrSchedule::cosine_epochs, 0 = the last epoch
    QCheckBox* warmupFromOn_ = nullptr;     // LrSchedule::warmup_start_lr set or not
    QDoubleSpinBox* warmupFrom_ = nullptr;  // its value
    QPointer<ScheduleDesigner> designer_;

    QSpinBox* epochs_ = nullptr;
    QSpinBox* steps_ = nullptr;  // TrainConfig::max_steps; 0 = every epoch
    FineTuningBox* fineTuning_ = nullptr;
    QSpinBox* batchSize_ = nullptr;
    QCheckBox* clipOn_ = nullptr;
    QDoubleSpinBox* clip_ = nullptr;
    double lastClip_ = 1.0;  // θ the check box restores
    QComboBox* loss_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QSpinBox* threads_ = nullptr;

    QLabel* error_ = nullptr;
    std::vector<NumberField> numberFields_;
};
