#pragma once
// The one-line verdict of a two-variant comparison, in the lesson's terms: "λ = 3: test loss 196.2 lower (0.19
// against 196.4)". Measured on the last epoch of each run (the first-layer gradient: its mean over the run).
#include <QString>

#include "engine/train/ready_ablations.h"

class ComparisonRunner;

// Empty until both of the first two variants have finished an epoch.
QString comparisonSummary(const ComparisonRunner& runner, dl::AblationMeasure measure);
// The mean gradient norm of the first layer with parameters over a run; NaN without gradients.
double meanFirstLayerGradient(const class MetricsHistory& history);
