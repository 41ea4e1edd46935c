#pragma once
// The arithmetic of Winograd's minimal filtering F(4×4, 3×3) (Lavin & Gray 2015, "Fast Algorithms for
// Convolutional Neural Networks"): a 3×3 kernel g and a 6×6 input tile d give a 4×4 output tile
//     Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A
// with 36 multiplications instead of 144 (interpolation points 0, ±1, ±2, ∞). Each kernel transforms
// kWinogradLanes tiles (or input channels) at once, one per SIMD lane; the backward kernels apply the
// transposed matrices, so they are the exact gradients of the forward ones. The transformed tiles of a chunk
// are laid out [36, channels, width]: point p of channel c of tile t at p · stride + c · width + t, with
// stride = winograd_point_stride(channels, width).
//
// Every kernel set (engine/core/cpu_features.h) compiles winograd_kernels_impl.h for its instruction set in
// winograd_kernels_<set>.cpp; the functions here call the active set's. Internal to engine/ops/winograd.cpp.
#include <cstdint>

namespace dl::detail {

inline constexpr int64_t kWinogradLanes = 16;
inline constexpr int64_t kWinogradOut = 4;      // output tile side (m)
inline constexpr int64_t kWinogradPoints = 36;  // (m + 2)²: the elementwise products per tile

// channels · width rounded past a multiple of 4 KB: the 36 points of a tile are written and read together,
// and at a power-of-two distance they would all compete for the same cache set.
inline int64_t winograd_point_stride(int64_t channels, int64_t width) {
    return channels * width + kWinogradLanes;
}

// One convolution's sizes as the kernels need them.
struct WinogradGeometry {
    int64_t c, o, h, w;          // channels in and out; the image (and output) size
    int64_t padded_w, plane;     // the padded input: a row, a channel
    int64_t grad_w, grad_plane;  // the padded output gradient (whole tiles): a row, a channel
};

// A chunk's tiles, each from one example, in blocks of kWinogradLanes (the last block padded with copies of
// the last tile). Offsets are channel 0's, and fit in 32 bits for the vector gathers.
struct WinogradTiles {
    int64_t count, width;        // tiles; tiles rounded up to whole blocks
    const int32_t* in_offset;    // the tile's 6×6 window corner in the padded input
    const int32_t* grad_offset;  // its 4×4 corner in the padded output gradient
    const int32_t* out_offset;   // its first pixel in the output
    const int8_t *rows, *cols;   // its output pixels inside the image
};

#define DIVELAB_DECLARE_WINOGRAD_KERNELS(set)                                                                         \
    namespace set {                                                                                                   \
    void winograd_inputs(const WinogradGeometry& g, const WinogradTiles& t, const float* padded, float* v);           \
    void winograd_inputs_transposed(const WinogradGeometry& g, const WinogradTiles& t, const float* padded,           \
                                    float* vt);                                                                       \
    void winograd_outputs(const WinogradGeometry& g, const WinogradTiles& t, const float* m, const float* bias,       \
                          float* y);                                                                                  \
    void winograd_output_grads(const WinogradGeometry& g, const WinogradTiles& t, const float* padded_dy, float* dm); \
    void winograd_add_input_grads(const WinogradGeometry& g, const WinogradTiles& t, const float* dv,                 \
                                  float* padded_dx);                                                                  \
    void winograd_kernels(const WinogradGeometry& g, int64_t o0, int64_t o1, const float* w, float* u);               \
    void winograd_kernel_grads(const WinogradGeometry& g, const float* du, float* dwt);                               \
    }

// v [36, C, width] = Bᵀ d B for each tile's 6×6 window d of each channel of the padded input.
void winograd_inputs(const WinogradGeometry& g, const WinogradTiles& t, const float* padded, float* v);
// vt [36, width, C]: the same, tile-major (point p of tile t, channel c at p · stride + t · C + c, with
// stride = winograd_point_stride(width, C)).
void winograd_inputs_transposed(const WinogradGeometry& g, const WinogradTiles& t, const float* padded, float* vt);
// y [O, h, w] (+ bias) = Aᵀ m A for each tile of m [36, O, width], keeping the pixels inside the image.
void winograd_outputs(const WinogradGeometry& g, const WinogradTiles& t, const float* m, const float* bias, float* y);
// dm [36, O, width] = A dy Aᵀ for each tile's 4×4 corner of the padded output gradient (zero past the last tile).
void winograd_output_grads(const WinogradGeometry& g, const WinogradTiles& t, const float* padded_dy, float* dm);
// padded_dx += B dv Bᵀ at each tile's window, for dv [36, C, width].
void winograd_add_input_grads(const WinogradGeometry& g, const WinogradTiles& t, const float* dv, float* padded_dx);
// u [36, O, C] rows o0 … o1 − 1 = G w Gᵀ for the weight w [O, C, 3, 3] (points winograd_point_stride(O, C) apart).
void winograd_kernels(const WinogradGeometry& g, int64_t o0, int64_t o1, const float* w, float* u);
// dwt [O, 3·3, C] = Gᵀ du G for du [36, O, C] (laid out as u): the weight gradient with its nine taps outermost
// (contiguous stores; the caller puts them back in the weight's order once the slices are summed).
void winograd_kernel_grads(const WinogradGeometry& g, const float* du, float* dwt);

DIVELAB_DECLARE_WINOGRAD_KERNELS(generic)
#if defined(DIVELAB_X86_KERNELS)
DIVELAB_DECLARE_WINOGRAD_KERNELS(avx2)
DIVELAB_DECLARE_WINOGRAD_KERNELS(avx512)
#endif

}  // namespace dl::detail
