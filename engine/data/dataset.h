#pragma once
// Dataset: a whole set of examples in memory, as one features tensor plus labels or targets.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/tensor.h"

namespace dl {

struct Dataset {
    std::string name;
    Tensor features;  // [N, ...sample shape], e.g. [N,1,28,28], [N,2], [N,d]
    // Classification: one label in [0, num_classes) per example.
    std::vector<int32_t> labels;
    int num_classes = 0;
    std::vector<std::string> class_names;  // num_classes entries
    // Regression: targets [N, k]; labels stay empty.
    Tensor targets;
    std::vector<std::string> feature_names;  // optional: one per column of a table ([N,d] features)

    int64_t size() const { return features.defined() ? features.size(0) : 0; }
    Shape sample_shape() const;    // features shape without the leading N
    int64_t sample_numel() const;  // floats per example
    bool is_classification() const { return num_classes > 0; }
    // Throws InputError if labels/targets/class names do not match the features.
    void check() const;
};

struct DataSplit {
    Dataset train, test;
};

// The examples at `indices`, in that order (indices may repeat).
Dataset subset(const Dataset& data, const std::vector<int64_t>& indices);
// The first min(n, size) examples.
Dataset head(const Dataset& data, int64_t n);

// Random split: round(N * test_fraction) examples go to test, chosen by a seeded shuffle.
// Both parts keep the original relative order of their examples.
DataSplit split_train_test(const Dataset& data, double test_fraction, uint64_t seed);
// The same split as index lists (used by loaders that split before building features).
void split_indices(int64_t n, double test_fraction, uint64_t seed, std::vector<int64_t>& train,
                   std::vector<int64_t>& test);

}  // namespace dl
