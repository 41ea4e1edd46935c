#include "ui/attention_views/attention_views.h"

#include <QTabWidget>

#include "ui/attention_views/attention_heatmap_view.h"
#include "ui/attention_views/attention_inspector.h"
#include "ui/attention_views/attention_snapshot.h"
#include "ui/attention_views/positional_encoding_view.h"
#include "ui/attention_views/query_detail_view.h"

AttentionViews::AttentionViews(TrainingController* controller, QObject* parent)
    : QObject(parent),
      model_(new AttentionSnapshot(this)),
      inspector_(new AttentionInspector(controller, model_, this)) {
    connect(model_, &AttentionSnapshot::networkChanged, this, &AttentionViews::updateTabs);
}

void AttentionViews::addTabs(QTabWidget* tabs) {
    tabs_ = tabs;
    heatmap_ = new AttentionHeatmapView(tabs);
    query_ = new QueryDetailView(tabs);
    positional_ = new PositionalEncodingView(tabs);
    heatmap_->setObjectName(QStringLiteral("attention"));
    query_->setObjectName(QStringLiteral("attentionquery"));
    positional_->setObjectName(QStringLiteral("positional"));
    heatmap_->setModel(model_);
    query_->setModel(model_);
    tabs->addTab(heatmap_, tr("Attention"));
    tabs->addTab(query_, tr("Query detail"));
    tabs->addTab(positional_, tr("Positional encoding"));
    updateTabs();
}

void AttentionViews::setData(std::shared_ptr<const dl::DataSplit> data) {
    model_->setData(std::move(data));
}

void AttentionViews::setNetwork(const dl::NetworkSpec& spec) {
    model_->setNetwork(spec);
}

void AttentionViews::clear() {
    model_->clear();
}

void AttentionViews::updateTabs() {
    if (!tabs_) return;
    QWidget* current = tabs_->currentWidget();
    const bool attention = model_->isNadarayaWatson() || model_->hasAttention();
    tabs_->setTabVisible(tabs_->indexOf(heatmap_), attention);
    tabs_->setTabVisible(tabs_->indexOf(query_), attention);
    tabs_->setTabVisible(tabs_->indexOf(positional_), attention || model_->isSequenceData());
    if (tabs_->isTabVisible(tabs_->indexOf(current))) tabs_->setCurrentWidget(current);
}
