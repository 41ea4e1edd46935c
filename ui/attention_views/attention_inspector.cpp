#include "ui/attention_views/attention_inspector.h"

AttentionInspector::AttentionInspector(TrainingController* controller, AttentionSnapshot* model, QObject* parent)
    : QObject(parent), controller_(controller), model_(model) {
    connect(controller, &TrainingController::networkAdopted, this, &AttentionInspector::refresh);
    connect(model, &AttentionSnapshot::networkChanged, this, &AttentionInspector::updateEpochJob);
}

void AttentionInspector::refresh() {
    if (model_ && controller_ && model_->canInspect()) controller_->runOnNetwork(historyJob());
}

void AttentionInspector::updateEpochJob() {
    if (!controller_) return;
    controller_->setEpochJob(kEpochJob,
                             model_ && model_->canInspect() ? historyJob() : TrainingController::NetworkJob());
}

TrainingController::NetworkJob AttentionInspector::historyJob() const {
    return [model = model_, nodes = model_->attentionNodes()](dl::Network& net, const dl::DataSplit& data,
                                                              int epoch) -> std::function<void()> {
        try {
            auto probes = attention_inspection::run_fixed_input(net, data, nodes);
            return [model, epoch, probes = std::move(probes)]() mutable {
                if (model) model->addSnapshot(epoch, std::move(probes));
            };
        } catch (const std::exception& e) {
            return [model, error = QString::fromUtf8(e.what())] {
                if (model) model->setProblem(error);
            };
        }
    };
}
