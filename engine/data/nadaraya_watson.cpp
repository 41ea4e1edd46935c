#include "engine/data/nadaraya_watson.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/core/error.h"
#include "engine/core/random.h"

namespace dl {

double nadaraya_watson_truth(double x) {
    return 2.0 * std::sin(x) + std::pow(x, 0.8);
}

namespace {
Dataset regression_points(const std::vector<float>& x, const std::vector<float>& y) {
    const auto n = static_cast<int64_t>(x.size());
    Dataset d;
    d.name = "nadaraya-watson";
    d.features = Tensor::empty({n, 1});
    d.targets = Tensor::empty({n, 1});
    std::copy(x.begin(), x.end(), d.features.data());
    std::copy(y.begin(), y.end(), d.targets.data());
    d.feature_names = {"x"};
    return d;
}
}  // namespace

DataSplit make_nadaraya_watson(const NadarayaWatsonOptions& o) {
    if (o.n_train < 2)
        throw InputError("nadaraya-watson: needs at least 2 training points, got " + std::to_string(o.n_train));
    if (!(o.noise >= 0.0)) throw InputError("nadaraya-watson: noise must be >= 0");
    Rng rng(o.seed);
    std::vector<float> x(static_cast<size_t>(o.n_train));
    for (float& v : x) v = static_cast<float>(rng.uniform() * 5.0);
    std::sort(x.begin(), x.end());
    // Equal draws (a float collision) would be one key seen twice: nudge them apart.
    for (size_t i = 1; i < x.size(); ++i)
        if (x[i] <= x[i - 1]) x[i] = std::nextafter(x[i - 1], 6.0f);
    std::vector<float> y(x.size());
    for (size_t i = 0; i < x.size(); ++i)
        y[i] = static_cast<float>(nadaraya_watson_truth(x[i]) + rng.normal() * o.noise);
    std::vector<float> x_test, y_truth;
    for (int i = 0; i < 50; ++i) {
        x_test.push_back(static_cast<float>(i) * 0.1f);
        y_truth.push_back(static_cast<float>(nadaraya_watson_truth(x_test.back())));
    }
    return {regression_points(x, y), regression_points(x_test, y_truth)};
}

}  // namespace dl
