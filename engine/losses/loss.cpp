#include "engine/losses/loss.h"

#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/ops/op_util.h"

namespace dl {

using detail::input;

Var softmax_cross_entropy(const Var& logits, const std::vector<int32_t>& labels) {
    const Shape& s = logits.shape();
    if (s.size() != 2)
        throw ShapeError("cross-entropy: expects logits of shape [batch, classes], got " + to_string(s) +
                         " (add a Flatten/Linear layer so the network ends in one score per class)");
    const int64_t b = s[0], c = s[1];
    if (static_cast<int64_t>(labels.size()) != b)
        throw ShapeError("cross-entropy: " + std::to_string(b) + " predictions but " + std::to_string(labels.size()) +
                         " labels");
    const float* z = logits.value().data();
    Tensor probs = Tensor::empty(s);  // kept for the backward pass
    double total = 0;
    for (int64_t i = 0; i < b; ++i) {
        const int32_t y = labels[i];
        if (y < 0 || y >= c)
            throw ShapeError("cross-entropy: label " + std::to_string(y) + " is not a class of a " + std::to_string(c) +
                             "-class output (row " + std::to_string(i) + ")");
        const float* row = z + i * c;
        const float m = *std::max_element(row, row + c);
        double sum = 0;
        float* p = probs.data() + i * c;
        for (int64_t k = 0; k < c; ++k) sum += (p[k] = std::exp(row[k] - m));
        const float inv = static_cast<float>(1.0 / sum);
        for (int64_t k = 0; k < c; ++k) p[k] *= inv;
        total += (m + std::log(sum)) - row[y];
    }
    Tensor loss = Tensor::scalar(static_cast<float>(total / std::max<int64_t>(b, 1)));
    return Var::make(loss, {logits}, "softmax_cross_entropy", [probs, labels, b, c](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        const float scale = self.grad[0] / static_cast<float>(b);
        float* gi = in.grad_buffer().data();
        const float* p = probs.data();
        for (int64_t i = 0; i < b; ++i) {
            for (int64_t k = 0; k < c; ++k) gi[i * c + k] += scale * p[i * c + k];
            gi[i * c + labels[i]] -= scale;
        }
    });
}

Var bce_with_logits(const Var& logits, const Tensor& targets) {
    if (logits.value().numel() != targets.numel())
        throw ShapeError("binary cross-entropy: " + to_string(logits.shape()) + " predictions but targets of shape " +
                         to_string(targets.shape()));
    const int64_t n = targets.numel();
    const float* z = logits.value().data();
    const float* t = targets.data();
    double total = 0;
    for (int64_t i = 0; i < n; ++i)
        total += std::max(z[i], 0.0f) - z[i] * t[i] + std::log1p(std::exp(-std::fabs(z[i])));
    Tensor loss = Tensor::scalar(static_cast<float>(total / std::max<int64_t>(n, 1)));
    return Var::make(loss, {logits}, "bce_with_logits", [targets, n](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        const float scale = self.grad[0] / static_cast<float>(n);
        float* gi = in.grad_buffer().data();
        const float* z = in.value.data();
        const float* t = targets.data();
        for (int64_t i = 0; i < n; ++i) {
            const float sig = z[i] >= 0 ? 1.0f / (1.0f + std::exp(-z[i])) : std::exp(z[i]) / (1.0f + std::exp(z[i]));
            gi[i] += scale * (sig - t[i]);
        }
    });
}

Var mse(const Var& prediction, const Tensor& target, bool half) {
    if (prediction.value().numel() != target.numel())
        throw ShapeError("squared loss: predictions of shape " + to_string(prediction.shape()) +
                         " but targets of shape " + to_string(target.shape()));
    const int64_t n = target.numel();
    const float factor = half ? 0.5f : 1.0f;
    Tensor diff = Tensor::empty(prediction.shape());
    diff.vec() = prediction.value().vec() - target.vec();
    const float loss = factor * diff.vec().squaredNorm() / static_cast<float>(std::max<int64_t>(n, 1));
    return Var::make(Tensor::scalar(loss), {prediction}, half ? "half_mse" : "mse", [diff, n, factor](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        in.grad_buffer().vec() += (2.0f * factor * self.grad[0] / static_cast<float>(n)) * diff.vec();
    });
}

LossKind parse_loss(const std::string& name) {
    if (name == "cross_entropy" || name == "ce") return LossKind::CrossEntropy;
    if (name == "bce" || name == "binary_cross_entropy") return LossKind::BinaryCrossEntropy;
    if (name == "mse") return LossKind::MeanSquaredError;
    if (name == "half_mse") return LossKind::HalfMeanSquaredError;
    throw InputError("loss '" + name + "' is unknown; choose one of cross_entropy, bce, mse, half_mse");
}

std::string loss_name(LossKind kind) {
    switch (kind) {
        case LossKind::CrossEntropy:
            return "cross_entropy";
        case LossKind::BinaryCrossEntropy:
            return "bce";
        case LossKind::MeanSquaredError:
            return "mse";
        case LossKind::HalfMeanSquaredError:
            return "half_mse";
    }
    return "?";
}

int64_t count_correct(const Tensor& logits, const std::vector<int32_t>& labels) {
    const int64_t b = logits.size(0), c = logits.numel() / std::max<int64_t>(b, 1);
    int64_t correct = 0;
    for (int64_t i = 0; i < b; ++i) {
        const float* row = logits.data() + i * c;
        correct += (std::max_element(row, row + c) - row) == labels[i];
    }
    return correct;
}

}  // namespace dl
