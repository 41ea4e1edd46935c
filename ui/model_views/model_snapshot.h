#pragma once
// ModelSnapshot: the model behind the "model views" of the training window — what the network looks like
// inside while it trains: the distribution of each weight tensor (now and at initialization), the
// decision regions of a 2-D classifier, and its predictions on the test set with their confusion
// matrix; for image models also the first convolution's filters, BatchNorm's γ and β and every node's
// output on one test image (feature maps). Fed by the training controller's signals (connect them to
// the on* slots); each slot emits one change signal per call. Widgets only present it
// (the other files of ui/model_views/).
#include <QObject>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network_spec.h"
#include "engine/train/inspection.h"
#include "ui/training/engine_metatypes.h"  // before moc sees the slots below

class ModelSnapshot : public QObject {
    Q_OBJECT
public:
    explicit ModelSnapshot(QObject* parent = nullptr);

    // The data set being trained on; clears everything else. nullptr forgets it.
    void setData(std::shared_ptr<const dl::DataSplit> data);
    std::shared_ptr<const dl::DataSplit> data() const { return data_; }

    // Latest histograms, one per parameter tensor; initialHistograms() holds the first ones received
    // since clear(), i.e. the tensors as initialized.
    const std::vector<dl::Histogram>& histograms() const { return histograms_; }
    const std::vector<dl::Histogram>& initialHistograms() const { return initialHistograms_; }

    // The network being trained (its node ids and types); forgets parameters and node outputs.
    void setNetwork(const dl::NetworkSpec& spec);
    const dl::NetworkSpec& network() const { return network_; }
    // The parameters the views need (for TrainingController::setWatchedParameters): the first
    // top-level Conv2d's "<id>.weight" and "<id>.weight" / "<id>.bias" (γ, β) of every BatchNorm.
    std::vector<std::string> watchedParameters() const;

    // Latest copies of the watched parameters, by name.
    const TensorMap& parameters() const { return parameters_; }
    // Every node's output (node order of network(), no batch axis) on test example probeExample();
    // empty (and -1) before the first.
    const std::vector<dl::Tensor>& nodeOutputs() const { return nodeOutputs_; }
    qint64 probeExample() const { return probeExample_; }

    const std::optional<dl::DecisionGrid>& decisionGrid() const { return grid_; }

    // The predicted class of every test example (data()->test order), the epoch they are from and
    // their confusion matrix against the test labels.
    const std::vector<int32_t>& predictions() const { return predictions_; }
    int predictionEpoch() const { return predictionEpoch_; }
    const std::optional<dl::ConfusionMatrix>& confusion() const { return confusion_; }

public Q_SLOTS:
    // Forgets histograms, decision grid, predictions, parameters and node outputs (keeps the data and
    // the network), e.g. when a new run starts.
    void clear();
    void onHistograms(const std::vector<dl::Histogram>& histograms);
    // The histograms of a reopened project: the later onHistograms (its adopted weights) replace
    // `latest` and keep `initial`, which may be empty (a project saved before they were kept: then
    // nothing is shown as "at initialization" rather than the adopted weights themselves).
    void restoreHistograms(const std::vector<dl::Histogram>& initial, const std::vector<dl::Histogram>& latest);
    // Ignored when the grid's cell vectors do not have resolution² entries.
    void onDecisionGrid(const dl::DecisionGrid& grid);
    // Ignored without classification data, when the count differs from the test set's or a class is
    // out of range.
    void onTestPredictions(int epoch, const std::vector<int32_t>& predicted);
    void onParameters(const TensorMap& values);
    void onNodeOutputs(qint64 example, const std::vector<dl::Tensor>& outputs);

Q_SIGNALS:
    void dataChanged();
    void histogramsChanged();
    void boundaryChanged();
    void predictionsChanged();
    void networkChanged();
    void parametersChanged();
    void nodeOutputsChanged();

private:
    void reset();
    void emitAllChanged();
    bool acceptsPredictions(const std::vector<int32_t>& predicted) const;

    std::shared_ptr<const dl::DataSplit> data_;
    std::vector<dl::Histogram> histograms_, initialHistograms_;
    bool hasInitial_ = false;
    std::optional<dl::DecisionGrid> grid_;
    std::vector<int32_t> predictions_;
    int predictionEpoch_ = 0;
    std::optional<dl::ConfusionMatrix> confusion_;
    dl::NetworkSpec network_;
    TensorMap parameters_;
    std::vector<dl::Tensor> nodeOutputs_;
    qint64 probeExample_ = -1;
};
