#pragma once
// EmbeddingInspector: during BERT pretraining, copies the token embedding weight on the training thread at every
// epoch's end (an epoch job; nothing else is done there), and once as the run begins (a train-begin job: the table
// the changes are measured from), and hands it to EmbeddingSnapshot, which projects it on its own worker. A network
// adopted while no run is active is copied once, on the job thread.
#include <QObject>
#include <QPointer>

#include "ui/bert_views/embedding_snapshot.h"
#include "ui/training/training_controller.h"

class EmbeddingInspector : public QObject {
    Q_OBJECT
public:
    EmbeddingInspector(TrainingController* controller, EmbeddingSnapshot* model, QObject* parent = nullptr);
    static constexpr const char* kEpochJob = "bert.embedding";

    void refresh();  // copies the current network's embedding now

private:
    using NetworkJob = TrainingController::NetworkJob;
    void updateEpochJob();
    NetworkJob copyJob(bool initial = false);

    QPointer<TrainingController> controller_;
    QPointer<EmbeddingSnapshot> model_;
};
