#include "optimizer_race.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

#include "ui/ablation/comparison_plot.h"
#include "ui/ablation/comparison_runner.h"
#include "ui/ablation/preset_experiment.h"
#include "ui/training/metrics_history.h"

namespace {

struct LaneEntry {
    const char* key;
    double lr;  // the lane's default learning rate
};
// SGD at D2L's 0.1; momentum 0.9 on top of it; RMSProp and Adam at their usual 0.01 and 0.001.
constexpr LaneEntry kEntries[] = {{"sgd", 0.1},      {"momentum", 0.1}, {"adagrad", 0.1}, {"rmsprop", 0.01},
                                  {"adadelta", 1.0}, {"adam", 0.001},   {"adamw", 0.001}};
constexpr const char* kDefaultLanes[] = {"sgd", "momentum", "rmsprop", "adam"};

QString entryName(const QString& key) {
    if (key == QLatin1String("sgd")) return OptimizerRace::tr("SGD");
    if (key == QLatin1String("momentum")) return OptimizerRace::tr("SGD + momentum 0.9");
    if (key == QLatin1String("adagrad")) return OptimizerRace::tr("AdaGrad");
    if (key == QLatin1String("rmsprop")) return OptimizerRace::tr("RMSProp");
    if (key == QLatin1String("adadelta")) return OptimizerRace::tr("Adadelta");
    if (key == QLatin1String("adam")) return OptimizerRace::tr("Adam");
    return OptimizerRace::tr("AdamW");
}

double defaultLr(const QString& key) {
    for (const LaneEntry& e : kEntries)
        if (key == QLatin1String(e.key)) return e.lr;
    return 0.1;
}

}  // namespace

