// The AVX2 kernel set's sigmoid, tanh and their backward steps, eight at a time. Compiled with -mavx2 -mfma
// (engine/CMakeLists.txt).
#include <immintrin.h>

#include <cstring>

#include "engine/core/vector_math_variants.h"

namespace dl::detail::avx2 {

namespace {
using namespace cephes;

__m256 exp8(__m256 x) {
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

__m256 sigmoid8(__m256 x) {
    const __m256 one = _mm256_set1_ps(1.0f);
    return _mm256_div_ps(one, _mm256_add_ps(one, exp8(_mm256_sub_ps(_mm256_setzero_ps(), x))));
}

// 2 / (1 + e^−2x) − 1: the same operations, in the same order, as the generic tanh.
__m256 tanh8(__m256 x) {
    const __m256 one = _mm256_set1_ps(1.0f);
    const __m256 e = exp8(_mm256_mul_ps(_mm256_set1_ps(-2.0f), x));
    return _mm256_sub_ps(_mm256_div_ps(_mm256_set1_ps(2.0f), _mm256_add_ps(one, e)), one);
}

template <__m256 (*F)(__m256)>
void apply(const float* x, float* y, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, F(_mm256_loadu_ps(x + i)));
    if (i == n) return;
    alignas(32) float tail[8] = {};  // the last few values go through the same vector code
    std::memcpy(tail, x + i, static_cast<size_t>(n - i) * sizeof(float));
    _mm256_store_ps(tail, F(_mm256_load_ps(tail)));
    std::memcpy(y + i, tail, static_cast<size_t>(n - i) * sizeof(float));
}

// g·a·(1 − a), then + d when adding: the empty asm keeps the compiler (-mfma) from fusing product and sum.
template <bool Add>
__m256 sigmoid_grad8(__m256 g, __m256 a, __m256 d) {
    __m256 t = _mm256_mul_ps(_mm256_mul_ps(g, a), _mm256_sub_ps(_mm256_set1_ps(1.0f), a));
    if constexpr (!Add) return t;
    __asm__("" : "+x"(t));
    return _mm256_add_ps(d, t);
}

template <bool Add>
void sigmoid_grad(const float* g, const float* a, float* dst, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(dst + i, sigmoid_grad8<Add>(_mm256_loadu_ps(g + i), _mm256_loadu_ps(a + i),
                                                     Add ? _mm256_loadu_ps(dst + i) : _mm256_setzero_ps()));
    for (; i < n; ++i) {  // the same two products and sum, one lane
        float t = g[i] * a[i] * (1.0f - a[i]);
        if constexpr (!Add) {
            dst[i] = t;
        } else {
            __asm__("" : "+x"(t));
            dst[i] += t;
        }
    }
}
// g[i] = gy[i / 2]·scale, eight at a time: four products, each copied to two lanes.
template <bool Add>
void sigmoid_grad_pairs(const float* gy, float scale, const float* a, float* dst, int64_t n) {
    const __m256i pairs = _mm256_setr_epi32(0, 0, 1, 1, 2, 2, 3, 3);
    const __m128 s = _mm_set1_ps(scale);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m128 four = _mm_mul_ps(_mm_loadu_ps(gy + i / 2), s);
        const __m256 g = _mm256_permutevar8x32_ps(_mm256_castps128_ps256(four), pairs);
        _mm256_storeu_ps(dst + i, sigmoid_grad8<Add>(g, _mm256_loadu_ps(a + i),
                                                     Add ? _mm256_loadu_ps(dst + i) : _mm256_setzero_ps()));
    }
    for (; i < n; ++i) {  // the same products and sum, one lane
        float t = gy[i / 2] * scale * a[i] * (1.0f - a[i]);
        if constexpr (!Add) {
            dst[i] = t;
        } else {
            __asm__("" : "+x"(t));
            dst[i] += t;
        }
    }
}
}  // namespace

void sigmoid_grad_pairs(const float* gy, float scale, const float* a, float* dst, int64_t n, int64_t rows,
                        int64_t repeat, bool fresh) {
    for (int64_t r = 0; r < rows; ++r, a += n, dst += n) {
        const float* g = gy + r / repeat * (n / 2);
        if (fresh)
            sigmoid_grad_pairs<false>(g, scale, a, dst, n);
        else
            sigmoid_grad_pairs<true>(g, scale, a, dst, n);
    }
}

void sigmoid_grad_array(const float* g, const float* a, float* dst, int64_t n, bool fresh) {
    if (fresh) return sigmoid_grad<false>(g, a, dst, n);
    sigmoid_grad<true>(g, a, dst, n);
}

void tanh_array(const float* x, float* y, int64_t n) {
    apply<tanh8>(x, y, n);
}

void sigmoid_array(const float* x, float* y, int64_t n) {
    apply<sigmoid8>(x, y, n);
}

// g·1 or g·0 from a compare mask: no branch, where the compiler would otherwise skip the product when y > 0.
// The product is exact, so adding it with or without a fused multiply-add gives the same bits.
void relu_grad_array(const float* g, const float* y, float* dst, int64_t n, bool fresh) {
    const __m256 one = _mm256_set1_ps(1.0f), zero = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 factor = _mm256_and_ps(_mm256_cmp_ps(_mm256_loadu_ps(y + i), zero, _CMP_GT_OQ), one);
        const __m256 t = _mm256_mul_ps(_mm256_loadu_ps(g + i), factor);
        _mm256_storeu_ps(dst + i, fresh ? t : _mm256_add_ps(_mm256_loadu_ps(dst + i), t));
    }
    for (; i < n; ++i) {
        const float t = g[i] * (y[i] > 0.0f ? 1.0f : 0.0f);
        dst[i] = fresh ? t : dst[i] + t;
    }
}

}  // namespace dl::detail::avx2
