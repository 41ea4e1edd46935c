#include "comparison_runner.h"

#include <QFutureWatcher>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <map>

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/data/registry.h"
#include "ui/training/metrics_history.h"
#include "ui/training/training_controller.h"

namespace {

// Variants share a data set when its name and options agree (the usual case: one load for all).
std::string dataKey(const dl::Project& p) {
    const dl::DatasetOptions& o = p.dataset_options;
    return p.dataset + "|" + std::to_string(o.train_limit) + "|" + std::to_string(o.test_limit) + "|" +
           std::to_string(o.resize) + "|" + std::to_string(o.seed) + "|" + std::to_string(o.size.value_or(-1)) + "|" +
           std::to_string(o.noise.value_or(-1)) + "|" + std::to_string(o.num_classes.value_or(-1)) + "|" +
           std::to_string(o.test_fraction.value_or(-1));
}

}  // namespace

struct ComparisonRunner::Loaded {
    std::vector<std::shared_ptr<const dl::DataSplit>> data;  // one per variant
    QString error;
};

ComparisonRunner::ComparisonRunner(QObject* parent) : QObject(parent), cores_(QThread::idealThreadCount()) {}

ComparisonRunner::~ComparisonRunner() {
    ++generation_;
    for (TrainingController* c : controllers_) delete c;  // each stops and waits for its run
    controllers_.clear();
}

bool ComparisonRunner::runsInParallel(int variants, int cores) {
    return variants > 1 && cores >= variants;
}

QColor ComparisonRunner::colour(int index) {
    static const QColor colours[] = {QColor(31, 119, 180), QColor(214, 39, 40), QColor(44, 160, 44),
                                     QColor(148, 103, 189)};
    return colours[index % 4];
}

void ComparisonRunner::clear() {
    ++generation_;
    for (TrainingController* c : controllers_) delete c;
    controllers_.clear();
    for (MetricsHistory* h : histories_) h->deleteLater();
    histories_.clear();
    summaries_.clear();
    data_.clear();
    planned_.clear();
    done_.clear();
}

void ComparisonRunner::start(std::vector<ComparisonVariant> variants) {
    if (running_) cancel();
    clear();
    variants_ = std::move(variants);
    for (size_t i = 0; i < variants_.size(); ++i) {
        histories_.push_back(new MetricsHistory(this));
        summaries_.emplace_back();
        planned_.push_back(0);
        done_.push_back(0);
    }
    parallel_ = runsInParallel(count(), cores_);
    running_ = true;
    next_ = 0;
    Q_EMIT variantsChanged();
    Q_EMIT progressChanged(0);
    loadData();
}

void ComparisonRunner::loadData() {
    Q_EMIT statusChanged(tr("Loading the data…"));
    std::vector<std::pair<std::string, dl::DatasetOptions>> requests;
    for (const ComparisonVariant& v : variants_)
        requests.emplace_back(v.experiment.dataset, v.experiment.dataset_options);
    std::vector<std::string> keys;
    for (const ComparisonVariant& v : variants_) keys.push_back(dataKey(v.experiment));
    auto* watcher = new QFutureWatcher<Loaded>(this);
    const uint64_t generation = generation_;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != generation_) return;
        const Loaded loaded = watcher->result();
        onDataLoaded(loaded.data, loaded.error);
    });
    watcher->setFuture(QtConcurrent::run([requests, keys] {
        Loaded out;
        std::map<std::string, std::shared_ptr<const dl::DataSplit>> cache;
        try {
            for (size_t i = 0; i < requests.size(); ++i) {
                auto& shared = cache[keys[i]];
                if (!shared)
                    shared =
                        std::make_shared<const dl::DataSplit>(dl::load_dataset(requests[i].first, requests[i].second));
                out.data.push_back(shared);
            }
        } catch (const std::exception& e) {
            out.error = QString::fromStdString(e.what());
        }
        return out;
    }));
}