OptimizerRace::OptimizerRace(QWidget* parent) : QWidget(parent, Qt::Window), runner_(new ComparisonRunner(this)) {
    setWindowTitle(tr("Optimizer race"));
    setAttribute(Qt::WA_DeleteOnClose);
    experimentLabel_ = new QLabel(this);
    experimentLabel_->setWordWrap(true);
    run_ = new QPushButton(tr("&Race"), this);
    stop_ = new QPushButton(tr("&Stop"), this);
    stop_->setEnabled(false);
    progress_ = new QProgressBar(this);
    status_ = new QLabel(this);
    loss_ = new ComparisonPlot(ComparisonPlot::Kind::Loss, runner_, this);
    loss_->setBatchCurves(true);
    loss_->setLogScale(true);  // a diverging start (RMSProp at 0.01) would flatten the others on a linear axis
    table_ = new QTableWidget(this);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // sized to its rows (fitTableHeight)

    auto* controls = new QHBoxLayout;
    controls->addWidget(run_);
    controls->addWidget(stop_);
    controls->addWidget(progress_, 1);
    controls->addWidget(status_, 1);
    auto* tableBox = new QGroupBox(tr("Test accuracy per epoch"), this);
    auto* tableLayout = new QVBoxLayout(tableBox);
    tableLayout->addWidget(table_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(experimentLabel_);
    layout->addWidget(buildLanes());
    layout->addLayout(controls);
    layout->addWidget(loss_, 1);
    layout->addWidget(tableBox);

    connect(run_, &QPushButton::clicked, this, &OptimizerRace::run);
    connect(stop_, &QPushButton::clicked, this, &OptimizerRace::stop);
    connect(runner_, &ComparisonRunner::progressChanged, progress_, &QProgressBar::setValue);
    connect(runner_, &ComparisonRunner::statusChanged, status_, &QLabel::setText);
    connect(runner_, &ComparisonRunner::failed, status_, &QLabel::setText);
    connect(runner_, &ComparisonRunner::finished, this, &OptimizerRace::onFinished);
    connect(runner_, &ComparisonRunner::variantsChanged, this, [this] {
        for (int i = 0; i < runner_->count(); ++i)
            connect(runner_->history(i), &MetricsHistory::changed, this, &OptimizerRace::updateTable);
        updateTable();
    });
    setExperiment(defaultExperiment(), QStringLiteral("mlp"));
    fitTableHeight();
    resize(1250, 780);
}

QWidget* OptimizerRace::buildLanes() {
    auto* box = new QGroupBox(tr("Optimizers (same network, seed and data)"), this);
    auto* grid = new QGridLayout(box);
    for (int lane = 0; lane < kLanes; ++lane) {
        auto* on = new QCheckBox(tr("Lane %1").arg(lane + 1), box);
        on->setChecked(true);
        auto* choice = new QComboBox(box);
        for (const LaneEntry& e : kEntries) choice->addItem(entryName(QLatin1String(e.key)), QLatin1String(e.key));
        choice->setCurrentIndex(choice->findData(QLatin1String(kDefaultLanes[lane])));
        auto* lr = new QDoubleSpinBox(box);
        lr->setDecimals(4);
        lr->setRange(0.0001, 10);
        lr->setSingleStep(0.001);
        lr->setValue(defaultLr(choice->currentData().toString()));
        lr->setPrefix(tr("lr "));
        connect(choice, &QComboBox::currentIndexChanged, lr,
                [choice, lr] { lr->setValue(defaultLr(choice->currentData().toString())); });
        grid->addWidget(on, lane / 2, (lane % 2) * 3);
        grid->addWidget(choice, lane / 2, (lane % 2) * 3 + 1);
        grid->addWidget(lr, lane / 2, (lane % 2) * 3 + 2);
        enabled_.append(on);
        optimizer_.append(choice);
        lr_.append(lr);
    }
    epochs_ = new QSpinBox(box);
    epochs_->setRange(1, 100);
    epochs_->setValue(3);
    trainLimit_ = new QSpinBox(box);
    trainLimit_->setRange(0, 1000000);
    trainLimit_->setSingleStep(1000);
    trainLimit_->setSpecialValueText(tr("all"));
    auto* budget = new QHBoxLayout;
    budget->addWidget(new QLabel(tr("Epochs:"), box));
    budget->addWidget(epochs_);
    budget->addWidget(new QLabel(tr("Training examples:"), box));
    budget->addWidget(trainLimit_);
    budget->addStretch(1);
    grid->addLayout(budget, 2, 0, 1, 6);
    return box;
}

dl::Project OptimizerRace::defaultExperiment() {
    dl::Project p = presetExperiment("mlp");
    p.train.epochs = 3;
    return p;
}

dl::OptimizerConfig OptimizerRace::laneOptimizer(const QString& entry, double lr) {
    const bool momentum = entry == QLatin1String("momentum");
    dl::OptimizerConfig c = dl::optimizer_defaults(momentum ? "sgd" : entry.toStdString());
    if (momentum) c.momentum = 0.9f;
    c.lr = static_cast<float>(lr);
    return c;
}

void OptimizerRace::setExperiment(const dl::Project& experiment, const QString& name) {
    experiment_ = experiment;
    epochs_->setValue(experiment.train.epochs);
    trainLimit_->setValue(static_cast<int>(experiment.dataset_options.train_limit));
    experimentLabel_->setText(tr("Network: %1 on %2, batch size %3, seed %4. Every lane trains it from the same "
                                 "initial weights on the same batches; only the optimizer differs.")
                                  .arg(name, QString::fromStdString(experiment.dataset))
                                  .arg(experiment.train.batch_size)
                                  .arg(experiment.train.seed));
}

void OptimizerRace::run() {
    std::vector<ComparisonVariant> variants;
    for (int lane = 0; lane < kLanes; ++lane) {
        if (!enabled_[lane]->isChecked()) continue;
        dl::Project p = experiment_;
        const QString key = optimizer_[lane]->currentData().toString();
        const float weightDecay = p.train.optimizer.weight_decay;
        p.train.optimizer = laneOptimizer(key, lr_[lane]->value());
        p.train.optimizer.weight_decay = weightDecay;
        p.train.epochs = epochs_->value();
        p.dataset_options.train_limit = trainLimit_->value();
        variants.push_back({tr("%1, lr %2").arg(optimizer_[lane]->currentText()).arg(lr_[lane]->value()), p});
    }
    if (variants.size() < 2) {
        status_->setText(tr("Choose at least two optimizers to race."));
        return;
    }
    run_->setEnabled(false);
    stop_->setEnabled(true);
    runner_->start(std::move(variants));
}

void OptimizerRace::stop() {
    runner_->cancel();
}

void OptimizerRace::onFinished() {
    run_->setEnabled(true);
    stop_->setEnabled(false);
    loss_->refreshNow();
    updateTable();
}

// One row per optimizer, one column per epoch: the race's result reads across.
void OptimizerRace::updateTable() {
    const int rows = runner_->count();
    int columns = 0;
    for (int i = 0; i < rows; ++i) columns = std::max(columns, static_cast<int>(runner_->history(i)->epochs().size()));
    table_->setRowCount(rows);
    table_->setColumnCount(columns);
    QStringList names, epochNames;
    for (int i = 0; i < rows; ++i) names << runner_->variant(i).label;
    for (int c = 0; c < columns; ++c) epochNames << tr("epoch %1").arg(c + 1);
    table_->setVerticalHeaderLabels(names);
    table_->setHorizontalHeaderLabels(epochNames);
    for (int i = 0; i < rows; ++i) {
        const auto& epochs = runner_->history(i)->epochs();
        for (int c = 0; c < columns; ++c) {
            const double acc = c < static_cast<int>(epochs.size()) ? epochs[static_cast<size_t>(c)].test_acc : NAN;
            auto* item = new QTableWidgetItem(std::isfinite(acc) ? QString::number(100 * acc, 'f', 1) + QLatin1Char('%')
                                                                 : QString());
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            item->setForeground(ComparisonRunner::colour(i));
            table_->setItem(i, c, item);
        }
    }
    fitTableHeight();
}

// Every lane's row shows without scrolling; the loss plot takes the rest of the window.
void OptimizerRace::fitTableHeight() {
    const int rows = std::max(table_->rowCount(), 2);
    table_->setFixedHeight(table_->horizontalHeader()->height() +
                           rows * table_->verticalHeader()->defaultSectionSize() + 2 * table_->frameWidth() + 2);
}
