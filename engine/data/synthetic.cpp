#include "engine/data/synthetic.h"

#include "engine/core/error.h"
#include "engine/core/random.h"

namespace dl {

DataSplit make_linear(const LinearOptions& o) {
    if (o.w.empty()) throw InputError("linear: the true weight vector w is empty");
    if (o.size < 1) throw InputError("linear: size " + std::to_string(o.size) + " must be at least 1");
    if (!(o.noise >= 0.0)) throw InputError("linear: noise " + std::to_string(o.noise) + " must be >= 0");
    const auto d = static_cast<int64_t>(o.w.size());
    Dataset all;
    all.name = "linear";
    all.features = Tensor::empty({o.size, d});
    all.targets = Tensor::empty({o.size, 1});
    for (int64_t j = 0; j < d; ++j)
        all.feature_names.push_back(
            std::string("x").append(std::to_string(j + 1)));  // not "x" + …: GCC 12 -Wrestrict false positive
    Rng rng(o.seed);
    float* x = all.features.data();
    for (int64_t i = 0; i < o.size; ++i) {
        double y = o.b;
        for (int64_t j = 0; j < d; ++j) {
            x[i * d + j] = static_cast<float>(rng.normal());
            y += static_cast<double>(o.w[j]) * x[i * d + j];
        }
        all.targets[i] = static_cast<float>(y + rng.normal(0.0, o.noise));
    }
    return split_train_test(all, o.test_fraction, o.seed ^ 0x5EED5EED5EED5EEDull);
}

namespace {

Dataset high_dim_part(const char* name, int64_t n, const HighDimLinearOptions& o, Rng& rng) {
    Dataset part;
    part.name = name;
    part.features = Tensor::empty({n, o.num_inputs});
    part.targets = Tensor::empty({n, 1});
    for (int64_t j = 0; j < o.num_inputs; ++j)
        part.feature_names.push_back(std::string("x").append(std::to_string(j + 1)));
    float* x = part.features.data();
    for (int64_t i = 0; i < n; ++i) {
        double y = 0.05;
        for (int64_t j = 0; j < o.num_inputs; ++j) {
            x[i * o.num_inputs + j] = static_cast<float>(rng.normal());
            y += 0.01 * x[i * o.num_inputs + j];
        }
        part.targets[i] = static_cast<float>(y + rng.normal(0.0, o.noise));
    }
    return part;
}

}  // namespace

DataSplit make_high_dim_linear(const HighDimLinearOptions& o) {
    if (o.num_inputs < 1 || o.n_train < 1 || o.n_test < 0)
        throw InputError("high-dim-linear: needs at least one input and one training example");
    if (!(o.noise >= 0.0)) throw InputError("high-dim-linear: noise " + std::to_string(o.noise) + " must be >= 0");
    Rng rng(o.seed);
    DataSplit split;
    split.train = high_dim_part("high-dim-linear", o.n_train, o, rng);
    split.test = high_dim_part("high-dim-linear", o.n_test, o, rng);
    return split;
}

}  // namespace dl
