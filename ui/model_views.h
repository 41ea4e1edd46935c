#pragma once
// ModelViews: the model behind the "model views" of the training window — what the network looks like
// inside while it trains: the distribution of each weight tensor (now and at initialization), the
// decision regions of a 2-D classifier, and its predictions on the test set with their confusion
// matrix. Fed by the training controller's signals (connect them to the on* slots); each slot emits
// one change signal per call. Widgets only present it (ui/weight_histogram_view.h,
// ui/decision_boundary_view.h, ui/predictions_view.h, ui/confusion_matrix_view.h).
#include <QObject>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/train/model_views.h"
#include "ui/engine_metatypes.h"  // before moc sees the slots below

class ModelViews : public QObject {
  Q_OBJECT
public:
  explicit ModelViews(QObject* parent = nullptr);

  // The data set being trained on; clears everything else. nullptr forgets it.
  void setData(std::shared_ptr<const dl::DataSplit> data);
  std::shared_ptr<const dl::DataSplit> data() const { return data_; }

  // Latest histograms, one per parameter tensor; initialHistograms() holds the first ones received
  // since clear(), i.e. the tensors as initialized.
  const std::vector<dl::Histogram>& histograms() const { return histograms_; }
  const std::vector<dl::Histogram>& initialHistograms() const { return initialHistograms_; }

  const std::optional<dl::DecisionGrid>& decisionGrid() const { return grid_; }

  // The predicted class of every test example (data()->test order), the epoch they are from and
  // their confusion matrix against the test labels.
  const std::vector<int32_t>& predictions() const { return predictions_; }
  int predictionEpoch() const { return predictionEpoch_; }
  const std::optional<dl::ConfusionMatrix>& confusion() const { return confusion_; }

public Q_SLOTS:
  // Forgets histograms, decision grid and predictions (keeps the data), e.g. when a new run starts.
  void clear();
  void onHistograms(const std::vector<dl::Histogram>& histograms);
  // Ignored when the grid's cell vectors do not have resolution² entries.
  void onDecisionGrid(const dl::DecisionGrid& grid);
  // Ignored without classification data, when the count differs from the test set's or a class is
  // out of range.
  void onTestPredictions(int epoch, const std::vector<int32_t>& predicted);

Q_SIGNALS:
  void dataChanged();
  void histogramsChanged();
  void boundaryChanged();
  void predictionsChanged();

private:
  void reset();
  bool acceptsPredictions(const std::vector<int32_t>& predicted) const;

  std::shared_ptr<const dl::DataSplit> data_;
  std::vector<dl::Histogram> histograms_, initialHistograms_;
  bool hasInitial_ = false;
  std::optional<dl::DecisionGrid> grid_;
  std::vector<int32_t> predictions_;
  int predictionEpoch_ = 0;
  std::optional<dl::ConfusionMatrix> confusion_;
};
