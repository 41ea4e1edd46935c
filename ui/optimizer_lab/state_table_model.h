#pragma once
// StateTableModel: the optimizers' internal state at the current step. Per optimizer: its point (with D2L's
// six decimals), the gradient there, then its state: momentum's velocity, AdaGrad's and RMSProp's s,
// Adadelta's s and Δx, Adam's m, v and the bias-corrected m hat and v hat, SGD's noisy gradient.
#include <QAbstractTableModel>

#include <vector>

#include "engine/optim/trajectory.h"

class StateTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { OptimizerColumn, QuantityColumn, X1Column, X2Column, ColumnCount };

    explicit StateTableModel(QObject* parent = nullptr);

    void setTrajectories(const std::vector<dl::Trajectory>& trajectories, int dimension);
    void setStep(int step);
    int step() const { return step_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // What one row shows for one trajectory: the point (entry empty), the gradient, or a state entry.
    struct Row {
        size_t trajectory;
        std::string entry;
    };
    void rebuildRows();
    const dl::TrajectoryStep& stepOf(const Row& row) const;

    std::vector<dl::Trajectory> trajectories_;
    std::vector<Row> rows_;
    int dimension_ = 2;
    int step_ = 0;
};
