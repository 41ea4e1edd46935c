#pragma once
// Inspection: what a learner looks at inside a network while it trains (the model views) — the distribution of each
// weight tensor, the decision regions of a 2-D classifier, and which test examples it gets wrong.
// Plain functions of a Network and a Dataset; call them on the thread that owns the network (the
// trainer's observers run there between batches, when the weights are consistent).
#include <cstdint>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network.h"

namespace dl {

// Histogram of one parameter tensor over its own [min, max], split into equal-width bins.
struct Histogram {
    std::string name;             // "fc1.weight"
    float min = 0, max = 0;       // min == max: every value equal (all counts in the middle bin)
    std::vector<int64_t> counts;  // bins
    double mean = 0, stddev = 0;
    int64_t values = 0;  // numel of the tensor
    float bin_center(size_t bin) const;
};
// One histogram per parameter tensor, in Network::parameters() order. bins >= 1.
std::vector<Histogram> weight_histograms(Network& net, int bins = 40);

// The predicted class over a regular grid covering a 2-D data set's features (with a margin), so the
// decision regions can be drawn beneath the points.
struct DecisionGrid {
    int resolution = 0;  // cells per axis
    float x_min = 0, x_max = 0, y_min = 0, y_max = 0;
    int num_classes = 0;
    std::vector<int32_t> predicted;  // resolution * resolution, row-major: index = iy * resolution + ix
    std::vector<float> confidence;   // softmax probability of the predicted class, same layout
    // Cell centres: x = x_min + (ix + 0.5) * (x_max - x_min) / resolution, likewise y.
};
// True when `data` is a classification set with two features per example ([N, 2]).
bool has_decision_plane(const Dataset& data);
// Evaluates `net` (evaluation mode, no graph) on the grid; the bounds are the data's feature range
// padded by `margin` of its extent on each side. Throws InputError when !has_decision_plane(data).
DecisionGrid decision_grid(Network& net, const Dataset& data, int resolution = 64, float margin = 0.1f);

// Counts of (true class, predicted class) pairs: counts[t * num_classes + p].
struct ConfusionMatrix {
    int num_classes = 0;
    std::vector<int64_t> counts;
    int64_t at(int truth, int predicted) const { return counts[static_cast<size_t>(truth) * num_classes + predicted]; }
    int64_t total() const;
    double accuracy() const;  // trace / total; NaN when empty
};
// `labels` and `predicted` pair up (the shorter length is used); values outside [0, num_classes)
// throw InputError.
ConfusionMatrix confusion_matrix(const std::vector<int32_t>& labels, const std::vector<int32_t>& predicted,
                                 int num_classes);

// The arg-max class of every example of a classification data set (evaluation mode, no graph).
std::vector<int32_t> predict_classes(Network& net, const Dataset& data, int64_t batch_size = 1000);
// What every node of `net` outputs for example `index` of `data` (evaluation mode, no graph), in
// node order and without the batch axis: the feature maps of a convolutional network, for one image.
std::vector<Tensor> node_outputs(Network& net, const Dataset& data, int64_t index);

// Appends the arg-max column of each row of `logits` ([B, C]) to `out` (ties: the first).
void append_argmax(const Tensor& logits, std::vector<int32_t>& out);

}  // namespace dl
