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

}  // namespace dl
