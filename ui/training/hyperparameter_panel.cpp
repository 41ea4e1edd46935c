#include "ui/training/hyperparameter_panel.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <limits>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include "engine/core/error.h"
#include "engine/optim/factory.h"
#include "engine/optim/schedule.h"
#include "ui/training/fine_tuning_box.h"
#include "ui/training/schedule_designer.h"
#include "ui/widgets/form_row.h"
#include "ui/widgets/number_spin_box.h"
#include "ui/widgets/wheel_guard.h"

namespace {

// The engine's optimizer descriptions (engine/optim/factory.cpp, English), listed here so that lupdate
// collects them for translation; the panel looks the engine's text up at run time (English if it changed).
[[maybe_unused]] constexpr const char* kOptimizerDescriptions[] = {
    QT_TRANSLATE_NOOP("OptimizerDescription",
                      "Stochastic gradient descent: steps against the gradient, optionally with momentum that "
                      "accumulates past gradients to speed up along consistent directions (Nesterov looks ahead)."),
    QT_TRANSLATE_NOOP("OptimizerDescription",
                      "AdaGrad: gives every weight its own step size, shrinking with the sum of all its past squared "
                      "gradients; good for rare features, but learning slows down over time."),
    QT_TRANSLATE_NOOP("OptimizerDescription",
                      "RMSProp: divides each weight's step by a running average of its recent gradient sizes, so steps "
                      "adapt per weight without shrinking forever as in AdaGrad."),
    QT_TRANSLATE_NOOP("OptimizerDescription",
                      "Adadelta: like RMSProp, but sizes each step by a running average of its own past updates, so it "
                      "needs no real learning rate (lr is a plain multiplier, usually 1)."),
    QT_TRANSLATE_NOOP("OptimizerDescription",
                      "Adam: momentum (a running average of gradients) plus RMSProp's per-weight scaling, with bias "
                      "correction for the first steps; a robust default."),
    QT_TRANSLATE_NOOP("OptimizerDescription",
                      "AdamW: Adam with decoupled weight decay, which shrinks the weights directly instead of adding "
                      "an L2 term to the gradient that Adam's scaling would weaken."),
};

// Batch sizes step by powers of two (32, 64, 128, ...); any value can still be typed.
class PowerOfTwoSpinBox : public QSpinBox {
public:
    using QSpinBox::QSpinBox;
    void stepBy(int steps) override {
        int v = value();
        for (int i = 0; i < std::abs(steps); ++i) {
            int p = 1;
            if (steps > 0) {
                while (p <= v && p < (1 << 20)) p *= 2;
            } else {
                while (p * 2 < v) p *= 2;
            }
            v = p;
        }
        setValue(v);
        selectAll();
    }
};

QFormLayout* makeForm(QGroupBox* box) {
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return form;
}

using Bounds = NumberSpinBox::Bounds;
using Steps = NumberSpinBox::Steps;
constexpr double kFloatMax = std::numeric_limits<float>::max();  // the engine keeps settings as float
// D2L's learning rates lie in this range; values outside it are used, but with a warning.
constexpr double kUsualLrMin = 1e-5, kUsualLrMax = 10;

// A field for a value in [0, 1) such as momentum or β₁, stepped linearly.
NumberSpinBox* fractionSpin(double step) {
    auto* s = new NumberSpinBox(Bounds{0, 1, false, true}, Steps::Linear);
    s->setSingleStep(step);
    return s;
}

// The step schedule's factor: above 0, at most 1.
NumberSpinBox* gammaSpin() {
    auto* s = new NumberSpinBox(Bounds{0, 1, true, false}, Steps::Linear);
    s->setSingleStep(0.05);
    return s;
}

// The gradient-clipping norm: 0 means off.
NumberSpinBox* clipSpin() {
    auto* s = new NumberSpinBox(Bounds{0, kFloatMax, false, false}, Steps::Linear);
    s->setSingleStep(0.5);
    return s;
}

// A field for a non-negative (or, with `positive`, strictly positive) value spanning decades.
NumberSpinBox* decadeSpin(bool positive, double smallest) {
    return new NumberSpinBox(Bounds{0, kFloatMax, positive, false}, Steps::Decades, smallest);
}

// The multi-factor schedule's epochs as typed ("15,30"); empty, with the engine's reason in `problem`, when
// they cannot be read.
std::vector<int64_t> milestonesFrom(const QString& text, QString* problem = nullptr) {
    try {
        if (text.contains(QLatin1Char(':'))) throw dl::InputError("separate the epochs with commas, e.g. 15,30");
        return dl::parse_lr_schedule("multifactor:" + text.trimmed().toStdString()).milestones;
    } catch (const std::exception& e) {
        if (problem) *problem = QString::fromStdString(e.what());
    }
    return {};
}

bool usesMomentum(const QString& n) {
    return n == QLatin1String("sgd") || n == QLatin1String("rmsprop");
}
bool usesBetas(const QString& n) {
    return n == QLatin1String("adam") || n == QLatin1String("adamw");
}

}  // namespace

