#include "engine/ops/norm.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/core/error.h"
#include "engine/core/vector_math.h"
#include "engine/ops/dropout.h"
#include "engine/ops/norm_kernels.h"
#include "engine/ops/op_util.h"
#include "engine/ops/pool_planes.h"

namespace dl {

using detail::accumulate;
using detail::input;

namespace {
using ConstArrayMap = Eigen::Map<const Eigen::ArrayXf>;
using ArrayMap = Eigen::Map<Eigen::ArrayXf>;

using detail::ChannelView;

ChannelView channel_view(const Shape& s, const char* op) {
    if (s.size() < 2)
        throw ShapeError(std::string(op) + " needs a batch of shape [N, C, ...] with a channel axis, got " +
                         to_string(s));
    ChannelView v{s[0], s[1], 1};
    for (size_t i = 2; i < s.size(); ++i) v.l *= s[i];
    return v;
}

// Runs f(first, last) on chunks of channels; each chunk owns its channels' values in every example,
// so per-channel sums are computed in the same order whatever the thread count.
void for_channels(const ChannelView& v, const std::function<void(int64_t, int64_t)>& f) {
    parallel_for(v.c, std::max<int64_t>(1, detail::kElementwiseGrain / std::max<int64_t>(v.per_channel(), 1)), f);
}

// Runs f(view, offset) on chunks of whole examples: view is the chunk's [n, C, L] and offset its first value.
// For the elementwise passes, whose split does not change their numbers: the ops before and after split a batch
// by examples too, so each thread finds its part of the data in its own cache.
void for_examples(const ChannelView& v, const std::function<void(const ChannelView&, int64_t)>& f) {
    const int64_t per_example = v.c * v.l;
    parallel_for(v.n, std::max<int64_t>(1, detail::kElementwiseGrain / std::max<int64_t>(per_example, 1)),
                 [&](int64_t first, int64_t last) {
                     f(ChannelView{last - first, v.c, v.l}, first * per_example);
                 });
}

// Per-channel mean and 1/√(σ² + eps) used to normalise.
struct ChannelStats {
    Tensor mean, invstd;
};

// The batch's statistics; moves the running buffers (if defined) towards them.
ChannelStats batch_statistics(const Tensor& x, const ChannelView& v, Tensor& running_mean, Tensor& running_var,
                              float momentum, float eps) {
    ChannelStats st{Tensor::empty({v.c}), Tensor::empty({v.c})};
    const float* px = x.data();
    const double count = static_cast<double>(v.per_channel());
    const bool track = running_mean.defined();
    for_channels(v, [&](int64_t first, int64_t last) {
        std::vector<double> s1(last - first), s2(last - first);
        detail::shifted_channel_sums(px, v, first, last, s1.data(), s2.data());
        for (int64_t c = first; c < last; ++c) {
            const double shift = s1[c - first] / count;
            const double var = std::max(s2[c - first] / count - shift * shift, 0.0);  // biased: normalises
            const double mean = px[v.offset(0, c)] + shift;
            st.mean[c] = static_cast<float>(mean);
            st.invstd[c] = static_cast<float>(1.0 / std::sqrt(var + eps));
            if (!track) continue;
            const double unbiased = var * count / (count - 1);
            running_mean[c] = static_cast<float>((1.0 - momentum) * running_mean[c] + momentum * mean);
            running_var[c] = static_cast<float>((1.0 - momentum) * running_var[c] + momentum * unbiased);
        }
    });
    return st;
}

ChannelStats running_statistics(const Tensor& running_mean, const Tensor& running_var, float eps) {
    ChannelStats st{running_mean.clone(), Tensor::empty(running_var.shape())};
    for (int64_t c = 0; c < running_var.numel(); ++c) st.invstd[c] = 1.0f / std::sqrt(running_var[c] + eps);
    return st;
}

// What the fused ops apply to batch normalisation's output before anyone reads it.
enum class Then { Nothing, Relu, Sigmoid };

// y = (x − μ)·invstd·γ + β, folded into one multiply-add per value, then `then` on the chunk while it is in
// cache: the same numbers as relu() or sigmoid() on the whole output.
// Average pooling after the activation (batch_norm_sigmoid_avg_pool2d): each chunk of the output is pooled as
// soon as it is made, while it is in cache.
struct ThenPool {
    detail::PoolShape shape;
    bool include_pad;
    float* out;  // [N, C, OH, OW]
};

Tensor normalize_channels(const Tensor& x, const ChannelView& v, const ChannelStats& st, const Tensor& gamma,
                          const Tensor& beta, Then then, const ThenPool* pool = nullptr) {
    Tensor y = Tensor::empty(x.shape());
    std::vector<float> scale(v.c), shift(v.c);
    for (int64_t c = 0; c < v.c; ++c) {
        scale[c] = gamma[c] * st.invstd[c];
        shift[c] = beta[c] - st.mean[c] * scale[c];
    }
    const float* px = x.data();
    float* py = y.data();
    for_examples(v, [&](const ChannelView& chunk, int64_t at) {
        detail::scale_shift_channels(px + at, py + at, chunk, 0, v.c, scale.data(), shift.data());
        float* out = py + at;
        const int64_t n = chunk.n * chunk.c * chunk.l;
        if (then == Then::Relu)
            for (int64_t i = 0; i < n; ++i) out[i] = out[i] > 0.0f ? out[i] : 0.0f;
        else if (then == Then::Sigmoid)
            sigmoid_array(out, out, n);
        if (!pool) return;
        detail::AvgPoolPlanes planes(pool->shape, pool->include_pad);
        for (int64_t q = 0, first = at / v.l; q < chunk.n * chunk.c; ++q)
            planes.forward(out + q * v.l, pool->out + (first + q) * pool->shape.out_plane());
    });
    return y;
}

void check_channel_vector(const Tensor& t, int64_t channels, const char* what, const Shape& x) {
    if (t.shape() != Shape{channels})
        throw ShapeError(std::string("batch_norm: ") + what + " must have shape [" + std::to_string(channels) +
                         "] (one value per channel of " + to_string(x) + "), got " + to_string(t.shape()));
}

void check_batch_norm_args(const ChannelView& v, const Shape& x, const Var& gamma, const Var& beta,
                           const Tensor& running_mean, const Tensor& running_var, bool training) {
    check_channel_vector(gamma.value(), v.c, "the scale γ", x);
    check_channel_vector(beta.value(), v.c, "the shift β", x);
    if (running_mean.defined() != running_var.defined())
        throw ShapeError("batch_norm: give both running_mean and running_var, or neither");
    if (running_mean.defined()) {
        check_channel_vector(running_mean, v.c, "running_mean", x);
        check_channel_vector(running_var, v.c, "running_var", x);
    }
    if (!training && !running_mean.defined())
        throw ShapeError("batch_norm in evaluation mode needs the running statistics");
    if (training && v.per_channel() < 2)
        throw ShapeError(
            "BatchNorm in training needs more than one value per channel to compute a variance, but the "
            "batch has shape " +
            to_string(x) +
            "; use a batch size above 1 (an epoch's last batch holds "
            "a single example when the training set is one more than a multiple of the batch size)");
}

// The closed-form backward: dβ = Σg, dγ = Σg·x̂, and in training dx = γ·invstd·(g − Σg/M − x̂·Σ(g·x̂)/M)
// (the batch statistics depend on x); in evaluation μ and σ² are constants, so dx = γ·invstd·g.
// finish_sums adds dγ and dβ from the per-channel sums sg = Σg, sgx = Σg·(x − μ) and returns dx's coefficients.
struct InputGradCoefficients {
    std::vector<float> a, b, k;  // dx = a·g + b·(x − μ) + k per channel
};

InputGradCoefficients finish_sums(GradNode& self, const ChannelView& v, const ChannelStats& st, bool training,
                                  const std::vector<double>& sg, const std::vector<double>& sgx) {
    const Tensor& gamma = input(self, 1).value;
    Tensor dgamma = Tensor::empty({v.c}), dbeta = Tensor::empty({v.c});
    const double count = static_cast<double>(v.per_channel());
    InputGradCoefficients f{std::vector<float>(v.c), std::vector<float>(v.c), std::vector<float>(v.c)};
    for (int64_t c = 0; c < v.c; ++c) {
        const float invstd = st.invstd[c];
        dbeta[c] = static_cast<float>(sg[c]);
        dgamma[c] = static_cast<float>(sgx[c] * invstd);
        f.a[c] = gamma[c] * invstd;
        f.b[c] = training ? static_cast<float>(-f.a[c] * invstd * invstd * sgx[c] / count) : 0.0f;
        f.k[c] = training ? static_cast<float>(-f.a[c] * sg[c] / count) : 0.0f;
    }
    accumulate(input(self, 1), dgamma);
    accumulate(input(self, 2), dbeta);
    return f;
}

void batch_norm_backward(GradNode& self, const ChannelView& v, const ChannelStats& st, bool training) {
    GradNode& nx = input(self, 0);
    const float* g = self.grad.data();
    const float* px = nx.value.data();
    const float* mean = st.mean.data();
    std::vector<double> sg(v.c), sgx(v.c);
    for_channels(v, [&](int64_t first, int64_t last) {
        detail::gradient_channel_sums(g, px, v, mean, first, last, sg.data() + first, sgx.data() + first);
    });
    const InputGradCoefficients f = finish_sums(self, v, st, training, sg, sgx);
    if (!nx.requires_grad) return;
    const bool fresh = nx.begin_grad_write();
    float* dx = nx.grad.data();
    for_examples(v, [&](const ChannelView& chunk, int64_t at) {
        detail::input_gradient_channels(dx + at, fresh, g + at, px + at, chunk, mean, 0, v.c, f.a.data(), f.b.data(),
                                        f.k.data());
    });
}

// The same for batch_norm_sigmoid_avg_pool2d, whose incoming gradient is the pooling's: each plane's gradient at
// the BatchNorm output (through the pooling and the sigmoid, whose output `act` is kept) is made where it is used,
// once for the sums and once for dx, instead of being stored between passes.
void batch_norm_sigmoid_pool_backward(GradNode& self, const ChannelView& v, const ChannelStats& st, bool training,
                                      const detail::PoolShape& ps, bool include_pad, const Tensor& act) {
    GradNode& nx = input(self, 0);
    const float* gp = self.grad.data();
    const float* pa = act.data();
    const float* px = nx.value.data();
    const float* mean = st.mean.data();
    const int64_t out_plane = ps.out_plane();
    std::vector<double> sg(v.c), sgx(v.c);
    for_channels(v, [&](int64_t first, int64_t last) {
        detail::AvgPoolPlanes pool(ps, include_pad);
        std::vector<float> g(static_cast<size_t>(v.l));
        for (int64_t c = first; c < last; ++c)
            for (int64_t n = 0; n < v.n; ++n) {
                const int64_t plane = n * v.c + c;
                pool.sigmoid_backward(gp + plane * out_plane, pa + plane * v.l, g.data(), true);
                detail::add_gradient_row_sums(g.data(), px + plane * v.l, v.l, mean[c], sg[c], sgx[c]);
            }
    });
    const InputGradCoefficients f = finish_sums(self, v, st, training, sg, sgx);
    if (!nx.requires_grad) return;
    const bool fresh = nx.begin_grad_write();
    float* dx = nx.grad.data();
    for_examples(v, [&](const ChannelView& chunk, int64_t at) {
        detail::AvgPoolPlanes pool(ps, include_pad);
        std::vector<float> g(static_cast<size_t>(v.l));
        const ChannelView one{1, 1, v.l};
        for (int64_t q = 0, first = at / v.l; q < chunk.n * chunk.c; ++q) {
            const int64_t plane = first + q, c = plane % v.c;
            pool.sigmoid_backward(gp + plane * out_plane, pa + plane * v.l, g.data(), true);
            detail::input_gradient_channels(dx + plane * v.l, fresh, g.data(), px + plane * v.l, one, mean + c, 0, 1,
                                            f.a.data() + c, f.b.data() + c, f.k.data() + c);
        }
    });
}

// g ← g · [y > 0] or g · y·(1 − y), as relu's and sigmoid's backward compute it from their output y (relu's
// output is positive exactly where the BatchNorm output is).
void gradient_through_output(GradNode& self, Then then) {
    float* g = self.grad.data();
    const float* y = self.value.data();
    parallel_for(self.value.numel(), detail::kElementwiseGrain, [&](int64_t b, int64_t e) {
        if (then == Then::Relu)
            relu_grad_array(g + b, y + b, g + b, e - b, true);
        else
            sigmoid_grad_array(g + b, y + b, g + b, e - b, true);
    });
}

Var batch_norm_op(const Var& x, const Var& gamma, const Var& beta, Tensor& running_mean, Tensor& running_var,
                  bool training, float momentum, float eps, Then then) {
    const ChannelView v = channel_view(x.shape(), "batch_norm");
    check_batch_norm_args(v, x.shape(), gamma, beta, running_mean, running_var, training);
    const ChannelStats st = training ? batch_statistics(x.value(), v, running_mean, running_var, momentum, eps)
                                     : running_statistics(running_mean, running_var, eps);
    Tensor y = normalize_channels(x.value(), v, st, gamma.value(), beta.value(), then);
    if (then == Then::Nothing)
        return Var::make(y, {x, gamma, beta}, "batch_norm",
                         [v, st, training](GradNode& self) { batch_norm_backward(self, v, st, training); });
    return Var::make(y, {x, gamma, beta}, then == Then::Relu ? "batch_norm_relu" : "batch_norm_sigmoid",
                     [v, st, training, then](GradNode& self) {
                         gradient_through_output(self, then);
                         batch_norm_backward(self, v, st, training);
                     });
}
}  // namespace

Var batch_norm(const Var& x, const Var& gamma, const Var& beta, Tensor& running_mean, Tensor& running_var,
               bool training, float momentum, float eps) {
    return batch_norm_op(x, gamma, beta, running_mean, running_var, training, momentum, eps, Then::Nothing);
}

Var batch_norm_relu(const Var& x, const Var& gamma, const Var& beta, Tensor& running_mean, Tensor& running_var,
                    bool training, float momentum, float eps) {
    return batch_norm_op(x, gamma, beta, running_mean, running_var, training, momentum, eps, Then::Relu);
}

Var batch_norm_sigmoid(const Var& x, const Var& gamma, const Var& beta, Tensor& running_mean, Tensor& running_var,
                       bool training, float momentum, float eps) {
    return batch_norm_op(x, gamma, beta, running_mean, running_var, training, momentum, eps, Then::Sigmoid);
}

Var batch_norm_sigmoid_avg_pool2d(const Var& x, const Var& gamma, const Var& beta, Tensor& running_mean,
                                  Tensor& running_var, bool training, float momentum, float eps, const Window2d& window,
                                  bool count_include_pad) {
    const ChannelView v = channel_view(x.shape(), "batch_norm");
    check_batch_norm_args(v, x.shape(), gamma, beta, running_mean, running_var, training);
    const detail::PoolShape ps = detail::make_pool_shape(x.shape(), window, "avg_pool2d");
    const ChannelStats st = training ? batch_statistics(x.value(), v, running_mean, running_var, momentum, eps)
                                     : running_statistics(running_mean, running_var, eps);
    Tensor pooled = Tensor::empty({x.shape()[0], x.shape()[1], ps.oh, ps.ow});
    const ThenPool pool{ps, count_include_pad, pooled.data()};
    const Tensor act = normalize_channels(x.value(), v, st, gamma.value(), beta.value(), Then::Sigmoid, &pool);
    return Var::make(pooled, {x, gamma, beta}, "batch_norm_sigmoid_avg_pool2d",
                     [v, st, training, ps, count_include_pad, act](GradNode& self) {
                         batch_norm_sigmoid_pool_backward(self, v, st, training, ps, count_include_pad, act);
                     });
}

namespace {
// Adds dγ = Σ_rows g·x̂ and dβ = Σ_rows g; parallel over columns, so each sum runs in row order.
void layer_norm_param_grads(GradNode& self, const Tensor& mean, const Tensor& rstd, int64_t rows, int64_t d) {
    GradNode& ng = input(self, 1);
    GradNode& nb = input(self, 2);
    if (!ng.requires_grad && !nb.requires_grad) return;
    Tensor dgamma = Tensor::zeros(ng.value.shape()), dbeta = Tensor::zeros(nb.value.shape());
    const float* g = self.grad.data();
    const float* px = input(self, 0).value.data();
    parallel_for(d, std::max<int64_t>(1, detail::kElementwiseGrain / std::max<int64_t>(rows, 1)),
                 [&](int64_t first, int64_t last) {
                     for (int64_t r = 0; r < rows; ++r)
                         for (int64_t j = first; j < last; ++j) {
                             const int64_t i = r * d + j;
                             dgamma[j] += g[i] * (px[i] - mean[r]) * rstd[r];
                             dbeta[j] += g[i];
                         }
                 });
    accumulate(ng, dgamma);
    accumulate(nb, dbeta);
}

// Adds dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) with ĝ = g·γ, row by row.
void layer_norm_input_grad(GradNode& self, const Tensor& mean, const Tensor& rstd, int64_t rows, int64_t d) {
    GradNode& nx = input(self, 0);
    if (!nx.requires_grad) return;
    const bool fresh = nx.begin_grad_write();
    const float* g = self.grad.data();
    const float* px = nx.value.data();
    const ConstArrayMap gamma(input(self, 1).value.data(), d);
    parallel_for(rows, std::max<int64_t>(1, detail::kElementwiseGrain / d), [&](int64_t first, int64_t last) {
        Eigen::ArrayXf gh(d), xh(d);
        for (int64_t r = first; r < last; ++r) {
            gh = ConstArrayMap(g + r * d, d) * gamma;
            xh = (ConstArrayMap(px + r * d, d) - mean[r]) * rstd[r];
            const float mean_g = gh.sum() / d, mean_gx = (gh * xh).sum() / d;
            ArrayMap dx(nx.grad.data() + r * d, d);
            if (fresh)
                dx = rstd[r] * (gh - mean_g - xh * mean_gx);
            else
                dx += rstd[r] * (gh - mean_g - xh * mean_gx);
        }
    });
}
}  // namespace

Var layer_norm(const Var& x, const Var& gamma, const Var& beta, int64_t normalized_dims, float eps) {
    const Shape& s = x.shape();
    const int64_t rank = static_cast<int64_t>(s.size());
    if (normalized_dims < 1 || normalized_dims > rank)
        throw ShapeError("layer_norm normalises over the last 1 to " + std::to_string(rank) + " axes of " +
                         to_string(s) + ", got " + std::to_string(normalized_dims));
    const Shape norm_shape(s.end() - normalized_dims, s.end());
    if (gamma.shape() != norm_shape || beta.shape() != norm_shape)
        throw ShapeError("layer_norm: γ and β must have the normalised shape " + to_string(norm_shape) + ", got " +
                         to_string(gamma.shape()) + " and " + to_string(beta.shape()));
    const int64_t d = numel(norm_shape);
    if (d == 0) throw ShapeError("layer_norm: cannot normalise over an empty shape " + to_string(norm_shape));
    const int64_t rows = x.value().numel() / d;
    Tensor mean = Tensor::empty({rows}), rstd = Tensor::empty({rows}), y = Tensor::empty(s);
    const float* px = x.value().data();
    const ConstArrayMap g(gamma.value().data(), d), b(beta.value().data(), d);
    parallel_for(rows, std::max<int64_t>(1, detail::kElementwiseGrain / d), [&](int64_t first, int64_t last) {
        for (int64_t r = first; r < last; ++r) {
            const ConstArrayMap row(px + r * d, d);
            const float mu = row.sum() / d;
            const float var = (row - mu).square().sum() / d;  // two passes over a row that is in cache
            mean[r] = mu;
            rstd[r] = 1.0f / std::sqrt(var + eps);
            ArrayMap(y.data() + r * d, d) = (row - mu) * rstd[r] * g + b;
        }
    });
    return Var::make(y, {x, gamma, beta}, "layer_norm", [mean, rstd, rows, d](GradNode& self) {
        layer_norm_input_grad(self, mean, rstd, rows, d);
        layer_norm_param_grads(self, mean, rstd, rows, d);
    });
}

Var dropout2d(const Var& x, float p, Rng& rng) {
    if (!(p >= 0.0f && p < 1.0f)) throw InputError("dropout2d probability must be in [0, 1), got " + std::to_string(p));
    const ChannelView v = channel_view(x.shape(), "dropout2d");
    if (p == 0.0f) return x;
    Tensor mask = Tensor::empty({v.n * v.c});  // one factor per (example, channel) map
    dropout_mask(mask.data(), mask.numel(), p, rng);
    Tensor out = Tensor::empty(x.shape());
    const float* px = x.value().data();
    float* po = out.data();
    const int64_t grain = std::max<int64_t>(1, detail::kElementwiseGrain / std::max<int64_t>(v.l, 1));
    parallel_for(mask.numel(), grain, [&](int64_t first, int64_t last) {
        for (int64_t m = first; m < last; ++m)
            for (int64_t i = 0; i < v.l; ++i) po[m * v.l + i] = px[m * v.l + i] * mask[m];
    });
    return Var::make(out, {x}, "dropout2d", [mask, v, grain](GradNode& self) {
        GradNode& in = input(self, 0);
        if (!in.requires_grad) return;
        const bool fresh = in.begin_grad_write();
        float* gi = in.grad.data();
        const float* g = self.grad.data();
        parallel_for(mask.numel(), grain, [&](int64_t first, int64_t last) {
            for (int64_t m = first; m < last; ++m)
                for (int64_t i = 0; i < v.l; ++i) {
                    const float delta = g[m * v.l + i] * mask[m];
                    gi[m * v.l + i] = fresh ? delta : gi[m * v.l + i] + delta;
                }
        });
    });
}

}  // namespace dl
