#include "lab_settings_panel.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>

#include <cmath>

namespace {
constexpr int kSliderStepsPerDecade = 20;
constexpr int kSliderLowestExponent = -4;
constexpr int kSliderHighestExponent = 1;
}  // namespace

LabSettingsPanel::LabSettingsPanel(QWidget* parent) : QWidget(parent) {
    learningRate_ = number("lab-learning-rate", 0.0, 10.0, 0.01, 4, 0.4);
    learningRate_->setToolTip(tr("Sets the learning rate η of every optimizer at once (Adadelta has none in D2L)"));
    disconnect(learningRate_, &QDoubleSpinBox::valueChanged, this, &LabSettingsPanel::emitChanged);
    connect(learningRate_, &QDoubleSpinBox::valueChanged, this, &LabSettingsPanel::emitLearningRate);
    learningRateSlider_ = new QSlider(Qt::Horizontal, this);
    learningRateSlider_->setObjectName(QStringLiteral("lab-learning-rate-slider"));
    learningRateSlider_->setRange(kSliderLowestExponent * kSliderStepsPerDecade,
                                  kSliderHighestExponent * kSliderStepsPerDecade);
    momentum_ = number("lab-momentum", 0.0, 0.999, 0.05, 3, 0.5);
    gamma_ = number("lab-gamma", 0.0, 0.999, 0.05, 3, 0.9);
    rho_ = number("lab-rho", 0.0, 0.999, 0.05, 3, 0.9);
    beta1_ = number("lab-beta1", 0.0, 0.999, 0.05, 3, 0.9);
    beta2_ = number("lab-beta2", 0.0, 0.9999, 0.001, 4, 0.999);
    auto exponent = [this](const char* name, int value) {
        auto* box = new QSpinBox(this);
        box->setObjectName(QString::fromLatin1(name));
        box->setRange(-12, -1);
        box->setValue(value);
        box->setPrefix(QStringLiteral("1e"));
        connect(box, &QSpinBox::valueChanged, this, &LabSettingsPanel::emitChanged);
        return box;
    };
    epsilonExponent_ = exponent("lab-epsilon", -6);
    adadeltaEpsilonExponent_ = exponent("lab-adadelta-epsilon", -5);
    steps_ = new QSpinBox(this);
    steps_->setObjectName(QStringLiteral("lab-steps"));
    steps_->setRange(1, 5000);
    steps_->setValue(20);
    connect(steps_, &QSpinBox::valueChanged, this, &LabSettingsPanel::emitChanged);
    seed_ = new QSpinBox(this);
    seed_->setObjectName(QStringLiteral("lab-seed"));
    seed_->setRange(0, 99999);
    seed_->setToolTip(tr("Seed of SGD's N(0, 1) gradient noise (D2L §11.4)"));
    connect(seed_, &QSpinBox::valueChanged, this, &LabSettingsPanel::emitChanged);
    startX1_ = number("lab-start-x1", -1000.0, 1000.0, 0.1, 3, -5.0);
    startX2_ = number("lab-start-x2", -1000.0, 1000.0, 0.1, 3, -2.0);
    layOut();

    connect(learningRateSlider_, &QSlider::valueChanged, this, [this](int position) {
        const QSignalBlocker block(learningRate_);
        learningRate_->setValue(std::pow(10.0, double(position) / kSliderStepsPerDecade));
        emitLearningRate();
    });
    connect(learningRate_, &QDoubleSpinBox::valueChanged, this, &LabSettingsPanel::syncSliderFromRate);
    syncSliderFromRate();
}

void LabSettingsPanel::layOut() {
    auto* rateRow = new QHBoxLayout;
    rateRow->addWidget(learningRate_);
    rateRow->addWidget(learningRateSlider_, 1);
    auto* startRow = new QHBoxLayout;
    startRow->addWidget(startX1_);
    startRow->addWidget(startX2_);
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("η for all"), rateRow);
    form->addRow(tr("Momentum β"), momentum_);
    form->addRow(tr("RMSProp γ"), gamma_);
    form->addRow(tr("Adadelta ρ"), rho_);
    form->addRow(tr("Adam β1"), beta1_);
    form->addRow(tr("Adam β2"), beta2_);
    form->addRow(tr("ε (AdaGrad, RMSProp, Adam)"), epsilonExponent_);
    form->addRow(tr("ε (Adadelta)"), adadeltaEpsilonExponent_);
    form->addRow(tr("SGD noise seed"), seed_);
    form->addRow(tr("Steps"), steps_);
    form->addRow(tr("Start (x1, x2)"), startRow);
}

QDoubleSpinBox* LabSettingsPanel::number(const char* name, double lo, double hi, double step, int decimals,
                                         double value) {
    auto* box = new QDoubleSpinBox(this);
    box->setObjectName(QString::fromLatin1(name));
    box->setRange(lo, hi);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setValue(value);
    box->setKeyboardTracking(false);  // typing "0.05" redraws once, not at "0" and "0.0"
    connect(box, &QDoubleSpinBox::valueChanged, this, &LabSettingsPanel::emitChanged);
    return box;
}

void LabSettingsPanel::syncSliderFromRate() {
    const double rate = learningRate_->value();
    const QSignalBlocker block(learningRateSlider_);
    learningRateSlider_->setValue(rate > 0 ? int(std::lround(std::log10(rate) * kSliderStepsPerDecade))
                                           : learningRateSlider_->minimum());
}

void LabSettingsPanel::emitChanged() {
    if (!quiet_) Q_EMIT changed();
}

void LabSettingsPanel::emitLearningRate() {
    if (!quiet_) Q_EMIT learningRateForAll(learningRate_->value());
}

dl::LabSettings LabSettingsPanel::settings() const {
    dl::LabSettings s;
    s.learning_rate = learningRate_->value();
    s.momentum = momentum_->value();
    s.gamma = gamma_->value();
    s.rho = rho_->value();
    s.beta1 = beta1_->value();
    s.beta2 = beta2_->value();
    s.epsilon = std::pow(10.0, epsilonExponent_->value());
    s.adadelta_epsilon = std::pow(10.0, adadeltaEpsilonExponent_->value());
    s.seed = uint64_t(seed_->value());
    return s;
}

int LabSettingsPanel::steps() const {
    return steps_->value();
}

std::array<double, 2> LabSettingsPanel::start() const {
    return {startX1_->value(), startX2_->value()};
}

void LabSettingsPanel::applyPreset(const dl::TestFunction& preset) {
    quiet_ = true;
    learningRate_->setValue(preset.learning_rate);
    steps_->setValue(preset.steps);
    startX1_->setValue(preset.start[0]);
    startX2_->setValue(preset.start[1]);
    quiet_ = false;
    setDimension(preset.dimension);
}

void LabSettingsPanel::setStart(double x1, double x2) {
    quiet_ = true;
    startX1_->setValue(x1);
    startX2_->setValue(x2);
    quiet_ = false;
    emitChanged();
}

void LabSettingsPanel::setDimension(int dimension) {
    startX2_->setEnabled(dimension == 2);
}
