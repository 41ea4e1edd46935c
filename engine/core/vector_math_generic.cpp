// The generic kernel set's sigmoid: the same Cephes steps as the AVX2 one in plain C++ with no library calls,
// so that the compiler vectorises it for the baseline (SSE2, NEON).
#include <bit>
#include <cstdint>

#include "engine/core/vector_math_variants.h"

namespace dl::detail::generic {

namespace {
using namespace cephes;

float exp_clamped(float x) {
    x = x < kLow ? kLow : (x > kHigh ? kHigh : x);
    constexpr float kRound = 12582912.0f;  // 1.5·2²³: adding and subtracting it rounds to the nearest integer (even)
    const float n = (x * kLog2e + kRound) - kRound;
    float r = x - n * kLn2Hi;
    r = r - n * kLn2Lo;
    float p = kP[0];
    for (int i = 1; i < 6; ++i) p = p * r + kP[i];
    p = p * (r * r) + (r + 1.0f);
    const int32_t two_n = (static_cast<int32_t>(n) + 127) << 23;
    return p * std::bit_cast<float>(two_n);
}
}  // namespace

void sigmoid_array(const float* x, float* y, int64_t n) {
    for (int64_t i = 0; i < n; ++i) y[i] = 1.0f / (1.0f + exp_clamped(0.0f - x[i]));
}

void tanh_array(const float* x, float* y, int64_t n) {
    for (int64_t i = 0; i < n; ++i) y[i] = 2.0f / (1.0f + exp_clamped(-2.0f * x[i])) - 1.0f;
}

void sigmoid_grad_array(const float* g, const float* a, float* dst, int64_t n, bool fresh) {
    if (fresh)
        for (int64_t i = 0; i < n; ++i) dst[i] = g[i] * a[i] * (1.0f - a[i]);
    else
        for (int64_t i = 0; i < n; ++i) dst[i] += g[i] * a[i] * (1.0f - a[i]);
}

void sigmoid_grad_pairs(const float* gy, float scale, const float* a, float* dst, int64_t n, int64_t rows,
                        int64_t repeat, bool fresh) {
    for (int64_t r = 0; r < rows; ++r, a += n, dst += n) {
        const float* g = gy + r / repeat * (n / 2);
        for (int64_t i = 0; i < n; ++i) {
            const float t = g[i / 2] * scale * a[i] * (1.0f - a[i]);
            dst[i] = fresh ? t : dst[i] + t;
        }
    }
}

void relu_grad_array(const float* g, const float* y, float* dst, int64_t n, bool fresh) {
    for (int64_t i = 0; i < n; ++i) {
        const float t = g[i] * (y[i] > 0.0f ? 1.0f : 0.0f);
        dst[i] = fresh ? t : dst[i] + t;
    }
}

}  // namespace dl::detail::generic
