// ProjectSession: the bookkeeping around the experiment's project file — which file it is, whether
// it has unsaved changes, the recent-files list, and the autosave that lets a crashed session be
// recovered. It knows nothing of the experiment's content: the main window supplies a snapshot
// (a dl::Project) to write and applies the one it reads.
//
// Autosave files are named autosave-<pid>.divelab in stateDir(), one per running DiveLab, and are
// deleted on a clean exit. A file whose process no longer runs was left by a crash: recoverable().
#pragma once

#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <optional>

#include "engine/io/project_file.h"

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
    // Writes the autosave file now if there are changes since the last one (or `force`). False with
    // the reason in `error` when writing failed (full disk, no permission); the old autosave stays.
    bool autosaveNow(bool force = false, QString* error = nullptr);
    // A clean exit: the autosave is not needed any more.
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

private:
    QString path_;
    bool modified_ = false;
    bool changedSinceAutosave_ = false;
    std::function<dl::Project()> snapshot_;
    QTimer autosaveTimer_;
};
