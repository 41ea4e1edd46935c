#pragma once
// PretrainedModelLoader: reads a saved BERT (dl::load_model: its network, weights and vocabulary) on a worker
// thread, so the window never waits for the file. The newest request wins: an older one's result is dropped.
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>

#include "engine/io/model_file.h"

class PretrainedModelLoader : public QObject {
    Q_OBJECT
public:
    explicit PretrainedModelLoader(QObject* parent = nullptr);
    ~PretrainedModelLoader() override;  // waits for a running read

    // Reads `path`; an empty path forgets the current model (and reports nothing).
    void request(const QString& path);
    QString path() const { return path_; }
    bool isBusy() const { return busy_; }
    std::shared_ptr<dl::LoadedModel> model() const { return model_; }  // null while busy or after a failure
    QString error() const { return error_; }

Q_SIGNALS:
    void finished();  // model() or error() tell how

private:
    struct Outcome {
        QString path;
        std::shared_ptr<dl::LoadedModel> model;
        QString error;
    };
    void onRead();

    QThreadPool pool_;
    QFutureWatcher<Outcome> watcher_;
    QString path_;
    bool busy_ = false;
    std::shared_ptr<dl::LoadedModel> model_;
    QString error_;
};
