#include "engine/ops/masked_softmax.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/core/error.h"
#include "engine/ops/op_util.h"

namespace dl {

using detail::input;

namespace {
struct Layout {
    int64_t matrices = 1, queries = 1, keys = 1, per_batch_row = 1;
    bool per_query = false;  // one valid length per (batch row, query)
};

Layout layout_of(const Shape& s, const SoftmaxMask& mask) {
    if (s.size() < 2) throw ShapeError("masked softmax needs scores [..., queries, keys], got " + to_string(s));
    Layout l;
    l.queries = s[s.size() - 2];
    l.keys = s.back();
    for (size_t i = 0; i + 2 < s.size(); ++i) l.matrices *= s[i];
    l.per_batch_row = mask.per_batch_row > 0 ? mask.per_batch_row : (s.size() == 4 ? s[1] : 1);
    if (l.matrices % l.per_batch_row != 0)
        throw ShapeError("masked softmax: " + std::to_string(l.matrices) + " score matrices in " + to_string(s) +
                         " do not split into groups of " + std::to_string(l.per_batch_row) + " per batch row");
    if (mask.valid_lens.empty()) return l;
    const int64_t rows = l.matrices / l.per_batch_row, n = static_cast<int64_t>(mask.valid_lens.size());
    if (n != rows && n != rows * l.queries)
        throw ShapeError("masked softmax: " + std::to_string(n) + " valid lengths for scores " + to_string(s) +
                         ", which need one per batch row (" + std::to_string(rows) + ") or per query (" +
                         std::to_string(rows * l.queries) + ")");
    l.per_query = n != rows;
    for (int32_t v : mask.valid_lens)
        if (v < 0) throw InputError("masked softmax: a valid length is negative (" + std::to_string(v) + ")");
    return l;
}

// How many leading keys of query row q in matrix m are valid (keys past it get weight 0).
int64_t valid_keys(const Layout& l, const SoftmaxMask& mask, int64_t m, int64_t q) {
    int64_t n = l.keys;
    if (!mask.valid_lens.empty()) {
        const int64_t row = m / l.per_batch_row;
        n = std::min<int64_t>(n, mask.valid_lens[l.per_query ? row * l.queries + q : row]);
    }
    if (mask.causal) n = std::min(n, q + 1);
    return n;
}

// One row: softmax over the first `valid` entries, zeros after; uniform when nothing is valid (D2L).
void softmax_row(const float* x, float* y, int64_t valid, int64_t keys) {
    if (valid == 0) {
        std::fill(y, y + keys, 1.0f / static_cast<float>(keys));
        return;
    }
    float m = x[0];
    for (int64_t j = 1; j < valid; ++j) m = std::max(m, x[j]);
    double s = 0;
    for (int64_t j = 0; j < valid; ++j) s += std::exp(x[j] - m);
    const float log_s = static_cast<float>(std::log(s));
    for (int64_t j = 0; j < valid; ++j) y[j] = std::exp((x[j] - m) - log_s);
    std::fill(y + valid, y + keys, 0.0f);
}

// Calls f(row, valid) for every query row (row = m·Q + q), rows split between threads.
template <class F>
void each_row(const Layout& l, const SoftmaxMask& mask, F f) {
    const int64_t rows = l.matrices * l.queries;
    parallel_for(rows, std::max<int64_t>(1, detail::kElementwiseGrain / std::max<int64_t>(l.keys, 1)),
                 [&](int64_t first, int64_t last) {
                     for (int64_t r = first; r < last; ++r) f(r, valid_keys(l, mask, r / l.queries, r % l.queries));
                 });
}
}  // namespace

Var masked_softmax(const Var& scores, const SoftmaxMask& mask) {
    const Layout l = layout_of(scores.shape(), mask);
    Tensor y = Tensor::empty(scores.shape());
    if (l.keys == 0) return Var::make(y, {scores}, "masked_softmax", [](GradNode&) {});
    const float* px = scores.value().data();
    float* py = y.data();
    each_row(l, mask, [&](int64_t r, int64_t valid) { softmax_row(px + r * l.keys, py + r * l.keys, valid, l.keys); });
    return Var::make(y, {scores}, "masked_softmax", [y, l, mask](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        // dx = y ⊙ (g − Σ g·y) on valid keys; masked keys and all-masked rows pass nothing back
        const bool fresh = in.begin_grad_write();
        float* gi = in.grad.data();
        const float* g = self.grad.data();
        each_row(l, mask, [&](int64_t r, int64_t valid) {
            const int64_t base = r * l.keys;
            double dot = 0;
            for (int64_t j = 0; j < valid; ++j) dot += double(g[base + j]) * y[base + j];
            for (int64_t j = 0; j < l.keys; ++j) {
                const float d = j < valid ? y[base + j] * (g[base + j] - static_cast<float>(dot)) : 0.0f;
                gi[base + j] = fresh ? d : gi[base + j] + d;
            }
        });
    });
}

}  // namespace dl
