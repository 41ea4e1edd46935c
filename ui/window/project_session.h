// ProjectSession: the bookkeeping around the experiment's project file — which file it is, whether
// it has unsaved changes, the recent-files list, and the autosave that lets a crashed session be
// recovered. It knows nothing of the experiment's content: the main window supplies a snapshot
// (a dl::Project) to write and applies the one it reads.
//
// Autosave files are named autosave-<pid>.divelab in stateDir(), one per running DiveLab, and are
// deleted on a clean exit. A file whose process no longer runs was left by a crash: recoverable().
// The snapshot is taken on the GUI thread; a ProjectWriter serialises and writes it on a worker.
#pragma once

#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <optional>

#include "engine/io/project_file.h"

class ProjectWriter;

class ProjectSession : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxRecentFiles = 8;
    static constexpr int kDefaultAutosaveMs = 30000;

    explicit ProjectSession(QObject* parent = nullptr);
    ~ProjectSession() override;

    // The open project file; empty for an experiment never saved.
    QString path() const { return path_; }
    void setPath(const QString& path);
    QString displayName() const;  // the file name, or "Untitled"

    bool isModified() const { return modified_; }
    void setModified(bool modified);

    // Most recent first; files that no longer exist are dropped when the list is read.
    QStringList recentFiles() const;
    void addRecentFile(const QString& path);
    void removeRecentFile(const QString& path);

    // $DIVELAB_STATE_DIR, else the per-user application data folder.
    static QString stateDir();
    QString autosavePath() const;
    // Starts autosaving every `milliseconds` while the experiment has changes since the last
    // autosave; `snapshot` builds what to write.
    void startAutosave(std::function<dl::Project()> snapshot, int milliseconds = kDefaultAutosaveMs);
    // Autosaves now if there are changes since the last autosave (or `force`): the snapshot is taken
    // here, serialising and writing it happen on a worker. One write at a time: asked while one is in
    // progress, it writes again when that one ends. autosaved() or autosaveFailed() tell how it went;
    // when writing fails (full disk, no permission) the old autosave stays.
    void autosaveNow(bool force = false);
    bool isAutosaving() const;
    // A clean exit: the autosave is not needed any more (waits for a write in progress, then removes it).
    void discardAutosave();

    struct Recoverable {
        QString path;
        QDateTime saved;
    };
    // The newest autosave left by a DiveLab that is no longer running, if any.
    static std::optional<Recoverable> recoverable();

Q_SIGNALS:
    void pathChanged(const QString& path);
    void modifiedChanged(bool modified);
    void recentFilesChanged();
    void autosaveFailed(const QString& error);
    void autosaved();

private:
    void onAutosaveWritten(const QString& error);

    QString path_;
    bool modified_ = false;
    bool changedSinceAutosave_ = false;
    std::function<dl::Project()> snapshot_;
    QTimer autosaveTimer_;
    ProjectWriter* writer_ = nullptr;
    bool autosaveAgain_ = false, forceAgain_ = false;  // asked while a write was in progress
};
