#pragma once
// DIVELAB_DISPATCH(call): returns set::call for the active kernel set (engine/core/cpu_features.h), for
// kernels that every set compiles on its own (gemm_kernel_<set>.cpp, winograd_kernels_<set>.cpp), used in the
// function bodies of the one .cpp file that dispatches them (within namespace dl::detail).
#include "engine/core/cpu_features.h"

#if defined(DIVELAB_X86_KERNELS)
#define DIVELAB_DISPATCH(call)     \
    switch (active_kernel_set()) { \
        case KernelSet::Avx512:    \
            return avx512::call;   \
        case KernelSet::Avx2Fma:   \
            return avx2::call;     \
        case KernelSet::Generic:   \
            break;                 \
    }                              \
    return generic::call
#else
#define DIVELAB_DISPATCH(call) return generic::call
#endif
