#pragma once
// The GEMM kernel of each kernel set (engine/core/cpu_features.h), one namespace per set, each defined in its
// own gemm_kernel_<set>.cpp compiled for that instruction set. gemm_kernel.cpp chooses between them; call
// these directly only to compare the sets (tests). Same contracts as gemm_kernel.h.
#include <cstdint>

#include "engine/core/gemm.h"

namespace dl::detail {

#define DIVELAB_DECLARE_GEMM_KERNELS(set)                                                                             \
    namespace set {                                                                                                   \
    void gemm_tile(const MatrixRef& a, const MatrixRef& b, float* c, int64_t ldc, int64_t m0, int64_t m1, int64_t n0, \
                   int64_t n1, float alpha, float beta);                                                              \
    void gemm_packed_b(const MatrixRef& a, const float* b_packed, int64_t n, float* c, int64_t ldc, int64_t m0,       \
                       int64_t m1, float alpha, float beta);                                                          \
    void pack_b_panels(const MatrixRef& b, float* packed);                                                            \
    void pack_a_whole(const MatrixRef& a, float* packed);                                                             \
    void gemm_tile_packed_a(const MatrixRef& a, const float* a_packed, const MatrixRef& b, float* c, int64_t ldc,     \
                            int64_t n0, int64_t n1, float alpha, float beta);                                         \
    }

DIVELAB_DECLARE_GEMM_KERNELS(generic)
#if defined(DIVELAB_X86_KERNELS)
DIVELAB_DECLARE_GEMM_KERNELS(avx2)
DIVELAB_DECLARE_GEMM_KERNELS(avx512)
#endif
#undef DIVELAB_DECLARE_GEMM_KERNELS

}  // namespace dl::detail
