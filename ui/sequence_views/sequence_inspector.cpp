#include "ui/sequence_views/sequence_inspector.h"

namespace {

// The function a job hands back to the GUI thread: the model may be gone by then.
template <typename Apply>
std::function<void()> deliverTo(QPointer<SequenceSnapshot> model, Apply apply) {
    return [model, apply = std::move(apply)] {
        if (model) apply(*model);
    };
}

}  // namespace

SequenceInspector::SequenceInspector(TrainingController* controller, SequenceSnapshot* model, QObject* parent)
    : QObject(parent), controller_(controller), model_(model) {
    connect(controller, &TrainingController::probesArrived, model, &SequenceSnapshot::onProbes);
    connect(controller, &TrainingController::gradientsArrived, model, &SequenceSnapshot::onGradients);
    connect(controller, &TrainingController::networkAdopted, this, &SequenceInspector::refresh);
    connect(model, &SequenceSnapshot::networkChanged, this, [this] {
        updateProbeRequest();
        updateEpochJobs();
    });
    // A new setting is shown at once for an idle network, and from the next epoch's end during a run.
    connect(model, &SequenceSnapshot::generationSettingsChanged, this, [this] {
        updateEpochJobs();
        if (model_->isLanguageModel()) controller_->runOnNetwork(generationJob());
    });
    connect(model, &SequenceSnapshot::sentenceChanged, this, [this] {
        updateEpochJobs();
        if (model_->isLanguageModel() && !model_->recurrentNode().empty()) controller_->runOnNetwork(gateJob());
    });
}

void SequenceInspector::setStepGradientsWanted(bool wanted) {
    if (wanted == stepGradientsWanted_) return;
    stepGradientsWanted_ = wanted;
    updateProbeRequest();
}

void SequenceInspector::refresh() {
    if (!model_ || !controller_) return;
    if (model_->isLanguageModel()) {
        controller_->runOnNetwork(generationJob());
        if (!model_->recurrentNode().empty()) controller_->runOnNetwork(gateJob());
    }
    if (model_->isSineSeries()) controller_->runOnNetwork(sineJob());
}

void SequenceInspector::updateProbeRequest() {
    dl::ProbeRequest request;
    const std::string probe = model_->stepGradientProbe();
    if (stepGradientsWanted_ && model_->isLanguageModel() && !probe.empty()) {
        request.names = {probe};
        request.min_interval_ms = kProbeIntervalMs;
    }
    controller_->setProbeRequest(request);
}

void SequenceInspector::updateEpochJobs() {
    const bool language = model_->isLanguageModel();
    const bool recurrent = language && !model_->recurrentNode().empty();
    controller_->setEpochJob("sequence.generate", language ? generationJob() : NetworkJob());
    controller_->setEpochJob("sequence.gates", recurrent ? gateJob() : NetworkJob());
    controller_->setEpochJob("sequence.sine", model_->isSineSeries() ? sineJob() : NetworkJob());
}

SequenceInspector::NetworkJob SequenceInspector::generationJob() const {
    sequence_inspection::GenerationSettings settings = model_->generation();
    return [model = model_, settings](dl::Network& net, const dl::DataSplit& data, int epoch) {
        sequence_inspection::GenerationSettings s = settings;
        s.seed = settings.seed + static_cast<uint64_t>(epoch);  // a new draw each epoch, reproducible
        try {
            const QString text = QString::fromStdString(sequence_inspection::generate(net, data.train, s));
            return deliverTo(model, [epoch, prefix = QString::fromStdString(s.prefix), text](SequenceSnapshot& m) {
                m.addSample(epoch, prefix, text);
            });
        } catch (const std::exception& e) {
            return deliverTo(model,
                             [error = QString::fromUtf8(e.what())](SequenceSnapshot& m) { m.setProblem(error); });
        }
    };
}

SequenceInspector::NetworkJob SequenceInspector::gateJob() const {
    return [model = model_, node = model_->recurrentNode(), sentence = model_->sentence().toStdString()](
               dl::Network& net, const dl::DataSplit& data, int) {
        try {
            auto trace = sequence_inspection::trace_gates(net, data.train, node, sentence);
            return deliverTo(model, [trace = std::move(trace), sentence](SequenceSnapshot& m) {
                if (m.sentence().toStdString() == sentence) m.setGates(trace);  // not one typed over since
            });
        } catch (const std::exception& e) {
            return deliverTo(model,
                             [error = QString::fromUtf8(e.what())](SequenceSnapshot& m) { m.setProblem(error); });
        }
    };
}

SequenceInspector::NetworkJob SequenceInspector::sineJob() const {
    return [model = model_](dl::Network& net, const dl::DataSplit& data, int) {
        try {
            auto forecast = sequence_inspection::forecast_sine(net, data);
            return deliverTo(model, [forecast = std::move(forecast)](SequenceSnapshot& m) { m.setSine(forecast); });
        } catch (const std::exception& e) {
            return deliverTo(model,
                             [error = QString::fromUtf8(e.what())](SequenceSnapshot& m) { m.setProblem(error); });
        }
    };
}
