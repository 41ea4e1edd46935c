#include "engine/nn/init.h"

#include <cmath>

#include "engine/core/error.h"

namespace dl {

const std::vector<std::string>& init_kinds() {
    static const std::vector<std::string> kinds{"xavier_uniform", "xavier_normal", "kaiming_uniform",
                                                "kaiming_normal", "normal",        "uniform",
                                                "constant",       "zeros",         "torch_default"};
    return kinds;
}

std::vector<AttrSpec> init_attribute_specs(const std::string& what) {
    using K = AttrSpec::Kind;
    return {
        {"init", K::Choice, std::string("xavier_uniform"), 0, 0, init_kinds(),
         "How the " + what + " start: Xavier keeps signal variance stable for tanh/sigmoid, Kaiming for ReLU."},
        {"init_std", K::Float, 0.01, 0.0, 10.0, {}, "Standard deviation for the 'normal' initializer."},
        {"init_range", K::Float, 0.05, 0.0, 10.0, {}, "Half-width a of U(−a, a) for the 'uniform' initializer."},
        {"init_value", K::Float, 0.0, -1e6, 1e6, {}, "Value for the 'constant' initializer."},
    };
}

InitSpec init_from_attributes(const Attributes& attrs) {
    return {attrs.get_string("init"), attrs.get_float("init_std"), attrs.get_float("init_range"),
            attrs.get_float("init_value")};
}

namespace {
void fill_uniform(Tensor& t, double bound, Rng& rng) {
    for (int64_t i = 0; i < t.numel(); ++i) t[i] = static_cast<float>(rng.uniform(-bound, bound));
}
void fill_normal(Tensor& t, double std, Rng& rng) {
    for (int64_t i = 0; i < t.numel(); ++i) t[i] = static_cast<float>(rng.normal(0.0, std));
}
}  // namespace

void initialize(Tensor& w, const InitSpec& s, int64_t fan_in, int64_t fan_out, Rng& rng) {
    const double in = static_cast<double>(std::max<int64_t>(fan_in, 1));
    const double out = static_cast<double>(std::max<int64_t>(fan_out, 1));
    if (s.kind == "xavier_uniform")
        fill_uniform(w, std::sqrt(6.0 / (in + out)), rng);
    else if (s.kind == "xavier_normal")
        fill_normal(w, std::sqrt(2.0 / (in + out)), rng);
    else if (s.kind == "kaiming_uniform")
        fill_uniform(w, std::sqrt(6.0 / in), rng);  // gain √2 for ReLU
    else if (s.kind == "kaiming_normal")
        fill_normal(w, std::sqrt(2.0 / in), rng);
    else if (s.kind == "normal")
        fill_normal(w, s.std, rng);
    else if (s.kind == "uniform")
        fill_uniform(w, s.range, rng);
    else if (s.kind == "constant")
        w.fill(static_cast<float>(s.value));
    else if (s.kind == "zeros")
        w.fill(0.0f);
    else if (s.kind == "torch_default")
        fill_uniform(w, 1.0 / std::sqrt(in), rng);  // nn.Linear's reset_parameters
    else
        throw InputError("initializer '" + s.kind + "' is unknown");
}

}  // namespace dl
