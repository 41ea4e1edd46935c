#pragma once
// D2L §3.1 synthetic regression data: y = Xw + b + ε, X ~ N(0, 1), ε ~ N(0, noise²).
// Training a linear model on it should recover w and b, which makes it the first sanity check.
#include <cstdint>
#include <vector>

#include "engine/data/dataset.h"

namespace dl {

struct LinearOptions {
    std::vector<float> w{2.0f, -3.4f};  // true weights; the number of features is w.size()
    float b = 4.2f;                     // true bias
    int64_t size = 1000;                // examples in train + test together (D2L: 1000)
    double noise = 0.01;                // stddev of ε
    double test_fraction = 0.2;         // 0 gives D2L's setup exactly: everything in train, empty test
    uint64_t seed = 0;
};

// features [N, d], targets [N, 1], feature names x1..xd.
DataSplit make_linear(const LinearOptions& options = {});

// D2L §4.5 (en §3.7) weight decay: high-dimensional linear regression that overfits on purpose.
// y = 0.05 + Σ_i 0.01·x_i + ε, x ~ N(0, 1), ε ~ N(0, 0.01²), d = 200; 20 training and 100 test examples.
struct HighDimLinearOptions {
    int64_t num_inputs = 200;
    int64_t n_train = 20, n_test = 100;
    double noise = 0.01;
    uint64_t seed = 0;
};
inline constexpr uint64_t kHighDimLinearSeed = 45;  // the registry's fixed seed: every run sees the same 120 points
DataSplit make_high_dim_linear(const HighDimLinearOptions& options = {});

}  // namespace dl
