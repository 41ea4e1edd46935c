#include "ui/editor/network_layout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "ui/editor/network_document.h"

namespace network_layout {
namespace {

// Depth of every node: 1 + the deepest of its inputs (the network input is depth 0).
std::map<std::string, int> depths(const dl::NetworkSpec& spec) {
    std::map<std::string, int> depth{{std::string(dl::kNetworkInput), 0}};
    for (const dl::NodeSpec& n : spec.nodes) {
        int d = 1;
        for (const std::string& in : n.inputs)
            if (auto it = depth.find(in); it != depth.end()) d = std::max(d, it->second + 1);
        depth[n.id] = d;
    }
    return depth;
}

// The nodes of each depth, ordered by the mean slot of their inputs (fewer crossings), stably.
std::vector<std::vector<size_t>> orderedLayers(const dl::NetworkSpec& spec, const std::map<std::string, int>& depth) {
    int deepest = 0;
    for (const auto& [id, d] : depth) deepest = std::max(deepest, d);
    std::vector<std::vector<size_t>> layers(size_t(deepest) + 1);
    for (size_t i = 0; i < spec.nodes.size(); ++i) layers[size_t(depth.at(spec.nodes[i].id))].push_back(i);
    std::map<std::string, double> slot{{std::string(dl::kNetworkInput), 0.0}};
    for (std::vector<size_t>& layer : layers) {
        std::vector<std::pair<double, size_t>> keyed;
        for (size_t i : layer) {
            double sum = 0;
            int count = 0;
            for (const std::string& in : spec.nodes[i].inputs)
                if (auto it = slot.find(in); it != slot.end()) sum += it->second, ++count;
            keyed.emplace_back(count > 0 ? sum / count : 0.0, i);
        }
        std::stable_sort(keyed.begin(), keyed.end(), [](auto& a, auto& b) { return a.first < b.first; });
        for (size_t k = 0; k < keyed.size(); ++k) {
            layer[k] = keyed[k].second;
            slot[spec.nodes[layer[k]].id] = double(k) - double(keyed.size() - 1) / 2.0;
        }
    }
    return layers;
}

}  // namespace

int rowsPerColumn(int rows, int widest) {
    if (rows <= kMaxRowsUnwrapped) return std::max(rows, 1);
    const double columnWidth = widest * NetworkDocument::kColumnStep + kColumnGap;
    // columns * columnWidth ≈ kTargetAspect * rowsPerColumn * kRowStep, columns = rows / rowsPerColumn
    const double ideal = std::sqrt(rows * columnWidth / (kTargetAspect * NetworkDocument::kRowStep));
    const int first = std::clamp(int(std::lround(ideal)), 5, rows);
    const int columns = (rows + first - 1) / first;
    return (rows + columns - 1) / columns;  // balanced: the last column is not a stub
}

// The first row of every column. A column ends where as few edges as possible cross to the next
// one (a stage boundary of a chain of blocks), between 60 % and 100 % of `perColumn` rows.
std::vector<int> columnStarts(const dl::NetworkSpec& spec, const std::map<std::string, int>& depth, int rows,
                              int perColumn) {
    std::vector<int> crossing(size_t(rows) + 1, 0);  // crossing[b]: edges from a row < b into a row >= b
    auto addEdge = [&](int from, int to) {
        for (int b = from + 1; b <= to && b <= rows; ++b) ++crossing[size_t(b)];
    };
    for (const dl::NodeSpec& n : spec.nodes)
        for (const std::string& in : n.inputs)
            if (auto it = depth.find(in); it != depth.end()) addEdge(it->second, depth.at(n.id));
    if (!spec.nodes.empty()) addEdge(depth.at(spec.output_id()), rows - 1);  // into the output sink
    std::vector<int> starts{0};
    while (rows - starts.back() > perColumn) {
        const int first = starts.back() + std::max(1, int(std::ceil(perColumn * 0.6))),
                  last = starts.back() + perColumn;
        int best = last;
        for (int b = last; b >= first; --b)
            if (crossing[size_t(b)] < crossing[size_t(best)]) best = b;
        starts.push_back(best);
    }
    return starts;
}

QHash<QString, QPointF> layeredPositions(const dl::NetworkSpec& spec) {
    const std::map<std::string, int> depth = depths(spec);
    const std::vector<std::vector<size_t>> layers = orderedLayers(spec, depth);
    size_t widest = 1;
    for (const auto& layer : layers) widest = std::max(widest, layer.size());
    const int rows = int(layers.size()) + 1;  // + the output sink's row
    const std::vector<int> starts = columnStarts(spec, depth, rows, rowsPerColumn(rows, int(widest)));
    std::vector<size_t> columnOf(layers.size());
    for (size_t d = 0; d < layers.size(); ++d)
        columnOf[d] = size_t(std::upper_bound(starts.begin(), starts.end(), int(d)) - starts.begin() - 1);
    // Each column is as wide as its widest row; columns sit side by side from the left.
    std::vector<double> width(starts.size(), NetworkDocument::kColumnStep);
    for (size_t d = 0; d < layers.size(); ++d)
        width[columnOf[d]] = std::max(width[columnOf[d]], double(layers[d].size()) * NetworkDocument::kColumnStep);
    std::vector<double> centre(starts.size());
    double left = 0;
    for (size_t c = 0; c < starts.size(); ++c) {
        centre[c] = left + width[c] / 2;
        left += width[c] + kColumnGap;
    }
    QHash<QString, QPointF> positions;
    for (size_t d = 1; d < layers.size(); ++d) {
        const size_t column = columnOf[d];
        const double y = double(int(d) - starts[column]) * NetworkDocument::kRowStep;
        const std::vector<size_t>& layer = layers[d];
        for (size_t k = 0; k < layer.size(); ++k) {
            // the first column is centred on x = 0, as the one-column layout always was
            const double x = centre[column] - centre[0] +
                             (double(k) - double(layer.size() - 1) / 2.0) * NetworkDocument::kColumnStep;
            positions.insert(QString::fromStdString(spec.nodes[layer[k]].id), QPointF(x, y));
        }
    }
    return positions;
}

}  // namespace network_layout
