#include "ui/window/project_session.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

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

ProjectSession::ProjectSession(QObject* parent) : QObject(parent) {
    connect(&autosaveTimer_, &QTimer::timeout, this, [this] {
        QString error;
        if (!autosaveNow(false, &error)) Q_EMIT autosaveFailed(error);
    });
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

bool ProjectSession::autosaveNow(bool force, QString* error) {
    if (!snapshot_ || (!changedSinceAutosave_ && !force)) return true;
    try {
        QDir().mkpath(stateDir());
        dl::save_project(autosavePath().toStdString(), snapshot_());
        changedSinceAutosave_ = false;
        return true;
    } catch (const std::exception& e) {
        if (error) *error = tr("Autosave failed: %1").arg(QString::fromUtf8(e.what()));
        return false;
    }
}

void ProjectSession::discardAutosave() {
    autosaveTimer_.stop();
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
