#pragma once
// MetricsHistory: the model behind the live training views. It is fed by TrainingController's
// signals (connect them to the on* slots), keeps everything the plots show and emits one changed()
// per delivered chunk, never once per point. Widgets only present it (see ui/plots/training_plots.h).
//
// Long runs stay bounded: per-batch series and per-layer gradient norms are decimated by averaging
// consecutive points (DecimatedSeries), so a series never holds more than its maximum.
#include <QObject>
#include <QString>
#include <QVector>

#include <cmath>
#include <optional>
#include <vector>

#include "engine/train/observer.h"
#include "ui/training/engine_metatypes.h"  // before moc sees the slots below

// An (x, y) series that keeps at most maxPoints points: once full, neighbouring points are averaged
// in pairs and each later point stands for twice as many raw samples as before. The last point may
// stand for an incomplete bucket (the mean of the samples so far), so the newest value is visible.
class DecimatedSeries {
public:
    explicit DecimatedSeries(int maxPoints = 2000);
    void append(double x, double y);
    void clear();
    const QVector<double>& x() const { return x_; }
    const QVector<double>& y() const { return y_; }
    int size() const { return static_cast<int>(x_.size()); }
    bool isEmpty() const { return x_.isEmpty(); }
    int maxPoints() const { return maxPoints_; }
    int64_t bucketSize() const { return bucket_; }  // raw samples per complete point
    int64_t samples() const { return samples_; }    // raw samples appended since clear()

private:
    void compress();
    QVector<double> x_, y_;
    int maxPoints_;
    int64_t bucket_ = 1, pending_ = 0, samples_ = 0;
    double sumX_ = 0, sumY_ = 0;
};

// The index of the epoch whose `field` is best (highest when higherIsBetter, else lowest); epochs
// where it is not finite are skipped; nullopt when none is. The first of equals wins.
std::optional<size_t> bestEpochIndex(const std::vector<dl::EpochMetrics>& epochs, double dl::EpochMetrics::*field,
                                     bool higherIsBetter);

class MetricsHistory : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxLossPoints = 5000;      // per-batch loss and its smoothed curve
    static constexpr int kMaxGradientPoints = 2000;  // per layer
    static constexpr double kVanishingNorm = 1e-7;
    static constexpr double kExplodingNorm = 1e3;

    explicit MetricsHistory(QObject* parent = nullptr);

    const dl::RunInfo& runInfo() const { return info_; }
    bool hasRun() const { return hasRun_; }

    // Per batch; x is the fractional epoch (epoch - 1 + batch / batches_per_epoch).
    const DecimatedSeries& batchLoss() const { return batchLoss_; }
    const DecimatedSeries& smoothedLoss() const { return smoothedLoss_; }
    // Exponential moving average weight of the past, 0 (none) .. <1; bias-corrected as TensorBoard
    // does, so the first smoothed value equals the first loss. Default 0.95. Applies to new batches.
    void setSmoothing(double beta);
    double smoothing() const { return beta_; }
    int64_t lastStep() const { return lastStep_; }
    // BERT pretraining (D2L §14.10): each batch's masked-LM and next-sentence losses (empty for other runs).
    const DecimatedSeries& batchMlmLoss() const { return batchMlm_; }
    const DecimatedSeries& batchNspLoss() const { return batchNsp_; }
    bool isBertPretraining() const {
        return !batchMlm_.isEmpty() || (!epochs_.empty() && std::isfinite(epochs_.back().mlm_loss));
    }
    // The run's step budget (TrainConfig::max_steps; 0 = every epoch): the plots end their axis there.
    void setPlannedSteps(int64_t steps) { plannedSteps_ = steps; }
    int64_t plannedSteps() const { return plannedSteps_; }

    // Per epoch, in arrival order.
    const std::vector<dl::EpochMetrics>& epochs() const { return epochs_; }
    // The index in epochs() of the highest test accuracy (the first such epoch on a tie); nothing
    // without a finite test accuracy (no test set, regression).
    std::optional<size_t> bestTestEpoch() const;

    // Gradient L2 norms per layer over steps (x = step). Layers are ordered as in RunInfo::layers,
    // then in order of first appearance.
    int layerCount() const { return static_cast<int>(layers_.size()); }
    QString layerName(int layer) const { return layers_.at(static_cast<size_t>(layer)).name; }
    const DecimatedSeries& layerNorms(int layer) const { return layers_.at(static_cast<size_t>(layer)).norms; }
    double latestNorm(int layer) const;  // NaN before the first gradient event
    // A message for a person when the latest norm of some layer is below kVanishingNorm or above
    // kExplodingNorm (exploding is reported first), naming the layer; nothing when all is well.
    std::optional<QString> gradientWarning() const;

    // The accuracy a preset is known to reach (shown as a reference line). It belongs to the
    // preset, not to a run: clear() and onRunStarted() keep it.
    void setReference(double accuracy, const QString& note);
    void clearReference();
    std::optional<double> referenceAccuracy() const { return reference_; }
    QString referenceNote() const { return referenceNote_; }

    // Per-epoch metrics as CSV (header epoch,train_loss,train_acc,test_loss,test_acc,seconds,
    // examples_per_sec,lr; one row per epoch; NaN values as empty fields), written atomically.
    bool writeCsv(const QString& path, QString* error = nullptr) const;

public Q_SLOTS:
    void onRunStarted(const dl::RunInfo& info);
    void onBatches(const std::vector<dl::BatchEvent>& batches);
    void onGradients(const std::vector<dl::GradientEvent>& gradients);
    void onEpoch(const dl::EpochMetrics& metrics);
    void clear();

Q_SIGNALS:
    void changed();

private:
    struct Layer {
        QString name;
        DecimatedSeries norms{kMaxGradientPoints};
        double latest = 0;
        bool hasLatest = false;
    };
    void resetData();
    Layer& layer(const QString& name);

    dl::RunInfo info_;
    bool hasRun_ = false;
    DecimatedSeries batchLoss_{kMaxLossPoints}, smoothedLoss_{kMaxLossPoints};
    double beta_ = 0.95, ema_ = 0, emaWeight_ = 0;
    int64_t lastStep_ = 0, plannedSteps_ = 0;
    DecimatedSeries batchMlm_{kMaxLossPoints}, batchNsp_{kMaxLossPoints};
    std::vector<dl::EpochMetrics> epochs_;
    std::vector<Layer> layers_;
    std::optional<double> reference_;
    QString referenceNote_;
};