HyperparameterPanel::HyperparameterPanel(QWidget* parent) : QWidget(parent) {
    buildUi();
    setConfig(dl::TrainConfig{});
}

HyperparameterPanel::~HyperparameterPanel() = default;

void HyperparameterPanel::buildUi() {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(buildOptimizerBox());
    layout->addWidget(buildScheduleBox());
    layout->addWidget(buildLoopBox());
    layout->addWidget(buildRunBox());
    fineTuning_ = new FineTuningBox;
    layout->addWidget(fineTuning_);
    error_ = new QLabel;
    error_->setObjectName(QStringLiteral("error"));
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
    error_->setVisible(false);
    layout->addWidget(error_);
    layout->addStretch(1);
    connectEdits();
    WheelGuard::install(this);
    for (QSpinBox* s : findChildren<QSpinBox*>()) s->setKeyboardTracking(false);  // apply on Enter
}

// A number row, with a note under the field (hidden until needed) for a refused text or a warning.
NumberSpinBox* HyperparameterPanel::addNumberRow(QFormLayout* form, const QString& label, NumberSpinBox* field,
                                                 const QString& name, const QString& tip) {
    addRow(form, label, field, name, tip);
    auto* note = new QLabel;
    note->setObjectName(name + QStringLiteral("Note"));
    note->setWordWrap(true);
    form->addRow(static_cast<QWidget*>(nullptr), note);
    form->setRowVisible(note, false);
    numberFields_.push_back({field, note, form, label.toLower(), QString()});
    return field;
}

