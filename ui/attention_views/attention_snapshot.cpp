#include "ui/attention_views/attention_snapshot.h"

AttentionSnapshot::AttentionSnapshot(QObject* parent) : QObject(parent) {}

void AttentionSnapshot::setData(std::shared_ptr<const dl::DataSplit> data) {
    data_ = std::move(data);
    labelsGiven_ = false;
    updateLabels();
    history_.clear();
    shownEpoch_ = -1;
    problem_.clear();
    Q_EMIT networkChanged();
    Q_EMIT historyChanged();
}

void AttentionSnapshot::setNetwork(const dl::NetworkSpec& spec) {
    const std::vector<std::string> nodes = attention_inspection::attention_nodes(spec);
    if (nodes == nodes_) return;
    nodes_ = nodes;
    history_.clear();
    Q_EMIT networkChanged();
    Q_EMIT historyChanged();
}

void AttentionSnapshot::setAttentionNodes(const std::vector<std::string>& nodes) {
    if (nodes == nodes_) return;
    nodes_ = nodes;
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

bool AttentionSnapshot::canInspect() const {
    return data_ && hasAttention() && attention_inspection::has_fixed_input(*data_);
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
    return attention_inspection::maps_of(snapshot.probes, nodes_);
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
