#pragma once
// Which vector instructions this CPU has, and which set of compute kernels (GEMM, direct convolution,
// sigmoid, pooling) the engine runs on it. One binary, built for the baseline of its architecture, carries
// every kernel set its compiler can target and picks one at run time: the best the CPU supports, or the one
// the environment variable DIVELAB_KERNELS names (generic, avx2, avx512).
//
// Each kernel set sums in the same fixed order whatever the thread count, so every set gives the same
// numbers for 1 and 2 threads. Different sets agree within rounding but not bit for bit (AVX2's fused
// multiply-adds round once where the generic kernels round twice).
#include <string>
#include <vector>

namespace dl {

enum class KernelSet {
    Generic,  // portable C++ (SSE2 on x86-64, NEON on aarch64 through the compiler's auto-vectoriser)
    Avx2Fma,  // x86-64 with AVX2 and FMA (Intel Haswell, AMD Zen and later)
    Avx512,   // the AVX2 kernels plus AVX-512 GEMM and direct convolution tiles, sigmoid and tanh (F, BW, VL, DQ)
};

// "generic", "avx2-fma", "avx512": the name bench and --version print.
const char* kernel_set_name(KernelSet set);

// Whether this CPU (and this build) can run the set. Generic always can.
bool kernel_set_supported(KernelSet set);
// The sets this CPU can run, from generic up.
std::vector<KernelSet> supported_kernel_sets();

// The set every kernel call uses. Chosen on first use: DIVELAB_KERNELS if set, else the best supported set.
// Throws InputError when DIVELAB_KERNELS names an unknown set or one this CPU cannot run.
KernelSet active_kernel_set();

// Test-only: switches every kernel to `set` (InputError if unsupported). Not thread-safe while kernels run:
// call it between computations, never while another thread is inside the engine.
void set_kernel_set_for_testing(KernelSet set);

// The instruction-set extensions this build's compiler flags (DIVELAB_ARCH) require, e.g. "avx2 fma"
// for -march=x86-64-v3; empty for the portable baseline. A program built for more than its CPU has stops
// at start-up with a message naming what is missing instead of crashing with SIGILL.
std::string build_required_features();

}  // namespace dl
