#include "ui/training/hyperparameter_panel.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <exception>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

#include "engine/optim/factory.h"
#include "engine/optim/schedule.h"

namespace {

// A spin box for values that span decades (learning rates, eps, weight decay): shows "0.001" or
// "1e-08" instead of a fixed number of decimals, accepts typed scientific notation, and steps
// along 1, 2, 5, 10, 20, 50, ... When the minimum is 0, stepping below `smallest` gives 0 and
// stepping up from 0 gives `smallest`.
class LogSpinBox : public QDoubleSpinBox {
public:
    LogSpinBox(double minimum, double maximum, double smallest, QWidget* parent = nullptr)
        : QDoubleSpinBox(parent), smallest_(smallest) {
        setDecimals(14);
        setRange(minimum, maximum);
        setKeyboardTracking(true);
    }

    void stepBy(int steps) override {
        double v = value();
        for (int i = 0; i < std::abs(steps); ++i) v = next(v, steps > 0);
        setValue(std::clamp(v, minimum(), maximum()));
        selectAll();
    }

    QString textFromValue(double value) const override { return QLocale::c().toString(value, 'g', 6); }

    double valueFromText(const QString& text) const override { return QLocale::c().toDouble(text.trimmed()); }

    QValidator::State validate(QString& text, int&) const override {
        static const QRegularExpression partial(QStringLiteral("^\\s*[0-9]*\\.?[0-9]*([eE][-+]?[0-9]*)?\\s*$"));
        if (!partial.match(text).hasMatch()) return QValidator::Invalid;
        bool ok = false;
        const double v = QLocale::c().toDouble(text.trimmed(), &ok);
        if (ok && v >= minimum() && v <= maximum()) return QValidator::Acceptable;
        return QValidator::Intermediate;
    }

protected:
    StepEnabled stepEnabled() const override {
        StepEnabled flags;
        if (value() > minimum()) flags |= StepDownEnabled;
        if (value() < maximum()) flags |= StepUpEnabled;
        return flags;
    }

private:
    double next(double v, bool up) const {
        if (v <= 0) return up ? smallest_ : 0.0;
        const int e = static_cast<int>(std::floor(std::log10(v)));
        static constexpr double mantissas[] = {1, 2, 5};
        if (up) {
            for (int k = e - 1; k <= e + 1; ++k)
                for (double m : mantissas) {
                    const double c = m * std::pow(10.0, k);
                    if (c > v * (1 + 1e-9)) return c;
                }
            return v * 10;
        }
        for (int k = e + 1; k >= e - 1; --k)
            for (int j = 2; j >= 0; --j) {
                const double c = mantissas[j] * std::pow(10.0, k);
                if (c < v * (1 - 1e-9)) return c < smallest_ * (1 - 1e-9) ? (minimum() <= 0 ? 0.0 : smallest_) : c;
            }
        return v / 10;
    }

