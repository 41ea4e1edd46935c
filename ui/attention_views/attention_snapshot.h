#pragma once
// AttentionSnapshot: the model behind the attention views — which nodes are attention layers, the
// labels of the query and key axes, and the AttentionHistory of one fixed input (one snapshot per
// epoch, the newest shown live). The replay slider picks the shown epoch for every attention view.
// Fed by AttentionInspector's jobs; widgets only present it.
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network_spec.h"
#include "engine/train/attention_history.h"
#include "ui/attention_views/attention_inspection.h"
#include "ui/attention_views/translation_attention.h"

class AttentionSnapshot : public QObject {
    Q_OBJECT
public:
    explicit AttentionSnapshot(QObject* parent = nullptr);

    void setData(std::shared_ptr<const dl::DataSplit> data);
    std::shared_ptr<const dl::DataSplit> data() const { return data_; }
    void setNetwork(const dl::NetworkSpec& spec);
    // D2L §10.2's data (data set "nadaraya-watson"): the attention tabs are shown for it.
    bool isNadarayaWatson() const;
    // Sequence data of any kind (language models, translation, the sine wave): the positional
    // encoding tab is shown for it.
    bool isSequenceData() const;
    bool isTranslation() const;
    // The probe prefixes of the layers that publish attention ("nw", "encoder1.attention", "decoder1.attention2").
    const std::vector<std::string>& attentionNodes() const { return nodes_; }
    // What each of them attends to (translation: encoder self, decoder masked self, encoder–decoder), by prefix.
    QString roleOf(const QString& prefix) const;
    // For a caller that feeds the snapshots itself (the translation box): the names whose "<name>.attention"
    // probes it adds, instead of the network's attention nodes (e.g. "decoder1.attention2").
    void setAttentionNodes(const std::vector<std::string>& nodes);
    bool hasAttention() const { return !nodes_.empty(); }
    // Whether the views can compute the maps themselves (see attention_inspection::has_fixed_input).
    bool canInspect() const;

    // Axis labels: Nadaraya–Watson's x values (test queries, training keys); positions otherwise.
    // setAxisLabels lets a caller that knows the tokens name them.
    QStringList queryLabels() const { return queryLabels_; }
    QStringList keyLabels() const { return keyLabels_; }
    QString queryTitle() const { return queryTitle_; }
    QString keyTitle() const { return keyTitle_; }
    // A map's own axis labels (a translation's words) when it has them, else the snapshot's.
    QStringList queryLabelsOf(const attention_inspection::AttentionMap& map) const;
    QStringList keyLabelsOf(const attention_inspection::AttentionMap& map) const;
    QString queryTitleOf(const attention_inspection::AttentionMap& map) const;
    QString keyTitleOf(const attention_inspection::AttentionMap& map) const;

    // Translation: the fixed sentence pairs recorded every epoch (D2L's four test sentences) and the one
    // the views show. Changing it keeps the history: every snapshot holds all of them.
    QStringList sentences() const;
    int sentence() const { return sentence_; }
    void setSentence(int index);
    void setAxisLabels(const QStringList& queries, const QStringList& keys, const QString& queryTitle,
                       const QString& keyTitle);

    const dl::AttentionHistory& history() const { return history_; }
    void addSnapshot(int epoch, dl::AttentionHistory::Probes probes);
    // The epoch the views show: -1 follows the newest snapshot (live); else the newest at or before it.
    int shownEpoch() const { return shownEpoch_; }
    void setShownEpoch(int epoch);
    const dl::AttentionHistory::Snapshot* shownSnapshot() const;
    std::vector<attention_inspection::AttentionMap> shownMaps() const;
    std::vector<attention_inspection::AttentionMap> mapsAt(const dl::AttentionHistory::Snapshot& snapshot) const;
    // The largest weight a layer (empty: any layer) has had in the whole history, for a colour scale that
    // stays the same while the replay runs; at least a tiny positive number.
    double largestWeight(const std::string& layer) const;

    QString problem() const { return problem_; }
    void setProblem(const QString& problem);

public Q_SLOTS:
    void clear();  // a new run: forgets the history, follows live again

Q_SIGNALS:
    void networkChanged();  // data or network
    void historyChanged();
    void shownEpochChanged();
    void problemChanged();
    void sentenceChanged();

private:
    void updateLabels();

    std::shared_ptr<const dl::DataSplit> data_;
    std::vector<std::string> nodes_;
    std::vector<translation_attention::AttentionProbe> layers_;
    std::vector<translation_attention::Sentence> sentences_;
    int sentence_ = 0;
    QStringList queryLabels_, keyLabels_;
    QString queryTitle_, keyTitle_;
    bool labelsGiven_ = false;
    dl::AttentionHistory history_;
    int shownEpoch_ = -1;
    QString problem_;
};
