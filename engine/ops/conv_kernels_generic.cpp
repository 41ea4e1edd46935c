// The generic kernel set's direct convolution kernels: conv_kernels_impl.h on the portable tile.
#include "engine/core/gemm_tile_generic.h"
#include "engine/ops/conv_kernels_impl.h"

DIVELAB_DEFINE_CONV_KERNELS(generic, GenericTile, GenericTile, GenericTile)
