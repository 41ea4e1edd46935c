// The AVX-512 kernel set's GEMM: the blocked GEMM on the 12 × 16 ZMM tile. Compiled with -mavx512f and
// friends (engine/CMakeLists.txt); called only once the CPU is known to have them.
#include "engine/core/gemm_blocked.h"
#include "engine/core/gemm_tile_avx512.h"
#include "engine/core/gemm_variants.h"

DIVELAB_DEFINE_GEMM_KERNELS(avx512, Avx512Tile)
