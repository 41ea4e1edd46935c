#pragma once
// Batch normalisation's per-channel loops, written once for every kernel set in plain C++: each
// norm_kernels_<set>.cpp includes this file and is compiled for its own instruction set, which the compiler
// vectorises for. Everything here has internal linkage (no weak symbols, no std templates), so no code built
// for AVX2 can be merged into the baseline build by the linker. Contracts: norm_kernels.h.
#include <cstdint>

#include "engine/ops/norm_kernels_variants.h"

namespace dl::detail {
namespace {

struct NormKernels {
    // Eight float partial sums, added up in one fixed order at the end. GCC's vector extension: one YMM
    // register with AVX2, two XMM registers with SSE2 or NEON, the same additions either way.
    using Lanes = float __attribute__((vector_size(32)));
    static constexpr int64_t kLanes = 8;

    // Unaligned load (by reference: returning a vector by value would change the ABI without AVX).
    static void load(Lanes& v, const float* p) { __builtin_memcpy(&v, p, sizeof v); }

    // Four sets of partial sums, so that consecutive vector additions do not wait on each other (one set is
    // bound by the addition's latency, at a quarter of the loads' rate); added up in one fixed order.
    static constexpr int64_t kSets = 4;
    static void add_up(const Lanes (&p)[kSets], double& t) {
        const Lanes sum = (p[0] + p[1]) + (p[2] + p[3]);
        for (int64_t j = 0; j < kLanes; ++j) t += sum[j];
    }

    // t1 += Σ(x − k), t2 += Σ(x − k)² over n values.
    static void add_shifted_sums(const float* x, int64_t n, float k, double& t1, double& t2) {
        Lanes p1[kSets] = {}, p2[kSets] = {};
        int64_t i = 0;
        for (; i + kSets * kLanes <= n; i += kSets * kLanes)
            for (int64_t s = 0; s < kSets; ++s) {
                Lanes d;
                load(d, x + i + s * kLanes);
                d -= k;
                p1[s] += d;
                p2[s] += d * d;
            }
        for (int64_t s = 0; i + kLanes <= n; i += kLanes, ++s) {  // at most three vectors left
            Lanes d;
            load(d, x + i);
            d -= k;
            p1[s] += d;
            p2[s] += d * d;
        }
        add_up(p1, t1);
        add_up(p2, t2);
        for (; i < n; ++i) {
            const double d = x[i] - k;
            t1 += d;
            t2 += d * d;
        }
    }

    // t1 += Σg, t2 += Σg·(x − m) over n values.
    static void add_gradient_sums(const float* g, const float* x, int64_t n, float m, double& t1, double& t2) {
        Lanes p1[kSets] = {}, p2[kSets] = {};
        int64_t i = 0;
        for (; i + kSets * kLanes <= n; i += kSets * kLanes)
            for (int64_t s = 0; s < kSets; ++s) {
                Lanes gv, xv;
                load(gv, g + i + s * kLanes);
                load(xv, x + i + s * kLanes);
                p1[s] += gv;
                p2[s] += gv * (xv - m);
            }
        for (int64_t s = 0; i + kLanes <= n; i += kLanes, ++s) {
            Lanes gv, xv;
            load(gv, g + i);
            load(xv, x + i);
            p1[s] += gv;
            p2[s] += gv * (xv - m);
        }
        add_up(p1, t1);
        add_up(p2, t2);
        for (; i < n; ++i) {
            t1 += g[i];
            t2 += static_cast<double>(g[i]) * (x[i] - m);
        }
    }

    static void shifted_channel_sums(const float* x, const ChannelView& v, int64_t first, int64_t last, double* s1,
                                     double* s2) {
        for (int64_t c = first; c < last; ++c) s1[c - first] = s2[c - first] = 0.0;
        if (v.l == 1) {  // [N, C]: one value per channel in each row; the channel loop runs innermost
            for (int64_t n = 0; n < v.n; ++n)
                for (int64_t c = first; c < last; ++c) {
                    const double d = x[n * v.c + c] - x[c];
                    s1[c - first] += d;
                    s2[c - first] += d * d;
                }
            return;
        }
        for (int64_t c = first; c < last; ++c)
            for (int64_t n = 0; n < v.n; ++n)
                add_shifted_sums(x + v.offset(n, c), v.l, x[v.offset(0, c)], s1[c - first], s2[c - first]);
    }

