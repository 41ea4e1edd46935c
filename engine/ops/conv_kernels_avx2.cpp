// The AVX2 kernel set's direct convolution kernels: conv_kernels_impl.h on the YMM tile. Compiled with
// -mavx2 -mfma (engine/CMakeLists.txt).
#include "engine/core/gemm_tile_avx2.h"
#include "engine/ops/conv_kernels_impl.h"

DIVELAB_DEFINE_CONV_KERNELS(avx2, Avx2Tile, Avx2Tile, Avx2Tile)
