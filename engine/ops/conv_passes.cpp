#include "engine/ops/conv_passes.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

#include "engine/core/cpu_features.h"
#include "engine/core/error.h"
#include "engine/core/gemm.h"
#include "engine/core/gemm_kernel.h"
#include "engine/ops/conv_batch.h"
#include "engine/ops/conv_kernels.h"

namespace dl::detail {

namespace {
// Micro-tile area an m × n product really computes (6 × 16 tiles).
int64_t padded_area(int64_t m, int64_t n) {
    return (m + 5) / 6 * 6 * ((n + 15) / 16 * 16);
}

int64_t round16(int64_t n) {
    return (n + 15) / 16 * 16;
}

constexpr int64_t kBatchedWeightFloats = int64_t{1} << 17;  // 512 KB
constexpr int64_t kChunkColumns = 256;                      // columns of a batched product, at least

// Copies `rows` rows of `cols` floats into columns [at, at + cols) of a matrix `width` floats wide, or back.
void put_columns(const float* src, int64_t rows, int64_t cols, float* dst, int64_t width, int64_t at) {
    for (int64_t r = 0; r < rows; ++r)
        std::memcpy(dst + r * width + at, src + r * cols, static_cast<size_t>(cols) * sizeof(float));
}
void get_columns(const float* src, int64_t width, int64_t at, int64_t rows, int64_t cols, float* dst) {
    for (int64_t r = 0; r < rows; ++r)
        std::memcpy(dst + r * cols, src + r * width + at, static_cast<size_t>(cols) * sizeof(float));
}

// Col of `count` consecutive examples side by side: chunk_col [K, count·columns]. col and scratch are one
// example's Col and im2col scratch.
void chunk_im2col(const Im2col& im2col, const float* x, int64_t in_size, int64_t count, float* col, float* scratch,
                  float* chunk_col) {
    const int64_t rows = im2col.geometry().rows(), cols = im2col.columns();
    for (int64_t e = 0; e < count; ++e) {
        im2col.matrix(x + e * in_size, col, scratch);
        put_columns(col, rows, cols, chunk_col, count * cols, e * cols);
    }
}

// InputGradMethod::ColumnTiles computes col2im's GEMM, C/G·KH·KW rows of OH·W' wide columns with O/G products
// each, in tiles that add straight into the padded image. Where the GEMM is shallow (O/G ≤ 16) it spends much of
// its time packing and the separate col2im pass, so the tiles take those layers: a few input channels (LeNet's
// second layer).
bool input_grad_by_tiles(const ConvPlan& plan, bool stride1, bool pointwise) {
    const ImageWindow& g = plan.image;
    return stride1 && !pointwise && plan.out_per_group <= 16 && g.channels <= 6;
}

void plan_methods(ConvPlan& plan) {
    const int64_t og = plan.out_per_group, p = plan.pixels, k = plan.k;
    const Window2d& w = plan.image.window;
    const bool stride1 = w.stride_h == 1 && w.stride_w == 1;
    const bool pointwise = stride1 && w.kernel_h == 1 && w.kernel_w == 1 && w.pad_h == 0 && w.pad_w == 0;
    const bool pixel_major = !pointwise && padded_area(p, og) < padded_area(og, Im2col::columns_for(plan.image));
    if (pointwise)
        plan.forward = ForwardMethod::Pointwise;
    else if (pixel_major)
        plan.forward = ForwardMethod::PixelKernel;
    else if (rows_kernel_fits(plan.image))
        plan.forward = ForwardMethod::RowKernel;
    else
        plan.forward = ForwardMethod::Gemm;
    if (pixel_major)
        plan.weight_grad = WeightGradMethod::PixelKernel;
    else if (padded_area(k, og) <= padded_area(og, k))
        plan.weight_grad = WeightGradMethod::GemmTransposed;
    else if (stride1 && !pointwise)
        plan.weight_grad = WeightGradMethod::RowKernel;
    else
        plan.weight_grad = WeightGradMethod::Gemm;
    if (input_grad_by_tiles(plan, stride1, pointwise)) plan.input_grad = InputGradMethod::ColumnTiles;
    // A weight past the L2 cache over few pixels: batch the products over chunks of examples.
    const int64_t cols = Im2col::columns_for(plan.image);
    if (plan.groups == 1 && !pointwise && og * k >= kBatchedWeightFloats && 2 * cols <= kChunkColumns) {
        plan.batched = true;
        plan.chunk = kChunkColumns / cols;
        plan.forward = ForwardMethod::Gemm;
        plan.weight_grad = WeightGradMethod::Gemm;
        plan.input_grad = InputGradMethod::Gemm;
    }
}
}  // namespace

void check_bias_shape(const ConvPlan& plan, const Shape& bias) {
    if (bias != Shape{plan.out_channels()})
        throw ShapeError("conv2d: the bias must be [" + std::to_string(plan.out_channels()) + "], got " +
                         to_string(bias));
}

std::string channels_text(int64_t n) {
    return std::to_string(n) + (n == 1 ? " channel" : " channels");
}

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
    plan.image = {ws[1], xs[2], xs[3], window, oh, ow};
    plan_methods(plan);   // the same plan for every kernel set: each has every kernel
    active_kernel_set();  // the first call chooses (and reports a bad DIVELAB_KERNELS) here, not in a worker
    return plan;
}

