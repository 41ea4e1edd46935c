#include "engine/data/toy.h"

#include <cmath>
#include <functional>
#include <numbers>

#include "engine/core/error.h"
#include "engine/core/random.h"

namespace dl {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

struct Point {
    double x, y;
};

// A point of class c (of k), before noise.
using PointMaker = std::function<Point(int c, int k, Rng& rng)>;

void check_options(const std::string& name, const ToyOptions& o, bool fixed_two_classes) {
    if (o.size < 2) throw InputError(name + ": size " + std::to_string(o.size) + " is too small (need at least 2)");
    if (!(o.noise >= 0.0)) throw InputError(name + ": noise " + std::to_string(o.noise) + " must be >= 0");
    if (fixed_two_classes && o.num_classes != 2)
        throw InputError(name + " always has 2 classes, not " + std::to_string(o.num_classes));
    if (o.num_classes < 2 || o.num_classes > o.size)
        throw InputError(name + ": " + std::to_string(o.num_classes) + " classes is not possible with " +
                         std::to_string(o.size) + " examples (need 2 <= classes <= size)");
}

DataSplit generate(const std::string& name, const ToyOptions& o, std::vector<std::string> class_names,
                   const PointMaker& make_point) {
    const int k = o.num_classes;
    Dataset all;
    all.name = name;
    all.num_classes = k;
    all.class_names = std::move(class_names);
    all.feature_names = {"x1", "x2"};
    all.features = Tensor::empty({o.size, 2});
    all.labels.resize(static_cast<size_t>(o.size));
    Rng rng(o.seed);
    float* xy = all.features.data();
    for (int64_t i = 0; i < o.size; ++i) {
        const int c = static_cast<int>(i % k);
        const Point p = make_point(c, k, rng);
        xy[2 * i] = static_cast<float>(p.x + rng.normal(0.0, o.noise));
        xy[2 * i + 1] = static_cast<float>(p.y + rng.normal(0.0, o.noise));
        all.labels[i] = c;
    }
    // A different stream for the split, so changing the test fraction does not move the points.
    return split_train_test(all, o.test_fraction, o.seed ^ 0x5EED5EED5EED5EEDull);
}

std::vector<std::string> numbered(const std::string& prefix, int k) {
    std::vector<std::string> names;
    for (int c = 0; c < k; ++c) names.push_back(prefix + " " + std::to_string(c));
    return names;
}

}  // namespace

DataSplit make_spiral(const ToyOptions& o) {
    check_options("spiral", o, false);
    return generate("spiral", o, numbered("arm", o.num_classes), [](int c, int k, Rng& rng) {
        const double t = rng.uniform();  // position along the arm: radius grows from 0 to 1
        const double angle = 1.75 * kTwoPi * t + kTwoPi * c / k;
        return Point{t * std::sin(angle), t * std::cos(angle)};
    });
}

DataSplit make_xor(const ToyOptions& o) {
    check_options("xor", o, true);
    return generate("xor", o, {"x*y < 0", "x*y > 0"}, [](int c, int, Rng& rng) {
        // Keep a small gap around the axes so the noise-free classes are cleanly separable.
        // Separate statements: the order of draws must not depend on the compiler.
        const double x_sign = rng.below(2) ? 1.0 : -1.0;
        const double x = x_sign * rng.uniform(0.05, 1.0);
        const double y_sign = c == 1 ? x_sign : -x_sign;  // class 1: same signs, x·y > 0
        return Point{x, y_sign * rng.uniform(0.05, 1.0)};
    });
}

DataSplit make_circles(const ToyOptions& o) {
    check_options("circles", o, true);
    return generate("circles", o, {"inner", "outer"}, [](int c, int, Rng& rng) {
        // Uniform over area: radius = sqrt of a uniform draw between the squared bounds.
        const double lo = c == 0 ? 0.0 : 0.7, hi = c == 0 ? 0.5 : 1.0;
        const double r = std::sqrt(rng.uniform(lo * lo, hi * hi));
        const double angle = rng.uniform(0.0, kTwoPi);
        return Point{r * std::cos(angle), r * std::sin(angle)};
    });
}

DataSplit make_gaussians(const ToyOptions& o) {
    check_options("gaussians", o, false);
    return generate("gaussians", o, numbered("blob", o.num_classes), [](int c, int k, Rng& rng) {
        const double angle = std::numbers::pi / 4 + kTwoPi * c / k;  // two blobs: top-right and bottom-left
        const double dx = rng.normal(0.0, 0.2);
        const double dy = rng.normal(0.0, 0.2);
        return Point{0.5 * std::cos(angle) + dx, 0.5 * std::sin(angle) + dy};
    });
}

DataSplit make_toy(ToyKind kind, const ToyOptions& o) {
    switch (kind) {
        case ToyKind::Spiral:
            return make_spiral(o);
        case ToyKind::Xor:
            return make_xor(o);
        case ToyKind::Circles:
            return make_circles(o);
        case ToyKind::Gaussians:
            return make_gaussians(o);
    }
    throw InputError("unknown toy data set kind");
}

}  // namespace dl
