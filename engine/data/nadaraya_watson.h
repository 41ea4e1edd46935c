#pragma once
// D2L §10.2 (zh-v2; English §11.2): the data of Nadaraya–Watson kernel regression. 50 training points
// x_i = sort(uniform(0, 5)), y_i = 2 sin x_i + x_i^0.8 + N(0, 0.5²); the test set is D2L's x_test =
// 0, 0.1, …, 4.9 with the noise-free truth y_truth. Features [N, 1] (x), targets [N, 1] (y).
#include <cstdint>

#include "engine/data/dataset.h"

namespace dl {

struct NadarayaWatsonOptions {
    int64_t n_train = 50;
    double noise = 0.5;  // stddev of the Gaussian noise on the training targets
    uint64_t seed = 0;
};

// D2L's f(x) = 2 sin x + x^0.8.
double nadaraya_watson_truth(double x);
// Training x are distinct (a NadarayaWatson layer recognises a training query by its value).
DataSplit make_nadaraya_watson(const NadarayaWatsonOptions& options = {});

}  // namespace dl