QGroupBox* HyperparameterPanel::buildOptimizerBox() {
    auto* optBox = new QGroupBox(tr("Optimizer"));
    auto* opt = makeForm(optBox);
    optimizer_ = addRow(opt, tr("Optimizer"), new QComboBox, QStringLiteral("optimizer"),
                        tr("The rule that turns gradients into weight updates; switching loads that "
                           "optimizer's standard settings, learning rate included."));
    for (const std::string& name : dl::optimizer_names()) {
        optimizer_->addItem(QString::fromStdString(name));
        optimizer_->setItemData(optimizer_->count() - 1, QString::fromStdString(dl::optimizer_description(name)),
                                Qt::ToolTipRole);
    }
    optimizerInfo_ = new QLabel;
    optimizerInfo_->setObjectName(QStringLiteral("optimizerInfo"));
    optimizerInfo_->setWordWrap(true);
    optimizerInfo_->setStyleSheet(QStringLiteral("color: palette(mid); font-size: small;"));
    opt->addRow(optimizerInfo_);
    lr_ = addNumberRow(opt, tr("Learning rate"), decadeSpin(true, 1e-6), QStringLiteral("lr"),
                       tr("How big a step each update takes: too small learns slowly, too large makes the loss "
                          "jump or explode (arrows step 1, 2, 5, 10, …; 1e-3 can be typed; Enter applies it)."));
    momentum_ = addNumberRow(opt, tr("Momentum"), fractionSpin(0.05), QStringLiteral("momentum"),
                             tr("Fraction of the previous update kept in the next one, which smooths and speeds up "
                                "descent (0 = none, 0.9 is common); SGD and RMSProp only."));
    nesterov_ = addRow(opt, tr("Nesterov"), new QCheckBox(tr("look-ahead momentum")), QStringLiteral("nesterov"),
                       tr("Nesterov momentum evaluates the gradient where momentum is about to carry the "
                          "weights, often converging a little faster; SGD only, needs momentum > 0."));
    beta1_ = addNumberRow(opt, tr("β₁"), fractionSpin(0.01), QStringLiteral("beta1"),
                          tr("Adam's momentum: how much of the running average of gradients is kept each step "
                             "(0.9 by default)."));
    beta2_ = addNumberRow(opt, tr("β₂"), fractionSpin(0.001), QStringLiteral("beta2"),
                          tr("Adam's memory for squared gradients, which set each weight's own step size "
                             "(0.999 by default)."));
    eps_ = addNumberRow(opt, tr("ε"), decadeSpin(true, 1e-12), QStringLiteral("eps"),
                        tr("A tiny number added before dividing by the gradient scale, so that weights with "
                           "near-zero gradients do not get huge steps."));
    alpha_ = addNumberRow(opt, tr("α (decay)"), fractionSpin(0.01), QStringLiteral("alpha"),
                          tr("RMSProp's memory for squared gradients: closer to 1 averages over more past steps "
                             "(0.99 by default)."));
    rho_ = addNumberRow(opt, tr("ρ (decay)"), fractionSpin(0.01), QStringLiteral("rho"),
                        tr("Adadelta's memory for squared gradients and updates (0.9 by default)."));
    weightDecay_ = addNumberRow(opt, tr("Weight decay"), decadeSpin(false, 1e-6), QStringLiteral("weightDecay"),
                                tr("Pulls every weight a little towards zero each step (L2 regularisation), which "
                                   "fights overfitting; 0 = off."));
    return optBox;
}

QGroupBox* HyperparameterPanel::buildScheduleBox() {
    auto* schedBox = new QGroupBox(tr("Learning-rate schedule"));
    scheduleForm_ = makeForm(schedBox);
    schedule_ = addRow(scheduleForm_, tr("Schedule"), new QComboBox, QStringLiteral("schedule"),
                       tr("How the learning rate changes from epoch to epoch: constant, cut by a factor every "
                          "few epochs, or smoothly lowered along a cosine."));
    schedule_->addItem(tr("constant"));
    schedule_->addItem(tr("step"));
    schedule_->addItem(tr("cosine"));
    schedule_->addItem(tr("multi-factor"));  // the combo's index is the LrSchedule::Kind
    stepSize_ = addRow(scheduleForm_, tr("Every (epochs)"), new QSpinBox, QStringLiteral("stepSize"),
                       tr("The step schedule multiplies the learning rate by γ after this many epochs."));
    stepSize_->setRange(1, 100000);
    milestones_ = addRow(scheduleForm_, tr("At epochs"), new QLineEdit, QStringLiteral("milestones"),
                         tr("The epochs at which the multi-factor schedule multiplies the learning rate by γ, "
                            "increasing and separated by commas (D2L: 15,30), counted after the warm-up."));
    gamma_ = addNumberRow(scheduleForm_, tr("Factor γ"), gammaSpin(), QStringLiteral("gamma"),
                          tr("What the step and multi-factor schedules multiply the learning rate by at each cut "
                             "(0.1 = ten times smaller)."));
    minLr_ = addNumberRow(scheduleForm_, tr("Final lr"), decadeSpin(false, 1e-6), QStringLiteral("minLr"),
                          tr("The learning rate the cosine schedule comes down to (at the last epoch, or at the "
                             "epoch set below); at most the learning rate."));
    cosineEnd_ = addRow(scheduleForm_, tr("Final lr at epoch"), new QSpinBox, QStringLiteral("cosineEnd"),
                        tr("The epoch the cosine reaches the final lr and then stays there (D2L's max_update, "
                           "warm-up included); 0 = the last epoch."));
    cosineEnd_->setRange(0, 100000);
    cosineEnd_->setSpecialValueText(tr("the last"));
    warmup_ = addRow(scheduleForm_, tr("Warm-up (epochs)"), new QSpinBox, QStringLiteral("warmup"),
                     tr("Epochs over which the learning rate grows linearly from small to its full value, "
                        "which keeps the first updates of a fresh network gentle; 0 = none."));
    warmup_->setRange(0, 100000);
    scheduleForm_->addRow(tr("Warm-up starts"), buildWarmupStartRow());
    auto* design = new QPushButton(tr("Design…"));
    design->setObjectName(QStringLiteral("designSchedule"));
    design->setToolTip(tr("Opens the schedule designer, which previews the learning rate of every epoch."));
    connect(design, &QPushButton::clicked, this, [this] {
        ScheduleDesigner* d = scheduleDesigner();
        d->show();
        d->raise();
        d->activateWindow();
    });
    scheduleForm_->addRow(static_cast<QWidget*>(nullptr), design);
    return schedBox;
}

