#include "engine/core/vector_math.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define DIVELAB_VECTOR_AVX2 1
#endif

namespace dl {

namespace {
// Cephes expf: e^x = 2^n · p(r) with n = round(x / ln2), r = x − n·ln2 (ln2 in two parts, exact product).
constexpr float kLog2e = 1.44269504088896341f, kLn2Hi = 0.693359375f, kLn2Lo = -2.12194440e-4f;
constexpr float kLow = -87.3f, kHigh = 88.3f;  // 2^n stays a normal float
constexpr float kP[6] = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f,
                         4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};

#if DIVELAB_VECTOR_AVX2
inline __m256 exp8(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(kLow)), _mm256_set1_ps(kHigh));
    const __m256 n =
        _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(kLog2e)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(kLn2Hi), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(kLn2Lo), r);
    __m256 p = _mm256_set1_ps(kP[0]);
    for (int i = 1; i < 6; ++i) p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kP[i]));
    p = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
    const __m256i two_n = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(p, _mm256_castsi256_ps(two_n));
}

inline __m256 sigmoid8(__m256 x) {
    const __m256 one = _mm256_set1_ps(1.0f);
    return _mm256_div_ps(one, _mm256_add_ps(one, exp8(_mm256_sub_ps(_mm256_setzero_ps(), x))));
}
#else
inline float exp1(float x) {
    x = std::min(std::max(x, kLow), kHigh);
    const float n = std::nearbyint(x * kLog2e);
    const float r = x - n * kLn2Hi - n * kLn2Lo;
    float p = kP[0];
    for (int i = 1; i < 6; ++i) p = p * r + kP[i];
    p = p * r * r + r + 1.0f;
    return std::ldexp(p, static_cast<int>(n));
}
#endif
}  // namespace

void sigmoid_array(const float* x, float* y, int64_t n) {
#if DIVELAB_VECTOR_AVX2
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, sigmoid8(_mm256_loadu_ps(x + i)));
    if (i == n) return;
    alignas(32) float tail[8] = {};  // the last few values go through the same vector code
    std::memcpy(tail, x + i, static_cast<size_t>(n - i) * sizeof(float));
    _mm256_store_ps(tail, sigmoid8(_mm256_load_ps(tail)));
    std::memcpy(y + i, tail, static_cast<size_t>(n - i) * sizeof(float));
#else
    for (int64_t i = 0; i < n; ++i) y[i] = 1.0f / (1.0f + exp1(-x[i]));
#endif
}

}  // namespace dl
