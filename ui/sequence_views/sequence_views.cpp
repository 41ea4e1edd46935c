#include "ui/sequence_views/sequence_views.h"

#include <QTabWidget>

#include "ui/sequence_views/gate_view.h"
#include "ui/sequence_views/generated_text_view.h"
#include "ui/sequence_views/sequence_inspector.h"
#include "ui/sequence_views/sequence_snapshot.h"
#include "ui/sequence_views/sine_wave_view.h"
#include "ui/sequence_views/step_gradient_view.h"

SequenceViews::SequenceViews(TrainingController* controller, QObject* parent)
    : QObject(parent), model_(new SequenceSnapshot(this)), inspector_(new SequenceInspector(controller, model_, this)) {
    connect(model_, &SequenceSnapshot::networkChanged, this, &SequenceViews::updateTabs);
}

void SequenceViews::addTabs(QTabWidget* tabs) {
    tabs_ = tabs;
    text_ = new GeneratedTextView(tabs);
    steps_ = new StepGradientView(tabs);
    gates_ = new GateView(tabs);
    sine_ = new SineWaveView(tabs);
    text_->setObjectName(QStringLiteral("generated"));
    steps_->setObjectName(QStringLiteral("stepgradients"));
    gates_->setObjectName(QStringLiteral("gates"));
    sine_->setObjectName(QStringLiteral("sine"));
    text_->setModel(model_);
    steps_->setModel(model_);
    gates_->setModel(model_);
    sine_->setModel(model_);
    // The sine tab first: Qt 6.4's tab bar stops scrolling right at a hidden LAST tab, so a language
    // model's tabs (shown) must end the row, or the learner cannot scroll to "Gates".
    tabs->addTab(sine_, tr("Sine wave"));
    tabs->addTab(text_, tr("Generated text"));
    tabs->addTab(steps_, tr("Gradient per step"));
    tabs->addTab(gates_, tr("Gates"));
    connect(steps_, &StepGradientView::visibleChanged, inspector_, &SequenceInspector::setStepGradientsWanted);
    updateTabs();
}

void SequenceViews::setData(std::shared_ptr<const dl::DataSplit> data) {
    model_->setData(std::move(data));
}

void SequenceViews::setNetwork(const dl::NetworkSpec& spec) {
    model_->setNetwork(spec);
}

void SequenceViews::setClipThreshold(float theta) {
    model_->setClipThreshold(theta);
}

void SequenceViews::clear() {
    model_->clear();
}

void SequenceViews::updateTabs() {
    if (!tabs_) return;
    // Changing a tab's visibility may move the current tab: keep the one asked for (showView may
    // have chosen a sequence view before the data set that shows it was loaded).
    QWidget* current = tabs_->currentWidget();
    const bool language = model_->isLanguageModel();
    for (QWidget* view : {static_cast<QWidget*>(text_), static_cast<QWidget*>(steps_), static_cast<QWidget*>(gates_)})
        tabs_->setTabVisible(tabs_->indexOf(view), language);
    tabs_->setTabVisible(tabs_->indexOf(sine_), model_->isSineSeries());
    if (tabs_->isTabVisible(tabs_->indexOf(current))) tabs_->setCurrentWidget(current);
}
