#include "ui/training/pretrained_model_loader.h"

#include <QtConcurrent/QtConcurrentRun>

#include <exception>

PretrainedModelLoader::PretrainedModelLoader(QObject* parent) : QObject(parent) {
    pool_.setMaxThreadCount(1);
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &PretrainedModelLoader::onRead);
}

PretrainedModelLoader::~PretrainedModelLoader() {
    watcher_.waitForFinished();
}

void PretrainedModelLoader::request(const QString& path) {
    if (path == path_ && (busy_ || model_)) return;  // already read or on its way
    path_ = path;
    model_.reset();
    error_.clear();
    busy_ = !path.isEmpty();
    if (!busy_) return;
    if (watcher_.isRunning()) return;  // onRead starts the newest when the running read ends
    watcher_.setFuture(QtConcurrent::run(&pool_, [path]() -> Outcome {
        Outcome out{path, nullptr, {}};
        try {
            out.model = std::make_shared<dl::LoadedModel>(dl::load_model(path.toStdString()));
            if (!out.model->bert)
                out.error = QObject::tr(
                                "%1 has no BERT vocabulary, so it is not a pretrained BERT (train the preset "
                                "bert-tiny, or export one it trained)")
                                .arg(path);
        } catch (const std::exception& e) {
            out.error = QString::fromUtf8(e.what());
        }
        if (!out.error.isEmpty()) out.model.reset();
        return out;
    }));
}

void PretrainedModelLoader::onRead() {
    const Outcome out = watcher_.result();
    if (out.path != path_) {  // a newer request came meanwhile: read that one
        const QString wanted = path_;
        path_.clear();
        request(wanted);
        return;
    }
    busy_ = false;
    model_ = out.model;
    error_ = out.error;
    Q_EMIT finished();
}
