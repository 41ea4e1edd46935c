#pragma once
// FillBlankSnapshot: the model behind the fill-in-the-blank view — the sentence and its hidden words (the request),
// the latest guesses of the network for exactly that request with the training step they came from, and the
// attention maps of that sentence over the epochs (an AttentionSnapshot the heatmap view presents). Fed by
// FillBlankInspector's jobs; widgets only present it.
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

#include "engine/data/dataset.h"
#include "ui/bert_views/fill_blank_inspection.h"

class AttentionSnapshot;

class FillBlankSnapshot : public QObject {
    Q_OBJECT
public:
    explicit FillBlankSnapshot(QObject* parent = nullptr);

    void setData(std::shared_ptr<const dl::DataSplit> data);
    std::shared_ptr<const dl::DataSplit> data() const { return data_; }
    bool isBertPretraining() const;

    const fill_blank_inspection::Request& request() const { return request_; }
    void setRequest(const fill_blank_inspection::Request& request);
    void setText(const QString& text);  // keeps the hidden words that stay in place
    void toggleWord(int index);

    // The latest guesses for the current request (none yet, or only for an older request: nullopt).
    const std::optional<fill_blank_inspection::Outcome>& outcome() const { return outcome_; }
    // The training step the shown guesses came from (0: before any step, or a network trained elsewhere).
    qint64 outcomeStep() const { return outcomeStep_; }
    int resultsReceived() const { return resultsReceived_; }  // guesses taken, for tests
    AttentionSnapshot* attention() const { return attention_; }

    // The newest training step the GUI has heard of: the guesses that arrive next are stamped with it (a job's
    // result is delivered after the batches before it, see TrainingController::flush).
    void setCurrentStep(qint64 step) { currentStep_ = step; }
    // From the jobs: an outcome for an older request is dropped.
    void setOutcome(fill_blank_inspection::Outcome outcome);
    QString problem() const { return problem_; }
    void setProblem(const QString& problem);

public Q_SLOTS:
    void clear();  // a new run: forgets the guesses and the attention history, keeps the sentence

Q_SIGNALS:
    void dataChanged();
    void requestChanged();
    void outcomeChanged();
    void problemChanged();

private:
    void setAttentionAxes(const fill_blank_inspection::Outcome& outcome);

    std::shared_ptr<const dl::DataSplit> data_;
    fill_blank_inspection::Request request_;
    std::optional<fill_blank_inspection::Outcome> outcome_;
    qint64 outcomeStep_ = 0, currentStep_ = 0;
    int resultsReceived_ = 0;
    QString problem_;
    AttentionSnapshot* attention_;
};
