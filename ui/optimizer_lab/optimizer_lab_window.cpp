#include "optimizer_lab_window.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include "animation_controls.h"
#include "engine/core/error.h"
#include "function_chooser.h"
#include "lab_optimizer_style.h"
#include "lab_settings_panel.h"
#include "optimizer_picker.h"
#include "state_panel.h"
#include "trajectory_plot.h"

namespace {

QGroupBox* group(const QString& title, QWidget* content, QWidget* parent) {
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}

}  // namespace

OptimizerLabWindow::OptimizerLabWindow(QWidget* parent) : QWidget(parent, Qt::Window) {
    setObjectName(QStringLiteral("optimizer-lab"));
    setWindowTitle(tr("Optimizer Lab — D2L ch. 11"));
    setAttribute(Qt::WA_DeleteOnClose);
    chooser_ = new FunctionChooser(this);
    settings_ = new LabSettingsPanel(this);
    picker_ = new OptimizerPicker(this);
    plot_ = new TrajectoryPlot(this);
    animation_ = new AnimationControls(this);
    state_ = new StatePanel(this);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("lab-status"));
    status_->setWordWrap(true);

    auto* controls = new QWidget(this);
    auto* controlsLayout = new QVBoxLayout(controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    controlsLayout->addWidget(group(tr("Function"), chooser_, controls));
    controlsLayout->addWidget(group(tr("Optimizers"), picker_, controls));
    controlsLayout->addWidget(group(tr("Hyperparameters"), settings_, controls));
    controlsLayout->addStretch(1);

    auto* centre = new QWidget(this);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->addWidget(plot_, 1);
    centreLayout->addWidget(animation_);
    centreLayout->addWidget(status_);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(controls);
    splitter->addWidget(centre);
    splitter->addWidget(state_);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({320, 660, 500});
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(splitter);
    resize(1560, 900);

    connect(chooser_, &FunctionChooser::functionChanged, this, &OptimizerLabWindow::onFunctionChanged);
    connect(settings_, &LabSettingsPanel::changed, this, &OptimizerLabWindow::recompute);
    connect(picker_, &OptimizerPicker::changed, this, &OptimizerLabWindow::recompute);
    connect(settings_, &LabSettingsPanel::learningRateForAll, picker_, &OptimizerPicker::setAllLearningRates);
    connect(animation_, &AnimationControls::stepChanged, this, &OptimizerLabWindow::onStep);
    connect(plot_, &TrajectoryPlot::startPicked, settings_, &LabSettingsPanel::setStart);
    onFunctionChanged(chooser_->preset());
}

bool OptimizerLabWindow::choosePreset(const QString& id) {
    return chooser_->choosePreset(id);
}

void OptimizerLabWindow::onFunctionChanged(const dl::TestFunction* preset) {
    if (preset) {
        x1Range_ = preset->x1_range;
        x2Range_ = preset->x2_range;
        settings_->applyPreset(*preset);
        picker_->applyPreset(*preset);
    }
    // A typed formula keeps the view of the function before it.
    settings_->setDimension(chooser_->function()->dimension());
    plot_->setFunction(chooser_->function(), x1Range_, x2Range_);
    recompute();
}

void OptimizerLabWindow::recompute() {
    const auto function = chooser_->function();
    dl::LabSettings settings = settings_->settings();
    trajectories_.clear();
    // Optimizers that stop for the same reason (a start where f is not defined) share one line.
    QStringList reasons;
    std::vector<QStringList> who;
    auto report = [&](dl::LabOptimizer optimizer, const std::string& reason) {
        const QString text = QString::fromStdString(reason);
        int at = int(reasons.indexOf(text));
        if (at < 0) {
            reasons << text;
            who.emplace_back();
            at = int(reasons.size()) - 1;
        }
        who[size_t(at)] << lab_style::name(optimizer);
    };
    for (dl::LabOptimizer optimizer : picker_->selected()) {
        settings.learning_rate = picker_->learningRate(optimizer);
        try {
            trajectories_.push_back(
                dl::run_trajectory(*function, optimizer, settings, settings_->start(), settings_->steps()));
        } catch (const dl::InputError& e) {
            report(optimizer, e.what());
            continue;
        }
        if (!trajectories_.back().stopped.empty()) report(optimizer, trajectories_.back().stopped);
    }
    QStringList problems;
    for (int i = 0; i < reasons.size(); ++i)
        problems << tr("%1 stopped: %2").arg(who[size_t(i)].join(QStringLiteral(", ")), reasons[i]);
    status_->setText(problems.join(QLatin1Char('\n')));
    status_->setStyleSheet(problems.isEmpty() ? QString() : QStringLiteral("color:#b00020"));
    plot_->setStart(settings_->start());
    plot_->setTrajectories(trajectories_);
    state_->setTrajectories(trajectories_, function->dimension());
    const int previous = animation_->step();
    animation_->setLength(settings_->steps());
    // setLength only signals a changed step: new paths at the same step still need drawing.
    if (animation_->step() == previous) onStep(previous);
}

void OptimizerLabWindow::onStep(int step) {
    plot_->setStep(step);
    state_->setStep(step);
}
