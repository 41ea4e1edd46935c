#include "ui/bert_views/embedding_inspector.h"

#include <QCoreApplication>

EmbeddingInspector::EmbeddingInspector(TrainingController* controller, EmbeddingSnapshot* model, QObject* parent)
    : QObject(parent), controller_(controller), model_(model) {
    connect(controller, &TrainingController::networkAdopted, this, &EmbeddingInspector::refresh);
    connect(model, &EmbeddingSnapshot::dataChanged, this, &EmbeddingInspector::updateEpochJob);
    updateEpochJob();
}

void EmbeddingInspector::refresh() {
    if (!controller_ || !model_ || !model_->isBertPretraining() || !controller_->network()) return;
    controller_->runOnNetwork(copyJob());
}

void EmbeddingInspector::updateEpochJob() {
    if (!controller_ || !model_) return;
    const bool pretraining = model_->isBertPretraining();
    controller_->setEpochJob(kEpochJob, pretraining ? copyJob() : NetworkJob());
    controller_->setTrainBeginJob(kEpochJob, pretraining ? copyJob(true) : NetworkJob());
}

EmbeddingInspector::NetworkJob EmbeddingInspector::copyJob(bool initial) {
    return [model = model_, initial, controller = controller_.data()](dl::Network& net, const dl::DataSplit&,
                                                                      int epoch) -> std::function<void()> {
        // Read on the training thread: the step whose weights are copied (the GUI may have heard of later ones).
        const qint64 step = initial || !controller ? 0 : controller->trainingStep();
        for (dl::Param& p : net.parameters()) {
            if (p.name != EmbeddingSnapshot::kWeightName) continue;
            return [model, epoch, initial, step, weight = p.var.value().clone()] {
                if (model) model->addWeights(epoch, step, weight, initial);
            };
        }
        return [model] {
            if (model)
                model->setProblem(QCoreApplication::translate(
                    "EmbeddingInspector",
                    "This network has no node \"token_embedding\" whose weight could be shown: the view reads the "
                    "token embedding of the bert-tiny preset."));
        };
    };
}
