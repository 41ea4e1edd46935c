// The avx2 kernel set's Winograd kernels: winograd_kernels_impl.h compiled for -mavx2 -mfma (engine/CMakeLists.txt).
#include "engine/ops/winograd_kernels_impl.h"

DIVELAB_DEFINE_WINOGRAD_KERNELS(avx2)
