#include "ui/translation_views/translation_snapshot.h"

TranslationSnapshot::TranslationSnapshot(QObject* parent) : QObject(parent) {}

void TranslationSnapshot::setData(std::shared_ptr<const dl::DataSplit> data) {
    data_ = std::move(data);
    result_.reset();
    busy_ = false;
    // The learner's pairs stay; the test pairs are the new data set's.
    std::vector<translation_inspection::BleuRow> rows =
        data_ ? translation_inspection::test_rows(*data_) : std::vector<translation_inspection::BleuRow>{};
    for (const auto& row : rows_)
        if (row.added) rows.push_back(translation_inspection::pair_row(row.source, row.reference, true));
    rows_ = std::move(rows);
    scoredEpoch_ = -1;
    problem_.clear();
    Q_EMIT dataChanged();
    Q_EMIT resultChanged();
    Q_EMIT pairsChanged();
    Q_EMIT scoresChanged();
    Q_EMIT problemChanged();
}

void TranslationSnapshot::ask(const translation_inspection::Request& request) {
    request_ = request;
    busy_ = true;
    Q_EMIT requestChanged();
}

void TranslationSnapshot::setResult(translation_inspection::Result result) {
    // An answer to an older question (the learner typed another sentence since) is dropped.
    if (!request_ || !(result.request == *request_)) return;
    result_ = std::move(result);
    busy_ = false;
    setProblem({});
    Q_EMIT resultChanged();
}

void TranslationSnapshot::addPair(const QString& source, const QString& reference) {
    rows_.push_back(translation_inspection::added_row(source.toStdString(), reference.toStdString()));
    Q_EMIT pairsChanged();
    Q_EMIT scoresChanged();
}

void TranslationSnapshot::removeAddedPair(int row) {
    if (row < 0 || row >= static_cast<int>(rows_.size()) || !rows_[static_cast<size_t>(row)].added) return;
    rows_.erase(rows_.begin() + row);
    Q_EMIT pairsChanged();
    Q_EMIT scoresChanged();
}

bool TranslationSnapshot::samePairs(const std::vector<translation_inspection::BleuRow>& a,
                                    const std::vector<translation_inspection::BleuRow>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].source != b[i].source || a[i].reference != b[i].reference || a[i].added != b[i].added) return false;
    return true;
}

void TranslationSnapshot::setScores(int epoch, const std::vector<translation_inspection::BleuRow>& rows) {
    if (!samePairs(rows, rows_)) return;  // rows changed since the job started; a new one is on its way
    rows_ = rows;
    scoredEpoch_ = epoch;
    Q_EMIT scoresChanged();
}

void TranslationSnapshot::setProblem(const QString& problem) {
    if (problem == problem_) return;
    problem_ = problem;
    if (!problem_.isEmpty()) busy_ = false;
    Q_EMIT problemChanged();
}

void TranslationSnapshot::clear() {
    result_.reset();
    busy_ = false;
    for (auto& row : rows_) {
        row.translation.clear();
        row.bleu = -1;
    }
    scoredEpoch_ = -1;
    problem_.clear();
    Q_EMIT resultChanged();
    Q_EMIT scoresChanged();
    Q_EMIT problemChanged();
}
