#pragma once
// AttentionInspector: connects the attention views' model (AttentionSnapshot) to the training
// controller. At every epoch's end, on the training thread, it runs the fixed input through the
// network with the attention probes on and hands the maps to the model's history; an idle or adopted
// network is inspected once on the job thread. Never on the GUI thread.
#include <QObject>
#include <QPointer>

#include "ui/attention_views/attention_snapshot.h"
#include "ui/training/training_controller.h"

class AttentionInspector : public QObject {
    Q_OBJECT
public:
    AttentionInspector(TrainingController* controller, AttentionSnapshot* model, QObject* parent = nullptr);
    static constexpr const char* kEpochJob = "attention.history";

    // Inspects the current network now (on the job thread when idle).
    void refresh();

private:
    TrainingController::NetworkJob historyJob() const;
    void updateEpochJob();

    QPointer<TrainingController> controller_;
    QPointer<AttentionSnapshot> model_;
};
