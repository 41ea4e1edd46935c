#include "ui/translation_views/translation_inspector.h"

namespace {

// The function a job hands back to the GUI thread: the model may be gone by then.
template <typename Apply>
std::function<void()> deliverTo(QPointer<TranslationSnapshot> model, Apply apply) {
    return [model, apply = std::move(apply)] {
        if (model) apply(*model);
    };
}

std::function<void()> problemFor(QPointer<TranslationSnapshot> model, const std::exception& e) {
    return deliverTo(model, [error = QString::fromUtf8(e.what())](TranslationSnapshot& m) { m.setProblem(error); });
}

}  // namespace

TranslationInspector::TranslationInspector(TrainingController* controller, TranslationSnapshot* model, QObject* parent)
    : QObject(parent), controller_(controller), model_(model) {
    connect(controller, &TrainingController::networkAdopted, this, &TranslationInspector::refresh);
    connect(model, &TranslationSnapshot::dataChanged, this, &TranslationInspector::updateEpochJobs);
    connect(model, &TranslationSnapshot::requestChanged, this, [this] {
        updateEpochJobs();
        translateNow();
    });
    connect(model, &TranslationSnapshot::pairsChanged, this, [this] {
        updateEpochJobs();
        if (model_->isTranslation() && hasNetwork()) scoreNow();
    });
}

bool TranslationInspector::hasNetwork() const {
    return controller_ && controller_->network() != nullptr;
}

void TranslationInspector::refresh() {
    if (!model_ || !controller_ || !model_->isTranslation() || !hasNetwork()) return;
    if (model_->request()) translateNow();
    scoreNow();
}

void TranslationInspector::translateNow() {
    if (!model_ || !model_->request() || !model_->isTranslation()) return;
    if (!hasNetwork()) {
        model_->setProblem(
            tr("There is no model to translate with yet: train the network (F5) or open a trained "
               "project. A model in training answers with its current weights."));
        return;
    }
    controller_->runOnNetwork(translateJob());
}

void TranslationInspector::scoreNow() {
    controller_->runOnNetwork(bleuJob());
}

void TranslationInspector::updateEpochJobs() {
    if (!controller_ || !model_) return;
    const bool translation = model_->isTranslation();
    controller_->setEpochJob(kTranslateJob, translation && model_->request() ? translateJob() : NetworkJob());
    controller_->setEpochJob(kBleuJob, translation ? bleuJob() : NetworkJob());
}

TranslationInspector::NetworkJob TranslationInspector::translateJob() const {
    return [model = model_, request = *model_->request()](dl::Network& net, const dl::DataSplit& data, int epoch) {
        try {
            auto result = translation_inspection::translate(net, *data.train.translation, request);
            result.epoch = epoch;
            return deliverTo(model, [result = std::move(result)](TranslationSnapshot& m) { m.setResult(result); });
        } catch (const std::exception& e) {
            return problemFor(model, e);
        }
    };
}

TranslationInspector::NetworkJob TranslationInspector::bleuJob() const {
    return [model = model_, rows = model_->bleuRows()](dl::Network& net, const dl::DataSplit& data, int epoch) {
        try {
            auto scored = translation_inspection::score(net, *data.train.translation, rows);
            return deliverTo(
                model, [epoch, scored = std::move(scored)](TranslationSnapshot& m) { m.setScores(epoch, scored); });
        } catch (const std::exception& e) {
            return problemFor(model, e);
        }
    };
}
