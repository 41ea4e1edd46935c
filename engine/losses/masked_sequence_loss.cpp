#include "engine/losses/masked_sequence_loss.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/ops/op_util.h"

namespace dl {

using detail::input;

namespace {
void check_arguments(const Shape& s, const std::vector<int32_t>& labels, const std::vector<int32_t>& lengths) {
    if (s.size() != 3)
        throw ShapeError("masked sequence cross-entropy: expects scores [batch, steps, vocabulary], got " +
                         to_string(s));
    if (static_cast<int64_t>(labels.size()) != s[0] * s[1])
        throw ShapeError("masked sequence cross-entropy: " + std::to_string(s[0] * s[1]) + " scored steps but " +
                         std::to_string(labels.size()) + " labels");
    if (static_cast<int64_t>(lengths.size()) != s[0])
        throw ShapeError("masked sequence cross-entropy: " + std::to_string(s[0]) + " sequences but " +
                         std::to_string(lengths.size()) + " valid lengths");
    for (int32_t y : labels)
        if (y < 0 || y >= s[2])
            throw ShapeError("masked sequence cross-entropy: label " + std::to_string(y) +
                             " is not a token of a vocabulary of " + std::to_string(s[2]));
}
}  // namespace

int64_t masked_tokens(const std::vector<int32_t>& valid_lengths, int64_t steps) {
    int64_t n = 0;
    for (int32_t len : valid_lengths) n += std::clamp<int64_t>(len, 0, steps);
    return n;
}

Var masked_sequence_cross_entropy(const Var& logits, const std::vector<int32_t>& labels,
                                  const std::vector<int32_t>& valid_lengths) {
    const Shape& s = logits.shape();
    check_arguments(s, labels, valid_lengths);
    const int64_t B = s[0], T = s[1], V = s[2];
    const float* z = logits.value().data();
    Tensor probs = Tensor::zeros({B, T, V});  // softmax of the scored rows, kept for the backward pass
    double total = 0;
    for (int64_t b = 0; b < B; ++b) {
        const int64_t valid = std::clamp<int64_t>(valid_lengths[b], 0, T);
        double sequence = 0;
        for (int64_t t = 0; t < valid; ++t) {
            const float* row = z + (b * T + t) * V;
            float* p = probs.data() + (b * T + t) * V;
            const float m = *std::max_element(row, row + V);
            double sum = 0;
            for (int64_t k = 0; k < V; ++k) sum += (p[k] = std::exp(row[k] - m));
            const float inv = static_cast<float>(1.0 / sum);
            for (int64_t k = 0; k < V; ++k) p[k] *= inv;
            sequence += (m + std::log(sum)) - row[labels[b * T + t]];
        }
        total += sequence / static_cast<double>(T);
    }
    std::vector<int64_t> valid(B);
    for (int64_t b = 0; b < B; ++b) valid[b] = std::clamp<int64_t>(valid_lengths[b], 0, T);
    return Var::make(Tensor::scalar(static_cast<float>(total)), {logits}, "masked_sequence_cross_entropy",
                     [probs, labels, valid, T, V](GradNode& self) {
                         GradNode& in = input(self, 0);
                         if (!in.requires_grad) return;
                         const float scale = self.grad[0] / static_cast<float>(T);
                         float* gi = in.grad_buffer().data();
                         for (size_t b = 0; b < valid.size(); ++b)
                             for (int64_t t = 0; t < valid[b]; ++t) {
                                 const int64_t r = static_cast<int64_t>(b) * T + t;
                                 for (int64_t k = 0; k < V; ++k) gi[r * V + k] += scale * probs[r * V + k];
                                 gi[r * V + labels[r]] -= scale;
                             }
                     });
}

}  // namespace dl
