#include "ui/bert_views/fill_blank_snapshot.h"

#include <QStringList>

#include "ui/attention_views/attention_snapshot.h"

FillBlankSnapshot::FillBlankSnapshot(QObject* parent)
    : QObject(parent), request_(fill_blank_inspection::default_request()), attention_(new AttentionSnapshot(this)) {}

void FillBlankSnapshot::setData(std::shared_ptr<const dl::DataSplit> data) {
    data_ = std::move(data);
    clear();
    Q_EMIT dataChanged();
}

bool FillBlankSnapshot::isBertPretraining() const {
    return data_ && data_->train.is_bert_pretraining() && data_->train.bert;
}

void FillBlankSnapshot::setRequest(const fill_blank_inspection::Request& request) {
    if (request == request_) return;
    request_ = request;
    outcome_.reset();
    attention_->clear();
    Q_EMIT requestChanged();
    Q_EMIT outcomeChanged();
}

void FillBlankSnapshot::setText(const QString& text) {
    setRequest(fill_blank_inspection::request_for_text(text.toStdString(), request_));
}

void FillBlankSnapshot::toggleWord(int index) {
    setRequest(fill_blank_inspection::toggled(request_, index));
}

void FillBlankSnapshot::setOutcome(fill_blank_inspection::Outcome outcome) {
    if (!(outcome.request == request_)) return;  // the learner changed the sentence meanwhile
    setAttentionAxes(outcome);
    if (!outcome.attention.empty()) attention_->addSnapshot(outcome.epoch, outcome.attention);
    outcome_ = std::move(outcome);
    outcomeStep_ = outcome_->step > 0 ? outcome_->step : currentStep_;
    ++resultsReceived_;
    setProblem({});
    Q_EMIT outcomeChanged();
}

void FillBlankSnapshot::setAttentionAxes(const fill_blank_inspection::Outcome& outcome) {
    attention_->setAttentionNodes(outcome.attention_nodes);
    QStringList tokens;
    for (const std::string& token : outcome.result.tokens) tokens << QString::fromStdString(token);
    if (tokens != attention_->queryLabels())
        attention_->setAxisLabels(tokens, tokens, tr("token attending (query)"), tr("token attended to (key)"));
}

void FillBlankSnapshot::setProblem(const QString& problem) {
    if (problem == problem_) return;
    problem_ = problem;
    Q_EMIT problemChanged();
}

void FillBlankSnapshot::clear() {
    outcome_.reset();
    outcomeStep_ = currentStep_ = 0;
    attention_->clear();
    problem_.clear();
    Q_EMIT outcomeChanged();
    Q_EMIT problemChanged();
}
