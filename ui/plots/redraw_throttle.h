#pragma once
// RedrawThrottle: runs a view's redraw at most every kMinIntervalMs (~25 Hz), however often its model
// changes. The first request after a quiet spell redraws at once; requests inside the interval are
// merged into one redraw at its end, so the latest state is always what ends up on screen.
#include <functional>

#include <QElapsedTimer>
#include <QTimer>

class RedrawThrottle {
public:
    static constexpr int kMinIntervalMs = 40;

    explicit RedrawThrottle(std::function<void()> redraw);
    void request();  // redraw now or at the end of the current interval
    void now();      // redraw now, dropping a pending one (user actions, export, tests)
    int redrawCount() const { return count_; }

private:
    void run();

    std::function<void()> redraw_;
    QTimer timer_;
    QElapsedTimer sinceLast_;
    int count_ = 0;
};
