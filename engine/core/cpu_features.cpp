#include "engine/core/cpu_features.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "engine/core/error.h"

#ifndef DIVELAB_ARCH_NAME
#define DIVELAB_ARCH_NAME "the compiler's default"
#endif

namespace dl {

namespace {

#if defined(__x86_64__)
// The extensions this build's -march lets GCC use in any function (its predefined macros), by
// __builtin_cpu_supports name.
constexpr const char* kBuildFeatures[] = {
#ifdef __SSE3__
    "sse3",
#endif
#ifdef __SSSE3__
    "ssse3",
#endif
#ifdef __SSE4_1__
    "sse4.1",
#endif
#ifdef __SSE4_2__
    "sse4.2",
#endif
#ifdef __POPCNT__
    "popcnt",
#endif
#ifdef __AVX__
    "avx",
#endif
#ifdef __AVX2__
    "avx2",
#endif
#ifdef __FMA__
    "fma",
#endif
#ifdef __F16C__
    "f16c",
#endif
#ifdef __BMI__
    "bmi",
#endif
#ifdef __BMI2__
    "bmi2",
#endif
#ifdef __LZCNT__
    "lzcnt",
#endif
#ifdef __MOVBE__
    "movbe",
#endif
#ifdef __AVX512F__
    "avx512f",
#endif
#ifdef __AVX512BW__
    "avx512bw",
#endif
#ifdef __AVX512VL__
    "avx512vl",
#endif
#ifdef __AVX512DQ__
    "avx512dq",
#endif
#ifdef __AVX512CD__
    "avx512cd",
#endif
#ifdef __AVX512VBMI__
    "avx512vbmi",
#endif
#ifdef __AVX512VBMI2__
    "avx512vbmi2",
#endif
#ifdef __AVX512IFMA__
    "avx512ifma",
#endif
#ifdef __AVX512VNNI__
    "avx512vnni",
#endif
#ifdef __AVX512BITALG__
    "avx512bitalg",
#endif
#ifdef __AVX512VPOPCNTDQ__
    "avx512vpopcntdq",
#endif
#ifdef __AVX512BF16__
    "avx512bf16",
#endif
#ifdef __AVXVNNI__
    "avxvnni",
#endif
#ifdef __GFNI__
    "gfni",
#endif
#ifdef __VAES__
    "vaes",
#endif
#ifdef __VPCLMULQDQ__
    "vpclmulqdq",
#endif
#ifdef __AES__
    "aes",
#endif
#ifdef __PCLMUL__
    "pclmul",
#endif
#ifdef __SHA__
    "sha",
#endif
    nullptr};

// The check below runs before any other constructor of the program, so it is compiled for the x86-64
// baseline whatever -march the rest of this file gets, and uses only the C library.
#define DIVELAB_BASELINE __attribute__((target("arch=x86-64")))

// __builtin_cpu_supports takes only string literals, hence one comparison per name.
DIVELAB_BASELINE bool cpu_has(const char* name) {
#define DIVELAB_FEATURE(literal) \
    if (std::strcmp(name, literal) == 0) return __builtin_cpu_supports(literal);
    DIVELAB_FEATURE("sse3")
    DIVELAB_FEATURE("ssse3")
    DIVELAB_FEATURE("sse4.1")
    DIVELAB_FEATURE("sse4.2")
    DIVELAB_FEATURE("popcnt")
    DIVELAB_FEATURE("avx")
    DIVELAB_FEATURE("avx2")
    DIVELAB_FEATURE("fma")
    DIVELAB_FEATURE("f16c")
    DIVELAB_FEATURE("bmi")
    DIVELAB_FEATURE("bmi2")
    DIVELAB_FEATURE("lzcnt")
    DIVELAB_FEATURE("movbe")
    DIVELAB_FEATURE("avx512f")
    DIVELAB_FEATURE("avx512bw")
    DIVELAB_FEATURE("avx512vl")
    DIVELAB_FEATURE("avx512dq")
    DIVELAB_FEATURE("avx512cd")
    DIVELAB_FEATURE("avx512vbmi")
    DIVELAB_FEATURE("avx512vbmi2")
    DIVELAB_FEATURE("avx512ifma")
    DIVELAB_FEATURE("avx512vnni")
    DIVELAB_FEATURE("avx512bitalg")
    DIVELAB_FEATURE("avx512vpopcntdq")
    DIVELAB_FEATURE("avx512bf16")
    DIVELAB_FEATURE("avxvnni")
    DIVELAB_FEATURE("gfni")
    DIVELAB_FEATURE("vaes")
    DIVELAB_FEATURE("vpclmulqdq")
    DIVELAB_FEATURE("aes")
    DIVELAB_FEATURE("pclmul")
    DIVELAB_FEATURE("sha")
#undef DIVELAB_FEATURE
    return true;
}

// A build for more than this CPU has (e.g. DIVELAB_ARCH=x86-64-v3 on a CPU without AVX2) would die with
// SIGILL somewhere in its first vector loop; stop with a message instead, before any other constructor.
DIVELAB_BASELINE __attribute__((constructor(101))) void check_build_architecture() {
    __builtin_cpu_init();  // constructors may run before libgcc's own CPU detection
    char missing[512] = "";
    for (const char* const* f = kBuildFeatures; *f; ++f)
        if (!cpu_has(*f) && std::strlen(missing) + std::strlen(*f) + 2 < sizeof missing) {
            std::strcat(missing, " ");
            std::strcat(missing, *f);
        }
    if (missing[0] == '\0') return;
    std::fprintf(stderr,
                 "DiveLab: this program was built for newer x86-64 CPUs (DIVELAB_ARCH=%s) and cannot run on this "
                 "one, which lacks:%s.\nUse a build for the portable baseline (the default DIVELAB_ARCH), which runs "
                 "on every x86-64 CPU and still uses AVX2 where it finds it.\n",
                 DIVELAB_ARCH_NAME, missing);
    std::_Exit(1);
}
#undef DIVELAB_BASELINE

bool cpu_has_avx2_fma() {
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
bool cpu_has_avx512() {
    return cpu_has_avx2_fma() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq");
}
#endif

// -1 until the first kernel call chooses.
std::atomic<int> g_active{-1};

KernelSet best_supported() {
    return supported_kernel_sets().back();
}

// The set DIVELAB_KERNELS asks for, or the best one when it is unset, empty or "auto".
KernelSet choose_from_environment() {
    const char* value = std::getenv("DIVELAB_KERNELS");
    const std::string text = value ? value : "";
    if (text.empty() || text == "auto") return best_supported();
    KernelSet wanted;
    if (text == "generic")
        wanted = KernelSet::Generic;
    else if (text == "avx2" || text == "avx2-fma")
        wanted = KernelSet::Avx2Fma;
    else if (text == "avx512")
        wanted = KernelSet::Avx512;
    else
        throw InputError("DIVELAB_KERNELS=" + text + " is not a kernel set: use generic, avx2, avx512 or auto");
    if (!kernel_set_supported(wanted))
        throw InputError("DIVELAB_KERNELS=" + text + " asks for the " + kernel_set_name(wanted) +
                         " kernels, but this CPU (or this build) cannot run them; it can run: " + [] {
                             std::string names;
                             for (KernelSet s : supported_kernel_sets())
                                 names += (names.empty() ? "" : ", ") + std::string(kernel_set_name(s));
                             return names;
                         }());
    return wanted;
}

}  // namespace

const char* kernel_set_name(KernelSet set) {
    switch (set) {
        case KernelSet::Generic:
            return "generic";
        case KernelSet::Avx2Fma:
            return "avx2-fma";
        case KernelSet::Avx512:
            return "avx512";
    }
    return "unknown";
}

bool kernel_set_supported(KernelSet set) {
    switch (set) {
        case KernelSet::Generic:
            return true;
#if defined(DIVELAB_X86_KERNELS)
        case KernelSet::Avx2Fma:
            return cpu_has_avx2_fma();
        case KernelSet::Avx512:
            return cpu_has_avx512();
#endif
        default:
            return false;
    }
}

std::vector<KernelSet> supported_kernel_sets() {
    std::vector<KernelSet> sets;
    for (KernelSet s : {KernelSet::Generic, KernelSet::Avx2Fma, KernelSet::Avx512})
        if (kernel_set_supported(s)) sets.push_back(s);
    return sets;
}

KernelSet active_kernel_set() {
    int set = g_active.load(std::memory_order_relaxed);
    if (set < 0) {  // two threads racing here both store the same choice
        set = static_cast<int>(choose_from_environment());
        g_active.store(set, std::memory_order_relaxed);
    }
    return static_cast<KernelSet>(set);
}

void set_kernel_set_for_testing(KernelSet set) {
    if (!kernel_set_supported(set))
        throw InputError(std::string("the ") + kernel_set_name(set) + " kernels cannot run on this CPU");
    g_active.store(static_cast<int>(set), std::memory_order_relaxed);
}

std::string build_required_features() {
    std::string names;
#if defined(__x86_64__)
    for (const char* const* f = kBuildFeatures; *f; ++f) names += (names.empty() ? "" : " ") + std::string(*f);
#endif
    return names;
}

}  // namespace dl
