// The AVX2 kernel set's GEMM: the blocked GEMM on the 6 × 16 YMM tile, ~85% of a core's peak. Compiled with
// -mavx2 -mfma (engine/CMakeLists.txt); called only once the CPU is known to have both.
#include "engine/core/gemm_blocked.h"
#include "engine/core/gemm_tile_avx2.h"
#include "engine/core/gemm_variants.h"

namespace dl::detail::avx2 {

using Gemm = BlockedGemm<Avx2Tile>;

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

}  // namespace dl::detail::avx2
