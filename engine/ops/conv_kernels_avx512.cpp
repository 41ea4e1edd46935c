// The avx512 kernel set's direct convolution kernels: conv_kernels_impl.h on 6 × 32 tiles for the row-major
// kernels, the 12 × 16 GEMM tile for the pixel-major ones and 6 × 4 eight-lane dot products for weight_grad_rows,
// each with the AVX2 tile's additions in its order, so the same bits as the avx2 set.
// Compiled with -mavx512f and the rest (engine/CMakeLists.txt).
// GCC 12's AVX-512 intrinsics start from _mm512_undefined_ps(), which it then reports as maybe uninitialised.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "engine/core/conv_tile_avx512.h"
#include "engine/core/gemm_tile_avx512.h"
#include "engine/ops/conv_kernels_impl.h"

DIVELAB_DEFINE_CONV_KERNELS(avx512, Avx512ConvTile, Avx512Tile, Avx512DotTile)
