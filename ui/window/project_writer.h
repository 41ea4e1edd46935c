// ProjectWriter: writes project files on a worker thread, one at a time, so that a project holding
// big weights (ResNet-18: 45 MB, written as 60 MB of base64) never stalls the window. The caller
// takes the snapshot (a dl::Project) on its own thread; the worker serialises it and writes it
// atomically (dl::save_project), so a failure leaves the previous file as it was.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include "engine/io/project_file.h"

class ProjectWriter : public QObject {
    Q_OBJECT

public:
    explicit ProjectWriter(QObject* parent = nullptr);
    ~ProjectWriter() override;  // waits for a write in progress (its file would be lost work)

    bool isBusy() const { return busy_; }  // from write() until written()
    // Starts writing `project` to `path`; false (and nothing starts) while a write is in progress.
    bool write(const QString& path, dl::Project project);
    // Blocks until the write in progress, if any, has ended (a clean exit).
    void waitForDone();

Q_SIGNALS:
    // After each write; `error` is empty when it succeeded, else the reason for a person.
    void written(const QString& path, const QString& error);

private:
    QString path_;
    bool busy_ = false;
    QThreadPool pool_;                 // its own thread: Qt's global pool also paints (see DatasetLoader)
    QFutureWatcher<QString> watcher_;  // the result is the error message
};
