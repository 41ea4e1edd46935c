#pragma once
// D2L §8.1's sequence data: a noisy sine wave x_t = sin(0.01 t) + N(0, 0.2²), t = 1..T, turned into
// a regression problem by lag features: predict x_t from the tau values before it.
#include <cstdint>
#include <vector>

#include "engine/data/dataset.h"

namespace dl {

struct SineWaveOptions {
    int64_t length = 1000;  // T
    double noise = 0.2;     // stddev of the Gaussian noise
    int64_t tau = 4;        // lag features per example
    int64_t n_train = 600;  // the first n_train examples train, in order; the rest test
    uint64_t seed = 0;
};

// The series x_1..x_T itself.
std::vector<float> sine_wave_series(const SineWaveOptions& options = {});
// Features [T - tau, tau] (row t: x_t..x_{t+tau-1}, 0-based) and targets [T - tau, 1] (x_{t+tau}).
// No shuffling: train is the first n_train examples, test the rest (D2L: 600 and 396).
DataSplit make_sine_wave(const SineWaveOptions& options = {});

// The whole series a lag data set was cut from: the first example's features, then every target of
// train and then test (so the train/test split must be in order, as make_sine_wave makes it).
std::vector<float> lag_series(const DataSplit& data);

}  // namespace dl
