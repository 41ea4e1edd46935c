#pragma once
// D2L §8.1's predictions with a lag model (a network mapping the tau previous values to the next):
// 1-step predictions from the true past, and k-step-ahead predictions that feed the model its own
// outputs, which drift and (for k = 64) collapse to a nearly flat line.
#include <cstdint>
#include <vector>

#include "engine/nn/network.h"

namespace dl {

// Predictions of series values: values[i] estimates series[start + i] (0-based indices).
struct SeriesPrediction {
    int64_t steps = 1;  // how far ahead of the last true input each prediction is
    int64_t start = 0;
    std::vector<float> values;
};

struct LagPredictions {
    SeriesPrediction one_step;             // every value after the first tau, from true inputs
    std::vector<SeriesPrediction> k_step;  // one per asked k, in the order asked
};

// `net` takes [N, tau] and returns [N, 1]; tau is its input width. k-step predictions follow D2L's
// max_steps construction (max_steps = the largest k): row r starts from series[r..r+tau-1] and
// predicts the next max_steps values each from the tau before it, so every k covers
// T - tau - max_steps + 1 values starting at index tau + k - 1. Evaluation mode, no graph.
LagPredictions predict_lagged(Network& net, const std::vector<float>& series,
                              const std::vector<int64_t>& ks = {1, 4, 16, 64});

}  // namespace dl
