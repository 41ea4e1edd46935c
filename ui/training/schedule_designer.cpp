#include "ui/training/schedule_designer.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <exception>
#include <limits>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "engine/core/error.h"
#include "engine/optim/schedule.h"
#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/widgets/form_row.h"
#include "ui/widgets/number_spin_box.h"
#include "ui/widgets/wheel_guard.h"

namespace {

using Bounds = NumberSpinBox::Bounds;
using Steps = NumberSpinBox::Steps;
constexpr double kFloatMax = std::numeric_limits<float>::max();
constexpr int kMaxEpochs = 100000;
const QColor kCurve(31, 119, 180);

QSpinBox* epochSpin(int min, int max) {
    auto* s = new QSpinBox;
    s->setRange(min, max);
    return s;
}

// "cosine:0.01:20 --warmup 5 --warmup-start 0": the schedule as divelab-cli and project files write it.
QString commandLineForm(const dl::LrSchedule& s) {
    QString text = QStringLiteral("--schedule ") + QString::fromStdString(dl::to_string(s));
    if (s.warmup_steps > 0) text += QStringLiteral(" --warmup %1").arg(s.warmup_steps);
    if (s.warmup_steps > 0 && s.warmup_start_lr)
        text += QStringLiteral(" --warmup-start ") + QString::number(*s.warmup_start_lr, 'g', 6);
    return text;
}

}  // namespace

ScheduleDesigner::ScheduleDesigner(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("scheduleDesigner"));
    setWindowTitle(tr("Learning-Rate Schedule Designer"));
    buildUi();
    setConfig(dl::TrainConfig{});
}

