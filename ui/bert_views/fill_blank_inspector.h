#pragma once
// FillBlankInspector: connects the fill-in-the-blank model (FillBlankSnapshot) to the training controller. During
// BERT pretraining the network fills the blanks after every epoch (an epoch job on the training thread); a new
// sentence or another hidden word is answered at once by the current model (at the next batch boundary during a
// run, on the job thread when no run is active). Never on the GUI thread.
#include <QObject>
#include <QPointer>

#include "ui/bert_views/fill_blank_snapshot.h"
#include "ui/training/training_controller.h"

class FillBlankInspector : public QObject {
    Q_OBJECT
public:
    FillBlankInspector(TrainingController* controller, FillBlankSnapshot* model, QObject* parent = nullptr);
    static constexpr const char* kEpochJob = "bert.fill";

    void refresh();  // fills the blanks with the current network now

private:
    using NetworkJob = TrainingController::NetworkJob;
    void updateEpochJob();
    NetworkJob fillJob() const;

    QPointer<TrainingController> controller_;
    QPointer<FillBlankSnapshot> model_;
};
