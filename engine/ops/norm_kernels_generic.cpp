// The generic kernel set's batch-normalisation loops: norm_kernels_impl.h for the baseline (SSE2, NEON).
#include "engine/ops/norm_kernels_impl.h"

DIVELAB_DEFINE_NORM_KERNELS(generic)
