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

QHash<QString, QPointF> layeredPositions(const dl::NetworkSpec& spec) {
    const std::map<std::string, int> depth = depths(spec);
    const std::vector<std::vector<size_t>> layers = orderedLayers(spec, depth);
    size_t widest = 1;
    for (const auto& layer : layers) widest = std::max(widest, layer.size());
    const int rows = int(layers.size()) + 1;  // + the output sink's row
    const int perColumn = rowsPerColumn(rows, int(widest));
    // Each column is as wide as its widest row; columns sit side by side from the left.
    const int columns = (rows + perColumn - 1) / perColumn;
    std::vector<double> width(size_t(columns), NetworkDocument::kColumnStep);
    for (size_t d = 0; d < layers.size(); ++d) {
        double& w = width[d / size_t(perColumn)];
        w = std::max(w, double(layers[d].size()) * NetworkDocument::kColumnStep);
    }
    std::vector<double> centre(static_cast<size_t>(columns));
    double left = 0;
    for (size_t c = 0; c < size_t(columns); ++c) {
        centre[c] = left + width[c] / 2;
        left += width[c] + kColumnGap;
    }
    const double shift = centre[0];  // the first column is centred on x = 0, as before
    QHash<QString, QPointF> positions;
    for (size_t d = 1; d < layers.size(); ++d) {
        const size_t column = d / size_t(perColumn), row = d % size_t(perColumn);
        const std::vector<size_t>& layer = layers[d];
        for (size_t k = 0; k < layer.size(); ++k) {
            const double x =
                centre[column] - shift + (double(k) - double(layer.size() - 1) / 2.0) * NetworkDocument::kColumnStep;
            const double y = double(row) * NetworkDocument::kRowStep;
            positions.insert(QString::fromStdString(spec.nodes[layer[k]].id), QPointF(x, y));
        }
    }
    return positions;
}

}  // namespace network_layout
