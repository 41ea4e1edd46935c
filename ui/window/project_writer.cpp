#include "ui/window/project_writer.h"

#include <QtConcurrent/QtConcurrentRun>

#include <exception>

ProjectWriter::ProjectWriter(QObject* parent) : QObject(parent) {
    pool_.setMaxThreadCount(1);
    connect(&watcher_, &QFutureWatcherBase::finished, this, [this] {
        busy_ = false;
        Q_EMIT written(path_, watcher_.result());
    });
}

ProjectWriter::~ProjectWriter() {
    waitForDone();
}

bool ProjectWriter::write(const QString& path, dl::Project project) {
    if (busy_) return false;
    busy_ = true;
    path_ = path;
    watcher_.setFuture(QtConcurrent::run(&pool_, [file = path.toStdString(), project = std::move(project)] {
        try {
            dl::save_project(file, project);
            return QString();
        } catch (const std::exception& e) {
            return QString::fromUtf8(e.what());
        }
    }));
    return true;
}

void ProjectWriter::waitForDone() {
    watcher_.waitForFinished();
}
