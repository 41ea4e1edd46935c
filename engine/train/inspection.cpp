#include "engine/train/inspection.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/autograd/variable.h"
#include "engine/core/error.h"
#include "engine/data/batch_loader.h"

namespace dl {

float Histogram::bin_center(size_t bin) const {
    const size_t n = std::max<size_t>(counts.size(), 1);
    return min + (static_cast<float>(bin) + 0.5f) * (max - min) / static_cast<float>(n);
}

namespace {
Histogram histogram_of(const std::string& name, const Tensor& t, int bins) {
    Histogram h;
    h.name = name;
    h.counts.assign(static_cast<size_t>(bins), 0);
    h.values = t.numel();
    if (h.values == 0) return h;
    const float* v = t.data();
    const auto [lo, hi] = std::minmax_element(v, v + h.values);
    h.min = *lo;
    h.max = *hi;
    double sum = 0, sum_sq = 0;
    for (int64_t i = 0; i < h.values; ++i) sum += v[i];
    h.mean = sum / static_cast<double>(h.values);
    for (int64_t i = 0; i < h.values; ++i) sum_sq += (v[i] - h.mean) * (v[i] - h.mean);
    h.stddev = std::sqrt(sum_sq / static_cast<double>(h.values));
    if (!(h.max > h.min)) {  // constant tensor (e.g. zero-initialized biases), or NaN
        h.counts[static_cast<size_t>(bins / 2)] = h.values;
        return h;
    }
    const double scale = bins / (static_cast<double>(h.max) - h.min);
    for (int64_t i = 0; i < h.values; ++i) {
        const auto b = static_cast<int64_t>((static_cast<double>(v[i]) - h.min) * scale);
        ++h.counts[static_cast<size_t>(std::clamp<int64_t>(b, 0, bins - 1))];
    }
    return h;
}
}  // namespace

std::vector<Histogram> weight_histograms(Network& net, int bins) {
    if (bins < 1) throw InputError("a histogram needs at least one bin");
    std::vector<Histogram> out;
    for (Param& p : net.parameters()) out.push_back(histogram_of(p.name, p.var.value(), bins));
    return out;
}

bool has_decision_plane(const Dataset& data) {
    return data.is_classification() && data.features.defined() && data.features.dim() == 2 &&
           data.features.size(1) == 2;
}

DecisionGrid decision_grid(Network& net, const Dataset& data, int resolution, float margin) {
    if (!has_decision_plane(data))
        throw InputError("decision regions need a classification data set with two features per example");
    if (resolution < 1) throw InputError("the decision grid needs at least one cell per axis");
    DecisionGrid g;
    g.resolution = resolution;
    g.num_classes = data.num_classes;
    float bounds[2][2] = {{std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest()},
                          {std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest()}};
    const float* f = data.features.data();
    for (int64_t i = 0; i < data.size(); ++i)
        for (int a = 0; a < 2; ++a) {
            bounds[a][0] = std::min(bounds[a][0], f[2 * i + a]);
            bounds[a][1] = std::max(bounds[a][1], f[2 * i + a]);
        }
    if (data.size() == 0) bounds[0][0] = bounds[1][0] = -1, bounds[0][1] = bounds[1][1] = 1;
    for (auto& b : bounds) {
        const float pad = std::max(b[1] - b[0], 1e-3f) * margin;
        b[0] -= pad, b[1] += pad;
    }
    g.x_min = bounds[0][0], g.x_max = bounds[0][1], g.y_min = bounds[1][0], g.y_max = bounds[1][1];

    const int64_t cells = int64_t{resolution} * resolution;
    Tensor grid({cells, 2});
    float* p = grid.data();
    for (int iy = 0; iy < resolution; ++iy)
        for (int ix = 0; ix < resolution; ++ix, p += 2) {
            p[0] = g.x_min + (ix + 0.5f) * (g.x_max - g.x_min) / resolution;
            p[1] = g.y_min + (iy + 0.5f) * (g.y_max - g.y_min) / resolution;
        }
    NoGradGuard no_grad;
    ForwardContext ctx{false, nullptr};
    const Tensor logits = net.forward(Var(grid), ctx).value();
    const int64_t c = logits.numel() / cells;
    g.predicted.resize(static_cast<size_t>(cells));
    g.confidence.resize(static_cast<size_t>(cells));
    for (int64_t i = 0; i < cells; ++i) {
        const float* row = logits.data() + i * c;
        const int64_t best = std::max_element(row, row + c) - row;
        double denom = 0;  // softmax probability of the best class, computed stably
        for (int64_t k = 0; k < c; ++k) denom += std::exp(static_cast<double>(row[k]) - row[best]);
        g.predicted[static_cast<size_t>(i)] = static_cast<int32_t>(best);
        g.confidence[static_cast<size_t>(i)] = static_cast<float>(1.0 / denom);
    }
    return g;
}

int64_t ConfusionMatrix::total() const {
    int64_t n = 0;
    for (int64_t v : counts) n += v;
    return n;
}

double ConfusionMatrix::accuracy() const {
    const int64_t n = total();
    if (n == 0) return std::numeric_limits<double>::quiet_NaN();
    int64_t trace = 0;
    for (int k = 0; k < num_classes; ++k) trace += at(k, k);
    return static_cast<double>(trace) / static_cast<double>(n);
}

ConfusionMatrix confusion_matrix(const std::vector<int32_t>& labels, const std::vector<int32_t>& predicted,
                                 int num_classes) {
    if (num_classes < 1) throw InputError("a confusion matrix needs at least one class");
    ConfusionMatrix m;
    m.num_classes = num_classes;
    m.counts.assign(static_cast<size_t>(num_classes) * num_classes, 0);
    const size_t n = std::min(labels.size(), predicted.size());
    for (size_t i = 0; i < n; ++i) {
        const int32_t t = labels[i], p = predicted[i];
        if (t < 0 || t >= num_classes || p < 0 || p >= num_classes)
            throw InputError("class " + std::to_string(t < 0 || t >= num_classes ? t : p) + " of example " +
                             std::to_string(i) + " is outside 0.." + std::to_string(num_classes - 1));
        ++m.counts[static_cast<size_t>(t) * num_classes + p];
    }
    return m;
}

std::vector<Tensor> node_outputs(Network& net, const Dataset& data, int64_t index) {
    if (index < 0 || index >= data.size())
        throw InputError("example " + std::to_string(index) + " does not exist ('" + data.name + "' has " +
                         std::to_string(data.size()) + ")");
    NoGradGuard no_grad;
    ForwardContext ctx{false, nullptr};
    std::vector<Var> outputs;
    net.forward(Var(gather_examples(data, {index})), ctx, &outputs);
    std::vector<Tensor> out;
    for (const Var& v : outputs) {
        Shape per_example(v.shape().begin() + 1, v.shape().end());
        out.push_back(v.value().clone().reshape(per_example));
    }
    return out;
}

void append_argmax(const Tensor& logits, std::vector<int32_t>& out) {
    const int64_t b = logits.size(0), c = logits.numel() / std::max<int64_t>(b, 1);
    for (int64_t i = 0; i < b; ++i) {
        const float* row = logits.data() + i * c;
        out.push_back(static_cast<int32_t>(std::max_element(row, row + c) - row));
    }
}

std::vector<int32_t> predict_classes(Network& net, const Dataset& data, int64_t batch_size) {
    if (!data.is_classification()) throw InputError("'" + data.name + "' has no classes to predict");
    std::vector<int32_t> out;
    out.reserve(static_cast<size_t>(data.size()));
    NoGradGuard no_grad;
    ForwardContext ctx{false, nullptr};
    BatchLoader loader(data, batch_size, /*shuffle=*/false);
    Batch batch;
    while (loader.next(batch)) append_argmax(net.forward(Var(batch.x), ctx).value(), out);
    return out;
}

}  // namespace dl
