#include "ui/window/project_session.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

#include <exception>

#include "ui/window/project_writer.h"

#ifdef Q_OS_UNIX
#include <signal.h>
#include <cerrno>
#endif

namespace {
const QString kRecentKey = QStringLiteral("project/recentFiles");

bool processRunning(qint64 pid) {
#ifdef Q_OS_UNIX
    // Signal 0 checks existence only. EPERM means it exists but belongs to someone else.
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
#else
    Q_UNUSED(pid);
    return true;  // never offer another running instance's file
#endif
}
}  // namespace

ProjectSession::ProjectSession(QObject* parent) : QObject(parent), writer_(new ProjectWriter(this)) {
    connect(&autosaveTimer_, &QTimer::timeout, this, [this] { autosaveNow(false); });
    connect(writer_, &ProjectWriter::written, this,
            [this](const QString&, const QString& error) { onAutosaveWritten(error); });
}

ProjectSession::~ProjectSession() = default;

void ProjectSession::setPath(const QString& path) {
    if (path == path_) return;
    path_ = path;
    Q_EMIT pathChanged(path_);
}

QString ProjectSession::displayName() const {
    return path_.isEmpty() ? tr("Untitled") : QFileInfo(path_).fileName();
}

void ProjectSession::setModified(bool modified) {
    if (modified) changedSinceAutosave_ = true;
    if (modified == modified_) return;
    modified_ = modified;
    Q_EMIT modifiedChanged(modified_);
}

QStringList ProjectSession::recentFiles() const {
    QStringList files;
    for (const QString& f : QSettings().value(kRecentKey).toStringList())
        if (QFileInfo::exists(f)) files << f;
    return files;
}

void ProjectSession::addRecentFile(const QString& path) {
    QStringList files = recentFiles();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles) files.removeLast();
    QSettings().setValue(kRecentKey, files);
    Q_EMIT recentFilesChanged();
}

void ProjectSession::removeRecentFile(const QString& path) {
    QStringList files = QSettings().value(kRecentKey).toStringList();
    files.removeAll(QFileInfo(path).absoluteFilePath());
    QSettings().setValue(kRecentKey, files);
    Q_EMIT recentFilesChanged();
}

QString ProjectSession::stateDir() {
    const QString env = qEnvironmentVariable("DIVELAB_STATE_DIR");
    return env.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) : env;
}

QString ProjectSession::autosavePath() const {
    return QDir(stateDir()).filePath(QStringLiteral("autosave-%1.divelab").arg(QCoreApplication::applicationPid()));
}

void ProjectSession::startAutosave(std::function<dl::Project()> snapshot, int milliseconds) {
    snapshot_ = std::move(snapshot);
    autosaveTimer_.start(milliseconds);
}

void ProjectSession::autosaveNow(bool force) {
    if (!snapshot_ || (!changedSinceAutosave_ && !force)) return;
    if (writer_->isBusy()) {
        autosaveAgain_ = true;
        forceAgain_ = forceAgain_ || force;
        return;
    }
    try {
        QDir().mkpath(stateDir());
        dl::Project project = snapshot_();
        changedSinceAutosave_ = false;  // changes from now on go into the next autosave
        writer_->write(autosavePath(), std::move(project));
    } catch (const std::exception& e) {
        Q_EMIT autosaveFailed(tr("Autosave failed: %1").arg(QString::fromUtf8(e.what())));
    }
}

bool ProjectSession::isAutosaving() const {
    return writer_->isBusy();
}

void ProjectSession::onAutosaveWritten(const QString& error) {
    if (error.isEmpty()) {
        Q_EMIT autosaved();
    } else {
        changedSinceAutosave_ = true;  // what failed to be written is still unsaved
        Q_EMIT autosaveFailed(tr("Autosave failed: %1").arg(error));
    }
    if (!autosaveAgain_) return;
    const bool force = forceAgain_;
    autosaveAgain_ = forceAgain_ = false;
    autosaveNow(force);
}

void ProjectSession::discardAutosave() {
    autosaveTimer_.stop();
    snapshot_ = nullptr;  // no autosave after this one
    writer_->waitForDone();
    QFile::remove(autosavePath());
}

std::optional<ProjectSession::Recoverable> ProjectSession::recoverable() {
    static const QRegularExpression pattern(QStringLiteral("^autosave-(\\d+)\\.divelab$"));
    std::optional<Recoverable> newest;
    const QFileInfoList files =
        QDir(stateDir()).entryInfoList({QStringLiteral("autosave-*.divelab")}, QDir::Files, QDir::Time);
    for (const QFileInfo& f : files) {
        const auto match = pattern.match(f.fileName());
        if (!match.hasMatch()) continue;
        const qint64 pid = match.captured(1).toLongLong();
        if (pid == QCoreApplication::applicationPid() || processRunning(pid)) continue;
        if (!newest || f.lastModified() > newest->saved) newest = Recoverable{f.absoluteFilePath(), f.lastModified()};
    }
    return newest;
}
