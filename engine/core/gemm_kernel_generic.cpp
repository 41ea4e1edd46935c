// The generic kernel set's GEMM: the blocked GEMM on the portable tile (no fused multiply-adds, see
// engine/CMakeLists.txt), so it computes the same numbers on every CPU.
#include "engine/core/gemm_blocked.h"
#include "engine/core/gemm_tile_generic.h"
#include "engine/core/gemm_variants.h"

namespace dl::detail::generic {

using Gemm = BlockedGemm<GenericTile>;

void gemm_tile(const MatrixRef& a, const MatrixRef& b, float* c, int64_t ldc, int64_t m0, int64_t m1, int64_t n0,
               int64_t n1, float alpha, float beta) {
    Gemm::tile(a, b, c, ldc, m0, m1, n0, n1, alpha, beta);
}

void gemm_packed_b(const MatrixRef& a, const float* b_packed, int64_t n, float* c, int64_t ldc, int64_t m0, int64_t m1,
                   float alpha, float beta) {
    Gemm::packed_b(a, b_packed, n, c, ldc, m0, m1, alpha, beta);
}

void pack_b_panels(const MatrixRef& b, float* packed) {
    Gemm::pack_panels(b, packed);
}

}  // namespace dl::detail::generic
