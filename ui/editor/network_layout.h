#pragma once
// Automatic layout of a network for the editor: a layered DAG layout (one row per depth, the
// longest path from the network input), whose rows wrap into side-by-side columns when the network
// is long (breaking them where few edges cross: between stages), so that LeNet, ResNet or an encoder–decoder use the
// editor's width instead of becoming one tall column. Blocks stay one node each. Works on any DAG (branches, merges,
// several inputs).
#include <QHash>
#include <QPointF>
#include <QString>

#include "engine/nn/network_spec.h"

namespace network_layout {

// Horizontal room between two wrapped columns: the edge that climbs from the bottom of one column
// to the top of the next runs there, with its shape label.
constexpr double kColumnGap = 170.0;
// A network up to this many rows (input and output included) stays one column.
constexpr int kMaxRowsUnwrapped = 12;
// Wrapped columns are chosen so that the layout is about this much wider than tall.
constexpr double kTargetAspect = 2.0;

// Centre positions for every node of `spec` (inputs must be explicit, nodes in topological order).
QHash<QString, QPointF> layeredPositions(const dl::NetworkSpec& spec);

// How many rows a column holds for a network of `rows` layers whose widest layer has `widest` nodes.
int rowsPerColumn(int rows, int widest);

}  // namespace network_layout
