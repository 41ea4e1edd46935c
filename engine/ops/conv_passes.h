#pragma once
// The per-example work behind conv2d (engine/ops/conv.cpp): the plan of one convolution, i.e. how each of
// its three products is computed, and its forward and backward passes over runs of examples, each holding
// the scratch buffers one task reuses for all of its examples. Internal to the op.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/tensor.h"
#include "engine/ops/conv.h"
#include "engine/ops/im2col.h"

namespace dl::detail {

// Per group g (input channels [g·C/G, (g+1)·C/G)) the forward pass is Y_g [O/G, P] = W_g [O/G, K] · Col_g
// [K, P] with K = C/G·KH·KW and P = OH·OW output pixels. How it is computed:
enum class ForwardMethod {
    Pointwise,    // 1×1, stride 1, no padding: the image already is Col_g; one GEMM
    Gemm,         // im2col (wide columns for stride 1) packed straight for the GEMM
    RowKernel,    // conv_rows: W_g times the padded image, 6 channels × 16 pixels of a row per tile (LeNet's first)
    PixelKernel,  // conv_pixels: Y_gᵀ = Col_gᵀ · W_gᵀ, 6 pixels × 16 channels per tile (LeNet's second)
};
// dW_g = dY_g · Col_gᵀ, summed over the batch:
enum class WeightGradMethod {
    Gemm,            // dW_g [O/G, K] = dY_g · Col_gᵀ: packs all of Col_g
    GemmTransposed,  // dW_gᵀ [K, O/G] = Col_g · dY_gᵀ: reads Col_g in place, packs only dY_g
    RowKernel,       // weight_grad_rows: long dot products off the padded image (many pixels)
    PixelKernel,     // weight_grad_pixels: dW_gᵀ off the padded image (few pixels, many channels)
};
// dX_g [C/G, H, W]:
enum class InputGradMethod {
    Gemm,         // col2im(W_gᵀ · dY_g) (for pointwise convolutions the product itself)
    ColumnTiles,  // stride 1, few products (LeNet's second): add_columns_back, tiles of W_gᵀ · dY_g added straight
                  // into the padded image (col2im with neither a column matrix nor the GEMM's packing)
};
//
// The kernels compute 6 × 16 tiles, so the plan prefers the layout that pads the products least:
// channel-major (O/G rows) when there are few channels and many pixels, pixel-major when O/G fills tiles.
struct ConvPlan {
    int64_t batch = 0, groups = 1;
    int64_t out_per_group = 0;          // O/G
    int64_t k = 0;                      // C/G·KH·KW: the products' inner size
    int64_t pixels = 0;                 // OH·OW
    int64_t in_size = 0, out_size = 0;  // floats per example: C·H·W and O·OH·OW
    ForwardMethod forward = ForwardMethod::Gemm;
    WeightGradMethod weight_grad = WeightGradMethod::Gemm;
    InputGradMethod input_grad = InputGradMethod::Gemm;
    ImageWindow image;  // one group's channels
    int64_t out_channels() const { return out_per_group * groups; }
    int64_t group_in_size() const { return image.channels * image.height * image.width; }
    // Deep layers (a large weight over few pixels, ResNet's last stages) run their three products over
    // `chunk` examples at once: per example, every product would stream the whole weight from memory
    // for a handful of pixels; over a chunk the GEMM's cache blocking reuses it.
    bool batched = false;
    int64_t chunk = 1;  // examples per batched product
    bool pointwise() const { return forward == ForwardMethod::Pointwise; }
    // The weight-gradient slices hold dW_gᵀ [K, O/G] per group rather than dW_g.
    bool dw_transposed() const {
        return weight_grad == WeightGradMethod::GemmTransposed || weight_grad == WeightGradMethod::PixelKernel;
    }
};

// Checks x [N, C, H, W] against weight [O, C/groups, KH, KW] (ShapeError for a learner) and plans the products.
ConvPlan plan_conv2d(const Shape& x, const Shape& weight, const Conv2dParams& params);

// Throws ShapeError unless a bias of this shape fits the plan's output channels ([O]).
void check_bias_shape(const ConvPlan& plan, const Shape& bias);

std::string channels_text(int64_t n);  // "1 channel", "6 channels"

// Scratch memory, 64-byte aligned as the packed GEMM operands require; allocated per call and task.
class Scratch {
public:
    explicit Scratch(int64_t floats);
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    float* take(int64_t floats);  // consecutive pieces, each starting on a 64-byte boundary
    static int64_t size_of(int64_t floats) { return (floats + 15) / 16 * 16; }
    float* data() const { return data_; }

private:
    Tensor storage_;
    float* data_;
    int64_t used_ = 0;
};

// The forward kernels multiply by every group's weight for every example, so it is regrouped once per call:
// W_gᵀ packed for conv_pixels, or W_g in groups of six rows for conv_rows. Returns the groups one after
// another, each weight_stride() floats (null for the methods that need nothing).
int64_t weight_stride(const ConvPlan& plan);
const float* pack_weight(const ConvPlan& plan, const float* weight, Scratch& out);

// The forward pass, one example at a time.
class ForwardPass {
public:
    ForwardPass(const ConvPlan& plan, const Im2col& im2col, const float* packed_weight);
    // y [O, OH·OW] = conv(x [C, H, W]) + bias. `threaded`: the GEMMs use the threads (the batch is not split).
    void run(const float* x, const float* w, const float* bias, float* y, bool threaded);
    // The same for `count` ≤ plan.chunk consecutive examples at once (plans with `batched`).
    void run_chunk(const float* x, const float* w, const float* bias, float* y, int64_t count, bool threaded);

private:
    void run_gemm(const float* xg, const float* wg, const float* bg, float* yg, bool threaded);
    void run_pixel_kernel(const float* xg, const float* wt, const float* bg, float* yg);

