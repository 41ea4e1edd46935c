// The generic kernel set's Winograd kernels: winograd_kernels_impl.h compiled for the portable build (no fused
// multiply-adds) (engine/CMakeLists.txt).
#include "engine/ops/winograd_kernels_impl.h"

DIVELAB_DEFINE_WINOGRAD_KERNELS(generic)
