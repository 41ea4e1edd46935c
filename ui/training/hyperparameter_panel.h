// HyperparameterPanel: the training settings (a dl::TrainConfig) as a form for a learner.
// The panel owns a plain TrainConfig value; the widgets only present and edit it. Every field has
// a one-sentence tooltip; settings that do not fit together are reported inline in red (and by
// isValid()), never by throwing.
#pragma once

#include <optional>

#include <QWidget>

#include "engine/nn/network_spec.h"
#include "engine/train/trainer.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QSpinBox;

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
    // epochs, batch size and loss where the preset gives them). The data set is not handled here.
    void applyDefaults(const dl::TrainDefaults& defaults);

Q_SIGNALS:
    void changed();

private:
    void buildUi();
    QGroupBox* buildOptimizerBox();
    QGroupBox* buildScheduleBox();
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

    QSpinBox* epochs_ = nullptr;
    QSpinBox* batchSize_ = nullptr;
    QDoubleSpinBox* clip_ = nullptr;
    QComboBox* loss_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QSpinBox* threads_ = nullptr;

    QLabel* error_ = nullptr;
};
