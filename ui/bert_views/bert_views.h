#pragma once
// BertViews: the BERT pretraining views of the training window as one piece — fill in the blank (live guesses and
// that sentence's attention) and the token embeddings in 2-D — with their models and the inspectors that feed them,
// so the main window only adds their tabs and tells them about data and runs. The tabs are shown for BERT
// pretraining data only.
#include <QObject>

#include <memory>

#include "engine/data/dataset.h"

class EmbeddingInspector;
class EmbeddingProjectionView;
class EmbeddingSnapshot;
class FillBlankInspector;
class FillBlankSnapshot;
class FillBlankView;
class QTabWidget;
class TrainingController;

class BertViews : public QObject {
    Q_OBJECT
public:
    BertViews(TrainingController* controller, QObject* parent = nullptr);

    // Adds the two tabs (object names "bertfill", "bertembedding").
    void addTabs(QTabWidget* tabs);
    void setData(std::shared_ptr<const dl::DataSplit> data);
    void clear();  // a new run or a new experiment

    FillBlankSnapshot* fillModel() const { return fillModel_; }
    EmbeddingSnapshot* embeddingModel() const { return embeddingModel_; }
    FillBlankView* fillView() const { return fillView_; }
    EmbeddingProjectionView* embeddingView() const { return embeddingView_; }

private:
    void updateTabs();

    FillBlankSnapshot* fillModel_;
    EmbeddingSnapshot* embeddingModel_;
    FillBlankInspector* fillInspector_;
    EmbeddingInspector* embeddingInspector_;
    QTabWidget* tabs_ = nullptr;
    FillBlankView* fillView_ = nullptr;
    EmbeddingProjectionView* embeddingView_ = nullptr;
};
