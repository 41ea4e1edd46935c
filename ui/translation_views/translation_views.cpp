#include "ui/translation_views/translation_views.h"

#include <QTabWidget>

#include "ui/translation_views/bleu_table_view.h"
#include "ui/translation_views/translation_box.h"
#include "ui/translation_views/translation_inspector.h"
#include "ui/translation_views/translation_snapshot.h"

TranslationViews::TranslationViews(TrainingController* controller, QObject* parent)
    : QObject(parent),
      model_(new TranslationSnapshot(this)),
      inspector_(new TranslationInspector(controller, model_, this)) {
    connect(model_, &TranslationSnapshot::dataChanged, this, &TranslationViews::updateTabs);
}

void TranslationViews::addTabs(QTabWidget* tabs) {
    tabs_ = tabs;
    box_ = new TranslationBox(tabs);
    bleu_ = new BleuTableView(tabs);
    box_->setObjectName(QStringLiteral("translate"));
    bleu_->setObjectName(QStringLiteral("bleu"));
    box_->setModel(model_);
    bleu_->setModel(model_);
    tabs->addTab(box_, tr("Translate"));
    tabs->addTab(bleu_, tr("BLEU"));
    updateTabs();
}

void TranslationViews::setData(std::shared_ptr<const dl::DataSplit> data) {
    model_->setData(std::move(data));
}

void TranslationViews::clear() {
    model_->clear();
}

void TranslationViews::updateTabs() {
    if (!tabs_) return;
    QWidget* current = tabs_->currentWidget();
    const bool translation = model_->isTranslation();
    tabs_->setTabVisible(tabs_->indexOf(box_), translation);
    tabs_->setTabVisible(tabs_->indexOf(bleu_), translation);
    if (tabs_->isTabVisible(tabs_->indexOf(current))) tabs_->setCurrentWidget(current);
}
