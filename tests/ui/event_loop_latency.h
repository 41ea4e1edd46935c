#pragma once
// Event-loop latency, the measure of a window that never waits on the engine: a timer on the GUI
// thread ticks every 5 ms and records how late each tick arrives while the work under test runs.
// A blocked GUI thread shows as late ticks; the UI tests ask for a 99th percentile below 50 ms.
#include <QObject>
#include <QString>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <vector>

namespace uitest {

class EventLoopLatency {
public:
    static constexpr int kTickMs = 5;

    EventLoopLatency() {
        tick_.setTimerType(Qt::PreciseTimer);
        QObject::connect(&tick_, &QTimer::timeout, [this] {
            const auto now = Clock::now();
            late_ms_.push_back(std::chrono::duration<double, std::milli>(now - last_).count() - kTickMs);
            last_ = now;
        });
    }
    void start() {
        late_ms_.clear();
        last_ = Clock::now();
        tick_.start(kTickMs);
    }
    void stop() { tick_.stop(); }

    size_t ticks() const { return late_ms_.size(); }
    // The delay below which `fraction` of the ticks arrived (0.99: the 99th percentile), in ms.
    double percentile(double fraction) const {
        if (late_ms_.empty()) return 0;
        std::vector<double> sorted = late_ms_;
        std::sort(sorted.begin(), sorted.end());
        return sorted[static_cast<size_t>(fraction * static_cast<double>(sorted.size() - 1))];
    }
    double worst() const { return late_ms_.empty() ? 0 : *std::max_element(late_ms_.begin(), late_ms_.end()); }
    QString summary() const {
        return QStringLiteral("event-loop delay over %1 ticks: p50 %2 ms, p99 %3 ms, max %4 ms")
            .arg(ticks())
            .arg(percentile(0.5), 0, 'f', 2)
            .arg(percentile(0.99), 0, 'f', 2)
            .arg(worst(), 0, 'f', 2);
    }

private:
    using Clock = std::chrono::steady_clock;
    QTimer tick_;
    Clock::time_point last_;
    std::vector<double> late_ms_;
};

}  // namespace uitest
