// DatasetLoader: loads data sets (dl::load_dataset, resizing included) on a worker thread, so the
// window never waits for one; progress arrives as a fraction for a "Loading… n %" display.
//
// The newest request wins: one made while another loads cancels that load at its next progress
// report, and only the newest is loaded. Loads never overlap, so memory holds at most the last
// loaded set and the one loading. Edits in a panel ask with a short delay (requestSoon), so a spin
// box held down or a slider dragged loads once at the end; a preset or a project asks at once.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <memory>
#include <optional>

#include "engine/data/registry.h"

class DatasetLoader : public QObject {
    Q_OBJECT

public:
    static constexpr int kDelayMs = 300;  // how long edits must pause before a load starts

    struct Request {
        QString name;  // for dl::load_dataset: a catalogue name or a path
        dl::DatasetOptions options;
        QString key() const;  // equal keys ask for the same data
    };

    explicit DatasetLoader(QObject* parent = nullptr);
    ~DatasetLoader() override;  // cancels a running load and waits for it to stop

    // Loads `request` once no newer request came for kDelayMs (edits in a panel).
    void requestSoon(const Request& request);
    // Loads `request` now (a preset, a project). Asking for the data already loaded does nothing.
    void requestNow(const Request& request);
    // The current choice cannot be loaded (`error` says why, e.g. a missing file): drops any waiting
    // or running load and reports failed(error).
    void reject(const QString& error);

    // True from a request until its data (or failure) is reported.
    bool isBusy() const { return busy_; }
    double progress() const { return progress_; }  // of the current load, 0 to 1
    // The last data loaded (nullptr before the first or after a failure) and its request's key.
    std::shared_ptr<const dl::DataSplit> data() const { return data_; }
    QString dataKey() const { return dataKey_; }

    // Loads on the calling thread; nullptr and a message for a person in `error` on failure. The
    // worker uses it too. `progress` may throw to cancel: that exception passes through.
    static std::shared_ptr<const dl::DataSplit> load(const Request& request, QString* error,
                                                     const dl::Progress& progress = {});

Q_SIGNALS:
    void busyChanged(bool busy);
    void progressChanged(double fraction);
    void loaded(std::shared_ptr<const dl::DataSplit> data);
    void failed(const QString& error);

private:
    struct Outcome {
        std::shared_ptr<const dl::DataSplit> data;
        QString error;
    };
    void want(const Request& request, int delayMs);
    void startWanted();
    void onLoadFinished();
    void setBusy(bool busy);
    void setProgress(double fraction);

    std::optional<Request> wanted_;  // the newest request not loaded yet
    QString runningKey_;             // the key of the load on the worker, if any
    QTimer delay_;
    // Its own thread, not Qt's global pool: the raster paint engine fills big areas on the global
    // pool and the GUI thread waits for it, so a long job there would stall painting.
    QThreadPool pool_;
    QFutureWatcher<Outcome> watcher_;
    std::shared_ptr<const dl::DataSplit> data_;
    QString dataKey_;
    bool busy_ = false;
    double progress_ = 0;
};
