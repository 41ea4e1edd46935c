#include "engine/ops/conv_passes.h"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/gemm.h"
#include "engine/core/gemm_kernel.h"

namespace dl::detail {

namespace {
// Micro-tile area an m × n product really computes (the kernel works in 6 × 16 tiles).
int64_t padded_area(int64_t m, int64_t n) { return (m + 5) / 6 * 6 * ((n + 15) / 16 * 16); }

// C = op(A)·op(B) + beta·C for a dense row-major C: threaded by dl::gemm, or on this thread alone
// when the caller already splits the batch across threads (parallel_for does not nest).
void product(const MatrixRef& a, const MatrixRef& b, float* c, float beta, bool threaded) {
    if (threaded) {
        gemm(a, b, c, 1.0f, beta);
        return;
    }
    const int64_t m = a.transposed ? a.cols : a.rows, n = b.transposed ? b.rows : b.cols;
    gemm_tile(a, b, c, n, 0, m, 0, n, 1.0f, beta);
}
}  // namespace

std::string channels_text(int64_t n) { return std::to_string(n) + (n == 1 ? " channel" : " channels"); }

ConvPlan plan_conv2d(const Shape& xs, const Shape& ws, const Conv2dParams& p) {
    check_image_shape(xs, true, "conv2d");
    if (ws.size() != 4)
        throw ShapeError("conv2d: the weight must be [out_channels, in_channels/groups, kernel_h, kernel_w], got " +
                         to_string(ws));
    const int64_t c = xs[1], o = ws[0];
    if (p.groups < 1) throw ShapeError("conv2d: groups must be at least 1, got " + std::to_string(p.groups));
    if (c % p.groups != 0 || o % p.groups != 0)
        throw ShapeError("conv2d: " + channels_text(c) + " in and " + channels_text(o) + " out cannot be split into " +
                         std::to_string(p.groups) + " equal groups");
    if (ws[1] != c / p.groups)
        throw ShapeError("conv2d: the weight " + to_string(ws) + " expects " + channels_text(ws[1] * p.groups) +
                         ", but the input " + to_string(xs) + " has " + channels_text(c));
    const Window2d window{ws[2], ws[3], p.stride_h, p.stride_w, p.pad_h, p.pad_w};
    const auto [oh, ow] = window_output_size(xs[2], xs[3], window, "kernel");
    ConvPlan plan;
    plan.batch = xs[0];
    plan.groups = p.groups;
    plan.out_per_group = o / p.groups;
    plan.k = ws[1] * ws[2] * ws[3];
    plan.pixels = oh * ow;
    plan.in_size = c * xs[2] * xs[3];
    plan.out_size = o * oh * ow;
    plan.pointwise = ws[2] == 1 && ws[3] == 1 && p.stride_h == 1 && p.stride_w == 1 && p.pad_h == 0 && p.pad_w == 0;
    plan.image = {ws[1], xs[2], xs[3], window, oh, ow};
    const int64_t og = plan.out_per_group;
    plan.pixel_major =
        !plan.pointwise && padded_area(plan.pixels, og) < padded_area(og, Im2col::columns_for(plan.image));
    // dW_g [O/G, K] = dY_g · Col_gᵀ packs all of Col_g; dW_gᵀ [K, O/G] = Col_g · dY_gᵀ reads Col_g in place and
    // packs only dY_g. The second wins unless O/G is much narrower than a 16-column micro-tile (LeNet's 6).
    plan.dw_transposed = !plan.pixel_major && padded_area(plan.k, og) <= padded_area(og, plan.k);
    return plan;
}

Scratch::Scratch(int64_t floats) {
    const size_t bytes = static_cast<size_t>(size_of(std::max<int64_t>(floats, 1))) * sizeof(float);
    data_ = static_cast<float*>(std::aligned_alloc(64, bytes));
    if (!data_) throw std::bad_alloc();
}

Scratch::~Scratch() { std::free(data_); }

float* Scratch::take(int64_t floats) {
    float* piece = data_ + used_;
    used_ += size_of(floats);
    return piece;
}

float* pack_pixel_major_weight(const ConvPlan& plan, const Im2col& im2col, const float* weight, bool transposed,
                               Scratch& out) {
    const int64_t og = plan.out_per_group, kp = im2col.pixel_stride();
    const int64_t size = transposed ? packed_b_size(kp, og) : packed_b_size(og, kp);
    float* first = out.data();
    std::vector<float> padded(static_cast<size_t>(og * kp), 0.0f);  // W_g [O/G, K] with zero columns up to K'
    for (int64_t g = 0; g < plan.groups; ++g) {
        for (int64_t o = 0; o < og; ++o)
            std::copy(weight + (g * og + o) * plan.k, weight + (g * og + o + 1) * plan.k, padded.begin() + o * kp);
        pack_b_panels({padded.data(), og, kp, transposed}, out.take(size));
    }
    return first;
}

// ---------------------------------------------------------------------------------------------------------
// Forward

ForwardPass::ForwardPass(const ConvPlan& plan, const Im2col& im2col, const float* packed_wt)
    : p_(plan), im2col_(im2col), packed_wt_(packed_wt), cols_(plan.pixel_major ? plan.pixels : im2col.columns()),
      junk_(cols_ != plan.pixels),
      scratch_(plan.pointwise ? 0
                              : Scratch::size_of(out_size()) + Scratch::size_of(col_size()) +
                                    Scratch::size_of(im2col.scratch_size())) {
    if (plan.pointwise) return;
    out_ = scratch_.take(out_size());
    col_ = scratch_.take(col_size());
    image_scratch_ = scratch_.take(im2col.scratch_size());
}

// Y_g before it reaches y: wide rows (channel-major with junk columns) or Y_gᵀ (pixel-major).
int64_t ForwardPass::out_size() const {
    return p_.pixel_major ? p_.pixels * p_.out_per_group : junk_ ? p_.out_per_group * cols_ : 0;
}

// Col_g: packed, a plain matrix (Im2col writes up to 16 floats past it), or pixel-major.
int64_t ForwardPass::col_size() const {
    if (p_.pixel_major) return p_.pixels * im2col_.pixel_stride() + 8;
    return std::max(packed_b_size(p_.k, cols_), p_.k * cols_ + 16);
}

void ForwardPass::run(const float* x, const float* w, const float* bias, float* y, bool threaded) {
    const int64_t og = p_.out_per_group, p = p_.pixels;
    for (int64_t g = 0; g < p_.groups; ++g) {
        const MatrixRef wg{w + g * og * p_.k, og, p_.k};
        const float* xg = x + g * p_.group_in_size();
        const float* bg = bias ? bias + g * og : nullptr;
        float* yg = y + g * og * p;
        if (p_.pointwise) {  // the image is Col_g: start from the bias and add the product onto it
            if (bg)
                for (int64_t o = 0; o < og; ++o) std::fill(yg + o * p, yg + (o + 1) * p, bg[o]);
            product(wg, {xg, p_.k, p}, yg, bg ? 1.0f : 0.0f, threaded);
            continue;
        }
        if (p_.pixel_major) {
            run_pixel_major(xg, g, bg, yg);
            continue;
        }
        float* out = junk_ ? out_ : yg;
        if (threaded) {
            im2col_.matrix(xg, col_, image_scratch_);
            product(wg, {col_, p_.k, cols_}, out, 0.0f, true);
        } else {  // im2col straight into the GEMM's packed layout
            im2col_.packed(xg, col_, image_scratch_);
            gemm_packed_b(wg, col_, cols_, out, cols_, 0, og, 1.0f, 0.0f);
        }
        if (junk_ || bg) im2col_.narrow(out, og, bg, yg);  // drops junk columns, adds the bias
    }
}

// Y_gᵀ = Col_gᵀ · W_gᵀ (on this thread, whatever the batch), then transposed into y with the bias added.
void ForwardPass::run_pixel_major(const float* xg, int64_t g, const float* bg, float* yg) {
    const int64_t og = p_.out_per_group, p = p_.pixels, kp = im2col_.pixel_stride();
    im2col_.pixel_matrix(xg, col_, image_scratch_);
    gemm_packed_b({col_, p, kp}, packed_wt_ + g * packed_b_size(kp, og), og, out_, og, 0, p, 1.0f, 0.0f);
    for (int64_t o = 0; o < og; ++o) {
        const float b = bg ? bg[o] : 0.0f;
        for (int64_t i = 0; i < p; ++i) yg[o * p + i] = out_[i * og + o] + b;
    }
}

// ---------------------------------------------------------------------------------------------------------
// Backward

BackwardPass::BackwardPass(const ConvPlan& plan, const Im2col& im2col, const GradTargets& targets,
                           const float* packed_w)
    : p_(plan), im2col_(im2col), t_(targets), packed_w_(packed_w),
      cols_(plan.pointwise || plan.pixel_major ? plan.pixels : im2col.columns()), junk_(cols_ != plan.pixels),
      scratch_(Scratch::size_of(junk_ ? plan.out_per_group * cols_ + 8 : 0) + 2 * Scratch::size_of(col_size()) +
               Scratch::size_of(im2col.scratch_size())) {
    wide_gy_ = scratch_.take(junk_ ? plan.out_per_group * cols_ + 8 : 0);  // weight_grad reads 8 floats past it
    col_ = scratch_.take(col_size());
    dcol_ = scratch_.take(col_size());
    image_scratch_ = scratch_.take(im2col.scratch_size());
}

// Col_g or dCol_g: plain, or pixel-major (add_back_pixels also transposes dCol_gᵀ back into col_).
int64_t BackwardPass::col_size() const {
    if (!p_.pixel_major) return p_.k * cols_ + 16;
    return std::max(p_.pixels * im2col_.pixel_stride() + 8, im2col_.pixel_stride() * im2col_.transposed_stride());
}

void BackwardPass::run_slice(const Tensor& x, const Tensor& w, const Tensor& dy, int64_t slice, int64_t n0,
                             int64_t n1, bool threaded) {
    const int64_t o = p_.out_channels(), og = p_.out_per_group;
    for (int64_t n = n0; n < n1; ++n) {
        const float* gy = dy.data() + n * p_.out_size;
        if (t_.db_slices) add_bias_grad(gy, t_.db_slices + slice * o, n == n0);
        for (int64_t g = 0; g < p_.groups; ++g) {
            const float* gyg = gy + g * og * p_.pixels;
            if (junk_) {  // dY_g with zero junk columns, matching Col's
                im2col_.widen(gyg, og, wide_gy_);
                gyg = wide_gy_;
            }
            if (t_.dw_slices)
                add_weight_grad(x.data() + n * p_.in_size + g * p_.group_in_size(), gyg,
                                t_.dw_slices + slice * o * p_.k + g * og * p_.k, n == n0, threaded);
            if (t_.dx)
                add_input_grad(w.data() + g * og * p_.k, g, gyg, t_.dx + n * p_.in_size + g * p_.group_in_size(),
                               threaded);
        }
    }
}

void BackwardPass::add_bias_grad(const float* gy, float* db, bool first) const {
    const int64_t p = p_.pixels;
    for (int64_t c = 0; c < p_.out_channels(); ++c, gy += p) {
        // Eight running sums (one vector register) instead of one: a single sum waits on every addition.
        float lanes[8] = {};
        int64_t i = 0;
        for (; i + 8 <= p; i += 8)
            for (int64_t l = 0; l < 8; ++l) lanes[l] += gy[i + l];
        for (; i < p; ++i) lanes[0] += gy[i];
        const float sum = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) +
                          ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        db[c] = first ? sum : db[c] + sum;
    }
}

