#include "engine/ops/embedding.h"

#include <cmath>
#include <string>

#include "engine/core/error.h"
#include "engine/ops/op_util.h"

namespace dl {

namespace {
// The ids as integers, each checked against the vocabulary.
std::vector<int64_t> checked_ids(const Tensor& ids, int64_t vocab, const char* layer) {
    std::vector<int64_t> out(static_cast<size_t>(ids.numel()));
    for (int64_t i = 0; i < ids.numel(); ++i) {
        const float v = ids[i];
        if (!(v >= 0 && v < static_cast<float>(vocab)) || v != std::floor(v))
            throw InputError(std::string(layer) + ": token id " + std::to_string(v) + " is not in the vocabulary [0, " +
                             std::to_string(vocab) + "); set vocab_size to the data set's vocabulary (0 = automatic)");
        out[static_cast<size_t>(i)] = static_cast<int64_t>(v);
    }
    return out;
}

Shape with_last(const Shape& shape, int64_t last) {
    Shape out = shape;
    out.push_back(last);
    return out;
}
}  // namespace

Var embedding(const Tensor& ids, const Var& weight) {
    const int64_t V = weight.shape()[0], E = weight.shape()[1];
    std::vector<int64_t> rows = checked_ids(ids, V, "Embedding");
    Tensor out = Tensor::empty(with_last(ids.shape(), E));
    const float* w = weight.value().data();
    for (size_t i = 0; i < rows.size(); ++i) std::copy(w + rows[i] * E, w + (rows[i] + 1) * E, out.data() + i * E);
    return Var::make(out, {weight}, "embedding", [rows = std::move(rows), E](GradNode& self) {
        GradNode& w = detail::input(self, 0);
        if (!w.requires_grad) return;
        if (w.begin_grad_write()) w.grad.fill(0.0f);
        for (size_t i = 0; i < rows.size(); ++i) {
            const float* g = self.grad.data() + i * E;
            float* dst = w.grad.data() + rows[i] * E;
            for (int64_t j = 0; j < E; ++j) dst[j] += g[j];
        }
    });
}

Tensor one_hot(const Tensor& ids, int64_t vocab) {
    const std::vector<int64_t> rows = checked_ids(ids, vocab, "OneHot");
    Tensor out = Tensor::zeros(with_last(ids.shape(), vocab));
    for (size_t i = 0; i < rows.size(); ++i) out[static_cast<int64_t>(i) * vocab + rows[i]] = 1.0f;
    return out;
}

}  // namespace dl