// "[x] from [0.01]": whether warm-up starts from a set lr (D2L's warmup_begin_lr), and that lr.
QWidget* HyperparameterPanel::buildWarmupStartRow() {
    auto* row = new QWidget;
    row->setObjectName(QStringLiteral("warmupStart"));
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    warmupFromOn_ = new QCheckBox(tr("from"));
    warmupFromOn_->setObjectName(QStringLiteral("warmupFromOn"));
    warmupFrom_ = decadeSpin(false, 1e-6);
    warmupFrom_->setObjectName(QStringLiteral("warmupFrom"));
    const QString tip =
        tr("Ticked: the warm-up rises from this lr, as D2L's CosineScheduler (warmup_begin_lr). "
           "Unticked: it rises lr/W, 2·lr/W, …, lr.");
    for (QWidget* w :
         {static_cast<QWidget*>(row), static_cast<QWidget*>(warmupFromOn_), static_cast<QWidget*>(warmupFrom_)})
        w->setToolTip(tip);
    layout->addWidget(warmupFromOn_);
    layout->addWidget(warmupFrom_, 1);
    return row;
}

ScheduleDesigner* HyperparameterPanel::scheduleDesigner() {
    if (!designer_) {
        designer_ = new ScheduleDesigner(window());
        designer_->setAttribute(Qt::WA_DeleteOnClose);
    }
    designer_->bindTo(this);
    return designer_;
}

QGroupBox* HyperparameterPanel::buildLoopBox() {
    auto* loopBox = new QGroupBox(tr("Training loop"));
    auto* loop = makeForm(loopBox);
    epochs_ = addRow(loop, tr("Epochs"), new QSpinBox, QStringLiteral("epochs"),
                     tr("How many times the whole training set is passed through the network."));
    epochs_->setRange(1, 100000);
    steps_ = addRow(loop, tr("Steps (0 = all epochs)"), new QSpinBox, QStringLiteral("steps"),
                    tr("Stop after this many minibatches (D2L counts BERT's pretraining in steps, 50 for its small "
                       "BERT); 0 runs every epoch."));
    steps_->setRange(0, 100000000);
    steps_->setSpecialValueText(tr("0 (all epochs)"));
    batchSize_ = addRow(loop, tr("Batch size"), new PowerOfTwoSpinBox, QStringLiteral("batchSize"),
                        tr("Examples averaged into each gradient step: larger batches give smoother but fewer "
                           "updates per epoch (arrows step by powers of two)."));
    batchSize_->setRange(1, 1 << 20);
    clipOn_ = addRow(loop, tr("Clip gradients"), new QCheckBox(tr("by global norm")), QStringLiteral("clipOn"),
                     tr("On: a gradient longer than θ is scaled down to length θ before each update, which tames "
                        "the exploding gradients of recurrent networks (D2L §9.5 uses θ = 1). Off shows the "
                        "explosion."));
    clip_ = addNumberRow(loop, tr("Clipping θ"), clipSpin(), QStringLiteral("clip"),
                         tr("If the gradient's overall length exceeds this, it is scaled down to it, which tames "
                            "exploding gradients (common in RNNs); 0 = off."));
    clip_->setSpecialValueText(tr("off"));
    loss_ = addRow(loop, tr("Loss"), new QComboBox, QStringLiteral("loss"),
                   tr("What the network is scored by: auto picks cross-entropy for classes and squared "
                      "error for numbers."));
    const std::pair<const char*, const char*> losses[] = {
        {"auto", QT_TR_NOOP("cross_entropy for classification, mse for regression")},
        {"cross_entropy", QT_TR_NOOP("softmax + negative log-likelihood of the right class (classification)")},
        {"bce", QT_TR_NOOP("binary cross-entropy on a single sigmoid output (two classes)")},
        {"mse", QT_TR_NOOP("mean squared error (regression)")},
        {"half_mse", QT_TR_NOOP("half the squared error, as in D2L's linear regression")},
    };
    for (const auto& [name, tip] : losses) {
        loss_->addItem(QString::fromLatin1(name));
        loss_->setItemData(loss_->count() - 1, tr(tip), Qt::ToolTipRole);
    }
    return loopBox;
}

