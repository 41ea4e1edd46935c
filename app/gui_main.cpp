// DiveLab desktop app entry point.
//   divelab                      open the main window
//   divelab --screenshot FILE    show the window, save a PNG of it once painted, and quit
//   divelab --quit-after MS      quit on its own after MS milliseconds (for tests)
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QPixmap>
#include <QTimer>
#include <QWindow>

#include <clocale>
#include <cstdio>
#include <functional>
#include <optional>

#ifdef Q_OS_LINUX
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "ui/i18n/interface_language.h"
#include "ui/training/metrics_history.h"
#include "ui/window/main_window.h"

#ifndef DIVELAB_VERSION
#define DIVELAB_VERSION "0.0.0"
#endif

namespace {

// A bare session (ssh, CI, xvfb-run from a root shell) has no XDG_RUNTIME_DIR; Qt then falls back
// to /tmp/runtime-$USER itself but warns on stderr. Make such a private directory quietly
// (/tmp/runtime-<uid>, mode 0700, ours) and point XDG_RUNTIME_DIR at it.
void ensureRuntimeDir() {
#ifdef Q_OS_LINUX
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) return;
    const QByteArray dir = "/tmp/runtime-" + QByteArray::number(static_cast<qulonglong>(getuid()));
    if (mkdir(dir.constData(), 0700) != 0) {
        struct stat st {};
        if (stat(dir.constData(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid()) return;
        if ((st.st_mode & 0777) != 0700 && chmod(dir.constData(), 0700) != 0) return;
    }
    qputenv("XDG_RUNTIME_DIR", dir);
#endif
}

// Waits until the window is exposed (mapped and painted), then saves QWidget::grab() to
// `path` and leaves the event loop: exit code 0 on success, 1 if the PNG could not be written
// or the window never appeared.
void scheduleScreenshot(QApplication& app, MainWindow& window, const QString& path, std::function<bool()> ready) {
    auto* poll = new QTimer(&app);
    QElapsedTimer clock;
    clock.start();
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, &app, [&app, &window, path, poll, clock, ready] {
        const bool exposed = window.windowHandle() && window.windowHandle()->isExposed();
        if (!exposed && clock.elapsed() < 15000) return;
        if (exposed && !ready() && clock.elapsed() < 300000) return;
        poll->stop();
        if (!exposed) {
            std::fprintf(stderr, "divelab: the window was never shown; no screenshot taken\n");
            app.exit(1);
            return;
        }
        // One more short pause so the first paint has been flushed before grabbing.
        QTimer::singleShot(150, &app, [&app, &window, path] {
            const QPixmap shot = window.grab();
            if (shot.isNull() || !shot.save(path, "PNG")) {
                std::fprintf(stderr, "divelab: could not save the screenshot to %s\n", qPrintable(path));
                app.exit(1);
                return;
            }
            app.exit(0);
        });
    });
    poll->start();
}

// The command line of the app (besides a project to open): what to show, and the automation the
// start-up test and scripts/screenshot.sh use.
struct GuiOptions {
    QString project, preset, view, screenshot;
    int quitAfterMs = -1;
    int trainEpochs = 0;
};

// Parses the command line; on a usage error prints it and returns the exit status (2).
std::optional<int> parseOptions(const QApplication& app, GuiOptions& o) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("DiveLab: learn deep learning by building and training networks."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringList{QStringLiteral("screenshot")},
                                        QStringLiteral("Show the main window, save a PNG of it to <file> and quit."),
                                        QStringLiteral("file"));
    const QCommandLineOption quitAfter(QStringList{QStringLiteral("quit-after")},
                                       QStringLiteral("Quit automatically after <ms> milliseconds."),
                                       QStringLiteral("ms"));
    const QCommandLineOption train(
        QStringList{QStringLiteral("train-epochs")},
        QStringLiteral("Start training the default experiment at once; with --screenshot, take it after <n> epochs."),
        QStringLiteral("n"));
    const QCommandLineOption preset(QStringList{QStringLiteral("preset")},
                                    QStringLiteral("Open with the preset <name> instead of the default experiment."),
                                    QStringLiteral("name"));
    const QCommandLineOption view(
        QStringList{QStringLiteral("view")},
        QStringLiteral("Show the training view <name>: loss, gradients, weights, boundary, predictions, confusion, "
                       "filters, featuremaps or batchnorm."),
        QStringLiteral("name"));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A .divelab project to open."),
                                 QStringLiteral("[project]"));
    for (const QCommandLineOption* option : {&view, &screenshot, &quitAfter, &train, &preset})
        parser.addOption(*option);
    parser.process(app);

    o.project = parser.positionalArguments().value(0);
    o.preset = parser.value(preset);
    o.view = parser.value(view);
    o.trainEpochs = parser.isSet(train) ? parser.value(train).toInt() : 0;
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        o.quitAfterMs = parser.value(quitAfter).toInt(&ok);
        if (!ok || o.quitAfterMs < 0) {
            std::fprintf(stderr, "divelab: --quit-after needs a number of milliseconds >= 0, got '%s'\n",
                         qPrintable(parser.value(quitAfter)));
            return 2;
        }
    }
    if (parser.isSet(screenshot)) {
        o.screenshot = parser.value(screenshot);
        if (o.screenshot.isEmpty()) {
            std::fprintf(stderr, "divelab: --screenshot needs a file name\n");
            return 2;
        }
    }
    return std::nullopt;
}

