// Convolution and pooling: finite-difference gradients, forward and backward values against direct
// loops, shape inference and the messages a learner sees, thread-count independence, and LeNet's shapes.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/data/dataset.h"
#include "engine/io/network_json.h"
#include "engine/io/presets.h"
#include "engine/nn/layer_catalog.h"
#include "engine/nn/network.h"
#include "engine/ops/activation.h"
#include "engine/ops/arithmetic.h"
#include "engine/ops/conv.h"
#include "engine/ops/conv_passes.h"
#include "engine/ops/conv_sigmoid_pool.h"
#include "engine/ops/pool.h"
#include "engine/ops/reduce.h"
#include "engine/train/trainer.h"
#include "fusion_run.h"
#include "gradcheck.h"

using namespace dl;
using dltest::gradcheck;
using dltest::random_tensor;

namespace {
Var leaf(const Shape& s, uint64_t seed) {
    return Var(random_tensor(s, seed), true);
}

// Values i·0.05 in a seeded random order: every window has one clear maximum, further than the
// finite-difference step from the runner-up.
Var distinct_leaf(const Shape& s, uint64_t seed) {
    Tensor t = Tensor::empty(s);
    std::vector<int64_t> order(static_cast<size_t>(t.numel()));
    std::iota(order.begin(), order.end(), 0);
    Rng rng(seed);
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
    for (int64_t i = 0; i < t.numel(); ++i) t[i] = 0.05f * static_cast<float>(order[static_cast<size_t>(i)]) - 1.0f;
    return Var(t, true);
}

#define GRADCHECK(f, ...)                                    \
    do {                                                     \
        const std::string err = gradcheck(f, {__VA_ARGS__}); \
        QVERIFY2(err.empty(), err.c_str());                  \
    } while (0)

// Direct convolution in double precision: the definition the im2col + GEMM path must reproduce.
struct NaiveConv {
    Tensor y, dx, dw, db;
};

NaiveConv naive_conv(const Tensor& x, const Tensor& w, const Tensor& b, const Conv2dParams& p, const Tensor& dy) {
    const int64_t n_ = x.size(0), c_ = x.size(1), h = x.size(2), wd = x.size(3);
    const int64_t o_ = w.size(0), cg = w.size(1), kh = w.size(2), kw = w.size(3);
    const int64_t oh_ = (h + 2 * p.pad_h - kh) / p.stride_h + 1, ow_ = (wd + 2 * p.pad_w - kw) / p.stride_w + 1;
    const int64_t og = o_ / p.groups;
    NaiveConv r{Tensor({n_, o_, oh_, ow_}), Tensor({n_, c_, h, wd}), Tensor(w.shape()), Tensor({o_})};
    for (int64_t n = 0; n < n_; ++n)
        for (int64_t o = 0; o < o_; ++o)
            for (int64_t oh = 0; oh < oh_; ++oh)
                for (int64_t ow = 0; ow < ow_; ++ow) {
                    double s = b.defined() ? b[o] : 0.0;
                    const float g = dy.defined() ? dy.at({n, o, oh, ow}) : 0.0f;
                    r.db[o] += g;
                    for (int64_t ci = 0; ci < cg; ++ci)
                        for (int64_t i = 0; i < kh; ++i)
                            for (int64_t j = 0; j < kw; ++j) {
                                const int64_t c = o / og * cg + ci;
                                const int64_t ih = oh * p.stride_h + i - p.pad_h, iw = ow * p.stride_w + j - p.pad_w;
                                if (ih < 0 || ih >= h || iw < 0 || iw >= wd) continue;
                                s += double(w.at({o, ci, i, j})) * x.at({n, c, ih, iw});
                                r.dx.at({n, c, ih, iw}) += g * w.at({o, ci, i, j});
                                r.dw.at({o, ci, i, j}) += g * x.at({n, c, ih, iw});
                            }
                    r.y.at({n, o, oh, ow}) = static_cast<float>(s);
                }
    return r;
}

// Pooling by its definition (average over the whole window, PyTorch's count_include_pad), with the input
// gradient of two backward passes of dy.
struct NaivePool {
    Tensor y, dx;
};

NaivePool naive_pool(const Tensor& x, const Window2d& w, bool average, const Tensor& dy) {
    const int64_t h_ = x.size(2), w_ = x.size(3), area = w.kernel_h * w.kernel_w;
    NaivePool r{Tensor(dy.shape()), Tensor(x.shape())};
    for (int64_t n = 0; n < x.size(0); ++n)
        for (int64_t c = 0; c < x.size(1); ++c)
            for (int64_t oh = 0; oh < dy.size(2); ++oh)
                for (int64_t ow = 0; ow < dy.size(3); ++ow) {
                    std::vector<std::pair<int64_t, int64_t>> window;  // the input cells inside the window
                    for (int64_t i = 0; i < w.kernel_h; ++i)
                        for (int64_t j = 0; j < w.kernel_w; ++j) {
                            const int64_t h = oh * w.stride_h + i - w.pad_h, v = ow * w.stride_w + j - w.pad_w;
                            if (h >= 0 && h < h_ && v >= 0 && v < w_) window.emplace_back(h, v);
                        }
                    double sum = 0, best = -INFINITY;
                    std::pair<int64_t, int64_t> arg;
                    for (auto [h, v] : window) {
                        const float value = x.at({n, c, h, v});
                        sum += value;
                        if (value > best) best = value, arg = {h, v};
                    }
                    const float grad = 2 * dy.at({n, c, oh, ow});
                    r.y.at({n, c, oh, ow}) = static_cast<float>(average ? sum / area : best);
                    if (!average) r.dx.at({n, c, arg.first, arg.second}) += grad;
                    for (auto [h, v] : window)
                        if (average) r.dx.at({n, c, h, v}) += grad / area;
                }
    return r;
}

double max_abs_diff(const Tensor& a, const Tensor& b) {
    if (a.shape() != b.shape()) return INFINITY;
    double worst = 0;
    for (int64_t i = 0; i < a.numel(); ++i) worst = std::max(worst, double(std::fabs(a[i] - b[i])));
    return worst;
}

Attributes attrs(std::initializer_list<std::pair<const char*, AttrValue>> list) {
    Attributes a;
    for (auto& [k, v] : list) a.set(k, v);
    return a;
}

using Ints = std::vector<int64_t>;

// The message of the ShapeError/InputError that f throws ("" when it throws nothing).
template <class F>
QString error_of(F f) {
    try {
        f();
    } catch (const std::runtime_error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}
}  // namespace

class TestConv : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The direct convolutions are the subject here: 3×3 stride-1 layers with 16 or more channels would
    // otherwise take Winograd's path, which test_winograd checks against them.
    void initTestCase() { set_winograd(false); }
    void conv2dGradients() {
        Var x = leaf({2, 3, 5, 5}, 1), w = leaf({4, 3, 3, 3}, 2), b = leaf({4}, 3);
        GRADCHECK([&] { return conv2d(x, w, b); }, x, w, b);
        GRADCHECK([&] { return conv2d(x, w, Var()); }, x, w);
        GRADCHECK([&] { return conv2d(x, w, b, {2, 2, 1, 1, 1}); }, x, w, b);  // stride 2, padding 1
        Var x1 = leaf({1, 3, 5, 5}, 4);  // one example: the GEMMs take the threads instead of the batch
        GRADCHECK([&] { return conv2d(x1, w, b, {1, 1, 2, 2, 1}); }, x1, w, b);
    }
    void conv2dNonSquareAndGroupedGradients() {
        Var x = leaf({2, 2, 5, 6}, 5), w = leaf({3, 2, 2, 3}, 6), b = leaf({3}, 7);
        GRADCHECK([&] { return conv2d(x, w, b, {2, 1, 1, 0, 1}); }, x, w, b);
        Var xg = leaf({2, 4, 4, 4}, 8), wg = leaf({6, 2, 3, 3}, 9), bg = leaf({6}, 10);
        GRADCHECK([&] { return conv2d(xg, wg, bg, {1, 1, 1, 1, 2}); }, xg, wg, bg);
        Var wd = leaf({4, 1, 3, 3}, 11);  // depthwise: one filter per channel
        GRADCHECK([&] { return conv2d(xg, wd, Var(), {1, 1, 1, 1, 4}); }, xg, wd);
    }
    // 16 output channels over few pixels: the pixel-major layout (Colᵀ · Wᵀ) instead of W · Col.
    void conv2dPixelMajorGradients() {
        Var x = leaf({2, 3, 5, 5}, 17), w = leaf({16, 3, 3, 3}, 18), b = leaf({16}, 19);
        GRADCHECK([&] { return conv2d(x, w, b); }, x, w, b);
        GRADCHECK([&] { return conv2d(x, w, Var(), {2, 2, 1, 1, 1}); }, x, w);
        Var xg = leaf({2, 4, 5, 5}, 24), wg = leaf({32, 2, 3, 3}, 25);
        GRADCHECK([&] { return conv2d(xg, wg, Var(), {1, 1, 0, 0, 2}); }, xg, wg);
        Var x1 = leaf({1, 3, 5, 5}, 26);
        GRADCHECK([&] { return conv2d(x1, w, b, {1, 1, 1, 1, 1}); }, x1, w, b);
    }
    // Output rows at least 16 wide: the direct kernel (weights × the padded image, no column matrix).
    void conv2dDirectGradients() {
        Var x = leaf({2, 2, 5, 18}, 27), w = leaf({3, 2, 3, 3}, 28), b = leaf({3}, 29);
        GRADCHECK([&] { return conv2d(x, w, b, {1, 1, 1, 1, 1}); }, x, w, b);
        Var wg = leaf({4, 1, 3, 3}, 30);
        GRADCHECK([&] { return conv2d(x, wg, Var(), {1, 1, 0, 0, 2}); }, x, wg);
    }
    void conv2dPointwiseGradients() {  // 1×1, stride 1, no padding: no im2col
        Var x = leaf({2, 4, 3, 3}, 12), w = leaf({5, 4, 1, 1}, 13), b = leaf({5}, 14);
        GRADCHECK([&] { return conv2d(x, w, b); }, x, w, b);
        Var wg = leaf({6, 2, 1, 1}, 15);
        GRADCHECK([&] { return conv2d(x, wg, Var(), {1, 1, 0, 0, 2}); }, x, wg);
        Var x1 = leaf({1, 4, 3, 3}, 16);
        GRADCHECK([&] { return conv2d(x1, w, b); }, x1, w, b);
    }
    // Forward and all three gradients against the direct loops. 37 examples: more than one per
    // weight-gradient slice, so the slices' accumulation and their ordered sum are exercised too.
    void conv2dMatchesDirectConvolution() {
        struct Case {
            Shape x, w;
            Conv2dParams p;
            bool bias;
        };
        const std::vector<Case> cases{
            {{37, 1, 28, 28}, {6, 1, 5, 5}, {1, 1, 2, 2, 1}, true},   // LeNet's first layer
            {{37, 6, 14, 14}, {16, 6, 5, 5}, {1, 1, 0, 0, 1}, true},  // and its second (dx by the row kernel)
            {{5, 6, 9, 9}, {8, 6, 3, 3}, {1, 1, 1, 1, 1}, true},      // dx by the row kernel, with padding
            {{3, 12, 8, 7}, {8, 6, 3, 2}, {1, 1, 1, 0, 2}, false},    // and grouped, non-square
            {{5, 3, 9, 7}, {4, 3, 3, 2}, {2, 3, 1, 2, 1}, false},
            {{5, 3, 9, 7}, {16, 3, 3, 2}, {2, 1, 1, 1, 1}, true},   // pixel-major, strided rows
            {{3, 4, 6, 6}, {32, 2, 3, 3}, {1, 1, 1, 1, 2}, true},   // pixel-major, grouped
            {{3, 4, 7, 20}, {10, 2, 3, 3}, {1, 1, 1, 1, 2}, true},  // direct, grouped, 5 channels a group
            {{4, 4, 6, 6}, {8, 2, 3, 3}, {1, 1, 1, 1, 2}, true},
            {{3, 8, 5, 5}, {7, 8, 1, 1}, {1, 1, 0, 0, 1}, true},   // pointwise
            {{3, 6, 7, 7}, {6, 3, 1, 1}, {2, 2, 0, 0, 2}, false},  // 1×1 with stride: im2col again
            {{2, 2, 3, 3}, {3, 2, 3, 3}, {1, 1, 0, 0, 1}, true},   // one output pixel
            // Weights past 512 KB over few pixels (ResNet's last stages): products batched over chunks of
            // examples, several chunks per thread and several examples per weight-gradient slice.
            {{40, 64, 3, 3}, {256, 64, 3, 3}, {1, 1, 1, 1, 1}, true},    // wide columns
            {{11, 64, 3, 3}, {1024, 64, 3, 3}, {1, 1, 1, 1, 1}, false},  // four slices of 2–3 examples
            {{9, 64, 4, 4}, {1024, 64, 3, 3}, {2, 2, 1, 1, 1}, true},    // strided: no junk columns
        };
        for (const Case& c : cases) {
            Var x = leaf(c.x, 20), w = leaf(c.w, 21), b = c.bias ? leaf({c.w[0]}, 22) : Var();
            Var y = conv2d(x, w, b, c.p);
            const Tensor dy = random_tensor(y.shape(), 23);
            const NaiveConv ref = naive_conv(x.value(), w.value(), b.defined() ? b.value() : Tensor(), c.p, dy);
            y.backward(dy);
            const QString what = QString::fromStdString("x " + to_string(c.x) + " w " + to_string(c.w));
            QVERIFY2(max_abs_diff(y.value(), ref.y) < 1e-4, qPrintable(what + " forward"));
            // dx sums O·KH·KW products: rounding grows with the square root of that count
            const double dx_tolerance = 1e-4 * std::max(1.0, std::sqrt(double(c.w[0] * c.w[2] * c.w[3]) / 64));
            QVERIFY2(max_abs_diff(x.grad(), ref.dx) < dx_tolerance, qPrintable(what + " dx"));
            QVERIFY2(max_abs_diff(w.grad(), ref.dw) < 2e-3, qPrintable(what + " dw"));  // sums over the batch
            if (c.bias) QVERIFY2(max_abs_diff(b.grad(), ref.db) < 2e-3, qPrintable(what + " db"));
        }
    }
    void conv2dAccumulatesIntoExistingGradients() {  // the backward contract: add, never overwrite
        for (auto [xs, ws] : {std::pair{Shape{3, 2, 4, 4}, Shape{2, 2, 3, 3}},
                              std::pair{Shape{3, 6, 9, 9}, Shape{8, 6, 3, 3}}}) {  // dx by the row kernel
            Var x = leaf(xs, 30), w = leaf(ws, 31), b = leaf({ws[0]}, 32);
            Var y = conv2d(x, w, b, {1, 1, 1, 1, 1});
            y.backward(Tensor::ones(y.shape()));
            const Tensor gx = x.grad().clone(), gw = w.grad().clone(), gb = b.grad().clone();
            conv2d(x, w, b, {1, 1, 1, 1, 1}).backward(Tensor::ones(y.shape()));
            for (auto [now, before] : {std::pair{x.grad(), gx}, std::pair{w.grad(), gw}, std::pair{b.grad(), gb}})
                for (int64_t i = 0; i < now.numel(); ++i) QVERIFY(std::fabs(now[i] - 2 * before[i]) < 1e-4f);
        }
    }
    // The input gradient of shallow stride-1 layers (few output and input channels per group) is added back in
    // tiles (add_columns_back), without col2im's GEMM and column matrix: LeNet's layers in both presets, grouped
    // and depthwise layers (conv2dNonSquareAndGroupedGradients checks those by finite differences).
    void inputGradientPlans() {
        using detail::InputGradMethod;
        auto method = [](const Shape& x, const Shape& w, const Conv2dParams& p) {
            return detail::plan_conv2d(x, w, p).input_grad;
        };
        QVERIFY(method({8, 6, 14, 14}, {16, 6, 5, 5}, {}) == InputGradMethod::ColumnTiles);  // LeNet
        QVERIFY(method({8, 6, 12, 12}, {16, 6, 5, 5}, {}) == InputGradMethod::ColumnTiles);  // BatchNorm LeNet
        QVERIFY(method({8, 1, 28, 28}, {6, 1, 5, 5}, {1, 1, 2, 2, 1}) == InputGradMethod::ColumnTiles);
        QVERIFY(method({8, 4, 4, 4}, {4, 1, 3, 3}, {1, 1, 1, 1, 4}) == InputGradMethod::ColumnTiles);  // depthwise
        QVERIFY(method({8, 6, 14, 14}, {32, 6, 5, 5}, {}) == InputGradMethod::Gemm);                   // a deeper GEMM
        QVERIFY(method({8, 6, 14, 14}, {16, 6, 5, 5}, {2, 2, 0, 0, 1}) == InputGradMethod::Gemm);      // strided
        QVERIFY(method({8, 64, 12, 12}, {64, 64, 3, 3}, {1, 1, 1, 1, 1}) == InputGradMethod::Gemm);
        Var x = leaf({2, 6, 7, 7}, 33), w = leaf({3, 6, 3, 3}, 34);  // finite differences through the tiles
        QVERIFY(method(x.shape(), w.shape(), {1, 1, 1, 1, 1}) == InputGradMethod::ColumnTiles);
        GRADCHECK([&] { return conv2d(x, w, Var(), {1, 1, 1, 1, 1}); }, x, w);
    }
    // 40 examples: more than the 32 weight-gradient slices, several per slice. The shapes take the four
    // forward layouts (GEMM, the row kernel, the pixel kernel, GEMMs batched over examples).
    void conv2dSameResultsForOneAndTwoThreads() {
        for (auto [xs, ws, pad] : {std::tuple{Shape{40, 3, 10, 10}, Shape{8, 3, 3, 3}, int64_t{1}},
                                   std::tuple{Shape{40, 1, 20, 20}, Shape{6, 1, 5, 5}, int64_t{2}},
                                   std::tuple{Shape{40, 2, 6, 20}, Shape{16, 2, 3, 3}, int64_t{1}},
                                   std::tuple{Shape{40, 64, 3, 3}, Shape{256, 64, 3, 3}, int64_t{1}}}) {  // batched
            Var x = leaf(xs, 40), w = leaf(ws, 41), b = leaf({ws[0]}, 42);
            auto run = [&](int threads) {
                set_num_threads(threads);
                x.zero_grad();
                w.zero_grad();
                b.zero_grad();
                Var y = conv2d(x, w, b, {1, 1, pad, pad, 1});
                y.backward(random_tensor(y.shape(), 43));
                return std::vector<std::vector<float>>{y.value().to_vector(), x.grad().to_vector(),
                                                       w.grad().to_vector(), b.grad().to_vector()};
            };
            const auto one = run(1), two = run(2);
            set_num_threads(0);
            QVERIFY2(one == two, to_string(xs).c_str());
        }
    }
    void poolingGradients() {
        Var x = distinct_leaf({2, 3, 6, 5}, 50);
        GRADCHECK([&] { return max_pool2d(x, {2, 2, 2, 2, 0, 0}); }, x);
        GRADCHECK([&] { return max_pool2d(x, {3, 3, 2, 2, 1, 1}); }, x);  // overlapping, padded
        GRADCHECK([&] { return max_pool2d(x, {3, 2, 1, 2, 1, 0}); }, x);
        GRADCHECK([&] { return avg_pool2d(x, {2, 2, 2, 2, 0, 0}); }, x);
        GRADCHECK([&] { return avg_pool2d(x, {3, 3, 2, 2, 1, 1}, true); }, x);
        GRADCHECK([&] { return avg_pool2d(x, {3, 3, 2, 2, 1, 1}, false); }, x);
        GRADCHECK([&] { return avg_pool2d(x, {2, 3, 1, 2, 1, 1}); }, x);
        GRADCHECK([&] { return global_avg_pool2d(x); }, x);
    }
    void poolingAccumulatesIntoExistingGradients() {
        Var x = distinct_leaf({2, 2, 7, 6}, 55);
        const std::vector<std::function<Var()>> ops{
            [&] { return max_pool2d(x, {2, 2, 2, 2, 0, 0}); },        [&] { return max_pool2d(x, {3, 3, 2, 2, 1, 1}); },
            [&] { return avg_pool2d(x, {2, 2, 2, 2, 0, 0}); },        [&] { return avg_pool2d(x, {3, 2, 3, 2, 0, 0}); },
            [&] { return avg_pool2d(x, {3, 3, 2, 2, 1, 1}, false); }, [&] { return global_avg_pool2d(x); }};
        for (const auto& op : ops) {
            x.zero_grad();
            Var y = op();
            const Tensor g = random_tensor(y.shape(), 56);
            y.backward(g);
            const Tensor once = x.grad().clone();
            op().backward(g);
            for (int64_t i = 0; i < once.numel(); ++i) QVERIFY(std::fabs(x.grad()[i] - 2 * once[i]) < 1e-5f);
        }
    }
    // Forward and backward against direct loops, on maps wide enough for the vectorised 2×2 path.
    void poolingMatchesDirectLoops() {
        for (const Window2d& w : {Window2d{2, 2, 2, 2, 0, 0}, Window2d{3, 3, 2, 2, 1, 1}, Window2d{3, 2, 3, 2, 0, 1}})
            for (bool average : {true, false}) {
                Var x = leaf({3, 2, 21, 37}, 57);  // 2×2: 18 outputs per row, the last row and column left over
                auto pool = [&] { return average ? avg_pool2d(x, w) : max_pool2d(x, w); };
                Var y = pool();
                const Tensor g = random_tensor(y.shape(), 58);
                y.backward(g);
                pool().backward(g);  // adds to the first pass
                const NaivePool ref = naive_pool(x.value(), w, average, g);
                const QString what = QString("%1 pool %2×%3 stride %4×%5 padding %6×%7")
                                         .arg(average ? "average" : "max")
                                         .arg(w.kernel_h)
                                         .arg(w.kernel_w)
                                         .arg(w.stride_h)
                                         .arg(w.stride_w)
                                         .arg(w.pad_h)
                                         .arg(w.pad_w);
                QVERIFY2(max_abs_diff(y.value(), ref.y) < 1e-5, qPrintable(what + " forward"));
                QVERIFY2(max_abs_diff(x.grad(), ref.dx) < 1e-5, qPrintable(what + " backward"));
            }
    }
    // sigmoid_avg_pool2d is avg_pool2d(sigmoid(x)) in one op: the same bits for the output and the gradient
    // (added to an existing one, too), for windows that tile the plane exactly or not, overlap or pad.
    void sigmoidAvgPoolIsTheTwoOpsBitForBit() {
        for (const Window2d& w : {Window2d{2, 2, 2, 2, 0, 0}, Window2d{3, 3, 3, 3, 0, 0}, Window2d{3, 3, 2, 2, 1, 1}})
            for (const Shape& s : {Shape{3, 2, 12, 12}, Shape{2, 3, 9, 13}})
                for (bool include_pad : {true, false}) {
                    Var x = leaf(s, 61);
                    auto run = [&](bool fused) {
                        x.zero_grad();
                        std::vector<std::vector<float>> all;
                        for (int pass = 0; pass < 2; ++pass) {  // the second pass adds to the first's gradient
                            Var y =
                                fused ? sigmoid_avg_pool2d(x, w, include_pad) : avg_pool2d(sigmoid(x), w, include_pad);
                            y.backward(random_tensor(y.shape(), 63 + pass));
                            all.push_back(y.value().to_vector());
                            all.push_back(x.grad().to_vector());
                        }
                        return all;
                    };
                    QVERIFY2(run(true) == run(false), qPrintable(QString("window %1, image %2×%3, include_pad %4")
                                                                     .arg(w.kernel_h)
                                                                     .arg(s[2])
                                                                     .arg(s[3])
                                                                     .arg(include_pad)));
                }
        Var x = leaf({2, 2, 6, 6}, 64);
        GRADCHECK([&] { return sigmoid_avg_pool2d(x, {2, 2, 2, 2, 0, 0}); }, x);
    }
    // conv2d_sigmoid_avg_pool2d is avg_pool2d(sigmoid(conv2d(...))) in one op: the same bits for the output and
    // for every gradient (added to existing ones, too), on each of the convolution's paths (row and pixel kernels,
    // im2col GEMMs, groups, strides, the fallback to the three ops for a batched plan), with and without a bias,
    // with the input's gradient or without it (a first layer), for pooling windows that cover the plane or not.
    void convSigmoidAvgPoolIsTheThreeOpsBitForBit() {
        struct Case {
            Shape x, w;
            Conv2dParams conv;
            Window2d pool;
        };
        const std::vector<Case> cases{
            {{40, 1, 28, 28}, {6, 1, 5, 5}, {1, 1, 2, 2, 1}, {2, 2, 2, 2, 0, 0}},     // LeNet's first layer
            {{40, 6, 14, 14}, {16, 6, 5, 5}, {}, {2, 2, 2, 2, 0, 0}},                 // LeNet's second
            {{3, 6, 14, 14}, {16, 6, 5, 5}, {}, {3, 3, 2, 2, 1, 1}},                  // overlapping, padded windows
            {{5, 4, 11, 9}, {6, 2, 3, 3}, {2, 2, 1, 1, 2}, {2, 2, 2, 2, 0, 0}},       // groups, stride 2
            {{4, 8, 9, 9}, {12, 8, 3, 3}, {1, 1, 1, 1, 1}, {3, 3, 3, 3, 0, 0}},       // im2col GEMMs
            {{40, 256, 4, 4}, {256, 256, 3, 3}, {1, 1, 1, 1, 1}, {2, 2, 2, 2, 0, 0}}  // a batched plan
        };
        QVERIFY(detail::plan_conv2d(cases.back().x, cases.back().w, cases.back().conv).batched);
        for (const Case& c : cases)
            for (const bool bias : {true, false})
                for (const bool first_layer : {false, true}) {
                    Var x = first_layer ? Var(random_tensor(c.x, 70)) : leaf(c.x, 70);
                    Var w(random_tensor(c.w, 71, -0.3, 0.3), true), b = bias ? leaf({c.w[0]}, 72) : Var();
                    auto run = [&](bool fused) {
                        std::vector<std::vector<float>> all;
                        for (Var* v : {&x, &w, &b})
                            if (v->defined() && v->requires_grad()) v->zero_grad();
                        for (int pass = 0; pass < 2; ++pass) {  // the second pass adds to the first's gradients
                            Var y = fused ? conv2d_sigmoid_avg_pool2d(x, w, b, c.conv, c.pool)
                                          : avg_pool2d(sigmoid(conv2d(x, w, b, c.conv)), c.pool);
                            y.backward(random_tensor(y.shape(), 73 + pass));
                            all.push_back(y.value().to_vector());
                            for (Var* v : {&x, &w, &b})
                                if (v->defined() && v->requires_grad()) all.push_back(v->grad().to_vector());
                        }
                        return all;
                    };
                    QVERIFY2(run(true) == run(false), qPrintable(QString("x %1, w %2, bias %3, first layer %4")
                                                                     .arg(QString::fromStdString(to_string(c.x)))
                                                                     .arg(QString::fromStdString(to_string(c.w)))
                                                                     .arg(bias)
                                                                     .arg(first_layer)));
                }
        set_winograd(true);  // Winograd's plans fall back to the three ops, too
        const std::vector<float> winograd = conv2d_sigmoid_avg_pool2d(Var(random_tensor({2, 16, 8, 8}, 78)),
                                                                      Var(random_tensor({16, 16, 3, 3}, 79, -0.2, 0.2)),
                                                                      Var(), {1, 1, 1, 1, 1}, {2, 2, 2, 2, 0, 0})
                                                .value()
                                                .to_vector();
        const std::vector<float> three =
            avg_pool2d(sigmoid(conv2d(Var(random_tensor({2, 16, 8, 8}, 78)),
                                      Var(random_tensor({16, 16, 3, 3}, 79, -0.2, 0.2)), Var(), {1, 1, 1, 1, 1})),
                       {2, 2, 2, 2, 0, 0})
                .value()
                .to_vector();
        set_winograd(false);
        QVERIFY(winograd == three);
        Var x = leaf({2, 2, 6, 6}, 74), w = leaf({3, 2, 3, 3}, 75), b = leaf({3}, 76);
        GRADCHECK([&] { return conv2d_sigmoid_avg_pool2d(x, w, b, {1, 1, 1, 1, 1}, {2, 2, 2, 2, 0, 0}); }, x, w, b);
        QVERIFY_THROWS_EXCEPTION(ShapeError, conv2d_sigmoid_avg_pool2d(x, w, leaf({4}, 77), {}, {2, 2, 2, 2, 0, 0}));
    }
    // LeNet runs each Conv2d → Sigmoid → AvgPool2d chain as one op, and its fully connected layers with their
    // sigmoids; asking for every node's own output (probes, the views) turns that off, with the same numbers.
    void lenetFusesSigmoidAndPoolingWithTheSameNumbers() {
        Network net(load_preset("lenet"), {1, 28, 28});
        net.reset_parameters(5);
        const Tensor xb = random_tensor({4, 1, 28, 28}, 65);
        const dltest::FusionRun unfused = dltest::run_network(net, xb, false),
                                fused = dltest::run_network(net, xb, true);
        QVERIFY(fused.values == unfused.values);
        QVERIFY(!unfused.ops.count("sigmoid_avg_pool2d"));
        QCOMPARE(unfused.ops.at("sigmoid"), 4);
        QCOMPARE(unfused.ops.at("conv2d"), 2);
        QCOMPARE(fused.ops.at("conv2d_sigmoid_avg_pool2d"), 2);
        QCOMPARE(fused.ops.at("linear_sigmoid"), 2);  // the fully connected layers' two run in their Linear's op
        QVERIFY(!fused.ops.count("sigmoid"));
        QVERIFY(!fused.ops.count("conv2d"));
        QVERIFY(!fused.ops.count("sigmoid_avg_pool2d"));
    }
    void poolingValues() {
        Var x(Tensor::from({1, 1, 3, 4}, {1, 5, 2, 0,  //
                                          3, 4, 9, 1,  //
                                          7, 2, 6, 8}));
        QCOMPARE(max_pool2d(x, {2, 2, 2, 2, 0, 0}).value().to_vector(), (std::vector<float>{5, 9}));
        QCOMPARE(avg_pool2d(x, {2, 2, 2, 2, 0, 0}).value().to_vector(), (std::vector<float>{3.25f, 3}));
        // 2×2 windows with stride 2 and padding 1: corners overlap three padding cells
        QCOMPARE(max_pool2d(x, {2, 2, 2, 2, 1, 1}).value().to_vector(), (std::vector<float>{1, 5, 0, 7, 9, 8}));
        QCOMPARE(avg_pool2d(x, {2, 2, 2, 2, 1, 1}, true).value().to_vector(),
                 (std::vector<float>{0.25f, 1.75f, 0, 2.5f, 5.25f, 2.25f}));
        QCOMPARE(avg_pool2d(x, {2, 2, 2, 2, 1, 1}, false).value().to_vector(),
                 (std::vector<float>{1, 3.5f, 0, 5, 5.25f, 4.5f}));
        QCOMPARE(global_avg_pool2d(x).value().to_vector(), (std::vector<float>{4}));
        QCOMPARE(global_avg_pool2d(x).shape(), (Shape{1, 1, 1, 1}));
        // max pooling sends the gradient to the maximum only
        Var xr(x.value().clone(), true);
        max_pool2d(xr, {2, 2, 2, 2, 0, 0}).backward(Tensor::from({1, 1, 1, 2}, {10, 20}));
        QCOMPARE(xr.grad().to_vector(), (std::vector<float>{0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0}));
        // Ties go to the first maximum in reading order; a NaN wins (the first one), as in PyTorch; a window of
        // −∞ points at its first cell.
        const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
        Var xt(Tensor::from({1, 1, 2, 6}, {4, 1, nan, 2, -inf, -inf,  //
                                           2, 4, 3, nan, -inf, -inf}),
               true);
        const Tensor yt = max_pool2d(xt, {2, 2, 2, 2, 0, 0}).value();
        QCOMPARE(yt[0], 4.0f);
        QVERIFY(std::isnan(yt[1]));
        QCOMPARE(yt[2], -inf);
        max_pool2d(xt, {2, 2, 2, 2, 0, 0}).backward(Tensor::from({1, 1, 1, 3}, {10, 20, 30}));
        QCOMPARE(xt.grad().to_vector(), (std::vector<float>{10, 0, 20, 0, 30, 0, 0, 0, 0, 0, 0, 0}));
    }
    void poolingSameResultsForOneAndTwoThreads() {
        Var x = leaf({64, 8, 12, 12}, 60);
        auto run = [&](int threads) {
            set_num_threads(threads);
            x.zero_grad();
            Var y = add(add(max_pool2d(x, {3, 3, 2, 2, 1, 1}), avg_pool2d(x, {3, 3, 2, 2, 1, 1})),
                        global_avg_pool2d(x));  // [N, C, 1, 1] broadcasts over the pooled maps
            y.backward(random_tensor(y.shape(), 61));
            return std::pair{y.value().to_vector(), x.grad().to_vector()};
        };
        const auto one = run(1), two = run(2);
        set_num_threads(0);
        QVERIFY(one == two);
    }
    void layerShapesParametersFlops() {
        auto conv =
            make_layer("conv1", "Conv2d",
                       attrs({{"out_channels", int64_t{6}}, {"kernel_size", int64_t{5}}, {"padding", Ints{2}}}));
        QCOMPARE(conv->output_shape({{1, 28, 28}}), (Shape{6, 28, 28}));
        conv->build({{1, 28, 28}});
        int64_t params = 0;
        for (auto& [name, var] : conv->parameters()) params += var->value().numel();
        QCOMPARE(params, int64_t{6 * 25 + 6});
        QCOMPARE(conv->flops({{1, 28, 28}}, {6, 28, 28}), int64_t{2 * 25 * 6 * 28 * 28});
        // per-axis settings, stride and groups
        auto rect = make_layer("c", "Conv2d",
                               attrs({{"out_channels", int64_t{4}},
                                      {"kernel_size", Ints{3, 5}},
                                      {"stride", Ints{3, 4}},
                                      {"padding", Ints{0, 1}},
                                      {"groups", int64_t{2}},
                                      {"bias", false}}));
        QCOMPARE(rect->output_shape({{2, 8, 8}}), (Shape{4, 2, 2}));  // D2L §7.3's (3, 5) kernel example
        rect->build({{2, 8, 8}});
        QCOMPARE(rect->parameters().size(), size_t{1});
        QCOMPARE(rect->parameters()[0].second->shape(), (Shape{4, 1, 3, 5}));
        // pooling: stride defaults to the window
        QCOMPARE(make_layer("p", "MaxPool2d", attrs({{"kernel_size", Ints{3}}}))->output_shape({{2, 9, 10}}),
                 (Shape{2, 3, 3}));
        auto same =
            make_layer("p", "AvgPool2d", attrs({{"kernel_size", Ints{3}}, {"stride", Ints{1}}, {"padding", Ints{1}}}));
        QCOMPARE(same->output_shape({{2, 9, 10}}), (Shape{2, 9, 10}));
        QCOMPARE(make_layer("g", "GlobalAvgPool2d", {})->output_shape({{7, 5, 3}}), (Shape{7, 1, 1}));
    }
    void layerErrorsExplainTheProblem() {
        auto conv = make_layer("conv1", "Conv2d", attrs({{"kernel_size", int64_t{5}}}));
        QString msg = error_of([&] { conv->output_shape({{1, 3, 3}}); });
        QVERIFY2(msg.contains("a 5×5 kernel does not fit a 3×3 input with padding 0"), qPrintable(msg));
        msg = error_of([&] { conv->output_shape({{784}}); });
        QVERIFY2(msg.contains("Conv2d expects [channels, height, width], got [784]"), qPrintable(msg));
        // through the network: the node is named
        NetworkSpec spec;
        spec.nodes.push_back({"flat", "Flatten", {}, {}});
        spec.nodes.push_back({"conv1", "Conv2d", {}, {}});
        const NetworkReport r = analyze(spec, {1, 28, 28});
        QVERIFY2(QString::fromStdString(r.error).contains("node 'conv1' (Conv2d): Conv2d expects [channels, height, "
                                                          "width], got [784]"),
                 r.error.c_str());
        msg = error_of([&] { make_layer("conv1", "Conv2d", attrs({{"kernel_size", Ints{3, 3, 3}}})); });
        QVERIFY2(msg.contains("conv1") && msg.contains("kernel_size takes one number"), qPrintable(msg));
        msg = error_of([&] { make_layer("conv1", "Conv2d", attrs({{"padding", int64_t{-1}}})); });
        QVERIFY2(msg.contains("conv1") && msg.contains("padding"), qPrintable(msg));
        QVERIFY_THROWS_EXCEPTION(InputError, make_layer("c", "Conv2d", attrs({{"stride", Ints{0}}})));
        QVERIFY_THROWS_EXCEPTION(InputError, make_layer("c", "Conv2d", attrs({{"stride", Ints{}}})));  // pooling only
        QVERIFY_THROWS_EXCEPTION(InputError, make_layer("c", "Conv2d", attrs({{"kernel_size", std::string("5")}})));
        auto grouped = make_layer("c", "Conv2d", attrs({{"out_channels", int64_t{4}}, {"groups", int64_t{4}}}));
        msg = error_of([&] { grouped->output_shape({{6, 8, 8}}); });
        QVERIFY2(msg.contains("6 channels in and 4 channels out cannot be split into 4 equal groups"), qPrintable(msg));
        auto pool = make_layer("p", "MaxPool2d", attrs({{"kernel_size", Ints{2}}, {"padding", Ints{2}}}));
        msg = error_of([&] { pool->output_shape({{1, 8, 8}}); });
        QVERIFY2(msg.contains("more than half"), qPrintable(msg));
        auto big = make_layer("p", "AvgPool2d", attrs({{"kernel_size", Ints{5}}}));
        msg = error_of([&] { big->output_shape({{1, 4, 4}}); });
        QVERIFY2(msg.contains("a 5×5 pooling window does not fit a 4×4 input"), qPrintable(msg));
        QVERIFY(!error_of([&] { make_layer("g", "GlobalAvgPool2d", {})->output_shape({{10}}); }).isEmpty());
    }
    void opErrorsExplainTheProblem() {
        Var x = leaf({2, 3, 8, 8}, 70);
        QString msg = error_of([&] { conv2d(x, leaf({4, 2, 3, 3}, 71), Var()); });
        QVERIFY2(msg.contains("expects 2 channels") && msg.contains("has 3 channels"), qPrintable(msg));
        msg = error_of([&] { conv2d(leaf({3, 8, 8}, 72), leaf({4, 3, 3, 3}, 71), Var()); });
        QVERIFY2(msg.contains("[batch, channels, height, width]"), qPrintable(msg));
        msg = error_of([&] { conv2d(x, leaf({4, 3, 3, 3}, 71), leaf({3}, 73)); });
        QVERIFY2(msg.contains("bias must be [4]"), qPrintable(msg));
        QVERIFY_THROWS_EXCEPTION(ShapeError, conv2d(x, leaf({4, 3, 9, 9}, 74), Var()));
        QVERIFY_THROWS_EXCEPTION(ShapeError, conv2d(x, leaf({4, 1, 3, 3}, 75), Var(), {1, 1, 0, 0, 2}));
        QVERIFY_THROWS_EXCEPTION(ShapeError, max_pool2d(x, {9, 9, 1, 1, 0, 0}));
    }
    // End to end: a small CNN (convolution, ReLU, max pooling, a linear head) learns to tell horizontal from
    // vertical bars in noisy 8×8 images, which a model that ignored the pixels' layout could not tell apart.
    void smallCnnLearnsBarOrientation() {
        auto bars = [](int64_t n, uint64_t seed) {
            Dataset d;
            d.name = "bars";
            d.num_classes = 2;
            d.class_names = {"horizontal", "vertical"};
            d.features = random_tensor({n, 1, 8, 8}, seed, 0.0, 0.3);
            Rng rng(seed + 1);
            for (int64_t i = 0; i < n; ++i) {
                const int32_t vertical = static_cast<int32_t>(rng.below(2));
                const int64_t at = static_cast<int64_t>(rng.below(8));
                for (int64_t j = 0; j < 8; ++j) d.features.at({i, 0, vertical ? j : at, vertical ? at : j}) += 1.0f;
                d.labels.push_back(vertical);
            }
            return d;
        };
        const DataSplit data{bars(512, 5), bars(256, 6)};
        const NetworkSpec spec = parse_network(R"({"format": "divelab-network", "version": 1, "name": "bars",
            "layers": [{"type": "Conv2d", "out_channels": 4, "kernel_size": 3, "padding": 1, "init": "kaiming_uniform"},
                       {"type": "ReLU"}, {"type": "MaxPool2d", "kernel_size": 2}, {"type": "Flatten"},
                       {"type": "Linear", "out_features": 2}]})",
                                               "bars");
        Network net(spec, {1, 8, 8});
        TrainConfig config;
        config.epochs = 8;
        config.batch_size = 32;
        config.optimizer.lr = 0.1f;
        config.gradient_norms = false;
        const TrainSummary s = Trainer(net, data, config).run();
        QCOMPARE(s.outcome, TrainSummary::Outcome::Completed);
        qInfo("bars: test accuracy %.3f after %d epochs", s.history.back().test_acc, config.epochs);
        QVERIFY(s.history.back().test_acc > 0.95);
    }
    // D2L §7.6 prints these shapes for LeNet on a 28×28 Fashion-MNIST image.
    void lenetPresetHasD2LShapes() {
        const NetworkReport r = analyze(load_preset("lenet"), {1, 28, 28});
        QVERIFY2(r.ok(), r.error.c_str());
        const std::vector<std::pair<std::string, Shape>> expected{
            {"Conv2d", {6, 28, 28}},   {"Sigmoid", {6, 28, 28}},  {"AvgPool2d", {6, 14, 14}}, {"Conv2d", {16, 10, 10}},
            {"Sigmoid", {16, 10, 10}}, {"AvgPool2d", {16, 5, 5}}, {"Flatten", {400}},         {"Linear", {120}},
            {"Sigmoid", {120}},        {"Linear", {84}},          {"Sigmoid", {84}},          {"Linear", {10}}};
        QCOMPARE(r.nodes.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(r.nodes[i].type, expected[i].first);
            QCOMPARE(r.nodes[i].output_shape, expected[i].second);
        }
        QCOMPARE(r.parameters, int64_t{156 + 2416 + 48120 + 10164 + 850});
        const NetworkSpec spec = load_preset("lenet");
        QCOMPARE(*spec.train.lr, 0.9);
        QCOMPARE(*spec.train.batch_size, int64_t{256});
    }
};

QTEST_MAIN(TestConv)
#include "test_conv.moc"
