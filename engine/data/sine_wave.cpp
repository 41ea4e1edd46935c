#include "engine/data/sine_wave.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/core/random.h"

namespace dl {

std::vector<float> sine_wave_series(const SineWaveOptions& o) {
    if (o.length < 2) throw InputError("sine: the series needs at least 2 points, got " + std::to_string(o.length));
    if (!(o.noise >= 0.0)) throw InputError("sine: noise must be >= 0");
    Rng rng(o.seed);
    std::vector<float> x(static_cast<size_t>(o.length));
    for (int64_t t = 1; t <= o.length; ++t)
        x[static_cast<size_t>(t - 1)] =
            static_cast<float>(std::sin(0.01 * static_cast<double>(t)) + rng.normal() * o.noise);
    return x;
}

namespace {
Dataset lag_examples(const std::vector<float>& x, int64_t tau, int64_t first, int64_t count) {
    Dataset d;
    d.name = "sine";
    d.features = Tensor::empty({count, tau});
    d.targets = Tensor::empty({count, 1});
    for (int64_t i = 0; i < tau; ++i) d.feature_names.push_back("x(t-" + std::to_string(tau - i) + ")");
    for (int64_t r = 0; r < count; ++r) {
        const int64_t t = first + r;
        for (int64_t i = 0; i < tau; ++i) d.features.data()[r * tau + i] = x[static_cast<size_t>(t + i)];
        d.targets.data()[r] = x[static_cast<size_t>(t + tau)];
    }
    return d;
}
}  // namespace

DataSplit make_sine_wave(const SineWaveOptions& o) {
    if (o.tau < 1 || o.tau >= o.length)
        throw InputError("sine: tau " + std::to_string(o.tau) + " must be between 1 and the length - 1");
    const std::vector<float> x = sine_wave_series(o);
    const int64_t examples = o.length - o.tau;
    const int64_t n_train = std::clamp<int64_t>(o.n_train, 1, examples);
    return {lag_examples(x, o.tau, 0, n_train), lag_examples(x, o.tau, n_train, examples - n_train)};
}

std::vector<float> lag_series(const DataSplit& data) {
    const Dataset& first = data.train.size() > 0 ? data.train : data.test;
    if (first.size() == 0 || !first.targets.defined() || first.features.dim() != 2)
        throw InputError("lag_series: needs a lag data set (features [N, tau], targets [N, 1])");
    std::vector<float> series(first.features.data(), first.features.data() + first.features.size(1));
    for (const Dataset* part : {&data.train, &data.test})
        if (part->size() > 0) series.insert(series.end(), part->targets.data(), part->targets.data() + part->size());
    return series;
}

}  // namespace dl
