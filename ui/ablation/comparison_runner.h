#pragma once
// ComparisonRunner: trains N variants of one experiment with the same seed, for ablations and the optimizer race.
// The data sets load on a worker thread; then the variants train side by side when the cores allow it (each on
// its own TrainingController with one engine thread per core it gets), otherwise one after the other with every
// core. Each variant's MetricsHistory feeds the comparison plots; progress counts the batches of all variants.
#include <QColor>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

#include "engine/io/project_file.h"
#include "engine/train/observer.h"
#include "ui/training/engine_metatypes.h"  // before moc sees the signals

class MetricsHistory;
class TrainingController;

struct ComparisonVariant {
    QString label;
    dl::Project experiment;
};

class ComparisonRunner : public QObject {
    Q_OBJECT
public:
    explicit ComparisonRunner(QObject* parent = nullptr);
    ~ComparisonRunner() override;  // stops what runs

    // True when `variants` runs can share `cores` with at least one core each.
    static bool runsInParallel(int variants, int cores);
    // The colour of variant i in every comparison view.
    static QColor colour(int index);

    // Replaces the variants (histories cleared) and starts: data first, then training. A run in progress is
    // cancelled first.
    void start(std::vector<ComparisonVariant> variants);
    void cancel();
    bool running() const { return running_; }
    bool parallel() const { return parallel_; }
    // Cores the machine offers (QThread::idealThreadCount); tests may pretend otherwise.
    void setCores(int cores) { cores_ = cores; }
    void setRefreshInterval(int milliseconds) { refreshMs_ = milliseconds; }

    int count() const { return static_cast<int>(variants_.size()); }
    const ComparisonVariant& variant(int index) const { return variants_.at(static_cast<size_t>(index)); }
    MetricsHistory* history(int index) const { return histories_.at(static_cast<size_t>(index)); }
    // The summary of a variant that ended; nothing before.
    std::optional<dl::TrainSummary> summary(int index) const { return summaries_.at(static_cast<size_t>(index)); }
    int percentDone() const;

Q_SIGNALS:
    void variantsChanged();  // new variants and empty histories
    void progressChanged(int percent);
    void statusChanged(const QString& text);
    void variantFinished(int index, const dl::TrainSummary& summary);
    void finished(bool completed);  // every variant done (true), or cancelled / failed (false)
    void failed(const QString& error);

private:
    struct Loaded;
    void loadData();
    void onDataLoaded(const std::vector<std::shared_ptr<const dl::DataSplit>>& data, const QString& error);
    void startVariant(int index);
    void onVariantFinished(int index, const dl::TrainSummary& summary);
    void finish(bool completed);
    void clear();

    std::vector<ComparisonVariant> variants_;
    std::vector<MetricsHistory*> histories_;
    std::vector<TrainingController*> controllers_;
    std::vector<std::optional<dl::TrainSummary>> summaries_;
    std::vector<std::shared_ptr<const dl::DataSplit>> data_;
    std::vector<int64_t> planned_, done_;  // batches per variant
    bool running_ = false, parallel_ = false;
    int cores_ = 0;
    int refreshMs_ = 100;
    int next_ = 0;             // the next variant to start when they run one after the other
    uint64_t generation_ = 0;  // counts starts: a data set loaded for an older start is dropped
};