void ScheduleDesigner::buildUi() {
    auto* layout = new QVBoxLayout(this);
    auto* intro =
        new QLabel(tr("How the learning rate changes from epoch to epoch (D2L §11.11). The curve is what a "
                      "run will use; “Apply to Experiment” puts it into the training settings."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* body = new QHBoxLayout;
    body->addWidget(buildSettings(), 0);
    body->addWidget(buildPreview(), 1);
    layout->addLayout(body, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    apply_ = buttons->addButton(tr("Apply to Experiment"), QDialogButtonBox::ApplyRole);
    apply_->setObjectName(QStringLiteral("applySchedule"));
    apply_->setToolTip(
        tr("Writes this schedule, base learning rate and number of epochs into the main window's "
           "training settings; the next run uses them."));
    connect(apply_, &QPushButton::clicked, this, [this] { applyToExperiment(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connectEdits();
    WheelGuard::install(this);
    // Enter in a field applies the typed value; it must not also press a button (a dialog's default).
    for (QPushButton* button : findChildren<QPushButton*>()) {
        button->setAutoDefault(false);
        button->setDefault(false);
    }
    resize(960, 520);
}

QWidget* ScheduleDesigner::buildSettings() {
    auto* settings = new QWidget;
    auto* column = new QVBoxLayout(settings);
    column->setContentsMargins(0, 0, 0, 0);
    form_ = new QFormLayout;
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form_->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    kind_ = addRow(form_, tr("Schedule"), new QComboBox, QStringLiteral("kind"),
                   tr("Constant keeps the rate; step and multi-factor cut it by a factor at given epochs; cosine "
                      "lowers it smoothly, after a warm-up if you like."));
    kind_->addItem(tr("constant"), int(dl::LrSchedule::Constant));
    kind_->addItem(tr("step"), int(dl::LrSchedule::Step));
    kind_->addItem(tr("multi-factor"), int(dl::LrSchedule::MultiFactor));
    kind_->addItem(tr("cosine with warm-up"), int(dl::LrSchedule::Cosine));
    baseLr_ = addRow(form_, tr("Base lr"), new NumberSpinBox(Bounds{0, kFloatMax, true, false}, Steps::Decades, 1e-6),
                     QStringLiteral("baseLr"), tr("The experiment's learning rate, which the schedule scales."));
    epochs_ = addRow(form_, tr("Epochs"), epochSpin(1, kMaxEpochs), QStringLiteral("epochs"),
                     tr("The experiment's number of epochs."));
    stepSize_ = addRow(form_, tr("Every (epochs)"), epochSpin(1, kMaxEpochs), QStringLiteral("stepSize"),
                       tr("The step schedule multiplies the learning rate by γ after this many epochs."));
    milestones_ = addRow(form_, tr("At epochs"), new QLineEdit, QStringLiteral("milestones"),
                         tr("The epochs at which the multi-factor schedule multiplies the learning rate by γ, "
                            "increasing and separated by commas (D2L: 15,30), counted after the warm-up."));
    gamma_ = addRow(form_, tr("Factor γ"), new NumberSpinBox(Bounds{0, 1, true, false}, Steps::Linear),
                    QStringLiteral("gamma"), tr("What the learning rate is multiplied by at each cut (0.5 = halved)."));
    gamma_->setSingleStep(0.05);
    minLr_ = addRow(form_, tr("Final lr"), new NumberSpinBox(Bounds{0, kFloatMax, false, false}, Steps::Decades, 1e-6),
                    QStringLiteral("minLr"), tr("The learning rate the cosine reaches; at most the base lr."));
    cosineEnd_ = addRow(form_, tr("Final lr at epoch"), epochSpin(0, kMaxEpochs), QStringLiteral("cosineEnd"),
                        tr("The epoch the cosine reaches the final lr and then stays there (D2L's max_update, "
                           "warm-up included); 0 = the last epoch."));
    cosineEnd_->setSpecialValueText(tr("the last"));
    warmup_ = addRow(form_, tr("Warm-up (epochs)"), epochSpin(0, kMaxEpochs), QStringLiteral("warmup"),
                     tr("Epochs over which the learning rate rises linearly to the base lr; 0 = none."));
    auto* from = new QWidget;
    auto* fromRow = new QHBoxLayout(from);
    fromRow->setContentsMargins(0, 0, 0, 0);
    warmupFromOn_ = new QCheckBox(tr("from"));
    warmupFromOn_->setObjectName(QStringLiteral("warmupFromOn"));
    warmupFrom_ = new NumberSpinBox(Bounds{0, kFloatMax, false, false}, Steps::Decades, 1e-6);
    warmupFrom_->setObjectName(QStringLiteral("warmupFrom"));
    fromRow->addWidget(warmupFromOn_);
    fromRow->addWidget(warmupFrom_, 1);
    addRow(form_, tr("Warm-up starts"), from, QStringLiteral("warmupStart"),
           tr("Ticked: the warm-up rises from this lr, as D2L's CosineScheduler (warmup_begin_lr). Unticked: it "
              "rises base/W, 2·base/W, …, base."));
    column->addLayout(form_);
    logScale_ = new QCheckBox(tr("Logarithmic lr axis"));
    logScale_->setObjectName(QStringLiteral("logScale"));
    column->addWidget(logScale_);
    auto* example = new QPushButton(tr("D2L's Cosine Example"));
    example->setObjectName(QStringLiteral("d2lExample"));
    example->setToolTip(
        tr("D2L §11.11.3.3: 0.3 down to 0.01 by epoch 20 after 5 warm-up epochs from 0, over "
           "30 epochs."));
    connect(example, &QPushButton::clicked, this, [this] { loadD2lCosineExample(); });
    column->addWidget(example, 0, Qt::AlignLeft);
    column->addStretch(1);
    return settings;
}

QWidget* ScheduleDesigner::buildPreview() {
    stack_ = new QStackedWidget;
    plot_ = new QCustomPlot;
    plot_->setObjectName(QStringLiteral("schedulePlot"));
    plot_->setBackground(Qt::white);
    plot_->setMinimumSize(360, 240);
    const QFont font = plot_->font();
    plot_style::styleAxis(plot_->xAxis, font);
    plot_style::styleAxis(plot_->yAxis, font);
    plot_->xAxis->setLabel(tr("Epoch"));
    plot_->yAxis->setLabel(tr("Learning rate"));
    QCPGraph* curve = plot_->addGraph();
    curve->setPen(QPen(kCurve, 2));
    curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kCurve, Qt::white, 5));
    curve->setAntialiased(true);
    curve->setAntialiasedScatters(true);
    message_ = new QLabel;
    message_->setObjectName(QStringLiteral("scheduleProblem"));
    message_->setWordWrap(true);
    message_->setAlignment(Qt::AlignCenter);
    message_->setStyleSheet(QStringLiteral("QLabel { color: #c62828; font-weight: bold; padding: 24px; }"));
    stack_->addWidget(plot_);
    stack_->addWidget(message_);

    auto* preview = new QWidget;
    auto* column = new QVBoxLayout(preview);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(stack_, 1);
    auto* form = new QLabel;
    form->setObjectName(QStringLiteral("commandLineForm"));
    form->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->setToolTip(tr("The same schedule for divelab-cli train."));
    column->addWidget(form);
    return preview;
}

void ScheduleDesigner::connectEdits() {
    auto edited = [this] {
        if (updating_) return;
        updateRows();
        redraw();
    };
    connect(kind_, &QComboBox::currentIndexChanged, this, edited);
    for (NumberSpinBox* box : {baseLr_, gamma_, minLr_, warmupFrom_})
        connect(box, &QDoubleSpinBox::valueChanged, this, edited);
    for (QSpinBox* box : {epochs_, stepSize_, cosineEnd_, warmup_}) connect(box, &QSpinBox::valueChanged, this, edited);
    connect(milestones_, &QLineEdit::textChanged, this, edited);
    connect(warmupFromOn_, &QCheckBox::toggled, this, edited);
    connect(logScale_, &QCheckBox::toggled, this, edited);
}

dl::LrSchedule::Kind ScheduleDesigner::kind() const {
    return static_cast<dl::LrSchedule::Kind>(kind_->currentData().toInt());
}

void ScheduleDesigner::updateRows() {
    const dl::LrSchedule::Kind k = kind();
    form_->setRowVisible(stepSize_, k == dl::LrSchedule::Step);
    form_->setRowVisible(milestones_, k == dl::LrSchedule::MultiFactor);
    form_->setRowVisible(gamma_, k == dl::LrSchedule::Step || k == dl::LrSchedule::MultiFactor);
    form_->setRowVisible(minLr_, k == dl::LrSchedule::Cosine);
    form_->setRowVisible(cosineEnd_, k == dl::LrSchedule::Cosine);
    form_->setRowVisible(warmupFromOn_->parentWidget(), warmup_->value() > 0);
    warmupFrom_->setEnabled(warmupFromOn_->isChecked());
}

void ScheduleDesigner::setConfig(const dl::TrainConfig& config) {
    updating_ = true;
    base_ = config;
    const dl::LrSchedule& s = config.schedule;
    kind_->setCurrentIndex(std::max(0, kind_->findData(int(s.kind))));
    baseLr_->setValue(config.optimizer.lr);
    epochs_->setValue(std::clamp(config.epochs, 1, kMaxEpochs));
    stepSize_->setValue(static_cast<int>(std::clamp<int64_t>(s.step_size, 1, kMaxEpochs)));
    milestones_->setText(s.milestones.empty() ? QStringLiteral("15,30")
                                              : QString::fromStdString(dl::milestones_text(s.milestones)));
    gamma_->setValue(s.gamma);
    minLr_->setValue(s.min_lr);
    cosineEnd_->setValue(static_cast<int>(std::clamp<int64_t>(s.cosine_epochs, 0, kMaxEpochs)));
    warmup_->setValue(static_cast<int>(std::clamp<int64_t>(s.warmup_steps, 0, kMaxEpochs)));
    warmupFromOn_->setChecked(s.warmup_start_lr.has_value());
    warmupFrom_->setValue(s.warmup_start_lr.value_or(0.0f));
    updating_ = false;
    updateRows();
    redraw();
}

void ScheduleDesigner::bindTo(HyperparameterPanel* panel) {
    panel_ = panel;
    if (panel) setConfig(panel->config());
}

float ScheduleDesigner::baseLr() const {
    return static_cast<float>(baseLr_->value());
}

int ScheduleDesigner::epochs() const {
    return epochs_->value();
}

std::optional<dl::LrSchedule> ScheduleDesigner::readSchedule(QString* problem) const {
    dl::LrSchedule s = base_.schedule;
    s.kind = kind();
    s.step_size = stepSize_->value();
    s.gamma = static_cast<float>(gamma_->value());
    s.min_lr = static_cast<float>(minLr_->value());
    s.cosine_epochs = cosineEnd_->value();
    s.warmup_steps = warmup_->value();
    s.warmup_start_lr.reset();
    if (warmupFromOn_->isChecked()) s.warmup_start_lr = static_cast<float>(warmupFrom_->value());
    try {
        if (s.kind == dl::LrSchedule::MultiFactor) {
            const QString epochs = milestones_->text().trimmed();
            if (epochs.contains(QLatin1Char(':'))) {
                *problem = tr("Separate the epochs with commas, e.g. 15,30.");
                return std::nullopt;
            }
            s.milestones = dl::parse_lr_schedule("multifactor:" + epochs.toStdString()).milestones;
        }
        for (int epoch = 0; epoch < epochs(); ++epoch) (void)s.lr_at(baseLr(), epoch, epochs());
    } catch (const std::exception& e) {  // the engine's own words (InputError)
        *problem = QString::fromStdString(e.what());
        return std::nullopt;
    }
    return s;
}

std::optional<dl::LrSchedule> ScheduleDesigner::schedule() const {
    QString ignored;
    return readSchedule(&ignored);
}

void ScheduleDesigner::redraw() {
    ++redraws_;
    problem_.clear();
    const std::optional<dl::LrSchedule> s = readSchedule(&problem_);
    auto* form = findChild<QLabel*>(QStringLiteral("commandLineForm"));
    apply_->setEnabled(s.has_value() && panel_);
    if (!s) {
        message_->setText(problem_);
        stack_->setCurrentWidget(message_);
        form->clear();
        return;
    }
    form->setText(QStringLiteral("divelab-cli: ") + commandLineForm(*s));
    stack_->setCurrentWidget(plot_);
    drawCurve(*s);
}

// lr_at for every epoch at x = 1 … N. A log axis cannot show an lr of 0 (D2L's warm-up starts there):
// such points are left out (NaN breaks the line) rather than drawn at a made-up value.
void ScheduleDesigner::drawCurve(const dl::LrSchedule& schedule) {
    const bool log = logScale_->isChecked();
    QVector<double> x, y;
    double low = std::numeric_limits<double>::infinity(), high = 0;
    for (int epoch = 0; epoch < epochs(); ++epoch) {
        const double lr = schedule.lr_at(baseLr(), epoch, epochs());
        x.append(epoch + 1);
        y.append(log && lr <= 0 ? std::nan("") : lr);
        if (!log || lr > 0) {
            low = std::min(low, lr);
            high = std::max(high, lr);
        }
    }
    plot_->graph(0)->setData(x, y, true);
    plot_->yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    plot_->xAxis->setRange(0.5, epochs() + 0.5);
    if (!std::isfinite(low)) low = high = 1;  // nothing drawable on a log axis
    if (log)
        plot_->yAxis->setRange(low / 1.5, high * 1.5);
    else
        plot_->yAxis->setRange(std::min(0.0, low), high > 0 ? high * 1.08 : 1.0);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

dl::TrainConfig ScheduleDesigner::appliedTo(dl::TrainConfig base) const {
    if (const std::optional<dl::LrSchedule> s = schedule()) base.schedule = *s;
    base.optimizer.lr = baseLr();
    base.epochs = epochs();
    return base;
}

bool ScheduleDesigner::applyToExperiment() {
    if (!panel_ || !schedule()) return false;
    panel_->setConfig(appliedTo(panel_->config()));
    Q_EMIT applied();
    return true;
}

void ScheduleDesigner::loadD2lCosineExample() {
    dl::TrainConfig c = appliedTo(base_);
    c.optimizer.lr = 0.3f;
    c.epochs = 30;
    c.schedule = dl::parse_lr_schedule("cosine:0.01:20", 5);
    c.schedule.warmup_start_lr = 0.0f;
    setConfig(c);
}
