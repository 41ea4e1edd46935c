// The AVX2 kernel set's batch-normalisation loops: norm_kernels_impl.h compiled with -mavx2 -mfma
// (engine/CMakeLists.txt); called only once the CPU is known to have both.
#include "engine/ops/norm_kernels_impl.h"

DIVELAB_DEFINE_NORM_KERNELS(avx2)
