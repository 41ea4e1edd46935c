#include "ui/window/project_views.h"

#include <cmath>
#include <map>
#include <set>

#include "ui/training/metrics_history.h"

namespace project_views {

namespace {
dl::GradientNormSeries thinned(const QString& layer, const DecimatedSeries& norms, int maxPoints) {
    dl::GradientNormSeries s;
    s.layer = layer.toStdString();
    const qsizetype n = norms.size();
    const qsizetype group = std::max<qsizetype>(1, (n + maxPoints - 1) / std::max(1, maxPoints));
    for (qsizetype first = 0; first < n; first += group) {
        const qsizetype last = std::min(n, first + group);
        double sumX = 0, sumY = 0;
        for (qsizetype i = first; i < last; ++i) sumX += norms.x()[i], sumY += norms.y()[i];
        const double count = static_cast<double>(last - first);
        s.steps.push_back(std::llround(sumX / count));
        s.norms.push_back(static_cast<float>(sumY / count));
    }
    return s;
}
}  // namespace

std::vector<dl::GradientNormSeries> gradientNormsOf(const MetricsHistory& history, int maxPoints) {
    std::vector<dl::GradientNormSeries> series;
    for (int layer = 0; layer < history.layerCount(); ++layer)
        if (!history.layerNorms(layer).isEmpty())
            series.push_back(thinned(history.layerName(layer), history.layerNorms(layer), maxPoints));
    return series;
}

void restoreGradientNorms(MetricsHistory& history, const std::vector<dl::GradientNormSeries>& series) {
    std::map<int64_t, dl::GradientEvent> byStep;  // the layers of one step in the saved order
    for (const dl::GradientNormSeries& s : series)
        for (size_t i = 0; i < s.steps.size() && i < s.norms.size(); ++i) {
            dl::GradientEvent& event = byStep[s.steps[i]];
            event.step = s.steps[i];
            event.layers.push_back({s.layer, s.norms[i]});
        }
    std::vector<dl::GradientEvent> events;
    events.reserve(byStep.size());
    for (auto& [step, event] : byStep) events.push_back(std::move(event));
    history.onGradients(events);
}

bool histogramsBelongTo(const std::vector<dl::Histogram>& histograms, const dl::NetworkSpec& network) {
    std::set<std::string> ids;
    for (const dl::NodeSpec& n : network.nodes) ids.insert(n.id);
    for (const dl::Histogram& h : histograms)
        if (!ids.count(h.name.substr(0, h.name.find('.')))) return false;
    return true;
}

}  // namespace project_views
