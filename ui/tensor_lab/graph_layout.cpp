#include "graph_layout.h"

#include <algorithm>
#include <unordered_map>

std::vector<int> graphColumns(const std::vector<const dl::GradNode*>& nodes) {
    std::unordered_map<const dl::GradNode*, int> column;
    std::vector<int> columns;
    for (const dl::GradNode* n : nodes) {  // inputs come first, so theirs are known
        int c = 0;
        for (const auto& in : n->inputs) c = std::max(c, column[in.get()] + 1);
        column[n] = c;
        columns.push_back(c);
    }
    return columns;
}