    const ConvPlan& p_;
    const Im2col& im2col_;
    const float* packed_weight_;
    Scratch scratch_;
    float *out_ = nullptr, *col_ = nullptr, *image_scratch_ = nullptr;
    float *chunk_col_ = nullptr, *chunk_out_ = nullptr;  // batched: Col and Y over the chunk's columns
};

// The weight for InputGradMethod::ColumnTiles: per group, W_gᵀ [K, O/G] with its rows in the tiles' order (see
// conv_passes.cpp), regrouped in sixes for add_columns_back (input_grad_weight_stride() floats a group; null for
// the other method).
int64_t input_grad_weight_stride(const ConvPlan& plan);
const float* pack_input_grad_weight(const ConvPlan& plan, const float* weight, Scratch& out);

// Where backward writes. Weight and bias gradients go to per-slice buffers (slice i at i·stride; strides are
// whole cache lines, so threads writing neighbouring slices never share one); a slice holds dW_g, or dW_gᵀ
// when the plan says dw_transposed(), per group.
struct GradTargets {
    float* dx = nullptr;
    bool dx_fresh = false;  // dx holds no gradient yet: write instead of add
    float* dw_slices = nullptr;
    float* db_slices = nullptr;
    int64_t dw_stride = 0, db_stride = 0;
    const float* input_grad_weight = nullptr;  // InputGradMethod::ColumnTiles: pack_input_grad_weight's
};

// The backward pass, one weight-gradient slice (a run of examples) at a time.
class BackwardPass {
public:
    BackwardPass(const ConvPlan& plan, const Im2col& im2col, const GradTargets& targets);
    // Gradients of the examples [n0, n1), the slice's first example starting its weight and bias sums; dy holds
    // their output gradients one after another.
    void run_slice(const Tensor& x, const Tensor& w, const float* dy, int64_t slice, int64_t n0, int64_t n1,
                   bool threaded);

private:
    const float* over_columns(const float* gyg);
    void add_bias_grad(const float* gy, float* db, bool first) const;
    void add_weight_grad(const float* xg, const float* gyg, float* dwg, bool first, bool threaded);
    void add_input_grad(const float* wg, const float* gyg, float* dxg, bool threaded);
    void add_input_grad_by_tiles(const float* wt, const float* gyg, float* dxg);
    void run_chunk(const Tensor& x, const Tensor& w, const float* dy, float* dw, int64_t n0, int64_t count, bool first,
                   bool threaded);

    const ConvPlan& p_;
    const Im2col& im2col_;
    const GradTargets& t_;
    int64_t cols_;  // Col's columns: the pixels, or wide columns
    bool junk_;     // wide columns: dY_g is widened to match them
    Scratch scratch_;
    float *wide_gy_, *gyt_, *col_, *dcol_, *image_scratch_;
    float *chunk_col_ = nullptr, *chunk_gy_ = nullptr, *chunk_dcol_ = nullptr;  // batched: over the chunk's columns
    bool wide_gy_ready_ = false;         // wide_gy_ holds the current example and group's dY_g
    int64_t tile_columns_ = 0;           // InputGradMethod::ColumnTiles: Col's columns rounded up to whole tiles,
    float* tile_gy_ = nullptr;           // and dY_g over them (zero in the junk columns);
    std::vector<int64_t> tile_offsets_;  // Col's rows' window corners in the order the tiles add them
};

}  // namespace dl::detail