// A tensor's storage, so large scratch comes from the blocks training reuses step after step.
Scratch::Scratch(int64_t floats)
    : storage_(Tensor::empty({size_of(std::max<int64_t>(floats, 1))})), data_(storage_.data()) {}

float* Scratch::take(int64_t floats) {
    float* piece = data_ + used_;
    used_ += size_of(floats);
    return piece;
}

int64_t weight_stride(const ConvPlan& plan) {
    if (plan.forward == ForwardMethod::PixelKernel) return packed_b_size(plan.k, plan.out_per_group);
    if (plan.forward == ForwardMethod::RowKernel) return Scratch::size_of(six_rows_size(plan.out_per_group, plan.k));
    return 0;
}

const float* pack_weight(const ConvPlan& plan, const float* weight, Scratch& out) {
    const int64_t og = plan.out_per_group, k = plan.k, stride = weight_stride(plan);
    if (stride == 0) return nullptr;
    for (int64_t g = 0; g < plan.groups; ++g) {
        const float* wg = weight + g * og * k;
        float* dst = out.take(stride);
        if (plan.forward == ForwardMethod::PixelKernel)
            pack_b_panels({wg, og, k, true}, dst);  // W_gᵀ [K, O/G]
        else
            pack_six_rows(wg, og, k, dst);
    }
    return out.data();
}

namespace {
// InputGradMethod::ColumnTiles adds Col's rows in the order (j, i, c), channel fastest: rows one float apart in the
// image (neighbouring j) then never share a tile, where each row's add would wait on the previous row's
// overlapping store. Returns Col's row (c, i, j) for each place in that order.
std::vector<int64_t> tile_row_order(const ImageWindow& g) {
    std::vector<int64_t> order;
    const int64_t kh = g.window.kernel_h, kw = g.window.kernel_w;
    for (int64_t j = 0; j < kw; ++j)
        for (int64_t i = 0; i < kh; ++i)
            for (int64_t c = 0; c < g.channels; ++c) order.push_back((c * kh + i) * kw + j);
    return order;
}
}  // namespace

int64_t input_grad_weight_stride(const ConvPlan& plan) {
    if (plan.input_grad != InputGradMethod::ColumnTiles) return 0;
    return Scratch::size_of(six_rows_size(plan.k, plan.out_per_group));
}

const float* pack_input_grad_weight(const ConvPlan& plan, const float* weight, Scratch& out) {
    const int64_t stride = input_grad_weight_stride(plan);
    if (stride == 0) return nullptr;
    const int64_t og = plan.out_per_group, k = plan.k;
    const std::vector<int64_t> order = tile_row_order(plan.image);
    std::vector<float> wt(static_cast<size_t>(k * og));  // W_gᵀ [K, O/G], its rows in tile order
    for (int64_t g = 0; g < plan.groups; ++g) {
        const float* wg = weight + g * og * k;
        for (int64_t r = 0; r < k; ++r)
            for (int64_t o = 0; o < og; ++o) wt[r * og + o] = wg[o * k + order[static_cast<size_t>(r)]];
        pack_six_rows(wt.data(), k, og, out.take(stride));
    }
    return out.data();
}