QGroupBox* HyperparameterPanel::buildRunBox() {
    auto* runBox = new QGroupBox(tr("Reproducibility and speed"));
    auto* run = makeForm(runBox);
    seed_ = addRow(run, tr("Seed"), new QSpinBox, QStringLiteral("seed"),
                   tr("Starting point of all randomness (initial weights, shuffling, dropout): the same "
                      "seed gives exactly the same run."));
    seed_->setRange(0, INT_MAX);
    threads_ = addRow(run, tr("Threads"), new QSpinBox, QStringLiteral("threads"),
                      tr("CPU cores used for training; results do not depend on it (0 = all cores)."));
    threads_->setRange(0, 256);
    threads_->setSpecialValueText(tr("all cores"));
    return runBox;
}

void HyperparameterPanel::connectEdits() {
    connect(optimizer_, &QComboBox::currentIndexChanged, this, [this] { onOptimizerChosen(); });
    for (NumberField& f : numberFields_) {
        NumberSpinBox* box = f.box;
        connect(box, &QDoubleSpinBox::valueChanged, this, [this, box] {
            fieldFor(box).refused.clear();
            onEdited();
        });
        connect(box, &NumberSpinBox::committed, this,
                [this, box](const QString& problem, const QString& text) { onNumberCommitted(box, problem, text); });
    }
    connect(fineTuning_, &FineTuningBox::changed, this, [this] { onEdited(); });
    for (QSpinBox* s : {stepSize_, cosineEnd_, warmup_, epochs_, steps_, batchSize_, seed_, threads_})
        connect(s, &QSpinBox::valueChanged, this, [this] { onEdited(); });
    connect(milestones_, &QLineEdit::editingFinished, this, [this] { onEdited(); });
    connect(warmupFromOn_, &QCheckBox::toggled, this, [this] { onEdited(); });
    connect(warmupFrom_, &QDoubleSpinBox::valueChanged, this, [this] { onEdited(); });
    connect(nesterov_, &QCheckBox::toggled, this, [this] { onEdited(); });
    // The check box turns clipping off and back on at the last θ; θ itself (0 = off) is the setting.
    connect(clipOn_, &QCheckBox::toggled, this, [this](bool on) { clip_->setValue(on ? lastClip_ : 0.0); });
    connect(clip_, &QDoubleSpinBox::valueChanged, this, [this](double theta) {
        if (theta > 0) lastClip_ = theta;
        const QSignalBlocker block(clipOn_);
        clipOn_->setChecked(theta > 0);
    });
    connect(schedule_, &QComboBox::currentIndexChanged, this, [this] { onEdited(); });
    connect(loss_, &QComboBox::currentIndexChanged, this, [this] { onEdited(); });
}

