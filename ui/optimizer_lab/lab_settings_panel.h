#pragma once
// LabSettingsPanel: the optimizer lab's shared hyperparameters (momentum β, RMSProp γ, Adadelta ρ, Adam β1/β2,
// ε, SGD's noise seed), the number of steps and the start point; every edit emits changed() at once. Its η (spin box
// and log-scale slider) sets every optimizer's own η at once (OptimizerPicker holds them).
#include <QWidget>

#include <array>

#include "engine/optim/test_functions.h"
#include "engine/optim/trajectory.h"

class QDoubleSpinBox;
class QSlider;
class QSpinBox;

class LabSettingsPanel : public QWidget {
    Q_OBJECT

public:
    explicit LabSettingsPanel(QWidget* parent = nullptr);

    // The shared settings; learning_rate is the "η for all" value (each optimizer's own is in OptimizerPicker).
    dl::LabSettings settings() const;
    int steps() const;
    std::array<double, 2> start() const;

    // A preset's start, learning rate and step count (the other hyperparameters stay).
    void applyPreset(const dl::TestFunction& preset);
    void setStart(double x1, double x2);
    // Disables the x2 start for a function of x alone.
    void setDimension(int dimension);

Q_SIGNALS:
    void changed();
    // The learner set "η for all optimizers".
    void learningRateForAll(double rate);

private:
    QDoubleSpinBox* number(const char* name, double lo, double hi, double step, int decimals, double value);
    void layOut();
    void syncSliderFromRate();
    void emitChanged();
    void emitLearningRate();

    QDoubleSpinBox* learningRate_;
    QSlider* learningRateSlider_;  // log scale, 10^-4 … 10^1
    QDoubleSpinBox* momentum_;
    QDoubleSpinBox* gamma_;
    QDoubleSpinBox* rho_;
    QDoubleSpinBox* beta1_;
    QDoubleSpinBox* beta2_;
    QSpinBox* epsilonExponent_;          // ε = 10^k for AdaGrad, RMSProp, Adam
    QSpinBox* adadeltaEpsilonExponent_;  // Adadelta's own ε
    QSpinBox* seed_;                     // SGD's noise
    QSpinBox* steps_;
    QDoubleSpinBox* startX1_;
    QDoubleSpinBox* startX2_;
    bool quiet_ = false;  // set while several boxes change together
};
