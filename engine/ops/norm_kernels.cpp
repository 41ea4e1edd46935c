#include "engine/ops/norm_kernels.h"

#include "engine/core/cpu_features.h"

namespace dl::detail {

#if defined(DIVELAB_X86_KERNELS)
namespace {
bool use_avx2() {
    return active_kernel_set() != KernelSet::Generic;
}
}  // namespace

#define DIVELAB_NORM_DISPATCH(name, ...) return use_avx2() ? avx2::name(__VA_ARGS__) : generic::name(__VA_ARGS__)
#else
#define DIVELAB_NORM_DISPATCH(name, ...) return generic::name(__VA_ARGS__)
#endif

void shifted_channel_sums(const float* x, const ChannelView& v, int64_t first, int64_t last, double* s1, double* s2) {
    DIVELAB_NORM_DISPATCH(shifted_channel_sums, x, v, first, last, s1, s2);
}

void scale_shift_channels(const float* x, float* y, const ChannelView& v, int64_t first, int64_t last,
                          const float* scale, const float* shift) {
    DIVELAB_NORM_DISPATCH(scale_shift_channels, x, y, v, first, last, scale, shift);
}

void gradient_channel_sums(const float* g, const float* x, const ChannelView& v, const float* mean, int64_t first,
                           int64_t last, double* sg, double* sgx) {
    DIVELAB_NORM_DISPATCH(gradient_channel_sums, g, x, v, mean, first, last, sg, sgx);
}

void input_gradient_channels(float* dx, bool fresh, const float* g, const float* x, const ChannelView& v,
                             const float* mean, int64_t first, int64_t last, const float* a, const float* b,
                             const float* k) {
    DIVELAB_NORM_DISPATCH(input_gradient_channels, dx, fresh, g, x, v, mean, first, last, a, b, k);
}

void add_gradient_row_sums(const float* g, const float* x, int64_t n, float mean, double& sg, double& sgx) {
    DIVELAB_NORM_DISPATCH(add_gradient_row_sums, g, x, n, mean, sg, sgx);
}

}  // namespace dl::detail
