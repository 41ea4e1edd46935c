#include "ui/bert_views/bert_views.h"

#include <QTabWidget>

#include "ui/bert_views/embedding_inspector.h"
#include "ui/bert_views/embedding_projection_view.h"
#include "ui/bert_views/embedding_snapshot.h"
#include "ui/bert_views/fill_blank_inspector.h"
#include "ui/bert_views/fill_blank_snapshot.h"
#include "ui/bert_views/fill_blank_view.h"

BertViews::BertViews(TrainingController* controller, QObject* parent)
    : QObject(parent),
      fillModel_(new FillBlankSnapshot(this)),
      embeddingModel_(new EmbeddingSnapshot(this)),
      fillInspector_(new FillBlankInspector(controller, fillModel_, this)),
      embeddingInspector_(new EmbeddingInspector(controller, embeddingModel_, this)) {
    connect(fillModel_, &FillBlankSnapshot::dataChanged, this, &BertViews::updateTabs);
}

void BertViews::addTabs(QTabWidget* tabs) {
    tabs_ = tabs;
    fillView_ = new FillBlankView(tabs);
    embeddingView_ = new EmbeddingProjectionView(tabs);
    fillView_->setObjectName(QStringLiteral("bertfill"));
    embeddingView_->setObjectName(QStringLiteral("bertembedding"));
    fillView_->setModel(fillModel_);
    embeddingView_->setModel(embeddingModel_);
    tabs->addTab(fillView_, tr("Fill in the blank"));
    tabs->addTab(embeddingView_, tr("Token embeddings"));
    updateTabs();
}

void BertViews::setData(std::shared_ptr<const dl::DataSplit> data) {
    embeddingModel_->setData(data);
    fillModel_->setData(std::move(data));
}

void BertViews::clear() {
    fillModel_->clear();
    embeddingModel_->clear();
}

void BertViews::updateTabs() {
    if (!tabs_) return;
    QWidget* current = tabs_->currentWidget();
    const bool bert = fillModel_->isBertPretraining();
    tabs_->setTabVisible(tabs_->indexOf(fillView_), bert);
    tabs_->setTabVisible(tabs_->indexOf(embeddingView_), bert);
    if (tabs_->isTabVisible(tabs_->indexOf(current))) tabs_->setCurrentWidget(current);
}
