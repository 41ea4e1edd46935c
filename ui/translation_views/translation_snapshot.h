#pragma once
// TranslationSnapshot: the model behind the translation views — the data set's vocabularies, what the learner
// asked the translation box for and the latest answer (the translation, its beam tree, the attention of its
// final pass), and the BLEU table's rows with the epoch they were scored after. Fed by TranslationInspector's
// jobs; widgets only present it.
#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

#include "engine/data/dataset.h"
#include "ui/translation_views/translation_inspection.h"

class TranslationSnapshot : public QObject {
    Q_OBJECT
public:
    explicit TranslationSnapshot(QObject* parent = nullptr);

    void setData(std::shared_ptr<const dl::DataSplit> data);
    std::shared_ptr<const dl::DataSplit> data() const { return data_; }
    bool isTranslation() const { return data_ && data_->train.is_translation(); }

    // The translation box: asking translates now (the inspector) and again after every epoch of a run.
    const std::optional<translation_inspection::Request>& request() const { return request_; }
    void ask(const translation_inspection::Request& request);
    const std::optional<translation_inspection::Result>& result() const { return result_; }
    void setResult(translation_inspection::Result result);
    bool busy() const { return busy_; }  // asked, not answered yet

    // The BLEU table: the test pairs, then the learner's; scoredEpoch() −1 before any scoring.
    const std::vector<translation_inspection::BleuRow>& bleuRows() const { return rows_; }
    int scoredEpoch() const { return scoredEpoch_; }
    void addPair(const QString& source, const QString& reference);
    void removeAddedPair(int row);  // only rows the learner added
    // Rows scored after `epoch`; kept only if they are still the rows asked for (none added since).
    void setScores(int epoch, const std::vector<translation_inspection::BleuRow>& rows);

    QString problem() const { return problem_; }
    void setProblem(const QString& problem);

public Q_SLOTS:
    void clear();  // a new run: answers and scores go, the question and the added pairs stay

Q_SIGNALS:
    void dataChanged();
    void requestChanged();
    void resultChanged();
    void pairsChanged();  // rows added or removed: score them again
    void scoresChanged();
    void problemChanged();

private:
    static bool samePairs(const std::vector<translation_inspection::BleuRow>& a,
                          const std::vector<translation_inspection::BleuRow>& b);

    std::shared_ptr<const dl::DataSplit> data_;
    std::optional<translation_inspection::Request> request_;
    std::optional<translation_inspection::Result> result_;
    bool busy_ = false;
    std::vector<translation_inspection::BleuRow> rows_;
    int scoredEpoch_ = -1;
    QString problem_;
};
