#pragma once
// The elementwise kernels of each kernel set (engine/core/cpu_features.h), one namespace per set, each
// defined in its own vector_math_<set>.cpp compiled for that instruction set; vector_math.cpp chooses.
// Same contracts as vector_math.h.
#include <cstdint>

namespace dl::detail {

// Cephes expf: e^x = 2^n · p(r) with n = round(x / ln2), r = x − n·ln2 (ln2 in two parts, exact product).
namespace cephes {
constexpr float kLog2e = 1.44269504088896341f, kLn2Hi = 0.693359375f, kLn2Lo = -2.12194440e-4f;
constexpr float kLow = -87.3f, kHigh = 88.3f;  // 2^n stays a normal float
constexpr float kP[6] = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f,
                         4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};
}  // namespace cephes

namespace generic {
void sigmoid_array(const float* x, float* y, int64_t n);
void tanh_array(const float* x, float* y, int64_t n);
void sigmoid_grad_array(const float* g, const float* a, float* dst, int64_t n, bool fresh);
void sigmoid_grad_pairs(const float* gy, float scale, const float* a, float* dst, int64_t n, int64_t rows,
                        int64_t repeat, bool fresh);
void relu_grad_array(const float* g, const float* y, float* dst, int64_t n, bool fresh);
}  // namespace generic
#if defined(DIVELAB_X86_KERNELS)
namespace avx2 {
void sigmoid_array(const float* x, float* y, int64_t n);
void tanh_array(const float* x, float* y, int64_t n);
void sigmoid_grad_array(const float* g, const float* a, float* dst, int64_t n, bool fresh);
void sigmoid_grad_pairs(const float* gy, float scale, const float* a, float* dst, int64_t n, int64_t rows,
                        int64_t repeat, bool fresh);
void relu_grad_array(const float* g, const float* y, float* dst, int64_t n, bool fresh);
}  // namespace avx2
namespace avx512 {  // sigmoid's backward is the AVX2 set's (memory-bound: sixteen lanes measured no faster)
void sigmoid_array(const float* x, float* y, int64_t n);
void tanh_array(const float* x, float* y, int64_t n);
}  // namespace avx512
#endif

}  // namespace dl::detail
