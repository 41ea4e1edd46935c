#include "engine/ops/pool.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/vector_math.h"
#include "engine/ops/op_util.h"
#include "engine/ops/pool_planes.h"

namespace dl {

using detail::input;
using detail::make_pool_shape;
using detail::PoolShape;

namespace {
// The part of output pixel (oh, ow)'s window that lies inside the image: rows [h0, h1), columns [w0, w1).
struct Span {
    int64_t h0, h1, w0, w1;
    int64_t count() const { return (h1 - h0) * (w1 - w0); }
};

Span window_span(const PoolShape& s, int64_t oh, int64_t ow) {
    const int64_t top = oh * s.win.stride_h - s.win.pad_h, left = ow * s.win.stride_w - s.win.pad_w;
    return {std::max<int64_t>(top, 0), std::min(top + s.win.kernel_h, s.h), std::max<int64_t>(left, 0),
            std::min(left + s.win.kernel_w, s.w)};
}

void check_padding(const Window2d& win, const std::string& who) {
    if (2 * win.pad_h > win.kernel_h || 2 * win.pad_w > win.kernel_w)
        throw ShapeError(who + ": padding " + size_text(win.pad_h, win.pad_w) + " is more than half the " +
                         size_text(win.kernel_h, win.kernel_w) +
                         " pooling window, so some windows would see only padding");
}

// Runs fn(first, last) over image planes, split across threads once there is enough work.
void for_planes(int64_t planes, int64_t work_per_plane, const std::function<void(int64_t, int64_t)>& fn) {
    parallel_for(planes, std::max<int64_t>(1, detail::kElementwiseGrain / std::max<int64_t>(work_per_plane, 1)), fn);
}

// Two branch-free passes per window: the maximum (and whether a NaN is there), then the first tap holding it
// (taps in reverse, each match overwriting). A compare-and-branch per tap would be mispredicted about twice
// per window; here no output waits on the one before. A NaN wins, the first one, like PyTorch.
void max_pool_plane(const PoolShape& s, const float* x, float* y, int32_t* arg) {
    for (int64_t oh = 0; oh < s.oh; ++oh)
        for (int64_t ow = 0; ow < s.ow; ++ow, ++y, ++arg) {
            const Span sp = window_span(s, oh, ow);
            float best = -std::numeric_limits<float>::infinity();
            bool nan = false;
            for (int64_t ih = sp.h0; ih < sp.h1; ++ih)
                for (int64_t iw = sp.w0; iw < sp.w1; ++iw) {
                    const float v = x[ih * s.w + iw];
                    best = v > best ? v : best;
                    nan |= v != v;
                }
            int64_t where = sp.h0 * s.w + sp.w0;
            for (int64_t ih = sp.h1 - 1; ih >= sp.h0; --ih)
                for (int64_t iw = sp.w1 - 1; iw >= sp.w0; --iw) {
                    const float v = x[ih * s.w + iw];
                    const bool match = nan ? v != v : v == best;
                    where = match ? ih * s.w + iw : where;
                }
            *y = nan ? x[where] : best;
            *arg = static_cast<int32_t>(where);
        }
}

void avg_pool_plane(const PoolShape& s, bool include_pad, const float* x, float* y) {
    const float full = static_cast<float>(s.win.kernel_h * s.win.kernel_w);
    for (int64_t oh = 0; oh < s.oh; ++oh)
        for (int64_t ow = 0; ow < s.ow; ++ow) {
            const Span sp = window_span(s, oh, ow);
            float sum = 0.0f;
            for (int64_t ih = sp.h0; ih < sp.h1; ++ih)
                for (int64_t iw = sp.w0; iw < sp.w1; ++iw) sum += x[ih * s.w + iw];
            *y++ = sum / (include_pad ? full : static_cast<float>(sp.count()));
        }
}

// Windows that tile the image without overlap or padding (LeNet's 2×2 with stride 2) take a faster path:
// whole rows are added first, then neighbouring columns, in contiguous loops that vectorise.
bool windows_tile(const Window2d& w) {
    return w.stride_h == w.kernel_h && w.stride_w == w.kernel_w && w.pad_h == 0 && w.pad_w == 0;
}

// 2×2 windows with stride 2 (LeNet's): ((a + c) + (b + d)) / 4 for the window [a b; c d], the additions of
// avg_pool_plane_tiled in the same order, in single passes that the compiler vectorises for any target (on
// SSE2 as fast as the hand-written AVX2 code they replace, measured).
bool is_2x2(const Window2d& w) {
    return w.kernel_h == 2 && w.kernel_w == 2;
}

void avg_pool_plane_2x2(const PoolShape& s, const float* x, float* y) {
    for (int64_t oh = 0; oh < s.oh; ++oh, y += s.ow) {
        const float* r0 = x + 2 * oh * s.w;
        const float* r1 = r0 + s.w;
        for (int64_t ow = 0; ow < s.ow; ++ow)
            y[ow] = ((r0[2 * ow] + r1[2 * ow]) + (r0[2 * ow + 1] + r1[2 * ow + 1])) * 0.25f;
    }
}

void avg_pool_plane_backward_2x2(const PoolShape& s, const float* gy, float* gx, bool fresh) {
    if (fresh && (2 * s.oh < s.h || 2 * s.ow < s.w)) std::fill(gx, gx + s.in_plane(), 0.0f);
    for (int64_t oh = 0; oh < s.oh; ++oh, gy += s.ow) {
        float* r0 = gx + 2 * oh * s.w;
        float* r1 = r0 + s.w;
        if (fresh) {
            for (int64_t ow = 0; ow < s.ow; ++ow) {
                const float g = gy[ow] * 0.25f;
                r0[2 * ow] = r0[2 * ow + 1] = r1[2 * ow] = r1[2 * ow + 1] = g;
            }
            continue;
        }
        for (int64_t ow = 0; ow < s.ow; ++ow) {
            const float g = gy[ow] * 0.25f;
            r0[2 * ow] += g;
            r0[2 * ow + 1] += g;
            r1[2 * ow] += g;
            r1[2 * ow + 1] += g;
        }
    }
}

// row holds s.ow·kernel_w floats of scratch.
void avg_pool_plane_tiled(const PoolShape& s, const float* x, float* y, float* row) {
    const int64_t kh = s.win.kernel_h, kw = s.win.kernel_w, width = s.ow * kw;
    const float scale = 1.0f / static_cast<float>(kh * kw);
    for (int64_t oh = 0; oh < s.oh; ++oh, y += s.ow) {
        const float* r = x + oh * kh * s.w;
        for (int64_t w = 0; w < width; ++w) row[w] = r[w];
        for (int64_t i = 1; i < kh; ++i)
            for (int64_t w = 0; w < width; ++w) row[w] += r[i * s.w + w];
        if (kw == 2) {
            for (int64_t ow = 0; ow < s.ow; ++ow) y[ow] = (row[2 * ow] + row[2 * ow + 1]) * scale;
            continue;
        }
        for (int64_t ow = 0; ow < s.ow; ++ow) {
            float sum = row[ow * kw];
            for (int64_t j = 1; j < kw; ++j) sum += row[ow * kw + j];
            y[ow] = sum * scale;
        }
    }
}

void avg_pool_plane_backward_tiled(const PoolShape& s, const float* gy, float* gx, bool fresh, float* row) {
    const int64_t kh = s.win.kernel_h, kw = s.win.kernel_w, width = s.ow * kw;
    const float scale = 1.0f / static_cast<float>(kh * kw);
    if (fresh && (s.oh * kh < s.h || width < s.w))  // rows or columns that no window covers get 0
        std::fill(gx, gx + s.in_plane(), 0.0f);
    for (int64_t oh = 0; oh < s.oh; ++oh, gy += s.ow) {
        if (kw == 2) {  // written out so that it vectorises
            for (int64_t ow = 0; ow < s.ow; ++ow) {
                const float g = gy[ow] * scale;
                row[2 * ow] = g;
                row[2 * ow + 1] = g;
            }
        } else {
            for (int64_t ow = 0; ow < s.ow; ++ow)
                for (int64_t j = 0; j < kw; ++j) row[ow * kw + j] = gy[ow] * scale;
        }
        for (int64_t i = 0; i < kh; ++i) {
            float* r = gx + (oh * kh + i) * s.w;
            if (fresh)
                for (int64_t w = 0; w < width; ++w) r[w] = row[w];
            else
                for (int64_t w = 0; w < width; ++w) r[w] += row[w];
        }
    }
}

void avg_pool_plane_backward(const PoolShape& s, bool include_pad, const float* gy, float* gx) {
    const float full = static_cast<float>(s.win.kernel_h * s.win.kernel_w);
    for (int64_t oh = 0; oh < s.oh; ++oh)
        for (int64_t ow = 0; ow < s.ow; ++ow) {
            const Span sp = window_span(s, oh, ow);
            const float g = *gy++ / (include_pad ? full : static_cast<float>(sp.count()));
            for (int64_t ih = sp.h0; ih < sp.h1; ++ih)
                for (int64_t iw = sp.w0; iw < sp.w1; ++iw) gx[ih * s.w + iw] += g;
        }
}

}  // namespace

namespace detail {

PoolShape make_pool_shape(const Shape& xs, const Window2d& win, const std::string& op) {
    check_image_shape(xs, true, op);
    check_padding(win, op);
    const auto [oh, ow] = window_output_size(xs[2], xs[3], win, "pooling window");
    return {xs[0] * xs[1], xs[2], xs[3], oh, ow, win};
}

AvgPoolPlanes::AvgPoolPlanes(const PoolShape& s, bool include_pad)
    : s_(s),
      include_pad_(include_pad),
      tiled_(windows_tile(s.win)),  // no padding, so include_pad makes no difference
      covered_(tiled_ && s.oh * s.win.kernel_h == s.h && s.ow * s.win.kernel_w == s.w),
      row_(static_cast<size_t>(tiled_ ? std::max(s.ow * s.win.kernel_w, s.w) : 0)) {}

void AvgPoolPlanes::forward(const float* x, float* y) {
    if (tiled_ && is_2x2(s_.win))
        avg_pool_plane_2x2(s_, x, y);
    else if (tiled_)
        avg_pool_plane_tiled(s_, x, y, row_.data());
    else
        avg_pool_plane(s_, include_pad_, x, y);
}

void AvgPoolPlanes::backward(const float* gy, float* gx, bool fresh) {
    if (tiled_ && is_2x2(s_.win)) {
        avg_pool_plane_backward_2x2(s_, gy, gx, fresh);
        return;
    }
    if (tiled_) {
        avg_pool_plane_backward_tiled(s_, gy, gx, fresh, row_.data());
        return;
    }
    if (fresh) std::fill(gx, gx + s_.in_plane(), 0.0f);
    avg_pool_plane_backward(s_, include_pad_, gy, gx);
}

void AvgPoolPlanes::sigmoid_backward(const float* gy, const float* a, float* gx, bool fresh) {
    if (!covered_) {  // the pooling's gradient for the whole plane, then through the sigmoid
        plane_.resize(static_cast<size_t>(s_.in_plane()));
        backward(gy, plane_.data(), true);
        sigmoid_grad_array(plane_.data(), a, gx, s_.in_plane(), fresh);
        return;
    }
    // Windows that cover the plane: each output row's gradient gy·scale goes to every input column of its window
    // (as the pooling's backward writes it) in the window's kernel_h input rows, through the sigmoid's derivative.
    const int64_t kh = s_.win.kernel_h, kw = s_.win.kernel_w;
    const float scale = 1.0f / static_cast<float>(kh * kw);
    if (kw == 2) {  // LeNet's: spread in registers (sigmoid_grad_pairs), the whole plane in one call
        sigmoid_grad_pairs(gy, scale, a, gx, s_.w, s_.h, kh, fresh);
        return;
    }
    plane_.resize(static_cast<size_t>(s_.in_plane()));  // spread the whole plane, then one call
    for (int64_t oh = 0; oh < s_.oh; ++oh, gy += s_.ow) {
        float* wide = plane_.data() + oh * kh * s_.w;
        for (int64_t ow = 0; ow < s_.ow; ++ow)
            for (int64_t j = 0; j < kw; ++j) wide[ow * kw + j] = gy[ow] * scale;
        for (int64_t i = 1; i < kh; ++i)
            for (int64_t w = 0; w < s_.w; ++w) wide[i * s_.w + w] = wide[w];
    }
    sigmoid_grad_array(plane_.data(), a, gx, s_.in_plane(), fresh);
}

}  // namespace detail

Shape pool2d_output_shape(const Shape& input, const Window2d& window, const std::string& who) {
    check_image_shape(input, false, who);
    check_padding(window, who);
    const auto [oh, ow] = window_output_size(input[1], input[2], window, "pooling window");
    return {input[0], oh, ow};
}

Var max_pool2d(const Var& x, const Window2d& window) {
    const PoolShape s = make_pool_shape(x.shape(), window, "max_pool2d");
    Tensor y = Tensor::empty({x.shape()[0], x.shape()[1], s.oh, s.ow});
    auto argmax = std::make_shared<std::vector<int32_t>>(static_cast<size_t>(y.numel()));
    const float* xd = x.value().data();
    float* yd = y.data();
    int32_t* ad = argmax->data();
    for_planes(s.planes, s.out_plane() * window.kernel_h * window.kernel_w, [&](int64_t first, int64_t last) {
        for (int64_t p = first; p < last; ++p)
            max_pool_plane(s, xd + p * s.in_plane(), yd + p * s.out_plane(), ad + p * s.out_plane());
    });
    return Var::make(y, {x}, "max_pool2d", [s, argmax](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        const bool fresh = in.begin_grad_write();
        float* gx = in.grad.data();
        const float* gy = self.grad.data();
        const int32_t* arg = argmax->data();
        for_planes(s.planes, s.out_plane(), [&](int64_t first, int64_t last) {
            for (int64_t p = first; p < last; ++p) {
                float* dst = gx + p * s.in_plane();
                if (fresh) std::fill(dst, dst + s.in_plane(), 0.0f);
                for (int64_t i = p * s.out_plane(); i < (p + 1) * s.out_plane(); ++i) dst[arg[i]] += gy[i];
            }
        });
    });
}

Var avg_pool2d(const Var& x, const Window2d& window, bool count_include_pad) {
    const PoolShape s = make_pool_shape(x.shape(), window, "avg_pool2d");
    Tensor y = Tensor::empty({x.shape()[0], x.shape()[1], s.oh, s.ow});
    const float* xd = x.value().data();
    float* yd = y.data();
    for_planes(s.planes, s.out_plane() * window.kernel_h * window.kernel_w, [&](int64_t first, int64_t last) {
        detail::AvgPoolPlanes pool(s, count_include_pad);
        for (int64_t p = first; p < last; ++p) pool.forward(xd + p * s.in_plane(), yd + p * s.out_plane());
    });
    return Var::make(y, {x}, "avg_pool2d", [s, count_include_pad](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        const bool fresh = in.begin_grad_write();
        float* gx = in.grad.data();
        const float* gy = self.grad.data();
        for_planes(s.planes, s.out_plane() * s.win.kernel_h * s.win.kernel_w, [&](int64_t first, int64_t last) {
            detail::AvgPoolPlanes pool(s, count_include_pad);
            for (int64_t p = first; p < last; ++p) pool.backward(gy + p * s.out_plane(), gx + p * s.in_plane(), fresh);
        });
    });
}

Var sigmoid_avg_pool2d(const Var& x, const Window2d& window, bool count_include_pad) {
    const PoolShape s = make_pool_shape(x.shape(), window, "avg_pool2d");
    Tensor act = Tensor::empty(x.shape());  // sigmoid(x): backward's derivative is act·(1 − act)
    Tensor y = Tensor::empty({x.shape()[0], x.shape()[1], s.oh, s.ow});
    const float* xd = x.value().data();
    float* ad = act.data();
    float* yd = y.data();
    for_planes(s.planes, s.in_plane() + s.out_plane() * window.kernel_h * window.kernel_w,
               [&](int64_t first, int64_t last) {
                   detail::AvgPoolPlanes pool(s, count_include_pad);
                   for (int64_t p = first; p < last; ++p) {
                       float* a = ad + p * s.in_plane();
                       sigmoid_array(xd + p * s.in_plane(), a, s.in_plane());
                       pool.forward(a, yd + p * s.out_plane());
                   }
               });
    return Var::make(y, {x}, "sigmoid_avg_pool2d", [s, count_include_pad, act](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        const bool fresh = in.begin_grad_write();
        float* gx = in.grad.data();
        const float* gy = self.grad.data();
        const float* ad = act.data();
        for_planes(s.planes, 2 * s.in_plane(), [&](int64_t first, int64_t last) {
            detail::AvgPoolPlanes pool(s, count_include_pad);
            for (int64_t p = first; p < last; ++p)
                pool.sigmoid_backward(gy + p * s.out_plane(), ad + p * s.in_plane(), gx + p * s.in_plane(), fresh);
        });
    });
}

Var global_avg_pool2d(const Var& x) {
    const Shape& xs = x.shape();
    check_image_shape(xs, true, "global_avg_pool2d");
    const int64_t planes = xs[0] * xs[1], size = xs[2] * xs[3];
    if (size == 0) throw ShapeError("global_avg_pool2d: the input " + to_string(xs) + " has no pixels to average");
    Tensor y = Tensor::empty({xs[0], xs[1], 1, 1});
    const float* xd = x.value().data();
    float* yd = y.data();
    for_planes(planes, size, [&](int64_t first, int64_t last) {
        for (int64_t p = first; p < last; ++p) {
            float sum = 0.0f;
            for (int64_t i = 0; i < size; ++i) sum += xd[p * size + i];
            yd[p] = sum / static_cast<float>(size);
        }
    });
    return Var::make(y, {x}, "global_avg_pool2d", [planes, size](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        const bool fresh = in.begin_grad_write();
        float* gx = in.grad.data();
        const float* gy = self.grad.data();
        for_planes(planes, size, [&](int64_t first, int64_t last) {
            for (int64_t p = first; p < last; ++p) {
                const float g = gy[p] / static_cast<float>(size);
                float* dst = gx + p * size;
                for (int64_t i = 0; i < size; ++i) dst[i] = fresh ? g : dst[i] + g;
            }
        });
    });
}

}  // namespace dl
