#include "state_panel.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

#include "lab_optimizer_style.h"
#include "state_table_model.h"
#include "ui/plots/plot_style.h"
#include "ui/plots/qcp.h"

StatePanel::StatePanel(QWidget* parent) : QWidget(parent) {
    model_ = new StateTableModel(this);
    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("lab-state-table"));
    table_->setModel(model_);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    choice_ = new QComboBox(this);
    choice_->setObjectName(QStringLiteral("lab-state-choice"));
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("lab-state-plot"));
    plot_->setMinimumHeight(150);
    plot_style::styleAxis(plot_->xAxis, font());
    plot_style::styleAxis(plot_->yAxis, font());
    plot_style::styleLegend(plot_->legend, font());
    plot_->xAxis->setLabel(tr("step"));
    marker_ = new QCPItemStraightLine(plot_);
    marker_->setPen(QPen(QColor(120, 120, 120), 1, Qt::DashLine));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Internal state at the current step"), this));
    layout->addWidget(table_, 3);
    layout->addWidget(choice_);
    layout->addWidget(plot_, 2);
    connect(choice_, &QComboBox::currentIndexChanged, this, &StatePanel::drawHistory);
}

void StatePanel::setTrajectories(const std::vector<dl::Trajectory>& trajectories, int dimension) {
    trajectories_ = trajectories;
    dimension_ = dimension;
    model_->setTrajectories(trajectories, dimension);
    fillChoices();
}

void StatePanel::fillChoices() {
    const QVariant previous = choice_->currentData();
    const QSignalBlocker block(choice_);
    choice_->clear();
    for (const dl::Trajectory& trajectory : trajectories_)
        for (const dl::StateEntry& entry : trajectory.steps.front().state)
            choice_->addItem(QStringLiteral("%1: %2").arg(lab_style::name(trajectory.optimizer),
                                                          lab_style::stateName(trajectory.optimizer, entry.name)),
                             QStringList{QString::fromStdString(dl::lab_optimizer_id(trajectory.optimizer)),
                                         QString::fromStdString(entry.name)});
    const int again = choice_->findData(previous);
    choice_->setCurrentIndex(again >= 0 ? again : 0);
    drawHistory();
}

bool StatePanel::chooseHistory(const QString& optimizerId, const QString& entry) {
    const int index = choice_->findData(QStringList{optimizerId, entry});
    if (index < 0) return false;
    choice_->setCurrentIndex(index);
    return true;
}

void StatePanel::drawHistory() {
    plot_->clearGraphs();
    const QStringList chosen = choice_->currentData().toStringList();
    for (const dl::Trajectory& trajectory : trajectories_) {
        if (chosen.size() != 2 || QString::fromStdString(dl::lab_optimizer_id(trajectory.optimizer)) != chosen[0])
            continue;
        for (int coordinate = 0; coordinate < dimension_; ++coordinate) {
            QVector<double> steps, values;
            for (size_t i = 0; i < trajectory.steps.size(); ++i)
                for (const dl::StateEntry& entry : trajectory.steps[i].state)
                    if (QString::fromStdString(entry.name) == chosen[1]) {
                        steps << double(i);
                        values << entry.value[size_t(coordinate)];
                    }
            QCPGraph* graph = plot_->addGraph();
            graph->setName(dimension_ == 2 ? QStringLiteral("x%1").arg(coordinate + 1) : QStringLiteral("x"));
            QColor color = lab_style::color(trajectory.optimizer);
            graph->setPen(
                QPen(coordinate == 0 ? color : color.darker(160), 1.5, coordinate == 0 ? Qt::SolidLine : Qt::DashLine));
            graph->setData(steps, values, true);
        }
    }
    plot_->legend->setVisible(plot_->graphCount() > 1);
    plot_->rescaleAxes();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void StatePanel::setStep(int step) {
    model_->setStep(step);
    marker_->point1->setCoords(step, 0);
    marker_->point2->setCoords(step, 1);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}
