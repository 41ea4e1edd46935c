#include "state_table_model.h"

#include <QBrush>
#include <QFont>

#include "lab_optimizer_style.h"

namespace {
const std::string kGradient = "#gradient";  // no state entry has this name
}  // namespace

StateTableModel::StateTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void StateTableModel::setTrajectories(const std::vector<dl::Trajectory>& trajectories, int dimension) {
    beginResetModel();
    trajectories_ = trajectories;
    dimension_ = dimension;
    rebuildRows();
    endResetModel();
}

void StateTableModel::rebuildRows() {
    rows_.clear();
    for (size_t t = 0; t < trajectories_.size(); ++t) {
        rows_.push_back({t, std::string()});  // the point, with the optimizer's name
        rows_.push_back({t, kGradient});
        for (const dl::StateEntry& entry : trajectories_[t].steps.front().state) rows_.push_back({t, entry.name});
    }
}

void StateTableModel::setStep(int step) {
    step_ = step;
    if (!rows_.empty()) Q_EMIT dataChanged(index(0, X1Column), index(rowCount() - 1, X2Column));
}

const dl::TrajectoryStep& StateTableModel::stepOf(const Row& row) const {
    const auto& steps = trajectories_[row.trajectory].steps;
    return steps[std::min<size_t>(size_t(std::max(step_, 0)), steps.size() - 1)];
}

int StateTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int StateTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : (dimension_ == 2 ? ColumnCount : ColumnCount - 1);
}

QVariant StateTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row& row = rows_[size_t(index.row())];
    const dl::LabOptimizer optimizer = trajectories_[row.trajectory].optimizer;
    if (role == Qt::ForegroundRole && index.column() == OptimizerColumn) return QBrush(lab_style::color(optimizer));
    if (role == Qt::FontRole && row.entry.empty()) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= X1Column) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::UserRole) return {};
    if (index.column() == OptimizerColumn) return row.entry.empty() ? lab_style::name(optimizer) : QString();
    if (index.column() == QuantityColumn) {
        if (row.entry.empty()) return tr("point x");
        return row.entry == kGradient ? tr("gradient g") : lab_style::stateName(optimizer, row.entry);
    }
    const dl::TrajectoryStep& step = stepOf(row);
    const auto coordinate = size_t(index.column() - X1Column);
    double value = row.entry.empty() ? step.point[coordinate] : step.gradient[coordinate];
    for (const dl::StateEntry& entry : step.state)
        if (entry.name == row.entry) value = entry.value[coordinate];
    if (role == Qt::UserRole) return value;  // the exact number, for tests and copying
    // Points with D2L's six decimals; state values span many magnitudes.
    return row.entry.empty() ? QString::number(value, 'f', 6) : QString::number(value, 'g', 5);
}

QVariant StateTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case OptimizerColumn:
            return tr("Optimizer");
        case QuantityColumn:
            return tr("Quantity");
        case X1Column:
            return dimension_ == 2 ? tr("x1") : tr("x");
        case X2Column:
            return tr("x2");
        default:
            return {};
    }
}
