#pragma once
// How the optimizer lab shows each optimizer: its colour on every plot and its translated name.
#include <QColor>
#include <QString>

#include "engine/optim/trajectory.h"

namespace lab_style {

QColor color(dl::LabOptimizer optimizer);
QString name(dl::LabOptimizer optimizer);
// A state entry's display name ("velocity v", "s = Σg²", "m̂"...) for the optimizer that holds it.
QString stateName(dl::LabOptimizer optimizer, const std::string& entry);

}  // namespace lab_style