void ComparisonRunner::onDataLoaded(const std::vector<std::shared_ptr<const dl::DataSplit>>& data,
                                    const QString& error) {
    if (!error.isEmpty()) {
        Q_EMIT failed(tr("The data could not be loaded: %1").arg(error));
        return finish(false);
    }
    data_ = data;
    for (int i = 0; i < count(); ++i) {
        auto* c = new TrainingController;
        c->setRefreshInterval(refreshMs_);
        c->setSnapshotInterval(1 << 30);  // no weight histograms needed here: fewer pauses in the runs
        MetricsHistory* h = histories_[static_cast<size_t>(i)];
        connect(c, &TrainingController::runStarted, h, &MetricsHistory::onRunStarted);
        connect(c, &TrainingController::batchesArrived, h, &MetricsHistory::onBatches);
        connect(c, &TrainingController::gradientsArrived, h, &MetricsHistory::onGradients);
        connect(c, &TrainingController::epochFinished, h, &MetricsHistory::onEpoch);
        connect(c, &TrainingController::runStarted, this, [this, i](const dl::RunInfo& info) {
            planned_[static_cast<size_t>(i)] = info.batches_per_epoch * info.epochs;
            Q_EMIT progressChanged(percentDone());
        });
        connect(c, &TrainingController::batchesArrived, this, [this, i](const std::vector<dl::BatchEvent>& batches) {
            if (!batches.empty()) done_[static_cast<size_t>(i)] = batches.back().step;
            Q_EMIT progressChanged(percentDone());
        });
        connect(c, &TrainingController::finished, this,
                [this, i](const dl::TrainSummary& summary) { onVariantFinished(i, summary); });
        controllers_.push_back(c);
    }
    if (parallel_) {
        Q_EMIT statusChanged(tr("Training %n variants side by side…", nullptr, count()));
        for (int i = 0; i < count(); ++i) startVariant(i);
    } else {
        startVariant(next_++);
    }
}

void ComparisonRunner::startVariant(int index) {
    if (!parallel_)
        Q_EMIT statusChanged(tr("Training %1 (%2 of %3)…").arg(variant(index).label).arg(index + 1).arg(count()));
    dl::TrainConfig config = variant(index).experiment.train;
    config.threads = parallel_ ? std::max(1, cores_ / count()) : std::max(1, cores_);
    try {
        controllers_[static_cast<size_t>(index)]->start(variant(index).experiment.network,
                                                        data_[static_cast<size_t>(index)], config);
    } catch (const std::exception& e) {
        Q_EMIT failed(tr("%1 cannot train: %2").arg(variant(index).label, QString::fromStdString(e.what())));
        cancel();
    }
}

void ComparisonRunner::onVariantFinished(int index, const dl::TrainSummary& summary) {
    summaries_[static_cast<size_t>(index)] = summary;
    Q_EMIT variantFinished(index, summary);
    if (!running_) return;
    if (summary.outcome == dl::TrainSummary::Outcome::Stopped) return;  // cancel() finishes
    if (!parallel_ && next_ < count()) return startVariant(next_++);
    for (const auto& s : summaries_)
        if (!s) return;
    finish(true);
}

// stop() only asks: the runs end at their next batch and report Stopped later, which onVariantFinished ignores
// because the comparison is no longer running by then.
void ComparisonRunner::cancel() {
    if (!running_) return;
    for (TrainingController* c : controllers_)
        if (c->state() == TrainingController::State::Running || c->state() == TrainingController::State::Paused)
            c->stop();
    ++generation_;  // a data set still loading is dropped
    finish(false);
}

void ComparisonRunner::finish(bool completed) {
    if (!running_) return;
    running_ = false;
    dl::set_num_threads(0);  // the runs may have asked for fewer threads: give the main window every core back
    Q_EMIT statusChanged(completed ? tr("Done.") : tr("Stopped."));
    if (completed) Q_EMIT progressChanged(100);
    Q_EMIT finished(completed);
}

int ComparisonRunner::percentDone() const {
    int64_t planned = 0, done = 0;
    for (int i = 0; i < count(); ++i) {
        // A variant not started yet counts as long as the first one planned.
        const int64_t p = planned_[static_cast<size_t>(i)] > 0 ? planned_[static_cast<size_t>(i)] : planned_[0];
        planned += p;
        done += std::min(done_[static_cast<size_t>(i)], p);
    }
    return planned > 0 ? static_cast<int>(100 * done / planned) : 0;
}
