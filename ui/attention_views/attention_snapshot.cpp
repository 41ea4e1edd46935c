#include "ui/attention_views/attention_snapshot.h"

#include <algorithm>

#include <QCoreApplication>

AttentionSnapshot::AttentionSnapshot(QObject* parent) : QObject(parent) {}

void AttentionSnapshot::setData(std::shared_ptr<const dl::DataSplit> data) {
    data_ = std::move(data);
    labelsGiven_ = false;
    updateLabels();
    sentences_ =
        data_ ? translation_attention::fixed_sentences(*data_) : std::vector<translation_attention::Sentence>{};
    sentence_ = std::max(0, static_cast<int>(sentences_.size()) - 1);  // D2L §10.4 draws the last test sentence
    history_.clear();
    shownEpoch_ = -1;
    problem_.clear();
    Q_EMIT networkChanged();
    Q_EMIT historyChanged();
}

void AttentionSnapshot::setNetwork(const dl::NetworkSpec& spec) {
    const std::vector<translation_attention::AttentionProbe> layers = translation_attention::attention_probes(spec);
    if (layers == layers_) return;
    layers_ = layers;
    nodes_.clear();
    for (const auto& layer : layers_) nodes_.push_back(layer.prefix);
    history_.clear();
    Q_EMIT networkChanged();
    Q_EMIT historyChanged();
}

void AttentionSnapshot::setAttentionNodes(const std::vector<std::string>& nodes) {
    if (nodes == nodes_) return;
    nodes_ = nodes;
    layers_.clear();
    for (const std::string& node : nodes_) layers_.push_back({node, translation_attention::Role::Other});
    history_.clear();
    Q_EMIT networkChanged();
    Q_EMIT historyChanged();
}

bool AttentionSnapshot::isNadarayaWatson() const {
    return data_ && data_->train.name == "nadaraya-watson";
}

bool AttentionSnapshot::isSequenceData() const {
    return data_ && (data_->train.is_language_model() || data_->train.is_translation() || data_->train.name == "sine");
}

bool AttentionSnapshot::isTranslation() const {
    return data_ && data_->train.is_translation();
}

bool AttentionSnapshot::canInspect() const {
    if (!data_ || !hasAttention()) return false;
    // Snapshots given from outside (the translation box) label themselves; the inspector must not mix in.
    if (isTranslation()) return !labelsGiven_ && !sentences_.empty();
    return attention_inspection::has_fixed_input(*data_);
}

QString AttentionSnapshot::roleOf(const QString& prefix) const {
    for (const auto& layer : layers_)
        if (QString::fromStdString(layer.prefix) == prefix)
            return QCoreApplication::translate("AttentionRole", translation_attention::role_name(layer.role).c_str());
    return {};
}

namespace {
QStringList qstrings(const std::vector<std::string>& words) {
    QStringList list;
    for (const std::string& w : words) list << QString::fromStdString(w);
    return list;
}
}  // namespace

QStringList AttentionSnapshot::queryLabelsOf(const attention_inspection::AttentionMap& map) const {
    return map.query_labels.empty() ? queryLabels_ : qstrings(map.query_labels);
}

QStringList AttentionSnapshot::keyLabelsOf(const attention_inspection::AttentionMap& map) const {
    return map.key_labels.empty() ? keyLabels_ : qstrings(map.key_labels);
}

QString AttentionSnapshot::queryTitleOf(const attention_inspection::AttentionMap& map) const {
    return map.query_title.empty() ? queryTitle_
                                   : QCoreApplication::translate("AttentionRole", map.query_title.c_str());
}

QString AttentionSnapshot::keyTitleOf(const attention_inspection::AttentionMap& map) const {
    return map.key_title.empty() ? keyTitle_ : QCoreApplication::translate("AttentionRole", map.key_title.c_str());
}

QStringList AttentionSnapshot::sentences() const {
    QStringList list;
    for (const auto& s : sentences_) list << QString::fromStdString(s.text);
    return list;
}

void AttentionSnapshot::setSentence(int index) {
    index = std::clamp(index, 0, std::max(0, static_cast<int>(sentences_.size()) - 1));
    if (index == sentence_) return;
    sentence_ = index;
    Q_EMIT sentenceChanged();
}

void AttentionSnapshot::updateLabels() {
    if (labelsGiven_) return;
    queryLabels_.clear();
    keyLabels_.clear();
    queryTitle_ = tr("query");
    keyTitle_ = tr("key");
    if (!isNadarayaWatson()) return;  // positions, numbered by the view
    for (int64_t i = 0; i < data_->test.size(); ++i) queryLabels_ << QString::number(data_->test.features[i], 'f', 1);
    for (int64_t i = 0; i < data_->train.size(); ++i) keyLabels_ << QString::number(data_->train.features[i], 'f', 2);
    queryTitle_ = tr("test query x");
    keyTitle_ = tr("training key x_i");
}

void AttentionSnapshot::setAxisLabels(const QStringList& queries, const QStringList& keys, const QString& queryTitle,
                                      const QString& keyTitle) {
    queryLabels_ = queries;
    keyLabels_ = keys;
    queryTitle_ = queryTitle;
    keyTitle_ = keyTitle;
    labelsGiven_ = true;
    Q_EMIT historyChanged();
}

void AttentionSnapshot::addSnapshot(int epoch, dl::AttentionHistory::Probes probes) {
    history_.add(epoch, std::move(probes));
    if (!problem_.isEmpty()) setProblem({});
    Q_EMIT historyChanged();
}

void AttentionSnapshot::setShownEpoch(int epoch) {
    if (epoch == shownEpoch_) return;
    shownEpoch_ = epoch;
    Q_EMIT shownEpochChanged();
}

const dl::AttentionHistory::Snapshot* AttentionSnapshot::shownSnapshot() const {
    if (shownEpoch_ < 0) return history_.latest();
    const dl::AttentionHistory::Snapshot* s = history_.at_or_before(shownEpoch_);
    return s ? s : history_.latest();
}

std::vector<attention_inspection::AttentionMap> AttentionSnapshot::mapsAt(
    const dl::AttentionHistory::Snapshot& snapshot) const {
    if (isTranslation() && !labelsGiven_ && !sentences_.empty())
        return translation_attention::maps_of(snapshot.probes, layers_, sentences_[static_cast<size_t>(sentence_)],
                                              sentence_);
    return attention_inspection::maps_of(snapshot.probes, nodes_);
}

double AttentionSnapshot::largestWeight(const std::string& layer) const {
    double top = 1e-6;
    for (const dl::AttentionHistory::Snapshot& s : history_.snapshots())
        for (const attention_inspection::AttentionMap& map : mapsAt(s)) {  // as drawn: this sentence, cropped
            if ((!layer.empty() && map.layer != layer) || map.weights.numel() == 0) continue;
            const dl::Tensor& w = map.weights;
            top = std::max<double>(top, *std::max_element(w.data(), w.data() + w.numel()));
        }
    return top;
}

std::vector<attention_inspection::AttentionMap> AttentionSnapshot::shownMaps() const {
    const dl::AttentionHistory::Snapshot* s = shownSnapshot();
    return s ? mapsAt(*s) : std::vector<attention_inspection::AttentionMap>{};
}

void AttentionSnapshot::setProblem(const QString& problem) {
    if (problem == problem_) return;
    problem_ = problem;
    Q_EMIT problemChanged();
}

void AttentionSnapshot::clear() {
    history_.clear();
    shownEpoch_ = -1;
    problem_.clear();
    Q_EMIT historyChanged();
    Q_EMIT shownEpochChanged();
}
