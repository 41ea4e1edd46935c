#pragma once
// Batch normalisation's per-channel loops on the active kernel set (engine/core/cpu_features.h). The sums
// start from zero for each channel in [first, last) and land in s1[c − first] and so on; every channel is
// summed in one fixed order whatever the thread split.
#include "engine/ops/norm_kernels_variants.h"

namespace dl::detail {

// s1 = Σ(x − k), s2 = Σ(x − k)² per channel, with k the channel's first value (the shifted-data algorithm:
// one-pass variance stays accurate when the mean is large compared to the spread).
void shifted_channel_sums(const float* x, const ChannelView& v, int64_t first, int64_t last, double* s1, double* s2);
// y = x·scale + shift per channel.
void scale_shift_channels(const float* x, float* y, const ChannelView& v, int64_t first, int64_t last,
                          const float* scale, const float* shift);
// sg = Σg, sgx = Σg·(x − μ) per channel.
void gradient_channel_sums(const float* g, const float* x, const ChannelView& v, const float* mean, int64_t first,
                           int64_t last, double* sg, double* sgx);
// dx (+)= a·g + b·(x − μ) + k per channel (dx = ... when `fresh`).
void input_gradient_channels(float* dx, bool fresh, const float* g, const float* x, const ChannelView& v,
                             const float* mean, int64_t first, int64_t last, const float* a, const float* b,
                             const float* k);

// sg += Σg, sgx += Σg·(x − mean) over n values: one row of gradient_channel_sums, the same additions (for the
// callers that make g row by row).
void add_gradient_row_sums(const float* g, const float* x, int64_t n, float mean, double& sg, double& sgx);

}  // namespace dl::detail
