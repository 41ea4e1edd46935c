#include "ui/dataset/dataset_loader.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace {
// Thrown by the progress callback of a superseded load. Not a std::exception, so nothing on its way
// out of the engine mistakes it for a loading error.
struct LoadCancelled {};

constexpr int kProgressSteps = 1000;
}  // namespace

QString DatasetLoader::Request::key() const {
    const dl::DatasetOptions& o = options;
    return name +
           QStringLiteral("|%1|%2|%3|%4|%5|%6|%7|%8|%9|%10")
               .arg(o.size.value_or(-1))
               .arg(o.noise.value_or(-1))
               .arg(o.num_classes.value_or(-1))
               .arg(o.test_fraction.value_or(-1))
               .arg(QString::fromStdString(o.target))
               .arg(o.seed)
               .arg(o.train_limit)
               .arg(o.test_limit)
               .arg(int(o.classify_target) * 2 + int(o.standardize))
               .arg(o.resize) +
           QStringLiteral("|%1|%2|%3|%4|%5|%6")
               .arg(QString::fromStdString(o.token_kind))
               .arg(o.num_steps.value_or(-1))
               .arg(QString::fromStdString(dl::sampling_name(o.sampling)))
               .arg(o.min_freq.value_or(-1))
               .arg(o.max_tokens.value_or(-1))
               .arg(o.max_pairs.value_or(-1)) +
           // BERT: the task, the padded length and which vocabulary (a pretrained model's is another set of ids)
           QStringLiteral("|bert%1|%2|%3")
               .arg(static_cast<int>(o.bert))
               .arg(o.max_len.value_or(-1))
               .arg(reinterpret_cast<quintptr>(o.bert_vocabulary.get()));
}

DatasetLoader::DatasetLoader(QObject* parent) : QObject(parent) {
    pool_.setMaxThreadCount(1);
    delay_.setSingleShot(true);
    connect(&delay_, &QTimer::timeout, this, &DatasetLoader::startWanted);
    connect(&watcher_, &QFutureWatcherBase::progressValueChanged, this,
            [this](int steps) { setProgress(static_cast<double>(steps) / kProgressSteps); });
    connect(&watcher_, &QFutureWatcherBase::finished, this, &DatasetLoader::onLoadFinished);
}

DatasetLoader::~DatasetLoader() {
    watcher_.cancel();
    watcher_.waitForFinished();
}

void DatasetLoader::requestSoon(const Request& request) {
    want(request, kDelayMs);
}

void DatasetLoader::requestNow(const Request& request) {
    want(request, 0);
}

void DatasetLoader::want(const Request& request, int delayMs) {
    const QString key = request.key();
    const bool loadedAlready = data_ && key == dataKey_;
    const bool loadingAlready = watcher_.isRunning() && !watcher_.isCanceled() && key == runningKey_;
    delay_.stop();
    if (loadedAlready || loadingAlready) {
        wanted_.reset();
        if (loadedAlready && watcher_.isRunning()) watcher_.cancel();  // back to the data we have
        setBusy(loadingAlready);
        return;
    }
    wanted_ = request;
    setBusy(true);
    setProgress(0);
    if (watcher_.isRunning()) watcher_.cancel();  // stale now; onLoadFinished starts the newest
    if (delayMs > 0)
        delay_.start(delayMs);
    else
        startWanted();
}

void DatasetLoader::reject(const QString& error) {
    delay_.stop();
    wanted_.reset();
    if (watcher_.isRunning()) watcher_.cancel();
    data_.reset();
    dataKey_.clear();
    Q_EMIT failed(error);
    setBusy(false);
}

void DatasetLoader::startWanted() {
    if (!wanted_ || watcher_.isRunning()) return;  // a cancelled load still winding down starts it when done
    const Request request = *wanted_;
    wanted_.reset();
    runningKey_ = request.key();
    watcher_.setFuture(QtConcurrent::run(&pool_, [request](QPromise<Outcome>& promise) {
        promise.setProgressRange(0, kProgressSteps);
        Outcome outcome;
        try {
            outcome.data = load(request, &outcome.error, [&promise](double fraction) {
                if (promise.isCanceled()) throw LoadCancelled{};
                promise.setProgressValue(static_cast<int>(fraction * kProgressSteps));
            });
        } catch (const LoadCancelled&) {
            return;  // no result: onLoadFinished drops it
        }
        promise.addResult(outcome);
    }));
}

void DatasetLoader::onLoadFinished() {
    const bool stale = watcher_.isCanceled() || watcher_.future().resultCount() == 0;
    const QString key = runningKey_;
    runningKey_.clear();
    if (wanted_) {  // a newer request came meanwhile
        if (!delay_.isActive()) startWanted();
        return;
    }
    if (stale) return;  // cancelled by a return to the data already loaded
    const Outcome outcome = watcher_.result();
    data_ = outcome.data;
    dataKey_ = data_ ? key : QString();
    setProgress(1.0);
    // The data first, then not busy: a listener waiting for the end finds the new data in place.
    if (data_)
        Q_EMIT loaded(data_);
    else
        Q_EMIT failed(outcome.error);
    setBusy(false);
}

void DatasetLoader::setBusy(bool busy) {
    if (busy == busy_) return;
    busy_ = busy;
    Q_EMIT busyChanged(busy_);
}

void DatasetLoader::setProgress(double fraction) {
    progress_ = fraction;
    Q_EMIT progressChanged(fraction);
}

std::shared_ptr<const dl::DataSplit> DatasetLoader::load(const Request& request, QString* error,
                                                         const dl::Progress& progress) {
    try {
        auto split = std::make_shared<const dl::DataSplit>(
            dl::load_dataset(request.name.toStdString(), request.options, progress));
        if (error) error->clear();
        return split;
    } catch (const std::exception& e) {
        if (error) *error = tr("Could not load %1: %2").arg(request.name, QString::fromStdString(e.what()));
    }
    return nullptr;
}