// Opens what the command line asks for; on failure prints why and returns the exit status.
std::optional<int> openRequested(MainWindow& window, const GuiOptions& o) {
    if (!o.preset.isEmpty() && !window.loadPreset(o.preset)) {
        std::fprintf(stderr, "divelab: no preset called '%s'\n", qPrintable(o.preset));
        return 2;
    }
    if (!o.project.isEmpty()) {
        QString error;
        if (!window.openProjectFile(o.project, &error)) {
            std::fprintf(stderr, "divelab: %s\n", qPrintable(error));
            return 1;
        }
    }
    if (!o.view.isEmpty() && !window.showView(o.view)) {
        std::fprintf(stderr,
                     "divelab: no view called '%s' (loss, gradients, weights, boundary, predictions, confusion, "
                     "filters, featuremaps, batchnorm)\n",
                     qPrintable(o.view));
        return 2;
    }
    return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
    ensureRuntimeDir();
    QApplication app(argc, argv);
    // Qt adopts the user's locale for C functions too; numbers in files must not depend on it.
    std::setlocale(LC_NUMERIC, "C");
    QCoreApplication::setOrganizationName(QStringLiteral("DiveLab"));
    QCoreApplication::setApplicationName(QStringLiteral("DiveLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DIVELAB_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("divelab"));
    QApplication::setWindowIcon(MainWindow::appIcon());
    // The interface language (setting "language", or DIVELAB_LANGUAGE), before any window is built.
    for (const QString& missing :
         interface_language::install(app, interface_language::resolve(interface_language::startupChoice())))
        std::fprintf(stderr, "divelab: the translation %s could not be loaded; showing English there\n",
                     qPrintable(missing));

    GuiOptions options;
    if (const auto status = parseOptions(app, options)) return *status;
    MainWindow window;
    if (const auto status = openRequested(window, options)) return *status;
    window.show();
    const int trainEpochs = options.trainEpochs;
    if (trainEpochs > 0) QTimer::singleShot(200, &window, &MainWindow::train);
    if (!options.screenshot.isEmpty()) {
        auto ready = [&window, trainEpochs] {
            return trainEpochs <= 0 || static_cast<int>(window.history()->epochs().size()) >= trainEpochs;
        };
        scheduleScreenshot(app, window, options.screenshot, ready);
    }
    if (options.quitAfterMs >= 0) QTimer::singleShot(options.quitAfterMs, &app, &QCoreApplication::quit);
    return app.exec();
}
