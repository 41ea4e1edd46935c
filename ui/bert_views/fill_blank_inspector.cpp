#include "ui/bert_views/fill_blank_inspector.h"

FillBlankInspector::FillBlankInspector(TrainingController* controller, FillBlankSnapshot* model, QObject* parent)
    : QObject(parent), controller_(controller), model_(model) {
    connect(controller, &TrainingController::networkAdopted, this, &FillBlankInspector::refresh);
    connect(controller, &TrainingController::batchesArrived, this, [this](const std::vector<dl::BatchEvent>& batches) {
        if (model_ && !batches.empty()) model_->setCurrentStep(batches.back().step);
    });
    connect(model, &FillBlankSnapshot::dataChanged, this, &FillBlankInspector::updateEpochJob);
    connect(model, &FillBlankSnapshot::requestChanged, this, [this] {
        updateEpochJob();
        refresh();
    });
    updateEpochJob();
}

void FillBlankInspector::refresh() {
    if (!controller_ || !model_ || !model_->isBertPretraining() || !controller_->network()) return;
    controller_->runOnNetwork(fillJob());
}

void FillBlankInspector::updateEpochJob() {
    if (!controller_ || !model_) return;
    controller_->setEpochJob(kEpochJob, model_->isBertPretraining() ? fillJob() : NetworkJob());
}

FillBlankInspector::NetworkJob FillBlankInspector::fillJob() const {
    return [model = model_, request = model_->request(), controller = controller_.data()](
               dl::Network& net, const dl::DataSplit& data, int epoch) -> std::function<void()> {
        if (!data.train.bert) return {};
        try {
            fill_blank_inspection::Outcome outcome = fill_blank_inspection::fill(net, *data.train.bert, request);
            outcome.epoch = epoch;
            outcome.step = controller ? controller->trainingStep() : 0;  // read here, on the training thread
            return [model, outcome = std::move(outcome)]() mutable {
                if (model) model->setOutcome(std::move(outcome));
            };
        } catch (const std::exception& e) {
            return [model, error = QString::fromUtf8(e.what())] {
                if (model) model->setProblem(error);
            };
        }
    };
}
