#include "ui/sequence_views/sequence_snapshot.h"

SequenceSnapshot::SequenceSnapshot(QObject* parent) : QObject(parent) {}

bool SequenceSnapshot::isSineSeries() const {
    return data_ && !data_->train.is_language_model() && data_->train.name == "sine";
}

void SequenceSnapshot::setData(std::shared_ptr<const dl::DataSplit> data) {
    data_ = std::move(data);
    clear();
    Q_EMIT networkChanged();
}

void SequenceSnapshot::setNetwork(const dl::NetworkSpec& spec) {
    const sequence_inspection::RecurrentNode node = sequence_inspection::last_recurrent_node(spec);
    if (node.id == recurrent_.id && node.type == recurrent_.type) return;
    recurrent_ = node;
    gates_.reset();
    stepNorms_ = {};
    stepNormsStep_ = 0;
    Q_EMIT networkChanged();
    Q_EMIT stepGradientsChanged();
    Q_EMIT gatesChanged();
}

std::string SequenceSnapshot::stepGradientProbe() const {
    return recurrent_.empty() ? std::string() : recurrent_.id + ".step_grad_norm";
}

void SequenceSnapshot::setGeneration(const sequence_inspection::GenerationSettings& settings) {
    generation_ = settings;
    Q_EMIT generationSettingsChanged();
}

void SequenceSnapshot::addSample(int epoch, const QString& prefix, const QString& text) {
    if (samples_.size() >= kMaxSamples) samples_.removeFirst();
    samples_.append({epoch, prefix, text});
    Q_EMIT samplesChanged();
}

std::vector<double> SequenceSnapshot::meanStepNorms() const {
    if (!stepNorms_.defined() || stepNorms_.dim() != 2) return {};
    const int64_t rows = stepNorms_.size(0), steps = stepNorms_.size(1);
    std::vector<double> mean(static_cast<size_t>(steps), 0.0);
    for (int64_t b = 0; b < rows; ++b)
        for (int64_t t = 0; t < steps; ++t) mean[static_cast<size_t>(t)] += stepNorms_[b * steps + t];
    for (double& m : mean) m /= static_cast<double>(std::max<int64_t>(rows, 1));
    return mean;
}

void SequenceSnapshot::setClipThreshold(float theta) {
    if (theta == clip_) return;
    clip_ = theta;
    Q_EMIT stepGradientsChanged();
}

void SequenceSnapshot::setSentence(const QString& sentence) {
    if (sentence == sentence_) return;
    sentence_ = sentence;
    Q_EMIT sentenceChanged();
}

void SequenceSnapshot::setGates(const sequence_inspection::GateTrace& trace) {
    gates_ = trace;
    Q_EMIT gatesChanged();
}

void SequenceSnapshot::setSine(const sequence_inspection::SineForecast& forecast) {
    sine_ = forecast;
    Q_EMIT sineChanged();
}

void SequenceSnapshot::setProblem(const QString& problem) {
    if (problem == problem_) return;
    problem_ = problem;
    Q_EMIT problemChanged();
}

void SequenceSnapshot::clear() {
    samples_.clear();
    stepNorms_ = {};
    stepNormsStep_ = 0;
    totalNorms_.clear();
    gates_.reset();
    sine_.reset();
    problem_.clear();
    emitAllChanged();
}

void SequenceSnapshot::onProbes(const std::vector<dl::ProbeEvent>& probes) {
    const std::string wanted = stepGradientProbe();
    for (const dl::ProbeEvent& p : probes) {
        if (wanted.empty() || p.name != wanted || p.value.dim() != 2 || p.step < stepNormsStep_) continue;
        stepNorms_ = p.value;
        stepNormsStep_ = p.step;
        Q_EMIT stepGradientsChanged();
    }
}

void SequenceSnapshot::onGradients(const std::vector<dl::GradientEvent>& gradients) {
    if (gradients.empty()) return;
    for (const dl::GradientEvent& g : gradients) totalNorms_.append(static_cast<double>(g.step), g.total_norm);
    Q_EMIT stepGradientsChanged();
}

void SequenceSnapshot::emitAllChanged() {
    Q_EMIT samplesChanged();
    Q_EMIT stepGradientsChanged();
    Q_EMIT gatesChanged();
    Q_EMIT sineChanged();
    Q_EMIT problemChanged();
}
