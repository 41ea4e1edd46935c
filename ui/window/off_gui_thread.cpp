#include "ui/window/off_gui_thread.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

void runOffGuiThread(const std::function<void()>& work) {
    // Not Qt's global pool: the raster paint engine fills big areas there and the GUI thread waits
    // for it, so painting in the loop below would stall behind any long job in that pool.
    QThreadPool pool;
    QFutureWatcher<void> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run(&pool, work));
    loop.exec(QEventLoop::ExcludeUserInputEvents);
}
