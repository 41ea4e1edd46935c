// The avx512 kernel set's Winograd kernels: winograd_kernels_impl.h compiled for AVX-512 (sixteen lanes in one
// register) (engine/CMakeLists.txt).
#include "engine/ops/winograd_kernels_impl.h"

DIVELAB_DEFINE_WINOGRAD_KERNELS(avx512)
