#include "ui/editor/network_layout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "ui/editor/network_document.h"

namespace network_layout {
namespace {

// The node an input wire comes from: "encoder:state" comes from "encoder".
std::string sourceNode(const std::string& input) {
    return input.substr(0, input.find(dl::kPortSeparator));
}

// Depth of every node: 1 + the deepest of its inputs (the network inputs are depth 0).
std::map<std::string, int> depths(const dl::NetworkSpec& spec) {
    std::map<std::string, int> depth{{std::string(dl::kNetworkInput), 0}};
    for (const std::string& name : spec.input_names()) depth[name] = 0;
    for (const dl::NodeSpec& n : spec.nodes) {
        int d = 1;
        for (const std::string& in : n.inputs)
            if (auto it = depth.find(sourceNode(in)); it != depth.end()) d = std::max(d, it->second + 1);
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
    // The network inputs side by side in their order ("source" left of "target").
    std::map<std::string, double> slot{{std::string(dl::kNetworkInput), 0.0}};
    const std::vector<std::string> inputs = spec.input_names();
    for (size_t k = 0; k < inputs.size(); ++k) slot[inputs[k]] = double(k) - double(inputs.size() - 1) / 2.0;
    for (std::vector<size_t>& layer : layers) {
        std::vector<std::pair<double, size_t>> keyed;
        for (size_t i : layer) {
            double sum = 0;
            int count = 0;
            for (const std::string& in : spec.nodes[i].inputs)
                if (auto it = slot.find(sourceNode(in)); it != slot.end()) sum += it->second, ++count;
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

// Horizontal offset of every node within its column, per row. A one-input network centres each row. A network
// with several inputs (an encoder–decoder) keeps each branch in its own lane: a node goes below its first
// input (the data it transforms; a decoder's second input is the encoder's output), and nodes of one row that
// would overlap are pushed apart.
std::vector<std::vector<double>> rowOffsets(const dl::NetworkSpec& spec,
                                            const std::vector<std::vector<size_t>>& layers) {
    const double step = NetworkDocument::kColumnStep;
    std::vector<std::vector<double>> offsets(layers.size());
    const std::vector<std::string> inputs = spec.input_names();
    if (inputs.size() < 2) {
        for (size_t d = 0; d < layers.size(); ++d)
            for (size_t k = 0; k < layers[d].size(); ++k)
                offsets[d].push_back((double(k) - double(layers[d].size() - 1) / 2.0) * step);
        return offsets;
    }
    std::map<std::string, double> lane;
    for (size_t k = 0; k < inputs.size(); ++k) lane[inputs[k]] = (double(k) - double(inputs.size() - 1) / 2.0) * step;
    for (size_t d = 0; d < layers.size(); ++d) {
        std::vector<std::pair<double, size_t>> wanted;  // (x, k)
        for (size_t k = 0; k < layers[d].size(); ++k) {
            const dl::NodeSpec& n = spec.nodes[layers[d][k]];
            const auto it = n.inputs.empty() ? lane.end() : lane.find(sourceNode(n.inputs.front()));
            wanted.emplace_back(it == lane.end() ? 0.0 : it->second, k);
        }
        std::stable_sort(wanted.begin(), wanted.end(), [](auto& a, auto& b) { return a.first < b.first; });
        std::vector<double> x(wanted.size());
        double sumWanted = 0, sumX = 0;
        for (size_t i = 0; i < wanted.size(); ++i) {
            x[i] = i == 0 ? wanted[i].first : std::max(wanted[i].first, x[i - 1] + step);
            sumWanted += wanted[i].first;
            sumX += x[i];
        }
        offsets[d].assign(layers[d].size(), 0.0);
        const double shift = wanted.empty() ? 0.0 : (sumWanted - sumX) / double(wanted.size());
        for (size_t i = 0; i < wanted.size(); ++i) {
            offsets[d][wanted[i].second] = x[i] + shift;
            lane[spec.nodes[layers[d][wanted[i].second]].id] = x[i] + shift;
        }
    }
    return offsets;
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
            if (auto it = depth.find(sourceNode(in)); it != depth.end()) addEdge(it->second, depth.at(n.id));
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
    // Each column is as wide as its rows reach; columns sit side by side from the left.
    const std::vector<std::vector<double>> offsets = rowOffsets(spec, layers);
    const double half = NetworkDocument::kColumnStep / 2;
    std::vector<double> lo(starts.size(), -half), hi(starts.size(), half);
    for (size_t d = 1; d < layers.size(); ++d)
        for (double x : offsets[d]) {
            lo[columnOf[d]] = std::min(lo[columnOf[d]], x - half);
            hi[columnOf[d]] = std::max(hi[columnOf[d]], x + half);
        }
    std::vector<double> base(starts.size(), 0.0);  // the first column's offsets are around x = 0
    for (size_t c = 1; c < starts.size(); ++c) base[c] = base[c - 1] + hi[c - 1] + kColumnGap - lo[c];
    QHash<QString, QPointF> positions;
    for (size_t d = 1; d < layers.size(); ++d) {
        const size_t column = columnOf[d];
        const double y = double(int(d) - starts[column]) * NetworkDocument::kRowStep;
        for (size_t k = 0; k < layers[d].size(); ++k)
            positions.insert(QString::fromStdString(spec.nodes[layers[d][k]].id),
                             QPointF(base[column] + offsets[d][k], y));
    }
    return positions;
}

}  // namespace network_layout