HyperparameterPanel::NumberField& HyperparameterPanel::fieldFor(const NumberSpinBox* box) {
    return *std::find_if(numberFields_.begin(), numberFields_.end(),
                         [box](const NumberField& f) { return f.box == box; });
}

// A refused text is named under its field; the value in effect stays and is said so.
void HyperparameterPanel::onNumberCommitted(NumberSpinBox* box, const QString& problem, const QString& text) {
    NumberField& f = fieldFor(box);
    f.refused = problem.isEmpty()
                    ? QString()
                    : tr("“%1” is not a valid %2: %3. The %2 stays %4.").arg(text, f.what, problem, box->text());
    updateNotes();
}

// A learning rate far from D2L's is allowed (it is the learner's experiment) but flagged.
QString HyperparameterPanel::lrWarning() const {
    const double lr = lr_->value();
    const QString shown = lr_->text();
    if (lr > kUsualLrMax)
        return tr("%1 is far above the learning rates D2L uses (1e-5 … 10): the loss will likely explode. "
                  "It is used as typed.")
            .arg(shown);
    if (lr > 0 && lr < kUsualLrMin)
        return tr("%1 is far below the learning rates D2L uses (1e-5 … 10): the network will barely learn. "
                  "It is used as typed.")
            .arg(shown);
    return {};
}

void HyperparameterPanel::updateNotes() {
    for (const NumberField& f : numberFields_) {
        const QString warning = f.box == lr_ ? lrWarning() : QString();
        const QString text = f.refused.isEmpty() ? warning : f.refused;
        f.note->setText(text);
        f.note->setStyleSheet(f.refused.isEmpty() ? QStringLiteral("QLabel { color: #8a5300; }")    // amber
                                                  : QStringLiteral("QLabel { color: #c62828; }"));  // red
        f.form->setRowVisible(f.note, !text.isEmpty() && f.box->isVisibleTo(this));
    }
}

void HyperparameterPanel::showOptimizer(const dl::OptimizerConfig& o) {
    optimizer_->setCurrentText(QString::fromStdString(o.name).toLower());
    lr_->setValue(o.lr);
    momentum_->setValue(o.momentum);
    nesterov_->setChecked(o.nesterov);
    beta1_->setValue(o.beta1);
    beta2_->setValue(o.beta2);
    eps_->setValue(o.eps);
    alpha_->setValue(o.alpha);
    rho_->setValue(o.rho);
    weightDecay_->setValue(o.weight_decay);
}

// Switching optimizer loads ALL of the new optimizer's standard settings (PyTorch's defaults via
// optimizer_defaults), the learning rate and weight decay included, even if the learner had typed
// other values. A learning rate that suits one optimizer is often wrong for another (SGD's 0.1
// makes Adam diverge; Adam's 0.001 makes SGD crawl), so keeping it would surprise a learner more
// than resetting it; the lr tooltip and the optimizer tooltip say so.
void HyperparameterPanel::onOptimizerChosen() {
    if (updating_) return;
    updating_ = true;
    try {
        showOptimizer(dl::optimizer_defaults(optimizer_->currentText().toStdString()));
    } catch (const std::exception&) {
        // Names come from optimizer_names(), so this cannot happen; keep the fields as they are.
    }
    updating_ = false;
    onEdited();
}

void HyperparameterPanel::onEdited() {
    if (updating_) return;
    updateEnabled();
    updateValidation();
    updateNotes();
    Q_EMIT changed();
}

