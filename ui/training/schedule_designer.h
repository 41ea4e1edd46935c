// ScheduleDesigner: the learning-rate schedule designer (D2L §11.11). The learner picks a schedule
// (constant, step, multi-factor, cosine with warm-up) and its settings and sees the lr of every epoch
// before training, redrawn at each edit; settings the engine refuses show its message instead of the
// curve. "Apply to Experiment" writes the schedule, base lr and epochs into the hyperparameter panel
// it is bound to, so the next run in the main window uses them (its epoch metrics carry the lr).
//
// The curve is dl::LrSchedule::lr_at itself, at x = 1 … epochs (the epoch numbers of the run's
// history), so what it shows is what the trainer will do.
#pragma once

#include <optional>

#include <QDialog>
#include <QPointer>

#include "engine/train/trainer.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class NumberSpinBox;
class HyperparameterPanel;

class ScheduleDesigner : public QDialog {
    Q_OBJECT

public:
    explicit ScheduleDesigner(QWidget* parent = nullptr);

    // Shows `config`'s schedule, base lr and epochs (the rest of it is kept for applyTo()).
    void setConfig(const dl::TrainConfig& config);
    // Reads the panel's settings now, and "Apply to Experiment" writes into it from then on.
    void bindTo(HyperparameterPanel* panel);
    HyperparameterPanel* boundPanel() const { return panel_; }

    // The settings as shown; nothing when the engine refuses them (problem() says why).
    std::optional<dl::LrSchedule> schedule() const;
    float baseLr() const;
    int epochs() const;
    QString problem() const { return problem_; }
    // `base` with this schedule, base lr and epochs.
    dl::TrainConfig appliedTo(dl::TrainConfig base) const;
    // D2L §11.11.3.3's cosine with warm-up: 0.3 → 0.01 by epoch 20, 5 warm-up epochs from 0, 30 epochs.
    void loadD2lCosineExample();

    QCustomPlot* plot() const { return plot_; }
    int redrawCount() const { return redraws_; }

public Q_SLOTS:
    // Writes the schedule into the bound panel (nothing when unbound or invalid); true when written.
    bool applyToExperiment();

Q_SIGNALS:
    void applied();

private:
    void buildUi();
    QWidget* buildSettings();
    QWidget* buildPreview();
    void connectEdits();
    void updateRows();
    void redraw();
    void drawCurve(const dl::LrSchedule& schedule);
    dl::LrSchedule::Kind kind() const;
    std::optional<dl::LrSchedule> readSchedule(QString* problem) const;

    QPointer<HyperparameterPanel> panel_;
    dl::TrainConfig base_;
    bool updating_ = false;
    QString problem_;
    int redraws_ = 0;

    QComboBox* kind_ = nullptr;
    QFormLayout* form_ = nullptr;
    NumberSpinBox* baseLr_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QSpinBox* stepSize_ = nullptr;
    QLineEdit* milestones_ = nullptr;
    NumberSpinBox* gamma_ = nullptr;
    NumberSpinBox* minLr_ = nullptr;
    QSpinBox* cosineEnd_ = nullptr;
    QSpinBox* warmup_ = nullptr;
    QCheckBox* warmupFromOn_ = nullptr;
    NumberSpinBox* warmupFrom_ = nullptr;
    QCheckBox* logScale_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QLabel* message_ = nullptr;
    QPushButton* apply_ = nullptr;
};
