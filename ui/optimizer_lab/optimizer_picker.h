#pragma once
// OptimizerPicker: one row per optimizer of D2L ch. 11: a check box in its plot colour (to race several
// on one plot) and its own learning rate η, since D2L tunes η per rule and one η rarely suits them all.
// Adadelta has no learning rate in D2L. By default all but SGD (whose noise hides the others) are on.
#include <QWidget>

#include <map>
#include <vector>

#include "engine/optim/test_functions.h"
#include "engine/optim/trajectory.h"

class QCheckBox;
class QDoubleSpinBox;

class OptimizerPicker : public QWidget {
    Q_OBJECT

public:
    explicit OptimizerPicker(QWidget* parent = nullptr);

    std::vector<dl::LabOptimizer> selected() const;
    void setSelected(dl::LabOptimizer optimizer, bool on);
    double learningRate(dl::LabOptimizer optimizer) const;
    void setLearningRate(dl::LabOptimizer optimizer, double rate);
    // Every rule's η at once (one changed() at the end).
    void setAllLearningRates(double rate);
    // The preset's η for each rule, without emitting changed().
    void applyPreset(const dl::TestFunction& preset);

Q_SIGNALS:
    void changed();

private:
    void emitChanged();

    std::map<dl::LabOptimizer, QCheckBox*> boxes_;
    std::map<dl::LabOptimizer, QDoubleSpinBox*> rates_;  // none for Adadelta
    bool quiet_ = false;
};
