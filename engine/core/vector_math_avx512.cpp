// The AVX-512 kernel set's sigmoid and tanh: the AVX2 set's Cephes steps sixteen at a time, the same operations in
// the same order, so every element gets the AVX2 set's bits (test_kernels checks it). Zen 4 runs a 512-bit
// operation as two 256-bit halves, but issues half as many instructions: the exponential's long chain of
// dependent steps then overlaps across more elements. Compiled with -mavx512f (engine/CMakeLists.txt).
#include <immintrin.h>

// GCC 12's AVX-512 intrinsics start from _mm512_undefined_ps(), which it then reports as maybe uninitialised.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "engine/core/vector_math_variants.h"

namespace dl::detail::avx512 {

namespace {
using namespace cephes;

__m512 exp16(__m512 x) {
    x = _mm512_min_ps(_mm512_max_ps(x, _mm512_set1_ps(kLow)), _mm512_set1_ps(kHigh));
    const __m512 n =
        _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(kLog2e)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(kLn2Hi), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(kLn2Lo), r);
    __m512 p = _mm512_set1_ps(kP[0]);
    for (int i = 1; i < 6; ++i) p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(kP[i]));
    p = _mm512_fmadd_ps(p, _mm512_mul_ps(r, r), _mm512_add_ps(r, _mm512_set1_ps(1.0f)));
    const __m512i two_n = _mm512_slli_epi32(_mm512_add_epi32(_mm512_cvtps_epi32(n), _mm512_set1_epi32(127)), 23);
    return _mm512_mul_ps(p, _mm512_castsi512_ps(two_n));
}

__m512 sigmoid16(__m512 x) {
    const __m512 one = _mm512_set1_ps(1.0f);
    return _mm512_div_ps(one, _mm512_add_ps(one, exp16(_mm512_sub_ps(_mm512_setzero_ps(), x))));
}

__m512 tanh16(__m512 x) {
    const __m512 one = _mm512_set1_ps(1.0f);
    const __m512 e = exp16(_mm512_mul_ps(_mm512_set1_ps(-2.0f), x));
    return _mm512_sub_ps(_mm512_div_ps(_mm512_set1_ps(2.0f), _mm512_add_ps(one, e)), one);
}

template <__m512 (*F)(__m512)>
void apply(const float* x, float* y, int64_t n) {
    int64_t i = 0;
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(y + i, F(_mm512_loadu_ps(x + i)));
    if (i == n) return;
    const __mmask16 tail = static_cast<__mmask16>((1u << (n - i)) - 1);  // the rest through the same code
    _mm512_mask_storeu_ps(y + i, tail, F(_mm512_maskz_loadu_ps(tail, x + i)));
}
}  // namespace

void sigmoid_array(const float* x, float* y, int64_t n) {
    apply<sigmoid16>(x, y, n);
}

void tanh_array(const float* x, float* y, int64_t n) {
    apply<tanh16>(x, y, n);
}

}  // namespace dl::detail::avx512