// ---------------------------------------------------------------------------------------------------------
// Forward

namespace {
// Scratch of one forward task: Y_g before it reaches y (wide rows with junk columns, or Y_gᵀ), Col_g (packed,
// or plain when the GEMM is threaded; Im2col writes up to 16 floats past it) and the padded image.
struct ForwardScratch {
    int64_t out = 0, col = 0, image = 0, chunk_col = 0, chunk_out = 0;
    ForwardScratch(const ConvPlan& p, const Im2col& im2col) {
        const int64_t cols = im2col.columns();
        image = im2col.scratch_size();
        if (p.batched) {
            chunk_col = p.k * p.chunk * cols;
            chunk_out = p.out_per_group * p.chunk * cols;
        }
        if (p.forward == ForwardMethod::PixelKernel) out = p.pixels * round16(p.out_per_group);
        if (p.forward != ForwardMethod::Gemm) return;
        if (cols != p.pixels) out = p.out_per_group * cols;
        col = std::max(packed_b_size(p.k, cols), p.k * cols + 16);
    }
    int64_t total() const {
        return Scratch::size_of(out) + Scratch::size_of(col) + Scratch::size_of(image) + Scratch::size_of(chunk_col) +
               Scratch::size_of(chunk_out);
    }
};
}  // namespace

ForwardPass::ForwardPass(const ConvPlan& plan, const Im2col& im2col, const float* packed_weight)
    : p_(plan),
      im2col_(im2col),
      packed_weight_(packed_weight),
      scratch_(plan.pointwise() ? 0 : ForwardScratch(plan, im2col).total()) {
    if (plan.pointwise()) return;
    const ForwardScratch sizes(plan, im2col);
    out_ = scratch_.take(sizes.out);
    col_ = scratch_.take(sizes.col);
    image_scratch_ = scratch_.take(sizes.image);
    chunk_col_ = scratch_.take(sizes.chunk_col);
    chunk_out_ = scratch_.take(sizes.chunk_out);
}

void ForwardPass::run_chunk(const float* x, const float* w, const float* bias, float* y, int64_t count, bool threaded) {
    const int64_t og = p_.out_per_group, k = p_.k, p = p_.pixels, cols = im2col_.columns(), width = count * cols;
    chunk_im2col(im2col_, x, p_.in_size, count, col_, image_scratch_, chunk_col_);
    matrix_product({w, og, k}, {chunk_col_, k, width}, chunk_out_, 0.0f, threaded);
    for (int64_t e = 0; e < count; ++e) {
        float* ye = y + e * p_.out_size;
        if (cols != p) {  // wide columns: narrow() drops the junk and adds the bias
            get_columns(chunk_out_, width, e * cols, og, cols, out_);
            im2col_.narrow(out_, og, bias, ye);
            continue;
        }
        for (int64_t o = 0; o < og; ++o) {
            const float* src = chunk_out_ + o * width + e * cols;
            const float b = bias ? bias[o] : 0.0f;
            for (int64_t i = 0; i < p; ++i) ye[o * p + i] = src[i] + b;
        }
    }
}

void ForwardPass::run(const float* x, const float* w, const float* bias, float* y, bool threaded) {
    const int64_t og = p_.out_per_group, p = p_.pixels, stride = weight_stride(p_);
    for (int64_t g = 0; g < p_.groups; ++g) {
        const float* wg = w + g * og * p_.k;
        const float* xg = x + g * p_.group_in_size();
        const float* bg = bias ? bias + g * og : nullptr;
        float* yg = y + g * og * p;
        switch (p_.forward) {
            case ForwardMethod::Pointwise:  // start from the bias and add the product onto it
                if (bg)
                    for (int64_t o = 0; o < og; ++o) std::fill(yg + o * p, yg + (o + 1) * p, bg[o]);
                matrix_product({wg, og, p_.k}, {xg, p_.k, p}, yg, bg ? 1.0f : 0.0f, threaded);
                break;
            case ForwardMethod::RowKernel:
                conv_rows(im2col_, xg, packed_weight_ + g * stride, og, bg, yg, image_scratch_);
                break;
            case ForwardMethod::PixelKernel:
                run_pixel_kernel(xg, packed_weight_ + g * stride, bg, yg);
                break;
            case ForwardMethod::Gemm:
                run_gemm(xg, wg, bg, yg, threaded);
                break;
        }
    }
}

