#include "engine/ops/winograd.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine/core/parallel.h"
#include "engine/ops/conv_batch.h"
#include "engine/ops/op_util.h"
#include "engine/ops/winograd_kernels.h"

namespace dl {

namespace {
bool enabled_from_environment() {
    const char* v = std::getenv("DIVELAB_WINOGRAD");
    return !(v && std::string(v) == "0");
}
std::atomic<bool>& winograd_switch() {
    static std::atomic<bool> on{enabled_from_environment()};
    return on;
}
}  // namespace

void set_winograd(bool enabled) {
    winograd_switch() = enabled;
}
bool winograd_enabled() {
    return winograd_switch();
}

}  // namespace dl

namespace dl::detail {

namespace {
constexpr int64_t L = kWinogradLanes, P = kWinogradPoints, M = kWinogradOut;
// Below this many channels the transforms cost more than the products they save.
constexpr int64_t kMinChannels = 16;
// Tiles one chunk transforms and multiplies at once: enough columns for the products to reuse each
// transformed weight, few enough for a chunk's transformed tiles to stay in the caches.
constexpr int64_t kChunkTiles = 256;
constexpr int64_t kMaxExampleTiles = 4096;  // a 256 × 256 image

int64_t round_lanes(int64_t n) {
    return (n + L - 1) / L * L;
}

// The convolution as Winograd tiles: 4×4 output tiles over the image, each reading a 6×6 window of the
// input padded by one pixel (and by zeros past the last tile).
struct TileShape {
    int64_t batch, c, o, h, w;  // output pixels are h × w too
    int64_t tiles_h, tiles_w;   // per example
    int64_t chunk;              // examples per chunk
    int64_t tiles() const { return tiles_h * tiles_w; }
    int64_t padded_h() const { return tiles_h * M + 2; }
    int64_t padded_w() const { return tiles_w * M + 2; }
    int64_t plane() const { return padded_h() * padded_w(); }        // a padded input channel
    int64_t out_plane() const { return tiles_h * M * tiles_w * M; }  // a padded output-gradient channel
    WinogradGeometry geometry() const { return {c, o, h, w, padded_w(), plane(), tiles_w * M, out_plane()}; }
};

TileShape tile_shape(const ConvPlan& plan) {
    TileShape s{plan.batch, plan.image.channels, plan.out_channels(), plan.image.height, plan.image.width, 0, 0, 0};
    s.tiles_h = (s.h + M - 1) / M;
    s.tiles_w = (s.w + M - 1) / M;
    s.chunk = std::max<int64_t>(1, kChunkTiles / s.tiles());
    return s;
}

// The tiles of `count` consecutive examples, numbered example by example, row by row, and padded with
// copies of the last tile to whole blocks of kWinogradLanes.
struct ChunkTiles {
    int64_t count = 0, width = 0;      // tiles, and tiles rounded up to whole blocks
    std::vector<int32_t> in_offset;    // per tile: its window's corner in the chunk's padded input (channel 0)
    std::vector<int32_t> grad_offset;  // per tile: its corner in the chunk's padded output gradient (channel 0)
    std::vector<int32_t> out_offset;   // per tile: its first pixel in the output (channel 0)
    std::vector<int8_t> rows, cols;    // per tile: the output pixels inside the image
    WinogradTiles view() const {
        return {count, width, in_offset.data(), grad_offset.data(), out_offset.data(), rows.data(), cols.data()};
    }
};

ChunkTiles chunk_tiles(const TileShape& s, int64_t examples) {
    ChunkTiles t;
    t.count = examples * s.tiles();
    t.width = round_lanes(t.count);
    for (int64_t i = 0; i < t.width; ++i) {
        const int64_t k = std::min(i, t.count - 1), e = k / s.tiles(), ty = k % s.tiles() / s.tiles_w,
                      tx = k % s.tiles_w;
        t.in_offset.push_back(static_cast<int32_t>(e * s.c * s.plane() + ty * M * s.padded_w() + tx * M));
        t.grad_offset.push_back(static_cast<int32_t>(e * s.o * s.out_plane() + ty * M * s.tiles_w * M + tx * M));
        t.out_offset.push_back(static_cast<int32_t>(e * s.o * s.h * s.w + ty * M * s.w + tx * M));
        t.rows.push_back(static_cast<int8_t>(std::min(M, s.h - ty * M)));
        t.cols.push_back(static_cast<int8_t>(std::min(M, s.w - tx * M)));
    }
    return t;
}

// planes [count, h, w] → padded [count, ph, pw]: each plane copied to (top, left), zeros around it.
void pad_planes(const float* planes, int64_t count, int64_t h, int64_t w, int64_t ph, int64_t pw, int64_t top,
                int64_t left, float* padded) {
    std::memset(padded, 0, static_cast<size_t>(count * ph * pw) * sizeof(float));
    for (int64_t i = 0; i < count; ++i)
        for (int64_t y = 0; y < h; ++y)
            std::memcpy(padded + (i * ph + top + y) * pw + left, planes + (i * h + y) * w,
                        static_cast<size_t>(w) * sizeof(float));
}

// u [36, O, C] = G w Gᵀ, the output channels split between threads.
void transform_kernels(const TileShape& s, const float* w, float* u) {
    const WinogradGeometry g = s.geometry();
    parallel_for(s.o, 4, [&](int64_t o0, int64_t o1) { winograd_kernels(g, o0, o1, w, u); });
}

// ut [36, C, O]: u transposed point by point, so the input gradient's products read it in place. It is the
// transform of the weight with its channel axes swapped.
void transposed_kernels(const TileShape& s, const float* w, float* ut) {
    Scratch swapped_weight(s.c * s.o * 9);  // [C, O, 3, 3]
    float* wt = swapped_weight.data();
    parallel_for(s.c, 16, [&](int64_t c0, int64_t c1) {
        for (int64_t c = c0; c < c1; ++c)
            for (int64_t o = 0; o < s.o; ++o)
                std::memcpy(wt + (c * s.o + o) * 9, w + (o * s.c + c) * 9, 9 * sizeof(float));
    });
    TileShape swapped = s;
    std::swap(swapped.c, swapped.o);
    transform_kernels(swapped, wt, ut);
}

// A chunk's scratch: the padded input (reused for the padded input gradient), the transformed tiles
// (reused for their gradients), the products (or the transformed output gradients) and, for backward, the
// padded output gradient.
struct ChunkBuffers {
    ChunkBuffers(const TileShape& s, int64_t width, bool backward)
        : scratch(Scratch::size_of(s.chunk * s.c * s.plane()) +
                  Scratch::size_of(P * winograd_point_stride(s.c, width)) +
                  Scratch::size_of(P * winograd_point_stride(s.o, width)) +
                  Scratch::size_of(backward ? s.chunk * s.o * s.out_plane() : 0)),
          padded(scratch.take(s.chunk * s.c * s.plane())),
          v(scratch.take(P * winograd_point_stride(s.c, width))),
          m(scratch.take(P * winograd_point_stride(s.o, width))),
          padded_dy(backward ? scratch.take(s.chunk * s.o * s.out_plane()) : nullptr) {}
    Scratch scratch;
    float *padded, *v, *m, *padded_dy;
};

// Runs fn(first example, count, tiles) for each chunk of [first, last).
template <class Fn>
void for_each_chunk(const TileShape& s, int64_t first, int64_t last, Fn fn) {
    const ChunkTiles full = chunk_tiles(s, std::min(s.chunk, last - first));
    for (int64_t n = first; n < last; n += s.chunk) {
        const int64_t count = std::min(s.chunk, last - n);
        if (count * s.tiles() == full.count)
            fn(n, count, full);
        else
            fn(n, count, chunk_tiles(s, count));
    }
}

void transform_chunk_inputs(const TileShape& s, const ChunkTiles& t, const float* x, int64_t count, ChunkBuffers& buf) {
    pad_planes(x, count * s.c, s.h, s.w, s.padded_h(), s.padded_w(), 1, 1, buf.padded);
    winograd_inputs(s.geometry(), t.view(), buf.padded, buf.v);
}

void forward_examples(const TileShape& s, const float* u, const float* x, const float* bias, float* y, int64_t first,
                      int64_t last, bool threaded) {
    ChunkBuffers buf(s, round_lanes(std::min(s.chunk, last - first) * s.tiles()), false);
    for_each_chunk(s, first, last, [&](int64_t n, int64_t count, const ChunkTiles& t) {
        transform_chunk_inputs(s, t, x + n * s.c * s.h * s.w, count, buf);
        for (int64_t p = 0; p < P; ++p)
            matrix_product({u + p * winograd_point_stride(s.o, s.c), s.o, s.c},
                           {buf.v + p * winograd_point_stride(s.c, t.width), s.c, t.width},
                           buf.m + p * winograd_point_stride(s.o, t.width), 0.0f, threaded);
        winograd_outputs(s.geometry(), t.view(), buf.m, bias, y + n * s.o * s.h * s.w);
    });
}

// Where one weight-gradient slice's backward writes.
struct SliceGrads {
    float* dx = nullptr;  // the whole batch's input gradient
    bool dx_fresh = false;
    float* dw = nullptr;  // this slice's weight gradient, [O, 3·3, C]
    float* db = nullptr;  // this slice's bias gradient [O]
    float* du = nullptr;  // scratch [36, O, C]: the weight gradient in the transformed domain
};

void add_bias_grads(const TileShape& s, const float* dy, int64_t count, bool first, float* db) {
    for (int64_t e = 0; e < count; ++e)
        for (int64_t o = 0; o < s.o; ++o) {
            const float* row = dy + (e * s.o + o) * s.h * s.w;
            float sum = 0.0f;
            for (int64_t i = 0; i < s.h * s.w; ++i) sum += row[i];
            db[o] = first && e == 0 ? sum : db[o] + sum;
        }
}

// dx (+)= the padded input gradient without its border.
void crop_input_grads(const TileShape& s, const float* padded_dx, int64_t count, bool fresh, float* dx) {
    for (int64_t i = 0; i < count * s.c; ++i)
        for (int64_t y = 0; y < s.h; ++y) {
            const float* src = padded_dx + (i * s.padded_h() + 1 + y) * s.padded_w() + 1;
            float* dst = dx + (i * s.h + y) * s.w;
            for (int64_t x = 0; x < s.w; ++x) dst[x] = fresh ? src[x] : dst[x] + src[x];
        }
}

void backward_chunk(const TileShape& s, const ChunkTiles& t, const float* ut, const float* x, const float* dy,
                    int64_t count, bool first, const SliceGrads& g, ChunkBuffers& buf, bool threaded) {
    pad_planes(dy, count * s.o, s.h, s.w, s.tiles_h * M, s.tiles_w * M, 0, 0, buf.padded_dy);
    winograd_output_grads(s.geometry(), t.view(), buf.padded_dy, buf.m);
    if (g.db) add_bias_grads(s, dy, count, first, g.db);
    if (g.dw) {  // dU_p += dM_p · V_pᵀ, with Vᵀ transformed straight into its own layout
        pad_planes(x, count * s.c, s.h, s.w, s.padded_h(), s.padded_w(), 1, 1, buf.padded);
        winograd_inputs_transposed(s.geometry(), t.view(), buf.padded, buf.v);
        for (int64_t p = 0; p < P; ++p)
            matrix_product({buf.m + p * winograd_point_stride(s.o, t.width), s.o, t.width},
                           {buf.v + p * winograd_point_stride(t.width, s.c), t.width, s.c},
                           g.du + p * winograd_point_stride(s.o, s.c), first ? 0.0f : 1.0f, threaded);
    }
    if (!g.dx) return;
    for (int64_t p = 0; p < P; ++p)  // the input tiles' gradients, over the transformed tiles
        matrix_product({ut + p * winograd_point_stride(s.c, s.o), s.c, s.o},
                       {buf.m + p * winograd_point_stride(s.o, t.width), s.o, t.width},
                       buf.v + p * winograd_point_stride(s.c, t.width), 0.0f, threaded);
    std::memset(buf.padded, 0, static_cast<size_t>(count * s.c * s.plane()) * sizeof(float));
    winograd_add_input_grads(s.geometry(), t.view(), buf.v, buf.padded);
    crop_input_grads(s, buf.padded, count, g.dx_fresh, g.dx);
}

void backward_slice(const TileShape& s, const float* ut, const Tensor& x, const Tensor& dy, int64_t first, int64_t last,
                    SliceGrads g, bool threaded) {
    ChunkBuffers buf(s, round_lanes(std::min(s.chunk, last - first) * s.tiles()), true);
    if (g.dx) g.dx += first * s.c * s.h * s.w;
    for_each_chunk(s, first, last, [&](int64_t n, int64_t count, const ChunkTiles& t) {
        SliceGrads at = g;
        if (at.dx) at.dx = g.dx + (n - first) * s.c * s.h * s.w;
        backward_chunk(s, t, ut, x.data() + n * s.c * s.h * s.w, dy.data() + n * s.o * s.h * s.w, count, n == first, at,
                       buf, threaded);
    });
    if (g.dw) winograd_kernel_grads(s.geometry(), g.du, g.dw);
}

void winograd_backward(const TileShape& s, GradNode& self) {
    if (s.batch == 0) return;
    GradNode& xn = input(self, 0);
    GradNode& wn = input(self, 1);
    GradNode* bn = self.inputs.size() > 2 && self.inputs[2]->requires_grad ? self.inputs[2].get() : nullptr;
    Scratch ut(
        P * winograd_point_stride(s.c, s.o));  // each point's transformed weight transposed, [36, C, O]: read in place
    if (xn.requires_grad) transposed_kernels(s, wn.value.data(), ut.data());
    // Each slice sums its weight gradient in the transformed domain, 36 floats per channel pair.
    const int64_t slices = weight_grad_slices(s.batch, P * s.o * s.c);
    const int64_t dw_stride = Scratch::size_of(s.o * s.c * 9), db_stride = Scratch::size_of(s.o);
    Scratch dw_slices(wn.requires_grad ? slices * dw_stride : 0), db_slices(bn ? slices * db_stride : 0);
    SliceGrads g;
    if (xn.requires_grad) {
        g.dx_fresh = xn.begin_grad_write();
        g.dx = xn.grad.data();
    }
    split_batch(slices, [&](int64_t first, int64_t last, bool threaded) {
        Scratch du(wn.requires_grad ? P * winograd_point_stride(s.o, s.c) : 0);
        for (int64_t i = first; i < last; ++i) {
            SliceGrads slice = g;
            if (wn.requires_grad) slice.dw = dw_slices.data() + i * dw_stride, slice.du = du.data();
            if (bn) slice.db = db_slices.data() + i * db_stride;
            backward_slice(s, ut.data(), xn.value, self.grad, s.batch * i / slices, s.batch * (i + 1) / slices, slice,
                           threaded);
        }
    });
    if (wn.requires_grad) {
        const int64_t c = s.c;  // the slices hold [O, 3·3, C]; the weight is [O, C, 3, 3]
        add_slices_into(wn, dw_slices.data(), slices, s.o * s.c * 9, dw_stride, [c](int64_t j) {
            const int64_t o = j / (9 * c), k = j / c % 9, i = j % c;
            return (o * c + i) * 9 + k;
        });
    }
    if (bn) add_slices_into(*bn, db_slices.data(), slices, s.o, db_stride, [](int64_t j) { return j; });
}
}  // namespace

bool winograd_fits(const ConvPlan& plan) {
    const Window2d& w = plan.image.window;
    if (!winograd_enabled() || plan.groups != 1 || w.kernel_h != 3 || w.kernel_w != 3 || w.stride_h != 1 ||
        w.stride_w != 1 || w.pad_h != 1 || w.pad_w != 1 || plan.image.channels < kMinChannels ||
        plan.out_per_group < kMinChannels)
        return false;
    // A chunk is at least one example: its transformed tiles must stay a modest scratch, and the offsets
    // into it within the kernels' 32 bits.
    const TileShape s = tile_shape(plan);
    const int64_t chunk_floats = s.chunk * std::max(s.c * s.plane(), s.o * s.out_plane());
    return s.tiles() <= kMaxExampleTiles && chunk_floats < (int64_t{1} << 31);
}

Var winograd_conv2d(const Var& x, const Var& weight, const Var& bias, const ConvPlan& plan) {
    const TileShape s = tile_shape(plan);
    Tensor y = Tensor::empty({s.batch, s.o, s.h, s.w});
    Scratch u(P * winograd_point_stride(s.o, s.c));
    transform_kernels(s, weight.value().data(), u.data());
    const float* bd = bias.defined() ? bias.value().data() : nullptr;
    split_batch(s.batch, [&](int64_t first, int64_t last, bool threaded) {
        forward_examples(s, u.data(), x.value().data(), bd, y.data(), first, last, threaded);
    });
    std::vector<Var> inputs{x, weight};
    if (bias.defined()) inputs.push_back(bias);
    return Var::make(y, std::move(inputs), "conv2d", [s](GradNode& self) { winograd_backward(s, self); });
}

}  // namespace dl::detail
