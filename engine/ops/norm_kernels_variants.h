#pragma once
// The batch-normalisation kernels of each kernel set (engine/core/cpu_features.h), one namespace per set, each
// defined in its own norm_kernels_<set>.cpp compiled for that instruction set; norm_kernels.cpp chooses. The
// kernels are written once, in norm_kernels_impl.h, and see only plain data (no engine classes cross into
// code built for AVX2). Each works on the channels [first, last) and keeps one summation order per channel
// whatever the caller's chunking, so results do not depend on the thread count.
#include <cstdint>

namespace dl::detail {

// A batch viewed as [N, C, L]: examples, channels, and values per channel map (1 for [N, C]).
struct ChannelView {
    int64_t n = 0, c = 0, l = 1;
    int64_t per_channel() const { return n * l; }
    int64_t offset(int64_t example, int64_t channel) const { return (example * c + channel) * l; }
};

#define DIVELAB_DECLARE_NORM_KERNELS(set)                                                                              \
    namespace set {                                                                                                    \
    void shifted_channel_sums(const float* x, const ChannelView& v, int64_t first, int64_t last, double* s1,           \
                              double* s2);                                                                             \
    void scale_shift_channels(const float* x, float* y, const ChannelView& v, int64_t first, int64_t last,             \
                              const float* scale, const float* shift);                                                 \
    void gradient_channel_sums(const float* g, const float* x, const ChannelView& v, const float* mean, int64_t first, \
                               int64_t last, double* sg, double* sgx);                                                 \
    void input_gradient_channels(float* dx, bool fresh, const float* g, const float* x, const ChannelView& v,          \
                                 const float* mean, int64_t first, int64_t last, const float* a, const float* b,       \
                                 const float* k);                                                                      \
    void add_gradient_row_sums(const float* g, const float* x, int64_t n, float mean, double& sg, double& sgx);        \
    }

DIVELAB_DECLARE_NORM_KERNELS(generic)
#if defined(DIVELAB_X86_KERNELS)
DIVELAB_DECLARE_NORM_KERNELS(avx2)
#endif
#undef DIVELAB_DECLARE_NORM_KERNELS

}  // namespace dl::detail