void ForwardPass::run_gemm(const float* xg, const float* wg, const float* bg, float* yg, bool threaded) {
    const int64_t og = p_.out_per_group, cols = im2col_.columns();
    const bool junk = cols != p_.pixels;
    float* out = junk ? out_ : yg;
    if (threaded) {
        im2col_.matrix(xg, col_, image_scratch_);
        matrix_product({wg, og, p_.k}, {col_, p_.k, cols}, out, 0.0f, true);
    } else {  // im2col straight into the GEMM's packed layout
        im2col_.packed(xg, col_, image_scratch_);
        gemm_packed_b({wg, og, p_.k}, col_, cols, out, cols, 0, og, 1.0f, 0.0f);
    }
    if (junk || bg) im2col_.narrow(out, og, bg, yg);  // drops junk columns, adds the bias
}

// Y_gᵀ from the kernel, transposed into y with the bias added.
void ForwardPass::run_pixel_kernel(const float* xg, const float* wt, const float* bg, float* yg) {
    const int64_t og = p_.out_per_group, p = p_.pixels, width = round16(og);
    conv_pixels(im2col_, xg, wt, og, out_, image_scratch_);
    for (int64_t o = 0; o < og; ++o) {
        const float b = bg ? bg[o] : 0.0f;
        for (int64_t i = 0; i < p; ++i) yg[o * p + i] = out_[i * width + o] + b;
    }
}

// ---------------------------------------------------------------------------------------------------------
// Backward

namespace {
// Scratch of one backward task: dY_g widened to Col's columns, dY_gᵀ for weight_grad_pixels (or dY_g's rows
// widened for weight_grad_rows), Col_g for the weight-gradient GEMMs, dCol_g, and the padded image.
struct BackwardScratch {
    int64_t wide_gy = 0, gyt = 0, col = 0, dcol = 0, image = 0, chunk_col = 0, chunk_gy = 0, chunk_dcol = 0;
    int64_t tile_gy = 0;
    BackwardScratch(const ConvPlan& p, const Im2col& im2col, int64_t cols, bool needs_dx) {
        image = im2col.scratch_size();
        if (needs_dx && p.input_grad == InputGradMethod::ColumnTiles) {
            // AVX-512's 32-wide tiles read up to 16 floats past dY when the columns are no multiple of 32
            tile_gy = p.out_per_group * round16(cols) + 16;
            needs_dx = false;  // no column matrix
        }
        if (p.batched) {
            chunk_col = p.k * p.chunk * cols;
            chunk_gy = p.out_per_group * p.chunk * cols;
            if (needs_dx) chunk_dcol = p.k * p.chunk * cols;
        }
        if (cols != p.pixels) wide_gy = p.out_per_group * cols;
        if (p.weight_grad == WeightGradMethod::PixelKernel) gyt = p.pixels * round16(p.out_per_group);
        if (p.weight_grad == WeightGradMethod::RowKernel)
            gyt = p.out_per_group * p.image.out_h * gy_row_width(p.image.out_w);
        const bool gemm_dw =
            p.weight_grad == WeightGradMethod::Gemm || p.weight_grad == WeightGradMethod::GemmTransposed;
        if (gemm_dw && !p.pointwise()) col = p.k * cols + 16;
        if (needs_dx && !p.pointwise()) dcol = p.k * cols;
    }
    int64_t total() const {
        return Scratch::size_of(wide_gy) + Scratch::size_of(gyt) + Scratch::size_of(col) + Scratch::size_of(dcol) +
               Scratch::size_of(image) + Scratch::size_of(chunk_col) + Scratch::size_of(chunk_gy) +
               Scratch::size_of(chunk_dcol) + Scratch::size_of(tile_gy);
    }
};
}  // namespace