    double smallest_;
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

// One row: the label and the field share the tooltip, so hovering either explains the setting.
template <class W>
W* addRow(QFormLayout* form, const QString& label, W* field, const QString& name, const QString& tip) {
    field->setObjectName(name);
    field->setToolTip(tip);
    auto* l = new QLabel(label);
    l->setToolTip(tip);
    l->setBuddy(field);
    form->addRow(l, field);
    return field;
}

QDoubleSpinBox* plainSpin(double lo, double hi, int decimals, double step) {
    auto* s = new QDoubleSpinBox;
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setSingleStep(step);
    return s;
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
    error_ = new QLabel;
    error_->setObjectName(QStringLiteral("error"));
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
    error_->setVisible(false);
    layout->addWidget(error_);
    layout->addStretch(1);
    connectEdits();
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
    lr_ = addRow(opt, tr("Learning rate"), new LogSpinBox(1e-7, 10.0, 1e-6), QStringLiteral("lr"),
                 tr("How big a step each update takes: too small learns slowly, too large makes the loss "
                    "jump or explode (arrows step 1, 2, 5, 10, …; 1e-3 can be typed)."));
    momentum_ = addRow(opt, tr("Momentum"), plainSpin(0, 0.999, 3, 0.05), QStringLiteral("momentum"),
                       tr("Fraction of the previous update kept in the next one, which smooths and speeds up "
                          "descent (0 = none, 0.9 is common); SGD and RMSProp only."));
    nesterov_ = addRow(opt, tr("Nesterov"), new QCheckBox(tr("look-ahead momentum")), QStringLiteral("nesterov"),
                       tr("Nesterov momentum evaluates the gradient where momentum is about to carry the "
                          "weights, often converging a little faster; SGD only, needs momentum > 0."));
    beta1_ = addRow(opt, tr("β₁"), plainSpin(0, 0.9999, 4, 0.01), QStringLiteral("beta1"),
                    tr("Adam's momentum: how much of the running average of gradients is kept each step "
                       "(0.9 by default)."));
    beta2_ = addRow(opt, tr("β₂"), plainSpin(0, 0.9999, 4, 0.001), QStringLiteral("beta2"),
                    tr("Adam's memory for squared gradients, which set each weight's own step size "
                       "(0.999 by default)."));
    eps_ = addRow(opt, tr("ε"), new LogSpinBox(1e-12, 1.0, 1e-12), QStringLiteral("eps"),
                  tr("A tiny number added before dividing by the gradient scale, so that weights with "
                     "near-zero gradients do not get huge steps."));
    alpha_ = addRow(opt, tr("α (decay)"), plainSpin(0, 0.9999, 4, 0.01), QStringLiteral("alpha"),
                    tr("RMSProp's memory for squared gradients: closer to 1 averages over more past steps "
                       "(0.99 by default)."));
    rho_ = addRow(opt, tr("ρ (decay)"), plainSpin(0, 0.9999, 4, 0.01), QStringLiteral("rho"),
                  tr("Adadelta's memory for squared gradients and updates (0.9 by default)."));
    weightDecay_ = addRow(opt, tr("Weight decay"), new LogSpinBox(0, 1.0, 1e-6), QStringLiteral("weightDecay"),
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
    stepSize_ = addRow(scheduleForm_, tr("Every (epochs)"), new QSpinBox, QStringLiteral("stepSize"),
                       tr("The step schedule multiplies the learning rate by γ after this many epochs."));
    stepSize_->setRange(1, 100000);
    gamma_ = addRow(scheduleForm_, tr("Factor γ"), plainSpin(0.001, 1.0, 3, 0.05), QStringLiteral("gamma"),
                    tr("What the step schedule multiplies the learning rate by at each cut (0.1 = ten times "
                       "smaller)."));
    minLr_ = addRow(scheduleForm_, tr("Final lr"), new LogSpinBox(0, 10.0, 1e-6), QStringLiteral("minLr"),
                    tr("The learning rate the cosine schedule reaches at the last epoch; at most the "
                       "learning rate."));
    warmup_ = addRow(scheduleForm_, tr("Warm-up (epochs)"), new QSpinBox, QStringLiteral("warmup"),
                     tr("Epochs over which the learning rate grows linearly from small to its full value, "
                        "which keeps the first updates of a fresh network gentle; 0 = none."));
    warmup_->setRange(0, 100000);
    return schedBox;
}

QGroupBox* HyperparameterPanel::buildLoopBox() {
    auto* loopBox = new QGroupBox(tr("Training loop"));
    auto* loop = makeForm(loopBox);
    epochs_ = addRow(loop, tr("Epochs"), new QSpinBox, QStringLiteral("epochs"),
                     tr("How many times the whole training set is passed through the network."));
    epochs_->setRange(1, 100000);
    batchSize_ = addRow(loop, tr("Batch size"), new PowerOfTwoSpinBox, QStringLiteral("batchSize"),
                        tr("Examples averaged into each gradient step: larger batches give smoother but fewer "
                           "updates per epoch (arrows step by powers of two)."));
    batchSize_->setRange(1, 1 << 20);
    clip_ = addRow(loop, tr("Gradient clipping"), plainSpin(0, 1e6, 2, 0.5), QStringLiteral("clip"),
                   tr("If the gradient's overall length exceeds this, it is scaled down to it, which tames "
                      "exploding gradients (common in RNNs); 0 = off."));
    clip_->setSpecialValueText(tr("off"));
    loss_ = addRow(loop, tr("Loss"), new QComboBox, QStringLiteral("loss"),
                   tr("What the network is scored by: auto picks cross-entropy for classes and squared "
                      "error for numbers."));
    const std::pair<const char*, const char*> losses[] = {
        {"auto", "cross_entropy for classification, mse for regression"},
        {"cross_entropy", "softmax + negative log-likelihood of the right class (classification)"},
        {"bce", "binary cross-entropy on a single sigmoid output (two classes)"},
        {"mse", "mean squared error (regression)"},
        {"half_mse", "half the squared error, as in D2L's linear regression"},
    };
    for (const auto& [name, tip] : losses) {
        loss_->addItem(QString::fromLatin1(name));
        loss_->setItemData(loss_->count() - 1, QString::fromLatin1(tip), Qt::ToolTipRole);
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
    for (QDoubleSpinBox* s : {lr_, momentum_, beta1_, beta2_, eps_, alpha_, rho_, weightDecay_, gamma_, minLr_, clip_})
        connect(s, &QDoubleSpinBox::valueChanged, this, [this] { onEdited(); });
    for (QSpinBox* s : {stepSize_, warmup_, epochs_, batchSize_, seed_, threads_})
        connect(s, &QSpinBox::valueChanged, this, [this] { onEdited(); });
    connect(nesterov_, &QCheckBox::toggled, this, [this] { onEdited(); });
    connect(schedule_, &QComboBox::currentIndexChanged, this, [this] { onEdited(); });
    connect(loss_, &QComboBox::currentIndexChanged, this, [this] { onEdited(); });
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
    Q_EMIT changed();
}

void HyperparameterPanel::updateEnabled() {
    const QString name = optimizer_->currentText();
    optimizerInfo_->setText(QString::fromStdString(dl::optimizer_description(name.toStdString())));
    momentum_->setEnabled(usesMomentum(name));
    nesterov_->setEnabled(name == QLatin1String("sgd"));
    beta1_->setEnabled(usesBetas(name));
    beta2_->setEnabled(usesBetas(name));
    eps_->setEnabled(name != QLatin1String("sgd"));
    alpha_->setEnabled(name == QLatin1String("rmsprop"));
    rho_->setEnabled(name == QLatin1String("adadelta"));

    const int kind = schedule_->currentIndex();
    scheduleForm_->setRowVisible(stepSize_, kind == dl::LrSchedule::Step);
    scheduleForm_->setRowVisible(gamma_, kind == dl::LrSchedule::Step);
    scheduleForm_->setRowVisible(minLr_, kind == dl::LrSchedule::Cosine);
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
    showOptimizer(c.optimizer);
    schedule_->setCurrentIndex(static_cast<int>(c.schedule.kind));
    stepSize_->setValue(static_cast<int>(std::clamp<int64_t>(c.schedule.step_size, 1, 100000)));
    gamma_->setValue(c.schedule.gamma);
    minLr_->setValue(c.schedule.min_lr);
    warmup_->setValue(static_cast<int>(std::clamp<int64_t>(c.schedule.warmup_steps, 0, 100000)));
    epochs_->setValue(c.epochs);
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
    c.schedule.warmup_steps = warmup_->value();
    c.epochs = epochs_->value();
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
    if (s.kind == dl::LrSchedule::Cosine) {
        if (s.warmup_steps >= c.epochs)
            problems << tr("The cosine schedule needs more epochs (%1) than warm-up epochs (%2).")
                            .arg(c.epochs)
                            .arg(s.warmup_steps);
        if (s.min_lr > c.optimizer.lr)
            problems << tr("The cosine schedule's final lr (%1) is above the learning rate (%2).")
                            .arg(QLocale::c().toString(s.min_lr, 'g', 6),
                                 QLocale::c().toString(c.optimizer.lr, 'g', 6));
    }
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
    setConfig(c);
}
