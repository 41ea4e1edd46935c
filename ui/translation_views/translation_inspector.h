#pragma once
// TranslationInspector: connects the translation views' model (TranslationSnapshot) to the training
// controller. A question in the translation box is answered at once by the current model (at the next batch
// boundary during a run, on the job thread when idle) and again after every epoch; the BLEU table is scored
// after every epoch and when the learner adds a pair. Never on the GUI thread.
#include <QObject>
#include <QPointer>

#include "ui/training/training_controller.h"
#include "ui/translation_views/translation_snapshot.h"

class TranslationInspector : public QObject {
    Q_OBJECT
public:
    TranslationInspector(TrainingController* controller, TranslationSnapshot* model, QObject* parent = nullptr);
    static constexpr const char* kTranslateJob = "translation.box";
    static constexpr const char* kBleuJob = "translation.bleu";

    // Answers the question and scores the table with the current network now.
    void refresh();

private:
    using NetworkJob = TrainingController::NetworkJob;
    void updateEpochJobs();
    void translateNow();
    void scoreNow();
    NetworkJob translateJob() const;
    NetworkJob bleuJob() const;
    bool hasNetwork() const;

    QPointer<TrainingController> controller_;
    QPointer<TranslationSnapshot> model_;
};
