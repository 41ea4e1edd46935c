// RunStatusLabel: the status bar's account of the current training run — where it is and how fast
// it goes while it runs, where it stopped while paused (no speed or ETA then: nothing moves), and
// how it ended, with the final and best train/test figures. The ending stays until reset() (a new
// run, experiment, preset or project); the window may also show other progress (data loading) in it.
#pragma once

#include <QLabel>

#include <limits>
#include <optional>
#include <vector>

#include "engine/train/observer.h"

class RunStatusLabel : public QLabel {
    Q_OBJECT
public:
    explicit RunStatusLabel(QWidget* parent = nullptr);

    // A new run of `epochs` epochs of `batchSize` examples starts. A language model's examples are
    // tokensPerExample tokens each (num_steps), a translation pair's its valid target tokens on average
    // (what D2L §9.7 counts): the speed is then shown in tokens/s.
    // maxSteps > 0 (TrainConfig::max_steps, BERT pretraining): the run stops after that many batches, and the
    // progress counts steps.
    void startRun(int epochs, int64_t batchSize, double tokensPerExample = 0, int64_t maxSteps = 0);
    // The latest batch of the run (progress, throughput and ETA, or "Paused" while paused).
    void showBatch(const dl::BatchEvent& batch);
    void setPaused(bool paused);
    // An epoch ended: a translation run shows its mean BLEU (EpochMetrics::bleu) beside the progress.
    void showEpoch(const dl::EpochMetrics& metrics);
    // How the run ended, from the epochs it completed.
    void showEnd(const dl::TrainSummary& summary, const std::vector<dl::EpochMetrics>& epochs, bool classification);
    // Nothing to report (a new experiment).
    void reset();

    // "Finished 10 epochs: train acc 0.842, test acc 0.808 · best test acc 0.858 at epoch 9", or
    // with losses for regression (and the last mean BLEU for translation); "" when no epoch completed.
    static QString figures(const std::vector<dl::EpochMetrics>& epochs, bool classification);

private:
    void showProgress();

    int epochs_ = 0;
    int64_t batchSize_ = 0;
    double tokensPerExample_ = 0;
    int64_t maxSteps_ = 0, lastStep_ = 0;
    bool paused_ = false;
    std::optional<dl::BatchEvent> last_;
    double bleu_ = std::numeric_limits<double>::quiet_NaN();  // of the last epoch; NaN: none
};
