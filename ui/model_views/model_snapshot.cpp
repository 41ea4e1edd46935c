#include "ui/model_views/model_snapshot.h"

#include <algorithm>

ModelSnapshot::ModelSnapshot(QObject* parent) : QObject(parent) {}

void ModelSnapshot::setData(std::shared_ptr<const dl::DataSplit> data) {
    data_ = std::move(data);
    reset();
    Q_EMIT dataChanged();
    emitAllChanged();
}

void ModelSnapshot::setNetwork(const dl::NetworkSpec& spec) {
    network_ = spec;
    parameters_.clear();
    nodeOutputs_.clear();
    probeExample_ = -1;
    Q_EMIT networkChanged();
    Q_EMIT parametersChanged();
    Q_EMIT nodeOutputsChanged();
}

std::vector<std::string> ModelSnapshot::watchedParameters() const {
    std::vector<std::string> names;
    bool convSeen = false;
    for (const dl::NodeSpec& n : network_.nodes) {
        if (n.type == "Conv2d" && !convSeen) {
            names.push_back(n.id + ".weight");
            convSeen = true;
        } else if (n.type == "BatchNorm") {
            names.push_back(n.id + ".weight");
            names.push_back(n.id + ".bias");
        }
    }
    return names;
}

void ModelSnapshot::clear() {
    reset();
    emitAllChanged();
}

void ModelSnapshot::emitAllChanged() {
    Q_EMIT histogramsChanged();
    Q_EMIT boundaryChanged();
    Q_EMIT predictionsChanged();
    Q_EMIT parametersChanged();
    Q_EMIT nodeOutputsChanged();
}

void ModelSnapshot::reset() {
    histograms_.clear();
    initialHistograms_.clear();
    hasInitial_ = false;
    grid_.reset();
    predictions_.clear();
    predictionEpoch_ = 0;
    confusion_.reset();
    parameters_.clear();
    nodeOutputs_.clear();
    probeExample_ = -1;
}

void ModelSnapshot::onHistograms(const std::vector<dl::Histogram>& histograms) {
    histograms_ = histograms;
    if (!hasInitial_) {
        initialHistograms_ = histograms;
        hasInitial_ = true;
    }
    Q_EMIT histogramsChanged();
}

void ModelSnapshot::restoreHistograms(const std::vector<dl::Histogram>& initial,
                                      const std::vector<dl::Histogram>& latest) {
    initialHistograms_ = initial;
    histograms_ = latest;
    hasInitial_ = true;
    Q_EMIT histogramsChanged();
}

void ModelSnapshot::onDecisionGrid(const dl::DecisionGrid& grid) {
    const size_t cells = static_cast<size_t>(std::max(grid.resolution, 0)) * std::max(grid.resolution, 0);
    if (cells == 0 || grid.predicted.size() != cells || grid.confidence.size() != cells) return;
    grid_ = grid;
    Q_EMIT boundaryChanged();
}

bool ModelSnapshot::acceptsPredictions(const std::vector<int32_t>& predicted) const {
    if (!data_ || !data_->test.is_classification()) return false;
    const dl::Dataset& test = data_->test;
    if (predicted.empty() || predicted.size() != test.labels.size()) return false;
    const auto inRange = [k = test.num_classes](int32_t c) { return c >= 0 && c < k; };
    return std::all_of(predicted.begin(), predicted.end(), inRange) &&
           std::all_of(test.labels.begin(), test.labels.end(), inRange);
}

void ModelSnapshot::onTestPredictions(int epoch, const std::vector<int32_t>& predicted) {
    if (!acceptsPredictions(predicted)) return;
    predictions_ = predicted;
    predictionEpoch_ = epoch;
    confusion_ = dl::confusion_matrix(data_->test.labels, predicted, data_->test.num_classes);
    Q_EMIT predictionsChanged();
}

void ModelSnapshot::onParameters(const TensorMap& values) {
    parameters_ = values;
    Q_EMIT parametersChanged();
}

void ModelSnapshot::onNodeOutputs(qint64 example, const std::vector<dl::Tensor>& outputs) {
    nodeOutputs_ = outputs;
    probeExample_ = example;
    Q_EMIT nodeOutputsChanged();
}
