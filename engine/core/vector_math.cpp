#include "engine/core/vector_math.h"

#include "engine/core/cpu_features.h"
#include "engine/core/vector_math_variants.h"

namespace dl {

void sigmoid_array(const float* x, float* y, int64_t n) {
#if defined(DIVELAB_X86_KERNELS)
    const KernelSet set = active_kernel_set();
    if (set == KernelSet::Avx512) return detail::avx512::sigmoid_array(x, y, n);
    if (set != KernelSet::Generic) return detail::avx2::sigmoid_array(x, y, n);
#endif
    detail::generic::sigmoid_array(x, y, n);
}

void tanh_array(const float* x, float* y, int64_t n) {
#if defined(DIVELAB_X86_KERNELS)
    const KernelSet set = active_kernel_set();
    if (set == KernelSet::Avx512) return detail::avx512::tanh_array(x, y, n);
    if (set != KernelSet::Generic) return detail::avx2::tanh_array(x, y, n);
#endif
    detail::generic::tanh_array(x, y, n);
}

void sigmoid_grad_array(const float* g, const float* a, float* dst, int64_t n, bool fresh) {
#if defined(DIVELAB_X86_KERNELS)
    if (active_kernel_set() != KernelSet::Generic) return detail::avx2::sigmoid_grad_array(g, a, dst, n, fresh);
#endif
    detail::generic::sigmoid_grad_array(g, a, dst, n, fresh);
}

void sigmoid_grad_pairs(const float* gy, float scale, const float* a, float* dst, int64_t n, int64_t rows,
                        int64_t repeat, bool fresh) {
#if defined(DIVELAB_X86_KERNELS)
    if (active_kernel_set() != KernelSet::Generic)
        return detail::avx2::sigmoid_grad_pairs(gy, scale, a, dst, n, rows, repeat, fresh);
#endif
    detail::generic::sigmoid_grad_pairs(gy, scale, a, dst, n, rows, repeat, fresh);
}

void relu_grad_array(const float* g, const float* y, float* dst, int64_t n, bool fresh) {
#if defined(DIVELAB_X86_KERNELS)
    if (active_kernel_set() != KernelSet::Generic) return detail::avx2::relu_grad_array(g, y, dst, n, fresh);
#endif
    detail::generic::relu_grad_array(g, y, dst, n, fresh);
}

}  // namespace dl
