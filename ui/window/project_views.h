#pragma once
// What a project keeps of the training views besides the per-epoch metrics: the per-layer gradient
// norms of the last run (thinned, so a long run stays a small file) and the check that weight
// histograms still belong to the network in the editor. A reopened project shows them again.
#include <vector>

#include "engine/io/project_file.h"

class MetricsHistory;

namespace project_views {

// At most this many points a layer are saved (the live plot holds up to 2000).
constexpr int kMaxSavedGradientPoints = 500;

// The history's per-layer gradient norms, neighbouring points averaged down to maxPoints a layer.
std::vector<dl::GradientNormSeries> gradientNormsOf(const MetricsHistory& history,
                                                    int maxPoints = kMaxSavedGradientPoints);
// Feeds saved norms to the history as gradient events, in step order.
void restoreGradientNorms(MetricsHistory& history, const std::vector<dl::GradientNormSeries>& series);
// Whether every histogram's tensor ("fc1.weight") belongs to a layer of `network` (true when empty).
bool histogramsBelongTo(const std::vector<dl::Histogram>& histograms, const dl::NetworkSpec& network);

}  // namespace project_views
