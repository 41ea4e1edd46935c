#include "ui/plots/redraw_throttle.h"

RedrawThrottle::RedrawThrottle(std::function<void()> redraw) : redraw_(std::move(redraw)) {
    timer_.setSingleShot(true);
    QObject::connect(&timer_, &QTimer::timeout, [this] { run(); });
}

void RedrawThrottle::request() {
    if (timer_.isActive()) return;  // a redraw is already due: it will show this change too
    const qint64 since = sinceLast_.isValid() ? sinceLast_.elapsed() : kMinIntervalMs;
    if (since >= kMinIntervalMs)
        run();
    else
        timer_.start(static_cast<int>(kMinIntervalMs - since));
}

void RedrawThrottle::now() {
    timer_.stop();
    run();
}

void RedrawThrottle::run() {
    redraw_();
    sinceLast_.start();
    ++count_;
}
