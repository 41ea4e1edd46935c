#pragma once
// The per-example work behind conv2d (engine/ops/conv.cpp): the plan of one convolution, i.e. the layout
// of its matrix products, and its forward and backward passes over runs of examples, each holding the
// scratch buffers one task reuses for all of its examples. Internal to the op.
#include <cstdint>
#include <string>

#include "engine/core/tensor.h"
#include "engine/ops/conv.h"
#include "engine/ops/im2col.h"

namespace dl::detail {

// Per group g (input channels [g·C/G, (g+1)·C/G)) the forward pass is one GEMM with K = C/G·KH·KW, in one
// of two layouts:
//   channel-major  Y_g [O/G, cols] = W_g [O/G, K] · Col_g [K, cols]   (cols: the output pixels, or more: see
//                  Im2col's wide columns), good when the pixels are many and the channels few (LeNet's first);
//   pixel-major    Y_gᵀ [P, O/G] = Col_gᵀ [P, K] · W_gᵀ [K, O/G]      (P = OH·OW), good when O/G fills the
//                  GEMM's 16-column micro-tiles (LeNet's second: 16 channels, 10×10 pixels).
// The micro-kernel computes 6 × 16 tiles, so the layout that pads the product less is chosen.
struct ConvPlan {
    int64_t batch = 0, groups = 1;
    int64_t out_per_group = 0;          // O/G
    int64_t k = 0;                      // C/G·KH·KW: the GEMM's inner size
    int64_t pixels = 0;                 // OH·OW
    int64_t in_size = 0, out_size = 0;  // floats per example: C·H·W and O·OH·OW
    bool pointwise = false;             // 1×1, stride 1, no padding: a group's image already is its Col_g
    bool pixel_major = false;           // the layout (above)
    bool dw_transposed = false;         // channel-major: compute dW_gᵀ = Col_g · dY_gᵀ (see plan_conv2d)
    ImageWindow image;                  // one group's channels
    int64_t out_channels() const { return out_per_group * groups; }
    int64_t group_in_size() const { return image.channels * image.height * image.width; }
};

// Checks x [N, C, H, W] against weight [O, C/groups, KH, KW] (ShapeError for a learner) and plans the products.
ConvPlan plan_conv2d(const Shape& x, const Shape& weight, const Conv2dParams& params);

std::string channels_text(int64_t n);  // "1 channel", "6 channels"

// Scratch memory, 64-byte aligned as the packed GEMM operands require; allocated per call and task.
class Scratch {
public:
    explicit Scratch(int64_t floats);
    ~Scratch();
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    float* take(int64_t floats);  // consecutive pieces, each starting on a 64-byte boundary
    static int64_t size_of(int64_t floats) { return (floats + 15) / 16 * 16; }
    float* data() const { return data_; }

private:
    float* data_;
    int64_t used_ = 0;
};

// Pixel-major products multiply by every group's weight for every example, so it is packed once for
// gemm_packed_b, zero-padded to K' = pixel_stride() inner rows: W_gᵀ [K', O/G] for the forward pass
// (transposed), W_g [O/G, K'] for dX. Returns the packed groups one after another (empty when channel-major).
float* pack_pixel_major_weight(const ConvPlan& plan, const Im2col& im2col, const float* weight, bool transposed,
                               Scratch& out);

// The forward pass, one example at a time.
class ForwardPass {
public:
    // packed_wt: pixel-major only, from pack_pixel_major_weight(transposed = true).
    ForwardPass(const ConvPlan& plan, const Im2col& im2col, const float* packed_wt);
    // y [O, OH·OW] = conv(x [C, H, W]) + bias. `threaded`: the GEMMs use the threads (the batch is not split).
    void run(const float* x, const float* w, const float* bias, float* y, bool threaded);

private:
    void run_pixel_major(const float* xg, int64_t g, const float* bg, float* yg);
    int64_t out_size() const;
    int64_t col_size() const;

    const ConvPlan& p_;
    const Im2col& im2col_;
    const float* packed_wt_;
    int64_t cols_;
    bool junk_;  // Col has more columns than there are output pixels (wide columns)
    Scratch scratch_;
    float *out_ = nullptr, *col_ = nullptr, *image_scratch_ = nullptr;
};

// Where backward writes. Weight and bias gradients go to per-slice buffers (slice i at i·size); a slice
// holds dW_g, or dW_gᵀ when the plan says dw_transposed, per group.
struct GradTargets {
    float* dx = nullptr;
    bool dx_fresh = false;  // dx holds no gradient yet: write instead of add
    float* dw_slices = nullptr;
    float* db_slices = nullptr;
};

// The backward pass, one weight-gradient slice (a run of examples) at a time.
class BackwardPass {
public:
    // packed_w: pixel-major dX only, from pack_pixel_major_weight(transposed = false).
    BackwardPass(const ConvPlan& plan, const Im2col& im2col, const GradTargets& targets, const float* packed_w);
    // Gradients of the examples [n0, n1), the slice's first example starting its weight and bias sums.
    void run_slice(const Tensor& x, const Tensor& w, const Tensor& dy, int64_t slice, int64_t n0, int64_t n1,
                   bool threaded);

private:
    int64_t col_size() const;
    void add_bias_grad(const float* gy, float* db, bool first) const;
    void add_weight_grad(const float* xg, const float* gyg, float* dwg, bool first, bool threaded);
    void add_input_grad(const float* wg, int64_t g, const float* gyg, float* dxg, bool threaded);

    const ConvPlan& p_;
    const Im2col& im2col_;
    const GradTargets& t_;
    const float* packed_w_;
    int64_t cols_;
    bool junk_;
    Scratch scratch_;
    float *wide_gy_, *col_, *dcol_, *image_scratch_;
};

}  // namespace dl::detail