// dW_g (or dW_gᵀ) += dY_g · Col_gᵀ; the slice's first example starts the sum.
void BackwardPass::add_weight_grad(const float* xg, const float* gyg, float* dwg, bool first, bool threaded) {
    const int64_t og = p_.out_per_group;
    const float beta = first ? 0.0f : 1.0f;
    if (p_.pixel_major) {  // dW_g [O/G, K] += dY_g · Col_gᵀ, leaving out Col_gᵀ's zero padding columns
        im2col_.pixel_matrix(xg, col_, image_scratch_);
        gemm_tile({gyg, og, cols_}, {col_, cols_, im2col_.pixel_stride()}, dwg, p_.k, 0, og, 0, p_.k, 1.0f, beta);
        return;
    }
    if (junk_ && !p_.dw_transposed) {  // wide columns, dY_g · Col_gᵀ: dot products off the padded image
        im2col_.weight_grad(xg, gyg, og, dwg, !first, image_scratch_);
        return;
    }
    const float* cols = xg;
    if (!p_.pointwise) {
        im2col_.matrix(xg, col_, image_scratch_);
        cols = col_;
    }
    if (p_.dw_transposed) product({cols, p_.k, cols_}, {gyg, og, cols_, true}, dwg, beta, threaded);  // [K, O/G]
    else product({gyg, og, cols_}, {cols, p_.k, cols_, true}, dwg, beta, threaded);                  // [O/G, K]
}

// dX_g (+)= col2im(W_gᵀ · dY_g); a pointwise convolution's product is dX_g itself.
void BackwardPass::add_input_grad(const float* wg, int64_t g, const float* gyg, float* dxg, bool threaded) {
    const int64_t og = p_.out_per_group;
    if (p_.pixel_major) {  // dCol_gᵀ [P, K'] = dY_gᵀ · W_g (W_g zero-padded to K' columns)
        const int64_t p = p_.pixels, kp = im2col_.pixel_stride();
        gemm_packed_b({gyg, og, p, true}, packed_w_ + g * packed_b_size(og, kp), kp, dcol_, kp, 0, p, 1.0f, 0.0f);
        im2col_.add_back_pixels(dcol_, dxg, t_.dx_fresh, col_, image_scratch_);
        return;
    }
    const MatrixRef wgt{wg, og, p_.k, true};
    const MatrixRef gy{gyg, og, cols_};
    if (p_.pointwise) {
        product(wgt, gy, dxg, t_.dx_fresh ? 0.0f : 1.0f, threaded);
        return;
    }
    product(wgt, gy, dcol_, 0.0f, threaded);
    im2col_.add_back(dcol_, dxg, t_.dx_fresh, image_scratch_);
}

}  // namespace dl::detail