BackwardPass::BackwardPass(const ConvPlan& plan, const Im2col& im2col, const GradTargets& targets)
    : p_(plan),
      im2col_(im2col),
      t_(targets),
      cols_(plan.pointwise() ? plan.pixels : im2col.columns()),
      junk_(cols_ != plan.pixels),
      scratch_(BackwardScratch(plan, im2col, cols_, targets.dx != nullptr).total()) {
    const BackwardScratch sizes(plan, im2col, cols_, targets.dx != nullptr);
    wide_gy_ = scratch_.take(sizes.wide_gy);
    gyt_ = scratch_.take(sizes.gyt);
    col_ = scratch_.take(sizes.col);
    dcol_ = scratch_.take(sizes.dcol);
    image_scratch_ = scratch_.take(sizes.image);
    chunk_col_ = scratch_.take(sizes.chunk_col);
    chunk_gy_ = scratch_.take(sizes.chunk_gy);
    chunk_dcol_ = scratch_.take(sizes.chunk_dcol);
    if (sizes.tile_gy > 0) {
        tile_columns_ = round16(cols_);
        for (int64_t r : tile_row_order(plan.image))
            tile_offsets_.push_back(im2col.row_offsets()[static_cast<size_t>(r)]);
        tile_gy_ = scratch_.take(sizes.tile_gy);
        std::fill(tile_gy_, tile_gy_ + sizes.tile_gy, 0.0f);  // only dY's own values are ever written
    }
}

void BackwardPass::run_slice(const Tensor& x, const Tensor& w, const float* dy, int64_t slice, int64_t n0, int64_t n1,
                             bool threaded) {
    const int64_t og = p_.out_per_group;
    if (p_.batched) {
        float* dw = t_.dw_slices ? t_.dw_slices + slice * t_.dw_stride : nullptr;
        for (int64_t n = n0; n < n1; n += p_.chunk)
            run_chunk(x, w, dy + (n - n0) * p_.out_size, dw, n, std::min(p_.chunk, n1 - n), n == n0, threaded);
        if (t_.db_slices)
            for (int64_t n = n0; n < n1; ++n)
                add_bias_grad(dy + (n - n0) * p_.out_size, t_.db_slices + slice * t_.db_stride, n == n0);
        return;
    }
    for (int64_t n = n0; n < n1; ++n) {
        const float* gy = dy + (n - n0) * p_.out_size;
        for (int64_t g = 0; g < p_.groups; ++g) {
            const float* gyg = gy + g * og * p_.pixels;
            wide_gy_ready_ = false;
            if (t_.dw_slices)
                add_weight_grad(x.data() + n * p_.in_size + g * p_.group_in_size(), gyg,
                                t_.dw_slices + slice * t_.dw_stride + g * og * p_.k, n == n0, threaded);
            float* dxg = t_.dx ? t_.dx + n * p_.in_size + g * p_.group_in_size() : nullptr;
            if (dxg && tile_gy_)
                add_input_grad_by_tiles(t_.input_grad_weight + g * input_grad_weight_stride(p_), gyg, dxg);
            else if (dxg)
                add_input_grad(w.data() + g * og * p_.k, gyg, dxg, threaded);
        }
        if (t_.db_slices) add_bias_grad(gy, t_.db_slices + slice * t_.db_stride, n == n0);  // dY is cached by now
    }
}

// The three products over `count` examples from n0 at once (batched plans: one group); dy is example n0's dY.
void BackwardPass::run_chunk(const Tensor& x, const Tensor& w, const float* dy, float* dw, int64_t n0, int64_t count,
                             bool first, bool threaded) {
    const int64_t og = p_.out_per_group, k = p_.k, width = count * cols_;
    for (int64_t e = 0; e < count; ++e) {  // dY over the chunk's columns (zero in the junk ones)
        wide_gy_ready_ = false;
        put_columns(over_columns(dy + e * p_.out_size), og, cols_, chunk_gy_, width, e * cols_);
    }
    if (dw) {  // dW [O, K] (+)= dY · Colᵀ
        chunk_im2col(im2col_, x.data() + n0 * p_.in_size, p_.in_size, count, col_, image_scratch_, chunk_col_);
        matrix_product({chunk_gy_, og, width}, {chunk_col_, k, width, true}, dw, first ? 0.0f : 1.0f, threaded);
    }
    if (t_.dx) {  // dCol = Wᵀ · dY, then col2im per example
        matrix_product({w.data(), og, k, true}, {chunk_gy_, og, width}, chunk_dcol_, 0.0f, threaded);
        for (int64_t e = 0; e < count; ++e) {
            get_columns(chunk_dcol_, width, e * cols_, k, cols_, dcol_);
            im2col_.add_back(dcol_, t_.dx + (n0 + e) * p_.in_size, t_.dx_fresh, image_scratch_);
        }
    }
}

