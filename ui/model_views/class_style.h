#pragma once
// How a class appears in every view: its colour (the same in the data preview, the decision regions
// and the predictions) and its display name.
#include <cstdint>

#include <QColor>
#include <QString>

#include "engine/data/dataset.h"

// Tableau 10: distinct colours that stay readable on white.
inline QColor classColor(int c) {
    static const QColor colours[] = {
        QColor(31, 119, 180), QColor(255, 127, 14),  QColor(44, 160, 44),   QColor(214, 39, 40),  QColor(148, 103, 189),
        QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34), QColor(23, 190, 207)};
    return colours[(c % 10 + 10) % 10];
}

// The data set's name for `label`, or the number when the set has no (or too few) names.
inline QString className(const dl::Dataset& d, int32_t label) {
    if (label >= 0 && static_cast<size_t>(label) < d.class_names.size())
        return QString::fromStdString(d.class_names[static_cast<size_t>(label)]);
    return QString::number(label);
}
