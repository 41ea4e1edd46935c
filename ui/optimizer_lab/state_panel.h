#pragma once
// StatePanel: the optimizers' internal state at the current step (a table), and one chosen state over
// all steps (a small plot, a line per coordinate, with a marker at the current step).
#include <QWidget>

#include <vector>

#include "engine/optim/trajectory.h"

class QComboBox;
class QCustomPlot;
class QCPItemStraightLine;
class QTableView;
class StateTableModel;

class StatePanel : public QWidget {
    Q_OBJECT

public:
    explicit StatePanel(QWidget* parent = nullptr);

    void setTrajectories(const std::vector<dl::Trajectory>& trajectories, int dimension);
    void setStep(int step);

    StateTableModel* model() const { return model_; }
    QCustomPlot* historyPlot() const { return plot_; }
    // Chooses the state plotted over the steps, e.g. ("adagrad", "s"); false if it is not shown.
    bool chooseHistory(const QString& optimizerId, const QString& entry);

private:
    void fillChoices();
    void drawHistory();

    StateTableModel* model_;
    QTableView* table_;
    QComboBox* choice_;
    QCustomPlot* plot_;
    QCPItemStraightLine* marker_;
    std::vector<dl::Trajectory> trajectories_;
    int dimension_ = 2;
};
