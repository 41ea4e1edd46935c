// The generic kernel set's GEMM: the blocked GEMM on the portable tile (no fused multiply-adds, see
// engine/CMakeLists.txt), so it computes the same numbers on every CPU.
#include "engine/core/gemm_blocked.h"
#include "engine/core/gemm_tile_generic.h"
#include "engine/core/gemm_variants.h"

DIVELAB_DEFINE_GEMM_KERNELS(generic, GenericTile)