void HyperparameterPanel::updateEnabled() {
    const QString name = optimizer_->currentText();
    optimizerInfo_->setText(
        QCoreApplication::translate("OptimizerDescription", dl::optimizer_description(name.toStdString()).c_str()));
    momentum_->setEnabled(usesMomentum(name));
    nesterov_->setEnabled(name == QLatin1String("sgd"));
    beta1_->setEnabled(usesBetas(name));
    beta2_->setEnabled(usesBetas(name));
    eps_->setEnabled(name != QLatin1String("sgd"));
    alpha_->setEnabled(name == QLatin1String("rmsprop"));
    rho_->setEnabled(name == QLatin1String("adadelta"));

    const int kind = schedule_->currentIndex();
    scheduleForm_->setRowVisible(stepSize_, kind == dl::LrSchedule::Step);
    scheduleForm_->setRowVisible(gamma_, kind == dl::LrSchedule::Step || kind == dl::LrSchedule::MultiFactor);
    scheduleForm_->setRowVisible(milestones_, kind == dl::LrSchedule::MultiFactor);
    scheduleForm_->setRowVisible(minLr_, kind == dl::LrSchedule::Cosine);
    scheduleForm_->setRowVisible(cosineEnd_, kind == dl::LrSchedule::Cosine);
    scheduleForm_->setRowVisible(warmupFromOn_->parentWidget(), warmup_->value() > 0);
    warmupFrom_->setEnabled(warmupFromOn_->isChecked());
}

void HyperparameterPanel::updateValidation() {
    QString why;
    const bool ok = isValid(&why);
    error_->setText(why);
    error_->setVisible(!ok);
}

void HyperparameterPanel::setConfig(const dl::TrainConfig& c) {
    updating_ = true;
    base_ = c;
    for (NumberField& f : numberFields_) f.refused.clear();  // new settings replace any refused text
    showOptimizer(c.optimizer);
    schedule_->setCurrentIndex(static_cast<int>(c.schedule.kind));
    stepSize_->setValue(static_cast<int>(std::clamp<int64_t>(c.schedule.step_size, 1, 100000)));
    gamma_->setValue(c.schedule.gamma);
    minLr_->setValue(c.schedule.min_lr);
    milestones_->setText(c.schedule.milestones.empty()
                             ? QStringLiteral("15,30")
                             : QString::fromStdString(dl::milestones_text(c.schedule.milestones)));
    cosineEnd_->setValue(static_cast<int>(std::clamp<int64_t>(c.schedule.cosine_epochs, 0, 100000)));
    warmup_->setValue(static_cast<int>(std::clamp<int64_t>(c.schedule.warmup_steps, 0, 100000)));
    warmupFromOn_->setChecked(c.schedule.warmup_start_lr.has_value());
    warmupFrom_->setValue(c.schedule.warmup_start_lr.value_or(0.0f));
    epochs_->setValue(c.epochs);
    steps_->setValue(static_cast<int>(std::clamp<int64_t>(c.max_steps, 0, 100000000)));
    if (fineTuning_->applies()) fineTuning_->setHeadLr(c.head_lr);
    batchSize_->setValue(static_cast<int>(std::clamp<int64_t>(c.batch_size, 1, 1 << 20)));
    clip_->setValue(c.clip_norm);
    const int lossIndex = loss_->findText(QString::fromStdString(c.loss));
    loss_->setCurrentIndex(lossIndex >= 0 ? lossIndex : 0);
    seed_->setValue(static_cast<int>(std::min<uint64_t>(c.seed, INT_MAX)));
    threads_->setValue(c.threads);
    updating_ = false;
    onEdited();
}

