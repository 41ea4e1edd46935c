#pragma once
// TranslationViews: the translation views of the training window as one piece — the translation box (with
// the beam tree and that translation's attention) and the BLEU table — with their model and the inspector
// that feeds it, so the main window only adds their tabs and tells them about data and runs. The tabs are
// shown for translation data sets only.
#include <QObject>

#include <memory>

#include "engine/data/dataset.h"

class BleuTableView;
class QTabWidget;
class TrainingController;
class TranslationBox;
class TranslationInspector;
class TranslationSnapshot;

class TranslationViews : public QObject {
    Q_OBJECT
public:
    TranslationViews(TrainingController* controller, QObject* parent = nullptr);

    // Adds the two tabs (object names "translate", "bleu").
    void addTabs(QTabWidget* tabs);
    void setData(std::shared_ptr<const dl::DataSplit> data);
    void clear();  // a new run or a new experiment

    TranslationSnapshot* model() const { return model_; }
    TranslationInspector* inspector() const { return inspector_; }
    TranslationBox* box() const { return box_; }
    BleuTableView* bleuView() const { return bleu_; }

private:
    void updateTabs();

    TranslationSnapshot* model_;
    TranslationInspector* inspector_;
    QTabWidget* tabs_ = nullptr;
    TranslationBox* box_ = nullptr;
    BleuTableView* bleu_ = nullptr;
};
