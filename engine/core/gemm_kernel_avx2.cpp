// The AVX2 kernel set's GEMM: the blocked GEMM on the 6 × 16 YMM tile, ~85% of a core's peak. Compiled with
// -mavx2 -mfma (engine/CMakeLists.txt); called only once the CPU is known to have both.
#include "engine/core/gemm_blocked.h"
#include "engine/core/gemm_tile_avx2.h"
#include "engine/core/gemm_variants.h"

DIVELAB_DEFINE_GEMM_KERNELS(avx2, Avx2Tile)
