#pragma once
// OptimizerLabWindow: D2L ch. 11 made visible. Pick a test function (or type one), pick optimizers to
// race, set their hyperparameters, and watch each path step by step on the contour plot, with each
// optimizer's internal state beside it. Every change recomputes the paths at once: they are a few
// hundred double-precision steps (engine/optim/trajectory.h), far below a frame.
#include <QWidget>

#include <array>
#include <memory>
#include <vector>

#include "engine/optim/trajectory.h"

class AnimationControls;
class FunctionChooser;
class LabSettingsPanel;
class OptimizerPicker;
class QLabel;
class StatePanel;
class TrajectoryPlot;

namespace dl {
struct TestFunction;
}

class OptimizerLabWindow : public QWidget {
    Q_OBJECT

public:
    explicit OptimizerLabWindow(QWidget* parent = nullptr);

    // Shows the preset with this id; false for an unknown one (the current function stays).
    bool choosePreset(const QString& id);

    const std::vector<dl::Trajectory>& trajectories() const { return trajectories_; }
    FunctionChooser* functionChooser() const { return chooser_; }
    LabSettingsPanel* settingsPanel() const { return settings_; }
    OptimizerPicker* optimizerPicker() const { return picker_; }
    TrajectoryPlot* plot() const { return plot_; }
    AnimationControls* animation() const { return animation_; }
    StatePanel* statePanel() const { return state_; }

private:
    void onFunctionChanged(const dl::TestFunction* preset);
    void recompute();
    void onStep(int step);

    FunctionChooser* chooser_;
    LabSettingsPanel* settings_;
    OptimizerPicker* picker_;
    TrajectoryPlot* plot_;
    AnimationControls* animation_;
    StatePanel* state_;
    QLabel* status_;
    std::vector<dl::Trajectory> trajectories_;
    std::array<double, 2> x1Range_{-5.5, 1.5}, x2Range_{-3.0, 3.0};
};
