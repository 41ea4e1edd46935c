#include "engine/core/gemm_kernel.h"

#include "engine/core/gemm_variants.h"
#include "engine/core/kernel_dispatch.h"

// Each call goes to the active kernel set's GEMM; the sets are compiled separately (gemm_kernel_<set>.cpp).
namespace dl::detail {

void gemm_tile(const MatrixRef& a, const MatrixRef& b, float* c, int64_t ldc, int64_t m0, int64_t m1, int64_t n0,
               int64_t n1, float alpha, float beta) {
    DIVELAB_DISPATCH(gemm_tile(a, b, c, ldc, m0, m1, n0, n1, alpha, beta));
}

void gemm_packed_b(const MatrixRef& a, const float* b_packed, int64_t n, float* c, int64_t ldc, int64_t m0, int64_t m1,
                   float alpha, float beta) {
    DIVELAB_DISPATCH(gemm_packed_b(a, b_packed, n, c, ldc, m0, m1, alpha, beta));
}

void pack_b_panels(const MatrixRef& b, float* packed) {
    DIVELAB_DISPATCH(pack_b_panels(b, packed));
}

void pack_a_whole(const MatrixRef& a, float* packed) {
    DIVELAB_DISPATCH(pack_a_whole(a, packed));
}

void gemm_tile_packed_a(const MatrixRef& a, const float* a_packed, const MatrixRef& b, float* c, int64_t ldc,
                        int64_t n0, int64_t n1, float alpha, float beta) {
    DIVELAB_DISPATCH(gemm_tile_packed_a(a, a_packed, b, c, ldc, n0, n1, alpha, beta));
}

}  // namespace dl::detail