dl::TrainConfig HyperparameterPanel::config() const {
    dl::TrainConfig c = base_;
    dl::OptimizerConfig& o = c.optimizer;
    o.name = optimizer_->currentText().toStdString();
    o.lr = static_cast<float>(lr_->value());
    o.momentum = static_cast<float>(momentum_->value());
    o.nesterov = nesterov_->isChecked();
    o.beta1 = static_cast<float>(beta1_->value());
    o.beta2 = static_cast<float>(beta2_->value());
    o.eps = static_cast<float>(eps_->value());
    o.alpha = static_cast<float>(alpha_->value());
    o.rho = static_cast<float>(rho_->value());
    o.weight_decay = static_cast<float>(weightDecay_->value());
    c.schedule.kind = static_cast<dl::LrSchedule::Kind>(schedule_->currentIndex());
    c.schedule.step_size = stepSize_->value();
    c.schedule.gamma = static_cast<float>(gamma_->value());
    c.schedule.min_lr = static_cast<float>(minLr_->value());
    c.schedule.milestones = milestonesFrom(milestones_->text());
    c.schedule.cosine_epochs = cosineEnd_->value();
    c.schedule.warmup_steps = warmup_->value();
    c.schedule.warmup_start_lr.reset();
    if (warmupFromOn_->isChecked()) c.schedule.warmup_start_lr = static_cast<float>(warmupFrom_->value());
    c.epochs = epochs_->value();
    c.max_steps = steps_->value();
    if (fineTuning_->applies()) c.head_lr = static_cast<float>(fineTuning_->headLr());
    c.batch_size = batchSize_->value();
    c.clip_norm = static_cast<float>(clip_->value());
    c.loss = loss_->currentText().toStdString();
    c.seed = static_cast<uint64_t>(seed_->value());
    c.threads = threads_->value();
    return c;
}

std::optional<dl::TrainConfig> HyperparameterPanel::validConfig() const {
    if (!isValid()) return std::nullopt;
    return config();
}

bool HyperparameterPanel::isValid(QString* why) const {
    const dl::TrainConfig c = config();
    QStringList problems;
    const QString name = QString::fromStdString(c.optimizer.name);
    if (name == QLatin1String("sgd") && c.optimizer.nesterov && c.optimizer.momentum <= 0)
        problems << tr("Nesterov needs momentum > 0.");
    if (!(c.optimizer.lr > 0)) problems << tr("The learning rate must be above 0.");
    const dl::LrSchedule& s = c.schedule;
    if (s.kind == dl::LrSchedule::MultiFactor) {
        QString problem;
        milestonesFrom(milestones_->text(), &problem);
        if (!problem.isEmpty()) problems << problem;
    }
    if (s.kind == dl::LrSchedule::Cosine) {
        if (s.cosine_epochs == 0 && s.warmup_steps >= c.epochs)
            problems << tr("The cosine schedule needs more epochs (%1) than warm-up epochs (%2).")
                            .arg(c.epochs)
                            .arg(s.warmup_steps);
        if (s.min_lr > c.optimizer.lr)
            problems << tr("The cosine schedule's final lr (%1) is above the learning rate (%2).")
                            .arg(QLocale::c().toString(s.min_lr, 'g', 6),
                                 QLocale::c().toString(c.optimizer.lr, 'g', 6));
    }
    const QString start = fineTuning_->problem();
    if (!start.isEmpty()) problems << start;
    if (problems.isEmpty()) {
        // Whatever else the engine would refuse, in its own words.
        try {
            s.validate();
            (void)s.lr_at(c.optimizer.lr, 0, c.epochs);
        } catch (const std::exception& e) {
            problems << QString::fromStdString(e.what());
        }
    }
    if (why) *why = problems.join(QLatin1Char('\n'));
    return problems.isEmpty();
}

void HyperparameterPanel::applyDefaults(const dl::TrainDefaults& d) {
    dl::TrainConfig c = config();
    if (d.optimizer) {
        try {
            c.optimizer = dl::optimizer_defaults(*d.optimizer);
        } catch (const std::exception&) {
            // An unknown optimizer in a preset: keep the current one.
        }
    }
    if (d.lr) c.optimizer.lr = static_cast<float>(*d.lr);
    if (d.weight_decay) c.optimizer.weight_decay = static_cast<float>(*d.weight_decay);
    if (d.epochs) c.epochs = static_cast<int>(*d.epochs);
    if (d.batch_size) c.batch_size = *d.batch_size;
    if (d.loss) c.loss = *d.loss;
    c.clip_norm = static_cast<float>(d.clip.value_or(0.0));  // D2L clips only its recurrent networks
    c.max_steps = d.steps.value_or(0);                       // D2L's BERT pretraining: 50 steps
    c.head_lr = static_cast<float>(d.head_lr.value_or(0.0));
    fineTuning_->applyDefaults(d);
    setConfig(c);
}
