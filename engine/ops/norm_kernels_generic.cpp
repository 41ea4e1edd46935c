// The generic kernel set's batch-normalisation loops: norm_kernels_impl.h for the baseline (SSE2, NEON).
#include "engine/ops/norm_kernels_impl.h"

namespace dl::detail::generic {

void shifted_channel_sums(const float* x, const ChannelView& v, int64_t first, int64_t last, double* s1, double* s2) {
    NormKernels::shifted_channel_sums(x, v, first, last, s1, s2);
}

void scale_shift_channels(const float* x, float* y, const ChannelView& v, int64_t first, int64_t last,
                          const float* scale, const float* shift) {
    NormKernels::scale_shift_channels(x, y, v, first, last, scale, shift);
}

void gradient_channel_sums(const float* g, const float* x, const ChannelView& v, const float* mean, int64_t first,
                           int64_t last, double* sg, double* sgx) {
    NormKernels::gradient_channel_sums(g, x, v, mean, first, last, sg, sgx);
}

void input_gradient_channels(float* dx, bool fresh, const float* g, const float* x, const ChannelView& v,
                             const float* mean, int64_t first, int64_t last, const float* a, const float* b,
                             const float* k) {
    NormKernels::input_gradient_channels(dx, fresh, g, x, v, mean, first, last, a, b, k);
}

}  // namespace dl::detail::generic
