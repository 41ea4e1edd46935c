#pragma once
// The one generic finite-difference tester every op and layer goes through (dlib's idea).
// It checks the gradient of L = Σ w ⊙ f(leaves), with fixed random weights w, against central
// differences (L(x+ε) − L(x−ε)) / 2ε for every element of every leaf.
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/autograd/variable.h"
#include "engine/core/random.h"

namespace dltest {

struct GradCheckOptions {
    double eps = 1e-2;
    double atol = 2e-3;
    double rtol = 2e-2;
};

inline double project(const dl::Tensor& out, const dl::Tensor& w) {
    double s = 0;
    for (int64_t i = 0; i < out.numel(); ++i) s += static_cast<double>(out[i]) * w[i];
    return s;
}

// Returns "" when every analytic gradient matches, else a description of the first mismatch.
// `f` must recompute from the leaves' current values (the tester perturbs them in place).
inline std::string gradcheck(const std::function<dl::Var()>& f, std::vector<dl::Var> leaves,
                             GradCheckOptions opt = {}) {
    dl::Var out = f();
    dl::Rng rng(1234);
    dl::Tensor w = dl::Tensor::empty(out.shape());
    for (int64_t i = 0; i < w.numel(); ++i) w[i] = static_cast<float>(rng.uniform(-1.0, 1.0));
    for (auto& leaf : leaves) leaf.zero_grad();
    out.backward(w);
    for (size_t l = 0; l < leaves.size(); ++l) {
        dl::Tensor& x = leaves[l].value();
        const dl::Tensor analytic =
            leaves[l].grad().defined() ? leaves[l].grad().clone() : dl::Tensor::zeros(x.shape());
        for (int64_t i = 0; i < x.numel(); ++i) {
            const float saved = x[i];
            x[i] = saved + static_cast<float>(opt.eps);
            const double plus = project(f().value(), w);
            x[i] = saved - static_cast<float>(opt.eps);
            const double minus = project(f().value(), w);
            x[i] = saved;
            const double numeric = (plus - minus) / (2 * opt.eps);
            if (!(std::fabs(numeric - analytic[i]) <= opt.atol + opt.rtol * std::fabs(numeric))) {
                std::ostringstream msg;
                msg << "leaf " << l << " element " << i << ": analytic " << analytic[i] << " vs numeric " << numeric;
                return msg.str();
            }
        }
    }
    return "";
}

// A tensor of the given shape with values uniform in [lo, hi], optionally kept away from zero
// (|x| ≥ gap) so kinks like ReLU's never sit inside the finite-difference interval.
inline dl::Tensor random_tensor(const dl::Shape& shape, uint64_t seed, double lo = -1, double hi = 1, double gap = 0) {
    dl::Rng rng(seed);
    dl::Tensor t = dl::Tensor::empty(shape);
    for (int64_t i = 0; i < t.numel(); ++i) {
        double v = rng.uniform(lo, hi);
        if (std::fabs(v) < gap) v = v < 0 ? -gap : gap;
        t[i] = static_cast<float>(v);
    }
    return t;
}

// How many nodes of each op the graph behind `out` holds ("conv2d", "batch_norm_relu", …): which ops a network
// really ran, e.g. whether it fused two layers into one op.
inline std::map<std::string, int> graph_ops(const dl::Var& out) {
    std::map<std::string, int> count;
    std::set<const dl::GradNode*> seen;
    std::vector<const dl::GradNode*> todo{out.node()};
    while (!todo.empty()) {
        const dl::GradNode* n = todo.back();
        todo.pop_back();
        if (!n || !seen.insert(n).second) continue;
        ++count[n->op];
        for (const dl::GradNodePtr& in : n->inputs) todo.push_back(in.get());
    }
    return count;
}

}  // namespace dltest
