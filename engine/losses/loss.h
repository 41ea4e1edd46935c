#pragma once
// Loss functions. Each returns the mean loss over the batch as a one-value Var.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/autograd/variable.h"

namespace dl {

// Softmax + cross-entropy fused (D2L §4.5): loss_i = logsumexp(z_i) − z_i[y_i], computed with the
// max-subtraction trick so large logits never overflow; gradient (softmax − onehot)/B.
Var softmax_cross_entropy(const Var& logits, const std::vector<int32_t>& labels);

// Binary cross-entropy on logits: mean(max(z,0) − z·t + log(1 + e^{−|z|})); targets in [0, 1].
Var bce_with_logits(const Var& logits, const Tensor& targets);

// Squared error: mean((ŷ − y)²), or D2L's mean(½(ŷ − y)²) when half is true (§3.1 squared_loss).
Var mse(const Var& prediction, const Tensor& target, bool half = false);

enum class LossKind { CrossEntropy, BinaryCrossEntropy, MeanSquaredError, HalfMeanSquaredError };
LossKind parse_loss(const std::string& name);  // "cross_entropy", "bce", "mse", "half_mse"
std::string loss_name(LossKind kind);

// Number of rows whose arg-max matches the label (not differentiable).
int64_t count_correct(const Tensor& logits, const std::vector<int32_t>& labels);

}  // namespace dl
