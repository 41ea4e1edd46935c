#pragma once
// AttentionViews: the attention views of the training window as one piece — the heatmaps with their
// replay, one query's scores and weights, and the positional encoding — with their model and the
// inspector that feeds it, so the main window only adds their tabs and tells them about data, network
// and runs. The attention tabs are shown for the nadaraya-watson data and for networks with attention
// layers; the positional encoding for those and for any sequence data.
#include <QObject>

#include <memory>

#include "engine/data/dataset.h"
#include "engine/nn/network_spec.h"

class AttentionHeatmapView;
class AttentionInspector;
class AttentionSnapshot;
class PositionalEncodingView;
class QTabWidget;
class QueryDetailView;
class TrainingController;

class AttentionViews : public QObject {
    Q_OBJECT
public:
    AttentionViews(TrainingController* controller, QObject* parent = nullptr);

    // Adds the three tabs (object names "attention", "attentionquery", "positional").
    void addTabs(QTabWidget* tabs);
    void setData(std::shared_ptr<const dl::DataSplit> data);
    void setNetwork(const dl::NetworkSpec& spec);
    void clear();  // a new run or a new experiment

    AttentionSnapshot* model() const { return model_; }
    AttentionInspector* inspector() const { return inspector_; }
    AttentionHeatmapView* heatmapView() const { return heatmap_; }
    QueryDetailView* queryView() const { return query_; }
    PositionalEncodingView* positionalView() const { return positional_; }

private:
    void updateTabs();

    AttentionSnapshot* model_;
    AttentionInspector* inspector_;
    QTabWidget* tabs_ = nullptr;
    AttentionHeatmapView* heatmap_ = nullptr;
    QueryDetailView* query_ = nullptr;
    PositionalEncodingView* positional_ = nullptr;
};