// dY_g over Col's columns: with zero junk columns when they are wide (widened once per example and group).
const float* BackwardPass::over_columns(const float* gyg) {
    if (!junk_) return gyg;
    if (!wide_gy_ready_) im2col_.widen(gyg, p_.out_per_group, wide_gy_);
    wide_gy_ready_ = true;
    return wide_gy_;
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
        const float sum =
            ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        db[c] = first ? sum : db[c] + sum;
    }
}

// dW_g (or dW_gᵀ) += dY_g · Col_gᵀ; the slice's first example starts the sum.
void BackwardPass::add_weight_grad(const float* xg, const float* gyg, float* dwg, bool first, bool threaded) {
    const int64_t og = p_.out_per_group;
    switch (p_.weight_grad) {
        case WeightGradMethod::PixelKernel:
            transpose_pixels(gyg, og, p_.pixels, gyt_);
            weight_grad_pixels(im2col_, xg, gyt_, og, dwg, !first, image_scratch_);
            return;
        case WeightGradMethod::RowKernel:
            widen_rows(gyg, og, p_.image.out_h, p_.image.out_w, gyt_);
            weight_grad_rows(im2col_, xg, gyt_, og, dwg, !first, image_scratch_);
            return;
        case WeightGradMethod::Gemm:
        case WeightGradMethod::GemmTransposed:
            break;
    }
    const float* gy = over_columns(gyg);
    const float* cols = xg;
    if (!p_.pointwise()) {
        im2col_.matrix(xg, col_, image_scratch_);
        cols = col_;
    }
    const float beta = first ? 0.0f : 1.0f;
    if (p_.dw_transposed())
        matrix_product({cols, p_.k, cols_}, {gy, og, cols_, true}, dwg, beta, threaded);  // [K, O/G]
    else
        matrix_product({gy, og, cols_}, {cols, p_.k, cols_, true}, dwg, beta, threaded);  // [O/G, K]
}

// dX_g (+)= col2im(W_gᵀ · dY_g); a pointwise convolution's product is dX_g itself.
void BackwardPass::add_input_grad(const float* wg, const float* gyg, float* dxg, bool threaded) {
    const MatrixRef wgt{wg, p_.out_per_group, p_.k, true};
    const MatrixRef gy{over_columns(gyg), p_.out_per_group, cols_};
    if (p_.pointwise()) {
        matrix_product(wgt, gy, dxg, t_.dx_fresh ? 0.0f : 1.0f, threaded);
        return;
    }
    matrix_product(wgt, gy, dcol_, 0.0f, threaded);
    im2col_.add_back(dcol_, dxg, t_.dx_fresh, image_scratch_);
}

// dX_g (+)= col2im(W_gᵀ · dY_g), the tiles summed straight into the padded image, whose interior is dX_g.
void BackwardPass::add_input_grad_by_tiles(const float* wt, const float* gyg, float* dxg) {
    const ImageWindow& g = p_.image;
    const int64_t width = im2col_.padded_width();
    for (int64_t o = 0; o < p_.out_per_group; ++o)  // rows of a few floats: a loop, not memcpy calls
        for (int64_t oh = 0; oh < g.out_h; ++oh) {
            const float* src = gyg + (o * g.out_h + oh) * g.out_w;
            float* dst = tile_gy_ + o * tile_columns_ + oh * width;
            for (int64_t w = 0; w < g.out_w; ++w) dst[w] = src[w];
        }
    std::fill(image_scratch_, image_scratch_ + im2col_.scratch_size(), 0.0f);
    add_columns_back(wt, p_.k, tile_gy_, p_.out_per_group, tile_columns_, tile_offsets_.data(), image_scratch_);
    im2col_.take_interior(image_scratch_, dxg, t_.dx_fresh);
}

}  // namespace dl::detail
