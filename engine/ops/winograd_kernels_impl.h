#pragma once
// The Winograd kernels (winograd_kernels.h), written once and compiled by each kernel set's
// winograd_kernels_<set>.cpp. Each 1-D transform maps n vectors of kWinogradLanes floats (vector j at
// x + j·xs) to m vectors (at r + k·rs); a 2-D transform is one along the rows, then one along the
// columns. Internal linkage throughout.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "engine/ops/winograd_kernels.h"

namespace dl::detail {
namespace {
constexpr int64_t L = kWinogradLanes, P = kWinogradPoints, M = kWinogradOut;

// kWinogradLanes floats as one value (GCC's and Clang's vector extension): the compiler maps its arithmetic
// onto the set's registers, one ZMM, two YMM or four XMM.
typedef float Lanes __attribute__((vector_size(kWinogradLanes * sizeof(float))));

// Vectors cross function boundaries by reference only: by value, a wide vector's ABI depends on the target's
// registers (GCC notes it for every function that passes one), and these are compiled for several targets.
// v[k] = the vector at x + k·xs, k < N.
template <int N>
void load(Lanes (&v)[N], const float* x, int64_t xs) {
    for (int k = 0; k < N; ++k) std::memcpy(&v[k], x + k * xs, sizeof(Lanes));
}
void store(float* p, const Lanes& v) {
    std::memcpy(p, &v, sizeof v);
}

using In = const float*;
using Out = float*;

// Bᵀ: 6 → 6.
void bt_1d(In x, int64_t xs, Out r, int64_t rs) {
    Lanes d[6];
    load(d, x, xs);
    store(r, 4.0f * d[0] - 5.0f * d[2] + d[4]);
    store(r + rs, -4.0f * (d[1] + d[2]) + (d[3] + d[4]));
    store(r + 2 * rs, 4.0f * (d[1] - d[2]) + (d[4] - d[3]));
    store(r + 3 * rs, 2.0f * (d[3] - d[1]) + (d[4] - d[2]));
    store(r + 4 * rs, 2.0f * (d[1] - d[3]) + (d[4] - d[2]));
    store(r + 5 * rs, 4.0f * d[1] - 5.0f * d[3] + d[5]);
}

// B (Bᵀ's transpose): 6 → 6.
void b_1d(In x, int64_t xs, Out r, int64_t rs) {
    Lanes v[6];
    load(v, x, xs);
    store(r, 4.0f * v[0]);
    store(r + rs, 4.0f * (v[2] - v[1] + v[5]) + 2.0f * (v[4] - v[3]));
    store(r + 2 * rs, -5.0f * v[0] - 4.0f * (v[1] + v[2]) - (v[3] + v[4]));
    store(r + 3 * rs, (v[1] - v[2]) + 2.0f * (v[3] - v[4]) - 5.0f * v[5]);
    store(r + 4 * rs, v[0] + v[1] + v[2] + v[3] + v[4]);
    store(r + 5 * rs, v[5]);
}

// Aᵀ: 6 → 4.
void at_1d(In x, int64_t xs, Out r, int64_t rs) {
    Lanes m[6];
    load(m, x, xs);
    const Lanes s12 = m[1] + m[2], d12 = m[1] - m[2], s34 = m[3] + m[4], d34 = m[3] - m[4];
    store(r, m[0] + s12 + s34);
    store(r + rs, d12 + 2.0f * d34);
    store(r + 2 * rs, s12 + 4.0f * s34);
    store(r + 3 * rs, d12 + 8.0f * d34 + m[5]);
}

// A: 4 → 6.
void a_1d(In x, int64_t xs, Out r, int64_t rs) {
    Lanes y[4];
    load(y, x, xs);
    const Lanes even = y[0] + y[2], odd = y[1] + y[3], even4 = y[0] + 4.0f * y[2], odd4 = y[1] + 4.0f * y[3];
    store(r, y[0]);
    store(r + rs, even + odd);
    store(r + 2 * rs, even - odd);
    store(r + 3 * rs, even4 + 2.0f * odd4);
    store(r + 4 * rs, even4 - 2.0f * odd4);
    store(r + 5 * rs, y[3]);
}

// G: 3 → 6.
void g_1d(In x, int64_t xs, Out r, int64_t rs) {
    Lanes g[3];
    load(g, x, xs);
    const Lanes outer = g[0] + g[2];
    store(r, g[0] * (1.0f / 4));
    store(r + rs, (outer + g[1]) * (-1.0f / 6));
    store(r + 2 * rs, (outer - g[1]) * (-1.0f / 6));
    store(r + 3 * rs, g[0] * (1.0f / 24) + g[1] * (1.0f / 12) + g[2] * (1.0f / 6));
    store(r + 4 * rs, g[0] * (1.0f / 24) - g[1] * (1.0f / 12) + g[2] * (1.0f / 6));
    store(r + 5 * rs, g[2]);
}

// Gᵀ: 6 → 3.
void gt_1d(In x, int64_t xs, Out r, int64_t rs) {
    Lanes u[6];
    load(u, x, xs);
    store(r, u[0] * (1.0f / 4) - (u[1] + u[2]) * (1.0f / 6) + (u[3] + u[4]) * (1.0f / 24));
    store(r + rs, (u[2] - u[1]) * (1.0f / 6) + (u[3] - u[4]) * (1.0f / 12));
    store(r + 2 * rs, (u[3] + u[4] - u[1] - u[2]) * (1.0f / 6) + u[5]);
}

using Transform1d = void (*)(In, int64_t, Out, int64_t);

// out [To × To] = T x Tᵀ for x [From × From], row-major per lane, value k of x at x + k·xs and of out at
// out + k·os: T along each row, then along each column.
template <int64_t From, int64_t To>
void transform_2d(Transform1d t, const float* x, int64_t xs, float* out, int64_t os) {
    alignas(64) float rows[From * To * L];
    for (int64_t i = 0; i < From; ++i) t(x + i * From * xs, xs, rows + i * To * L, L);
    for (int64_t k = 0; k < To; ++k) t(rows + k * L, To * L, out + k * os, To * os);
}

// v [36, C, width] = Bᵀ d B for every tile's 6×6 window d of every channel of the padded chunk.
void inputs(const WinogradGeometry& s, const WinogradTiles& t, const float* padded, float* v) {
    alignas(64) float d[6 * 6 * L];
    for (int64_t c = 0; c < s.c; ++c)
        for (int64_t b = 0; b < t.width; b += L) {
            const float* channel = padded + c * s.plane;
            const int32_t* offsets = t.in_offset + b;
            for (int64_t i = 0; i < 6; ++i)
                for (int64_t j = 0; j < 6; ++j) {
                    const float* at = channel + i * s.padded_w + j;
                    for (int64_t l = 0; l < L; ++l) d[(i * 6 + j) * L + l] = at[offsets[l]];
                }
            transform_2d<6, 6>(bt_1d, d, L, v + c * t.width + b, winograd_point_stride(s.c, t.width));
        }
}

// vt [36, width, C] = the same transformed tiles as inputs() but tile-major (Vᵀ, as the weight gradient's
// products read it), sixteen channels of one tile in the lanes.
void inputs_transposed(const WinogradGeometry& s, const WinogradTiles& t, const float* padded, float* vt) {
    alignas(64) float d[6 * 6 * L], out[P * L];
    int32_t offsets[L];
    const int64_t stride = winograd_point_stride(t.width, s.c);
    for (int64_t c0 = 0; c0 < s.c; c0 += L) {
        const int64_t lanes = std::min(L, s.c - c0);
        for (int64_t l = 0; l < L; ++l) offsets[l] = static_cast<int32_t>(std::min(c0 + l, s.c - 1) * s.plane);
        for (int64_t tile = 0; tile < t.width; ++tile) {
            const float* corner = padded + t.in_offset[tile];
            for (int64_t i = 0; i < 6; ++i)
                for (int64_t j = 0; j < 6; ++j) {
                    const float* at = corner + i * s.padded_w + j;
                    for (int64_t l = 0; l < L; ++l) d[(i * 6 + j) * L + l] = at[offsets[l]];
                }
            float* first = vt + tile * s.c + c0;
            if (lanes == L) {
                transform_2d<6, 6>(bt_1d, d, L, first, stride);
                continue;
            }
            transform_2d<6, 6>(bt_1d, d, L, out, L);
            for (int64_t p = 0; p < P; ++p)
                std::memcpy(first + p * stride, out + p * L, static_cast<size_t>(lanes) * sizeof(float));
        }
    }
}

// y (+ bias) = Aᵀ m A for every tile of every output channel, keeping the pixels inside the image.
void outputs(const WinogradGeometry& s, const WinogradTiles& t, const float* m, const float* bias, float* y) {
    alignas(64) float out[M * M * L];
    for (int64_t o = 0; o < s.o; ++o)
        for (int64_t b = 0; b < t.count; b += L) {
            transform_2d<6, 4>(at_1d, m + o * t.width + b, winograd_point_stride(s.o, t.width), out, L);
            const float add = bias ? bias[o] : 0.0f;
            for (int64_t l = 0; l < L && b + l < t.count; ++l) {
                float* dst = y + o * s.h * s.w + t.out_offset[b + l];
                for (int64_t i = 0; i < t.rows[b + l]; ++i)
                    for (int64_t j = 0; j < t.cols[b + l]; ++j) dst[i * s.w + j] = out[(i * M + j) * L + l] + add;
            }
        }
}

// dm [36, O, width] = A dy Aᵀ for every tile of the padded output gradient (zeros for the padding lanes).
void output_grads(const WinogradGeometry& s, const WinogradTiles& t, const float* padded_dy, float* dm) {
    alignas(64) float dy[M * M * L];
    for (int64_t o = 0; o < s.o; ++o)
        for (int64_t b = 0; b < t.width; b += L) {
            const float* channel = padded_dy + o * s.grad_plane;
            const int32_t* offsets = t.grad_offset + b;
            for (int64_t i = 0; i < M; ++i)
                for (int64_t j = 0; j < M; ++j) {
                    const float* at = channel + i * s.grad_w + j;
                    for (int64_t l = 0; l < L; ++l) dy[(i * M + j) * L + l] = at[offsets[l]];
                }
            for (int64_t l = t.count - b; l < L; ++l)  // lanes past the last tile: no gradient
                for (int64_t k = 0; k < M * M; ++k) dy[k * L + l] = 0.0f;
            transform_2d<4, 6>(a_1d, dy, L, dm + o * t.width + b, winograd_point_stride(s.o, t.width));
        }
}

// padded_dx [count, C, ph, pw] += B dv Bᵀ at each tile's window.
void add_input_grads(const WinogradGeometry& s, const WinogradTiles& t, const float* dv, float* padded_dx) {
    alignas(64) float dd[6 * 6 * L];
    for (int64_t c = 0; c < s.c; ++c)
        for (int64_t b = 0; b < t.count; b += L) {
            transform_2d<6, 6>(b_1d, dv + c * t.width + b, winograd_point_stride(s.c, t.width), dd, L);
            float* channel = padded_dx + c * s.plane;
            for (int64_t l = 0; l < L && b + l < t.count; ++l) {
                float* corner = channel + t.in_offset[b + l];
                for (int64_t i = 0; i < 6; ++i)
                    for (int64_t j = 0; j < 6; ++j) corner[i * s.padded_w + j] += dd[(i * 6 + j) * L + l];
            }
        }
}

// u [36, O, C] rows o0 … o1 − 1 = G w Gᵀ, sixteen input channels at a time.
void kernels(const WinogradGeometry& s, int64_t o0, int64_t o1, const float* w, float* u) {
    alignas(64) float g[9 * L], out[P * L];
    for (int64_t o = o0; o < o1; ++o)
        for (int64_t c0 = 0; c0 < s.c; c0 += L) {
            const int64_t lanes = std::min(L, s.c - c0);
            const float* first = w + (o * s.c + c0) * 9;
            for (int64_t k = 0; k < 9; ++k)
                for (int64_t l = 0; l < L; ++l) g[k * L + l] = l < lanes ? first[l * 9 + k] : 0.0f;
            transform_2d<3, 6>(g_1d, g, L, out, L);
            for (int64_t p = 0; p < P; ++p)
                std::memcpy(u + p * winograd_point_stride(s.o, s.c) + o * s.c + c0, out + p * L,
                            static_cast<size_t>(lanes) * sizeof(float));
        }
}

// dwt [O, 3·3, C] = Gᵀ du G (the weight gradient with each kernel's nine taps apart), sixteen input
// channels at a time.
void kernel_grads(const WinogradGeometry& s, const float* du, float* dwt) {
    alignas(64) float in[P * L], out[9 * L];
    for (int64_t o = 0; o < s.o; ++o)
        for (int64_t c0 = 0; c0 < s.c; c0 += L) {
            const int64_t lanes = std::min(L, s.c - c0);
            for (int64_t p = 0; p < P; ++p) {
                const float* from = du + p * winograd_point_stride(s.o, s.c) + o * s.c + c0;
                for (int64_t l = 0; l < L; ++l) in[p * L + l] = l < lanes ? from[l] : 0.0f;
            }
            transform_2d<6, 3>(gt_1d, in, L, out, L);
            for (int64_t k = 0; k < 9; ++k)
                std::memcpy(dwt + (o * 9 + k) * s.c + c0, out + k * L, static_cast<size_t>(lanes) * sizeof(float));
        }
}

}  // namespace
}  // namespace dl::detail

