#pragma once
// Normalisation ops with fused forward passes and closed-form backward passes (D2L §8.5, §11.7):
// batch normalisation, layer normalisation, and channel-wise dropout of feature maps.
#include <cstdint>

#include "engine/autograd/variable.h"
#include "engine/core/random.h"
#include "engine/ops/window.h"

namespace dl {

// Batch normalisation over x [N, C, ...] (BatchNorm1d on [N, C] or [N, C, L], BatchNorm2d on [N, C, H, W]):
// statistics per channel over every axis but C; y = γ·(x − μ)/√(σ² + eps) + β with γ, β of shape [C].
// Training: μ and σ² are the batch's (biased σ² normalises) and the running buffers move towards them,
//   running = (1 − momentum)·running + momentum·batch, with the unbiased σ² (PyTorch's rule);
//   running_mean/var may be undefined tensors, then nothing is tracked.
// Evaluation: μ and σ² are running_mean and running_var.
// Deterministic: per-channel sums run in a fixed order whatever the thread count.
Var batch_norm(const Var& x, const Var& gamma, const Var& beta, Tensor& running_mean, Tensor& running_var,
               bool training, float momentum = 0.1f, float eps = 1e-5f);
// relu(batch_norm(...)) as one op, with the same numbers as the two: the BatchNorm output between them is
// never stored (ReLU's mask is read off the output), which saves one activation per pair — 151 MB for
// ResNet-18's stem at 96×96, batch 256 — and a pass over it each way.
Var batch_norm_relu(const Var& x, const Var& gamma, const Var& beta, Tensor& running_mean, Tensor& running_var,
                    bool training, float momentum = 0.1f, float eps = 1e-5f);
// sigmoid(batch_norm(...)) as one op in the same way (D2L's BatchNorm LeNet), the same numbers as the two.
Var batch_norm_sigmoid(const Var& x, const Var& gamma, const Var& beta, Tensor& running_mean, Tensor& running_var,
                       bool training, float momentum = 0.1f, float eps = 1e-5f);
// avg_pool2d(sigmoid(batch_norm(...)), window) as one op (BatchNorm LeNet's first two blocks), the same numbers as
// the three: the pooling reads each chunk of the sigmoid's output while it is in cache, and backward makes the
// gradient at the BatchNorm output plane by plane where it uses it, never storing the two in between.
Var batch_norm_sigmoid_avg_pool2d(const Var& x, const Var& gamma, const Var& beta, Tensor& running_mean,
                                  Tensor& running_var, bool training, float momentum, float eps, const Window2d& window,
                                  bool count_include_pad = true);

// Layer normalisation over the last `normalized_dims` axes of x (nn.LayerNorm(x.shape[-k:])): each
// example's values on those axes get mean 0 and variance 1, then γ and β (of those axes' shape) apply
// elementwise. The same in training and evaluation.
Var layer_norm(const Var& x, const Var& gamma, const Var& beta, int64_t normalized_dims, float eps = 1e-5f);

// Channel-wise inverted dropout of x [N, C, ...] (nn.Dropout2d): each (example, channel) map is zeroed
// with probability p and the kept ones are scaled by 1/(1 − p). Masks come from rng in the same order
// and with the same draws as dropout() on an [N, C] tensor, so one seed gives one set of masks.
Var dropout2d(const Var& x, float p, Rng& rng);

}  // namespace dl
