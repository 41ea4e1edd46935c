#pragma once
// Left-to-right layout of a computational graph: a node's column is one more than its deepest input's
// (inputs and constants in column 0, the output in the last).
#include <vector>

#include "engine/autograd/graph_walk.h"

// The column of every node of `nodes` (in graph_nodes() order, inputs before their ops).
std::vector<int> graphColumns(const std::vector<const dl::GradNode*>& nodes);