// Defines kernel set `set`'s Winograd entry points (winograd_kernels.h): the whole body of each
// winograd_kernels_<set>.cpp.
#define DIVELAB_DEFINE_WINOGRAD_KERNELS(set)                                                                           \
    namespace dl::detail::set {                                                                                        \
    void winograd_inputs(const WinogradGeometry& g, const WinogradTiles& t, const float* padded, float* v) {           \
        inputs(g, t, padded, v);                                                                                       \
    }                                                                                                                  \
    void winograd_inputs_transposed(const WinogradGeometry& g, const WinogradTiles& t, const float* padded,            \
                                    float* vt) {                                                                       \
        inputs_transposed(g, t, padded, vt);                                                                           \
    }                                                                                                                  \
    void winograd_outputs(const WinogradGeometry& g, const WinogradTiles& t, const float* m, const float* bias,        \
                          float* y) {                                                                                  \
        outputs(g, t, m, bias, y);                                                                                     \
    }                                                                                                                  \
    void winograd_output_grads(const WinogradGeometry& g, const WinogradTiles& t, const float* padded_dy, float* dm) { \
        output_grads(g, t, padded_dy, dm);                                                                             \
    }                                                                                                                  \
    void winograd_add_input_grads(const WinogradGeometry& g, const WinogradTiles& t, const float* dv,                  \
                                  float* padded_dx) {                                                                  \
        add_input_grads(g, t, dv, padded_dx);                                                                          \
    }                                                                                                                  \
    void winograd_kernels(const WinogradGeometry& g, int64_t o0, int64_t o1, const float* w, float* u) {               \
        kernels(g, o0, o1, w, u);                                                                                      \
    }                                                                                                                  \
    void winograd_kernel_grads(const WinogradGeometry& g, const float* du, float* dw) {                                \
        kernel_grads(g, du, dw);                                                                                       \
    }                                                                                                                  \
    }
