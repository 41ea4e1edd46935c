#include "ui/window/run_status_label.h"

#include <QLocale>

#include <cmath>

#include "ui/training/metrics_history.h"

namespace {
QString formatDuration(double seconds) {
    const int s = static_cast<int>(seconds + 0.5);
    return s >= 3600 ? QStringLiteral("%1:%2:%3")
                           .arg(s / 3600)
                           .arg(s / 60 % 60, 2, 10, QChar('0'))
                           .arg(s % 60, 2, 10, QChar('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}

// Accuracies with three decimals as D2L prints them; losses with four significant digits (a
// regression's loss may be 0.0001 or 40).
QString formatMetric(double value, bool accuracy) {
    return accuracy ? QString::number(value, 'f', 3) : QString::number(value, 'g', 4);
}

// The metric the run is judged by: test accuracy (or loss, for regression), the training one when
// there is no test set.
struct Metric {
    bool accuracy;
    bool test;
    double dl::EpochMetrics::*field() const {
        return test ? (accuracy ? &dl::EpochMetrics::test_acc : &dl::EpochMetrics::test_loss)
                    : (accuracy ? &dl::EpochMetrics::train_acc : &dl::EpochMetrics::train_loss);
    }
    double of(const dl::EpochMetrics& m) const { return m.*field(); }
};
}  // namespace

RunStatusLabel::RunStatusLabel(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("runStatus"));
    setTextFormat(Qt::PlainText);
}

void RunStatusLabel::startRun(int epochs, int64_t batchSize, double tokensPerExample, int64_t maxSteps) {
    epochs_ = epochs;
    maxSteps_ = maxSteps;
    lastStep_ = 0;
    batchSize_ = batchSize;
    tokensPerExample_ = tokensPerExample;
    paused_ = false;
    last_.reset();
    bleu_ = std::numeric_limits<double>::quiet_NaN();
    setText(tr("Starting…"));
}

void RunStatusLabel::showBatch(const dl::BatchEvent& batch) {
    last_ = batch;
    lastStep_ = batch.step;
    showProgress();
}

void RunStatusLabel::setPaused(bool paused) {
    if (paused == paused_) return;
    paused_ = paused;
    if (paused_ && last_) last_->examples_per_sec = 0;  // the speed of before the pause is stale on resume
    showProgress();
}

void RunStatusLabel::showEpoch(const dl::EpochMetrics& metrics) {
    bleu_ = metrics.bleu;
    showProgress();
}

void RunStatusLabel::showProgress() {
    if (!last_ || epochs_ <= 0 || last_->batches_per_epoch <= 0) {
        if (paused_) setText(tr("Paused"));
        return;
    }
    const dl::BatchEvent& b = *last_;
    QString where = tr("epoch %1/%2 · batch %3/%4").arg(b.epoch).arg(epochs_).arg(b.batch).arg(b.batches_per_epoch);
    double total = static_cast<double>(epochs_) * b.batches_per_epoch;
    if (maxSteps_ > 0 && maxSteps_ < total) {  // the run ends at a step, not at an epoch's end
        where = tr("step %1/%2 · epoch %3").arg(b.step).arg(maxSteps_).arg(b.epoch);
        total = static_cast<double>(maxSteps_);
    }
    if (std::isfinite(bleu_)) where += tr(" · BLEU %1").arg(bleu_, 0, 'f', 3);
    if (paused_) return setText(tr("Paused at %1").arg(where));
    if (b.examples_per_sec <= 0) return setText(where);
    const double eta = (total - b.step) * static_cast<double>(batchSize_) / b.examples_per_sec;
    const QString speed =
        tokensPerExample_ > 0
            ? tr("%1 tokens/s").arg(QLocale().toString(b.examples_per_sec * tokensPerExample_, 'f', 0))
            : tr("%1 examples/s").arg(QLocale().toString(b.examples_per_sec, 'f', 0));
    setText(tr("%1 · %2 · ETA %3").arg(where, speed, formatDuration(eta)));
}

QString RunStatusLabel::figures(const std::vector<dl::EpochMetrics>& epochs, bool classification) {
    if (epochs.empty()) return {};
    const dl::EpochMetrics& last = epochs.back();
    const Metric metric{classification, std::isfinite(classification ? last.test_acc : last.test_loss)};
    const dl::EpochMetrics* best = &epochs[bestEpochIndex(epochs, metric.field(), metric.accuracy).value_or(0)];
    const QString kind = classification ? tr("acc") : tr("loss");
    QString text =
        tr("train %1 %2").arg(kind, formatMetric(classification ? last.train_acc : last.train_loss, classification));
    if (metric.test) text += tr(", test %1 %2").arg(kind, formatMetric(metric.of(last), classification));
    if (std::isfinite(last.bleu)) text += tr(", mean BLEU %1").arg(last.bleu, 0, 'f', 3);
    if (std::isfinite(last.mlm_loss))  // BERT pretraining (D2L §14.10 prints these two losses)
        return text + tr(", MLM loss %1, NSP loss %2, NSP acc %3")
                          .arg(formatMetric(last.mlm_loss, false), formatMetric(last.nsp_loss, false),
                               formatMetric(last.nsp_acc, true));
    return text + tr(" · best %1 %2 %3 at epoch %4")
                      .arg(metric.test ? tr("test") : tr("train"), kind, formatMetric(metric.of(*best), classification))
                      .arg(best->epoch);
}

void RunStatusLabel::showEnd(const dl::TrainSummary& s, const std::vector<dl::EpochMetrics>& epochs,
                             bool classification) {
    paused_ = false;
    last_.reset();
    const QString results = figures(epochs, classification);
    const int done = epochs.empty() ? 0 : epochs.back().epoch;
    switch (s.outcome) {
        case dl::TrainSummary::Outcome::Completed:
            if (maxSteps_ > 0 && lastStep_ >= maxSteps_) {
                setText(tr("Finished %1 steps: %2").arg(lastStep_).arg(results));
                break;
            }
            setText((done == 1 ? tr("Finished 1 epoch: %1") : tr("Finished %1 epochs: %2").arg(done)).arg(results));
            break;
        case dl::TrainSummary::Outcome::Stopped:
            setText(done == 0 ? tr("Stopped before the first epoch ended.")
                              : tr("Stopped after %1 of %2 epochs: %3").arg(done).arg(epochs_).arg(results));
            break;
        case dl::TrainSummary::Outcome::Diverged:
            setText(tr("Diverged: see the message above the plots."));
            break;
        case dl::TrainSummary::Outcome::Failed:
            setText(tr("Training failed: see the message above the plots."));
            break;
    }
}

void RunStatusLabel::reset() {
    epochs_ = 0;
    maxSteps_ = lastStep_ = 0;
    batchSize_ = 0;
    tokensPerExample_ = 0;
    paused_ = false;
    last_.reset();
    bleu_ = std::numeric_limits<double>::quiet_NaN();
    clear();
}
