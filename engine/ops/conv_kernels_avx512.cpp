// The avx512 kernel set's direct convolution kernels: conv_kernels_impl.h on 6 × 32 tiles for the row-major
// kernels and the 12 × 16 GEMM tile for the pixel-major ones, both with the AVX2 tile's additions in its order, so
// the same bits as the avx2 set; weight_grad_rows stays on the AVX2 tile, whose eight-lane sums fix its order.
// Compiled with -mavx512f and the rest (engine/CMakeLists.txt).
#include "engine/core/conv_tile_avx512.h"
#include "engine/core/gemm_tile_avx512.h"
#include "engine/ops/conv_kernels_impl.h"

DIVELAB_DEFINE_CONV_KERNELS(avx512, Avx512ConvTile, Avx512Tile, Avx2Tile)
