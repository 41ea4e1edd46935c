#pragma once
// OptimizerRace: D2L ch. 11's comparison on a real network: the same network, seed and data trained with two to
// four optimizers (an ablation whose one change is the optimizer), their loss curves overlaid live and a table of
// each one's test accuracy per epoch.
#include <QWidget>

#include <vector>

#include "engine/io/project_file.h"
#include "engine/optim/factory.h"

class ComparisonPlot;
class ComparisonRunner;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

class OptimizerRace : public QWidget {
    Q_OBJECT
public:
    static constexpr int kLanes = 4;

    explicit OptimizerRace(QWidget* parent = nullptr);

    // The experiment every lane trains (its optimizer is replaced by the lane's). Default: the "mlp" preset on
    // Fashion-MNIST for 3 epochs.
    void setExperiment(const dl::Project& experiment, const QString& name);
    static dl::Project defaultExperiment();
    // The optimizer settings of a lane's menu entry ("momentum": SGD with momentum 0.9).
    static dl::OptimizerConfig laneOptimizer(const QString& entry, double lr);

    QCheckBox* laneEnabled(int lane) const { return enabled_.at(lane); }
    QComboBox* laneOptimizerBox(int lane) const { return optimizer_.at(lane); }
    QDoubleSpinBox* laneLrBox(int lane) const { return lr_.at(lane); }
    QSpinBox* epochsBox() const { return epochs_; }
    QSpinBox* trainLimitBox() const { return trainLimit_; }
    QPushButton* runButton() const { return run_; }
    ComparisonRunner* runner() const { return runner_; }
    ComparisonPlot* lossPlot() const { return loss_; }
    QTableWidget* accuracyTable() const { return table_; }

public Q_SLOTS:
    void run();
    void stop();

private:
    QWidget* buildLanes();
    void updateTable();
    void fitTableHeight();
    void onFinished();

    dl::Project experiment_;
    ComparisonRunner* runner_;
    QLabel *experimentLabel_, *status_;
    QList<QCheckBox*> enabled_;
    QList<QComboBox*> optimizer_;
    QList<QDoubleSpinBox*> lr_;
    QSpinBox *epochs_, *trainLimit_;
    QPushButton *run_, *stop_;
    QProgressBar* progress_;
    ComparisonPlot* loss_;
    QTableWidget* table_;
};