    static void scale_shift_channels(const float* x, float* y, const ChannelView& v, int64_t first, int64_t last,
                                     const float* scale, const float* shift) {
        for (int64_t n = 0; n < v.n; ++n) {
            if (v.l == 1) {  // [N, C]: channels innermost
                const int64_t row = n * v.c;
                for (int64_t c = first; c < last; ++c) y[row + c] = x[row + c] * scale[c - first] + shift[c - first];
                continue;
            }
            for (int64_t c = first; c < last; ++c) {
                const float s = scale[c - first], t = shift[c - first];
                const int64_t o = v.offset(n, c);
                for (int64_t i = 0; i < v.l; ++i) y[o + i] = x[o + i] * s + t;
            }
        }
    }

    static void gradient_channel_sums(const float* g, const float* x, const ChannelView& v, const float* mean,
                                      int64_t first, int64_t last, double* sg, double* sgx) {
        for (int64_t c = first; c < last; ++c) sg[c - first] = sgx[c - first] = 0.0;
        if (v.l == 1) {  // [N, C]: channels innermost, as in shifted_channel_sums
            for (int64_t n = 0; n < v.n; ++n)
                for (int64_t c = first; c < last; ++c) {
                    const double gi = g[n * v.c + c];
                    sg[c - first] += gi;
                    sgx[c - first] += gi * (x[n * v.c + c] - mean[c]);
                }
            return;
        }
        for (int64_t c = first; c < last; ++c)
            for (int64_t n = 0; n < v.n; ++n)
                add_gradient_sums(g + v.offset(n, c), x + v.offset(n, c), v.l, mean[c], sg[c - first], sgx[c - first]);
    }

    static void input_gradient_channels(float* dx, bool fresh, const float* g, const float* x, const ChannelView& v,
                                        const float* mean, int64_t first, int64_t last, const float* a, const float* b,
                                        const float* k) {
        if (v.l == 1) {  // [N, C]: channels innermost
            for (int64_t n = 0; n < v.n; ++n) {
                const int64_t row = n * v.c;
                for (int64_t c = first; c < last; ++c) {
                    const int64_t j = c - first;
                    const float d = a[j] * g[row + c] + b[j] * (x[row + c] - mean[c]) + k[j];
                    dx[row + c] = fresh ? d : dx[row + c] + d;
                }
            }
            return;
        }
        for (int64_t c = first; c < last; ++c) {
            const float aj = a[c - first], bj = b[c - first], kj = k[c - first], mu = mean[c];
            for (int64_t n = 0; n < v.n; ++n) {
                const int64_t o = v.offset(n, c);
                if (fresh)
                    for (int64_t i = 0; i < v.l; ++i) dx[o + i] = aj * g[o + i] + bj * (x[o + i] - mu) + kj;
                else
                    for (int64_t i = 0; i < v.l; ++i) dx[o + i] += aj * g[o + i] + bj * (x[o + i] - mu) + kj;
            }
        }
    }
};

}  // namespace
}  // namespace dl::detail

// Defines kernel set `set`'s batch-normalisation entry points (norm_kernels_variants.h): the whole body of
// each norm_kernels_<set>.cpp.
#define DIVELAB_DEFINE_NORM_KERNELS(set)                                                                               \
    namespace dl::detail::set {                                                                                        \
    void shifted_channel_sums(const float* x, const ChannelView& v, int64_t first, int64_t last, double* s1,           \
                              double* s2) {                                                                            \
        NormKernels::shifted_channel_sums(x, v, first, last, s1, s2);                                                  \
    }                                                                                                                  \
    void scale_shift_channels(const float* x, float* y, const ChannelView& v, int64_t first, int64_t last,             \
                              const float* scale, const float* shift) {                                                \
        NormKernels::scale_shift_channels(x, y, v, first, last, scale, shift);                                         \
    }                                                                                                                  \
    void gradient_channel_sums(const float* g, const float* x, const ChannelView& v, const float* mean, int64_t first, \
                               int64_t last, double* sg, double* sgx) {                                                \
        NormKernels::gradient_channel_sums(g, x, v, mean, first, last, sg, sgx);                                       \
    }                                                                                                                  \
    void input_gradient_channels(float* dx, bool fresh, const float* g, const float* x, const ChannelView& v,          \
                                 const float* mean, int64_t first, int64_t last, const float* a, const float* b,       \
                                 const float* k) {                                                                     \
        NormKernels::input_gradient_channels(dx, fresh, g, x, v, mean, first, last, a, b, k);                          \
    }                                                                                                                  \
    void add_gradient_row_sums(const float* g, const float* x, int64_t n, float mean, double& sg, double& sgx) {       \
        NormKernels::add_gradient_sums(g, x, n, mean, sg, sgx);                                                        \
    }                                                                                                                  \
    }
