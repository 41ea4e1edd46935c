#pragma once
// OptimizerPicker: one check box per optimizer of D2L ch. 11, in its plot colour, to race several on
// one plot. By default all but SGD (whose noise hides the others' paths) are on.
#include <QWidget>

#include <map>
#include <vector>

#include "engine/optim/trajectory.h"

class QCheckBox;

class OptimizerPicker : public QWidget {
    Q_OBJECT

public:
    explicit OptimizerPicker(QWidget* parent = nullptr);

    std::vector<dl::LabOptimizer> selected() const;
    void setSelected(dl::LabOptimizer optimizer, bool on);

Q_SIGNALS:
    void changed();

private:
    std::map<dl::LabOptimizer, QCheckBox*> boxes_;
};
