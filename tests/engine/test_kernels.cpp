// Every kernel set this CPU can run (engine/core/cpu_features.h) against the generic one, like ggml's
// test-backend-ops: GEMM in every transpose layout and odd sizes, the packed-B GEMM, each direct convolution
// kernel, im2col's packing, pooling, batch normalisation, sigmoid, tanh and relu's backward. Sets agree within
// rounding (AVX2 fuses multiply-adds, the generic kernels do not), and each set gives the same bits for 1 and 2
// threads.
#include <QProcess>
#include <QtTest>

#include <array>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

#include "engine/core/cpu_features.h"
#include "engine/core/error.h"
#include "engine/core/gemm.h"
#include "engine/core/gemm_kernel.h"
#include "engine/core/parallel.h"
#include "engine/core/vector_math.h"
#include "engine/ops/activation.h"
#include "engine/ops/conv.h"
#include "engine/ops/conv_passes.h"
#include "engine/ops/im2col.h"
#include "engine/ops/norm.h"
#include "engine/ops/pool.h"
#include "gradcheck.h"

using namespace dl;
using dltest::random_tensor;

namespace {
using Values = std::vector<float>;
constexpr double kUnitRoundoff = 1.0 / (1 << 24);  // float's 2⁻²⁴

// f() computed with the kernel set `set` and `threads` threads, the previous settings restored after.
template <class F>
auto with(KernelSet set, int threads, F f) {
    struct Restore {
        KernelSet before = active_kernel_set();
        ~Restore() {
            set_num_threads(0);
            set_kernel_set_for_testing(before);
        }
    } restore;
    set_kernel_set_for_testing(set);
    set_num_threads(threads);
    return f();
}

struct GemmCase {
    int64_t m, n, k;
    bool ta, tb;
    float alpha, beta;
    QString text() const {
        return QString("m=%1 n=%2 k=%3 ta=%4 tb=%5 alpha=%6 beta=%7")
            .arg(m)
            .arg(n)
            .arg(k)
            .arg(ta)
            .arg(tb)
            .arg(alpha)
            .arg(beta);
    }
};

struct GemmData {
    Tensor a, b, c0;
    GemmData(const GemmCase& g, uint64_t seed)
        : a(random_tensor(g.ta ? Shape{g.k, g.m} : Shape{g.m, g.k}, seed)),
          b(random_tensor(g.tb ? Shape{g.n, g.k} : Shape{g.k, g.n}, seed + 1)),
          c0(random_tensor({g.m, g.n}, seed + 2)) {}
    MatrixRef ar(const GemmCase& g) const { return {a.data(), a.size(0), a.size(1), g.ta}; }
    MatrixRef br(const GemmCase& g) const { return {b.data(), b.size(0), b.size(1), g.tb}; }
    float op_a(const GemmCase& g, int64_t i, int64_t p) const { return g.ta ? a.at({p, i}) : a.at({i, p}); }
    float op_b(const GemmCase& g, int64_t p, int64_t j) const { return g.tb ? b.at({j, p}) : b.at({p, j}); }
};

// The forward error bound of a float dot product of length k (plus scaling by alpha and adding beta·C), twice:
// two sets that each stay within it of the exact value stay within twice of each other.
double gemm_tolerance(const GemmCase& g, const GemmData& d, int64_t i, int64_t j) {
    double magnitude = 0;
    for (int64_t p = 0; p < g.k; ++p) magnitude += std::fabs(double(d.op_a(g, i, p)) * d.op_b(g, p, j));
    const double bound =
        (g.k + 2) * kUnitRoundoff * (std::fabs(g.alpha) * magnitude + std::fabs(g.beta * d.c0.at({i, j})));
    return 2 * bound + 1e-30;
}

Values run_gemm(const GemmCase& g, const GemmData& d) {
    Tensor c = d.c0.clone();
    gemm(d.ar(g), d.br(g), c.data(), g.alpha, g.beta);
    return c.to_vector();
}

// The worst |x − y| / tolerance(i) over the elements (≤ 1 passes).
double worst_ratio(const Values& x, const Values& y, const std::function<double(int64_t)>& tolerance) {
    double worst = 0;
    for (size_t i = 0; i < x.size(); ++i)
        worst = std::max(worst, std::fabs(double(x[i]) - y[i]) / tolerance(static_cast<int64_t>(i)));
    return worst;
}

// m, n, k: single elements, partial and whole 6 × 16 tiles, several k-blocks (KC = 256), several row blocks
// (MC = 96).
constexpr std::array<int64_t, 3> kGemmShapes[] = {{1, 1, 1},    {5, 7, 3},      {6, 16, 8},    {7, 17, 9},
                                                  {13, 33, 31}, {100, 40, 300}, {97, 129, 257}};

std::vector<KernelSet> sets() {
    return supported_kernel_sets();
}

const char* name(KernelSet s) {
    return kernel_set_name(s);
}

// A convolution shape, what the plan does with it, and what every set must compute alike.
struct ConvCase {
    Shape x, w;
    Conv2dParams params;
    detail::ForwardMethod forward;
    detail::WeightGradMethod weight_grad;
    const char* what;
};

std::vector<ConvCase> conv_cases() {
    using F = detail::ForwardMethod;
    using W = detail::WeightGradMethod;
    return {
        {{12, 1, 28, 28}, {6, 1, 5, 5}, {1, 1, 2, 2, 1}, F::RowKernel, W::RowKernel, "LeNet's first layer"},
        {{12, 6, 14, 14}, {16, 6, 5, 5}, {1, 1, 0, 0, 1}, F::PixelKernel, W::PixelKernel, "LeNet's second layer"},
        // ResNet's first stage in small: 3×3 over many channels; partial tiles in pixels, Col rows and channels
        {{4, 30, 13, 13}, {40, 30, 3, 3}, {1, 1, 1, 1, 1}, F::PixelKernel, W::PixelKernel, "3x3, pixel-major"},
        {{12, 3, 11, 10}, {8, 3, 3, 3}, {2, 2, 1, 1, 1}, F::Gemm, W::Gemm, "strided GEMM"},
        {{12, 1, 20, 20}, {8, 1, 3, 3}, {2, 2, 1, 1, 1}, F::Gemm, W::GemmTransposed, "strided, transposed dW"},
        {{12, 4, 7, 9}, {12, 4, 1, 1}, {1, 1, 0, 0, 1}, F::Pointwise, W::GemmTransposed, "pointwise"},
        {{40, 64, 3, 3}, {256, 64, 3, 3}, {1, 1, 1, 1, 1}, F::Gemm, W::Gemm, "batched over examples"},
    };
}

// y, dx, dw and db of one convolution (dy fixed), one vector after the other.
std::vector<Values> run_conv(const ConvCase& c) {
    Var x(random_tensor(c.x, 1), true), w(random_tensor(c.w, 2), true), b(random_tensor({c.w[0]}, 3), true);
    Var y = conv2d(x, w, b, c.params);
    y.backward(random_tensor(y.shape(), 4));
    return {y.value().to_vector(), x.grad().to_vector(), w.grad().to_vector(), b.grad().to_vector()};
}
// y, dx, dγ and dβ of batch normalisation in training (dy fixed), and the running statistics it moved.
std::vector<Values> run_batch_norm(const Shape& shape) {
    const int64_t c = shape[1];
    Var x(random_tensor(shape, 11, -3, 5), true), gamma(random_tensor({c}, 12), true),
        beta(random_tensor({c}, 13), true);
    Tensor running_mean = Tensor::zeros({c}), running_var = Tensor::ones({c});
    Var y = batch_norm(x, gamma, beta, running_mean, running_var, true, 0.1f, 1e-5f);
    y.backward(random_tensor(shape, 14));
    return {y.value().to_vector(),   x.grad().to_vector(),     gamma.grad().to_vector(),
            beta.grad().to_vector(), running_mean.to_vector(), running_var.to_vector()};
}

// [N, C] (channels innermost), LeNet's first feature maps, and maps whose size is no multiple of 8.
const std::vector<Shape> kBatchNormShapes = {{64, 120}, {32, 6, 28, 28}, {9, 5, 3, 7}};
}  // namespace

class KernelsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The direct convolutions are the subject here: 3×3 stride-1 layers with 16 or more channels would
    // otherwise take Winograd's path, which test_winograd checks against them.
    void initTestCase() { set_winograd(false); }
    void kernelSetsAreNamedAndSupported() {
        const std::vector<KernelSet> all = sets();
        QVERIFY(!all.empty());
        QCOMPARE(all.front(), KernelSet::Generic);
        QVERIFY(kernel_set_supported(active_kernel_set()));
        QCOMPARE(QString(name(KernelSet::Generic)), QString("generic"));
        QCOMPARE(QString(name(KernelSet::Avx2Fma)), QString("avx2-fma"));
        const QByteArray forced = qgetenv("DIVELAB_KERNELS");
        if (forced == "generic") QCOMPARE(active_kernel_set(), KernelSet::Generic);
        if (forced.isEmpty()) QCOMPARE(active_kernel_set(), all.back());  // the best this CPU runs
        for (KernelSet s : {KernelSet::Avx2Fma, KernelSet::Avx512})
            if (!kernel_set_supported(s)) QVERIFY_THROWS_EXCEPTION(InputError, set_kernel_set_for_testing(s));
    }
    // A portable build asks nothing of the CPU beyond the baseline, so the start-up check passes everywhere.
    void portableBuildRequiresNoExtensions() {
#if !defined(__AVX__)
        QCOMPARE(QString::fromStdString(build_required_features()), QString());
#else
        QVERIFY(QString::fromStdString(build_required_features()).contains("avx"));
#endif
    }
    void gemmMatchesGenericInEveryLayout() {
        for (auto [m, n, k] : kGemmShapes)
            for (bool ta : {false, true})
                for (bool tb : {false, true})
                    for (float beta : {0.0f, 0.5f}) {
                        const GemmCase g{m, n, k, ta, tb, 1.5f, beta};
                        const GemmData d(g, 10);
                        const Values generic = with(KernelSet::Generic, 1, [&] { return run_gemm(g, d); });
                        for (KernelSet s : sets()) {
                            const Values got = with(s, 1, [&] { return run_gemm(g, d); });
                            const double worst = worst_ratio(
                                got, generic, [&](int64_t e) { return gemm_tolerance(g, d, e / g.n, e % g.n); });
                            QVERIFY2(
                                worst <= 1.0,
                                qPrintable(QString("%1 %2: %3× the tolerance").arg(name(s)).arg(g.text()).arg(worst)));
                        }
                    }
    }
    // The AVX-512 micro-kernel runs the same fused multiply-add chains as the AVX2 one: the same bits.
    void avx512GemmSameBitsAsAvx2() {
        if (!kernel_set_supported(KernelSet::Avx512)) QSKIP("this CPU has no AVX-512");
        for (auto [m, n, k] : kGemmShapes)
            for (bool ta : {false, true})
                for (bool tb : {false, true}) {
                    const GemmCase g{m, n, k, ta, tb, 1.5f, 0.5f};
                    const GemmData d(g, 40);
                    QVERIFY2(with(KernelSet::Avx512, 1, [&] { return run_gemm(g, d); }) ==
                                 with(KernelSet::Avx2Fma, 1, [&] { return run_gemm(g, d); }),
                             qPrintable(g.text()));
                }
    }
    // The avx512 set's direct convolutions (6 × 32 and 12 × 16 tiles) take the AVX2 tile's fused multiply-adds
    // in its order: the same bits, on LeNet's layers, on rows narrower than a tile, and wider, and on wide
    // columns that are whole 32-wide tiles (8 × 12 = 96) and are not (LeNet's second: 10 × 14 → 144).
    void avx512ConvolutionSameBitsAsAvx2() {
        if (!kernel_set_supported(KernelSet::Avx512)) QSKIP("this CPU has no AVX-512");
        using F = detail::ForwardMethod;
        using W = detail::WeightGradMethod;
        std::vector<ConvCase> cases = conv_cases();
        cases.push_back({{3, 1, 40, 40}, {6, 1, 5, 5}, {1, 1, 2, 2, 1}, F::RowKernel, W::RowKernel, "rows of 40"});
        cases.push_back({{3, 1, 37, 37}, {5, 1, 5, 5}, {1, 1, 0, 0, 1}, F::RowKernel, W::RowKernel, "rows of 33"});
        cases.push_back({{3, 1, 24, 21}, {6, 1, 5, 5}, {1, 1, 0, 0, 1}, F::RowKernel, W::RowKernel, "rows of 17"});
        cases.push_back({{5, 6, 12, 12}, {16, 6, 5, 5}, {1, 1, 0, 0, 1}, F::PixelKernel, W::PixelKernel, "8 x 8"});
        for (const ConvCase& c : cases) {
            const detail::ConvPlan plan = detail::plan_conv2d(c.x, c.w, c.params);
            QVERIFY2(plan.forward == c.forward && plan.weight_grad == c.weight_grad, c.what);
            QVERIFY2(with(KernelSet::Avx512, 1, [&] { return run_conv(c); }) ==
                         with(KernelSet::Avx2Fma, 1, [&] { return run_conv(c); }),
                     c.what);
        }
    }
    // Shapes large enough for two threads, split by rows (n < 32, or a transposed A) and by columns.
    void gemmSameBitsForOneAndTwoThreads() {
        for (const GemmCase& g :
             {GemmCase{200, 190, 300, false, false, 1, 0}, GemmCase{200, 150, 300, true, true, 1, 0.5f},
              GemmCase{500, 20, 700, false, true, 1, 0}, GemmCase{61, 300, 259, true, false, 2, 1}}) {
            const GemmData d(g, 20);
            for (KernelSet s : sets()) {
                const Values one = with(s, 1, [&] { return run_gemm(g, d); });
                const Values two = with(s, 2, [&] { return run_gemm(g, d); });
                QVERIFY2(one == two, qPrintable(QString("%1 %2").arg(name(s)).arg(g.text())));
            }
        }
    }
    // The packed layout is the same in every set, and multiplying by a packed B is the same sum as by B.
    void packedGemmMatchesUnpacked() {
        for (const GemmCase& g :
             {GemmCase{7, 21, 13, false, false, 1, 0}, GemmCase{30, 50, 300, true, true, 1, 0.5f}}) {
            const GemmData d(g, 30);
            Values reference_panels;
            for (KernelSet s : sets()) {
                Values panels(static_cast<size_t>(detail::packed_b_size(g.k, g.n)));
                with(s, 1, [&] { detail::pack_b_panels(d.br(g), panels.data()); });
                if (reference_panels.empty()) reference_panels = panels;
                QVERIFY2(panels == reference_panels, name(s));
                Tensor c = d.c0.clone();
                with(s, 1, [&] {
                    detail::gemm_packed_b(d.ar(g), panels.data(), g.n, c.data(), g.n, 0, g.m, g.alpha, g.beta);
                });
                QVERIFY2(c.to_vector() == with(s, 1, [&] { return run_gemm(g, d); }), name(s));
            }
        }
    }
    // A transposed A packed whole (gemm by columns packs it once per thread) gives gemm_tile's sums: m not a
    // multiple of 6 or 12, k past one 256-long block, column ranges that start inside C.
    void packedAGemmMatchesUnpacked() {
        for (const GemmCase& g : {GemmCase{61, 300, 259, true, false, 1, 0.5f}, GemmCase{7, 40, 13, true, true, 2, 0},
                                  GemmCase{30, 64, 520, false, false, 1, 1}}) {
            const GemmData d(g, 50);
            for (KernelSet s : sets()) {
                Values packed(static_cast<size_t>(detail::packed_a_size(g.m, g.k)));
                with(s, 1, [&] { detail::pack_a_whole(d.ar(g), packed.data()); });
                for (auto [n0, n1] : {std::pair<int64_t, int64_t>{0, g.n}, {16, std::min<int64_t>(g.n, 48)}}) {
                    Tensor want = d.c0.clone(), got = d.c0.clone();
                    with(s, 1, [&] {
                        detail::gemm_tile(d.ar(g), d.br(g), want.data(), g.n, 0, g.m, n0, n1, g.alpha, g.beta);
                        detail::gemm_tile_packed_a(d.ar(g), packed.data(), d.br(g), got.data(), g.n, n0, n1, g.alpha,
                                                   g.beta);
                    });
                    QVERIFY2(got.to_vector() == want.to_vector(),
                             qPrintable(QString("%1 %2").arg(name(s)).arg(g.text())));
                }
            }
        }
    }
    // Rows of a row-major B that are all ±0 within a 16-column sliver are skipped (listed while B is packed); a
    // transposed B is never listed, so the same B stored transposed gives the unskipped sums, which must be the
    // same bits. Slivers with few, many and all rows zero, -0 among them, rows zero in half a sliver only, a
    // partial last sliver, k past a block.
    void zeroRowsOfBSkippedWithSameBits() {
        const int64_t m = 13, n = 40, k = 300;
        Tensor a = random_tensor({m, k}, 61), b = random_tensor({k, n}, 62), bt({n, k});
        for (int64_t p = 0; p < k; ++p)
            for (int64_t j = 0; j < n; ++j) {
                const bool zero = (j < 16 && p % 3 == 0) || (j < 8 && p % 7 == 1) || (j >= 16 && j < 32 && p < 200) ||
                                  (j >= 32 && p % 40 == 7);
                if (zero) b.at({p, j}) = (p + j) % 2 ? -0.0f : 0.0f;
            }
        for (int64_t p = 0; p < k; ++p)
            for (int64_t j = 0; j < n; ++j) bt.at({j, p}) = b.at({p, j});
        for (KernelSet s : sets())
            for (float beta : {0.0f, 1.0f}) {
                Tensor skipped = random_tensor({m, n}, 63), full = skipped.clone();
                with(s, 1, [&] {
                    detail::gemm_tile({a.data(), m, k, false}, {b.data(), k, n, false}, skipped.data(), n, 0, m, 0, n,
                                      1.0f, beta);
                    detail::gemm_tile({a.data(), m, k, false}, {bt.data(), n, k, true}, full.data(), n, 0, m, 0, n,
                                      1.0f, beta);
                });
                QVERIFY2(skipped.to_vector() == full.to_vector(),
                         qPrintable(QString("%1 beta %2").arg(name(s)).arg(beta)));
            }
    }
    void convolutionKernelsMatchGeneric() {
        for (const ConvCase& c : conv_cases()) {
            const detail::ConvPlan plan = detail::plan_conv2d(c.x, c.w, c.params);
            QVERIFY2(plan.forward == c.forward && plan.weight_grad == c.weight_grad, c.what);  // the kernel under test
            const std::vector<Values> generic = with(KernelSet::Generic, 1, [&] { return run_conv(c); });
            for (KernelSet s : sets()) {
                const std::vector<Values> got = with(s, 1, [&] { return run_conv(c); });
                for (size_t v = 0; v < got.size(); ++v) {  // within 2e-6 of the output's largest magnitude
                    double scale = 0;
                    for (float e : generic[v]) scale = std::max(scale, std::fabs(double(e)));
                    const double worst = worst_ratio(got[v], generic[v], [&](int64_t) { return 2e-6 * scale; });
                    QVERIFY2(worst <= 1.0, qPrintable(QString("%1, %2, output %3: %4× the tolerance")
                                                          .arg(name(s))
                                                          .arg(c.what)
                                                          .arg(v)
                                                          .arg(worst)));
                }
            }
        }
    }
    void convolutionSameBitsForOneAndTwoThreads() {
        for (const ConvCase& c : conv_cases())
            for (KernelSet s : sets()) {
                const auto one = with(s, 1, [&] { return run_conv(c); });
                const auto two = with(s, 2, [&] { return run_conv(c); });
                QVERIFY2(one == two, qPrintable(QString("%1, %2").arg(name(s)).arg(c.what)));
            }
    }
    // im2col's column matrix written straight in the packed layout equals packing the plain matrix, per set.
    void im2colPackedMatchesPackedMatrix() {
        for (const ConvCase& c : conv_cases()) {
            const detail::ConvPlan plan = detail::plan_conv2d(c.x, c.w, c.params);
            const detail::Im2col im2col(plan.image);
            const Tensor x = random_tensor(c.x, 5);
            const int64_t rows = plan.image.rows(), cols = im2col.columns();
            Values scratch(static_cast<size_t>(im2col.scratch_size())), col(static_cast<size_t>(rows * cols + 16));
            Values direct(static_cast<size_t>(detail::packed_b_size(rows, cols)));
            im2col.matrix(x.data(), col.data(), scratch.data());
            im2col.packed(x.data(), direct.data(), scratch.data());
            for (KernelSet s : sets()) {
                Values packed(direct.size());
                with(s, 1, [&] { detail::pack_b_panels({col.data(), rows, cols}, packed.data()); });
                QVERIFY2(packed == direct, qPrintable(QString("%1, %2").arg(name(s)).arg(c.what)));
            }
        }
    }
    // Pooling makes the same additions in the same order in every set: the same bits.
    void poolingSameInEverySet() {
        const Tensor x = random_tensor({16, 6, 28, 28}, 6), g = random_tensor({16, 6, 14, 14}, 7);
        auto pool = [&] {
            Var xv(x.clone(), true);
            Var y = avg_pool2d(xv, {2, 2, 2, 2, 0, 0});
            y.backward(g);
            return std::pair{y.value().to_vector(), xv.grad().to_vector()};
        };
        const auto generic = with(KernelSet::Generic, 1, pool);
        for (KernelSet s : sets()) {
            QVERIFY2(with(s, 1, pool) == generic, name(s));
            QVERIFY2(with(s, 2, pool) == generic, name(s));
        }
    }
    void batchNormMatchesGeneric() {
        for (const Shape& shape : kBatchNormShapes) {
            const std::vector<Values> generic = with(KernelSet::Generic, 1, [&] { return run_batch_norm(shape); });
            for (KernelSet s : sets()) {
                const std::vector<Values> got = with(s, 1, [&] { return run_batch_norm(shape); });
                for (size_t v = 0; v < got.size(); ++v) {  // within 1e-5 of the output's largest magnitude
                    double scale = 0;
                    for (float e : generic[v]) scale = std::max(scale, std::fabs(double(e)));
                    const double worst = worst_ratio(got[v], generic[v], [&](int64_t) { return 1e-5 * scale; });
                    QVERIFY2(worst <= 1.0, qPrintable(QString("%1, %2, output %3: %4× the tolerance")
                                                          .arg(name(s), QString::fromStdString(to_string(shape)))
                                                          .arg(v)
                                                          .arg(worst)));
                }
            }
        }
    }
    void batchNormSameBitsForOneAndTwoThreads() {
        for (const Shape& shape : kBatchNormShapes)
            for (KernelSet s : sets()) {
                const auto one = with(s, 1, [&] { return run_batch_norm(shape); });
                const auto two = with(s, 2, [&] { return run_batch_norm(shape); });
                QVERIFY2(one == two,
                         qPrintable(QString("%1, %2").arg(name(s), QString::fromStdString(to_string(shape)))));
            }
    }
    void sigmoidMatchesGenericAndStdExp() {
        const Tensor x = random_tensor({4099}, 8, -100, 100);
        const Values generic = with(KernelSet::Generic, 1, [&] {
            Values y(static_cast<size_t>(x.numel()));
            sigmoid_array(x.data(), y.data(), x.numel());
            return y;
        });
        for (KernelSet s : sets()) {
            Values y(generic.size());
            with(s, 1, [&] { sigmoid_array(x.data(), y.data(), x.numel()); });
            for (size_t i = 0; i < y.size(); ++i) {
                const double exact = 1 / (1 + std::exp(-double(x[static_cast<int64_t>(i)])));
                QVERIFY2(std::fabs(y[i] - exact) <= 8 * kUnitRoundoff * exact + 1e-37, name(s));  // a few ulp
                QVERIFY2(std::fabs(y[i] - generic[i]) <= 8 * kUnitRoundoff * exact + 1e-37, name(s));
            }
            // Every element takes the same instructions wherever the array is cut (vector body or tail).
            for (int64_t start : {0, 1, 5, 8, 13})
                for (int64_t n : {1, 3, 7, 8, 9, 17}) {
                    Values part(static_cast<size_t>(n));
                    with(s, 1, [&] { sigmoid_array(x.data() + start, part.data(), n); });
                    QVERIFY2(std::equal(part.begin(), part.end(), y.begin() + start), name(s));
                }
        }
    }
    // Sigmoid's backward g·a·(1 − a), written or added: every set gives plain float arithmetic's bits (no fused
    // multiply-add), in the vector body and the tail alike.
    void sigmoidGradientIsPlainFloatArithmetic() {
        const Tensor g = random_tensor({1031}, 11, -3, 3), a = random_tensor({1031}, 12, 0, 1),
                     d = random_tensor({1031}, 13, -1, 1);
        for (KernelSet s : sets())
            for (const bool fresh : {true, false})
                for (int64_t start : {0, 3})
                    for (int64_t n : {1, 7, 8, 9, 1028}) {
                        Values got(d.data() + start, d.data() + start + n), want = got;
                        with(s, 1,
                             [&] { sigmoid_grad_array(g.data() + start, a.data() + start, got.data(), n, fresh); });
                        for (int64_t i = 0; i < n; ++i) {
                            const float t = g[start + i] * a[start + i] * (1.0f - a[start + i]);
                            want[static_cast<size_t>(i)] = fresh ? t : want[static_cast<size_t>(i)] + t;
                        }
                        QVERIFY2(got == want, qPrintable(QString("%1, fresh %2, n %3").arg(name(s)).arg(fresh).arg(n)));
                    }
    }
    // sigmoid_grad_pairs (a 2-wide pooling window's gradient spread in registers) gives the bits of spreading the
    // row first and calling sigmoid_grad_array, in every set, for even rows of whole vectors or not.
    void sigmoidGradientPairsAreTheSpreadPlane() {
        const Tensor gy = random_tensor({256}, 18, -3, 3), a = random_tensor({1024}, 19, 0, 1),
                     d = random_tensor({1024}, 20, -1, 1);  // rows · n ≤ 6 · 128
        for (KernelSet s : sets())
            for (const bool fresh : {true, false})
                for (int64_t n : {2, 8, 10, 28, 30, 34, 128})
                    for (auto [rows, repeat] : {std::pair<int64_t, int64_t>{1, 1}, {4, 2}, {3, 1}, {6, 3}}) {
                        const int64_t size = rows * n;
                        QVERIFY(size <= a.numel() && rows / repeat * n / 2 <= gy.numel());
                        Values spread(static_cast<size_t>(size)), want(d.data(), d.data() + size), got = want;
                        for (int64_t r = 0; r < rows; ++r)
                            for (int64_t i = 0; i < n; ++i)
                                spread[static_cast<size_t>(r * n + i)] = gy[r / repeat * (n / 2) + i / 2] * 0.25f;
                        with(s, 1, [&] {
                            sigmoid_grad_array(spread.data(), a.data(), want.data(), size, fresh);
                            sigmoid_grad_pairs(gy.data(), 0.25f, a.data(), got.data(), n, rows, repeat, fresh);
                        });
                        QVERIFY2(got == want, qPrintable(QString("%1, fresh %2, n %3, rows %4 by %5")
                                                             .arg(name(s))
                                                             .arg(fresh)
                                                             .arg(n)
                                                             .arg(rows)
                                                             .arg(repeat)));
                    }
    }
    // relu's backward g·[y > 0], written or added: every set gives the bits of g·(y > 0 ? 1 : 0) (−0 where a
    // negative g meets y ≤ 0, NaN where an infinite one does), in the vector body and the tail alike.
    void reluGradientIsPlainFloatArithmetic() {
        Tensor g = random_tensor({1031}, 15, -3, 3), y = random_tensor({1031}, 16, -1, 1);
        const Tensor d = random_tensor({1031}, 17, -1, 1);
        y[5] = 0.0f;
        y[6] = -0.0f;
        y[7] = std::numeric_limits<float>::quiet_NaN();
        g[8] = -std::numeric_limits<float>::infinity();
        y[8] = -1.0f;
        for (KernelSet s : sets())
            for (const bool fresh : {true, false})
                for (int64_t start : {0, 3})
                    for (int64_t n : {1, 7, 8, 9, 1028}) {
                        Values got(d.data() + start, d.data() + start + n), want = got;
                        with(s, 1, [&] { relu_grad_array(g.data() + start, y.data() + start, got.data(), n, fresh); });
                        for (int64_t i = 0; i < n; ++i) {
                            const float t = g[start + i] * (y[start + i] > 0.0f ? 1.0f : 0.0f);
                            want[static_cast<size_t>(i)] = fresh ? t : want[static_cast<size_t>(i)] + t;
                        }
                        QVERIFY2(std::memcmp(got.data(), want.data(), got.size() * sizeof(float)) == 0,
                                 qPrintable(QString("%1, fresh %2, n %3").arg(name(s)).arg(fresh).arg(n)));
                    }
    }
    void sigmoidSameBitsForOneAndTwoThreads() {
        const Tensor x = random_tensor({1 << 20}, 9, -10, 10);
        for (KernelSet s : sets()) {
            auto run = [&] { return dl::sigmoid(Var(x)).value().to_vector(); };
            QVERIFY2(with(s, 1, run) == with(s, 2, run), name(s));
        }
    }
    // tanh (the recurrent layers' gates): within a few 1e−8 of std::tanh, the sets within rounding of each
    // other, and each element the same wherever the array is cut.
    void tanhMatchesGenericAndStdTanh() {
        const Tensor x = random_tensor({4099}, 10, -30, 30);
        const Values generic = with(KernelSet::Generic, 1, [&] {
            Values y(static_cast<size_t>(x.numel()));
            tanh_array(x.data(), y.data(), x.numel());
            return y;
        });
        for (KernelSet s : sets()) {
            Values y(generic.size());
            with(s, 1, [&] { tanh_array(x.data(), y.data(), x.numel()); });
            for (size_t i = 0; i < y.size(); ++i) {
                const double exact = std::tanh(double(x[static_cast<int64_t>(i)]));
                QVERIFY2(std::fabs(y[i] - exact) <= 4 * kUnitRoundoff, name(s));
                QVERIFY2(std::fabs(y[i] - generic[i]) <= 4 * kUnitRoundoff, name(s));
            }
            for (int64_t start : {0, 1, 5, 8, 13})
                for (int64_t n : {1, 3, 7, 8, 9, 17}) {
                    Values part(static_cast<size_t>(n));
                    with(s, 1, [&] { tanh_array(x.data() + start, part.data(), n); });
                    QVERIFY2(std::equal(part.begin(), part.end(), y.begin() + start), name(s));
                }
        }
    }
    // The AVX-512 set's sigmoid and tanh are the AVX2 set's steps sixteen at a time: the same bits, in the vector
    // body and the masked tail alike (skipped on a CPU without AVX-512).
    void avx512SigmoidAndTanhAreTheAvx2Bits() {
        if (!kernel_set_supported(KernelSet::Avx512)) QSKIP("this CPU has no AVX-512");
        const Tensor x = random_tensor({4099}, 14, -100, 100);
        for (const auto f : {&sigmoid_array, &tanh_array})
            for (int64_t start : {0, 1, 16, 21})
                for (int64_t n : {1, 15, 16, 17, 33, 4000}) {
                    Values avx2(static_cast<size_t>(n)), avx512(static_cast<size_t>(n));
                    with(KernelSet::Avx2Fma, 1, [&] { f(x.data() + start, avx2.data(), n); });
                    with(KernelSet::Avx512, 1, [&] { f(x.data() + start, avx512.data(), n); });
                    QVERIFY2(avx2 == avx512, qPrintable(QString("start %1, n %2").arg(start).arg(n)));
                }
    }
    // DIVELAB_KERNELS chooses the set for a whole process; bench reports it, and a bad value is an error.
    void environmentChoosesTheSet() {
        const QString cli = qEnvironmentVariable("DIVELAB_CLI");
        if (cli.isEmpty()) QSKIP("DIVELAB_CLI is not set (ctest sets it)");
        auto bench = [&](const QString& kernels) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("DIVELAB_KERNELS", kernels);
            p.setProcessEnvironment(env);
            p.start(cli, {"bench", "--model", "softmax", "--epochs", "1", "--limit", "256"});
            p.waitForFinished(120000);
            return std::pair{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError())};
        };
        const auto [generic_status, generic_out] = bench("generic");
        QCOMPARE(generic_status, 0);
        QVERIFY2(generic_out.contains("\"kernels\":\"generic\""), qPrintable(generic_out));
        const auto [bad_status, bad_out] = bench("avx3");
        QVERIFY(bad_status != 0);
        QVERIFY2(bad_out.contains("DIVELAB_KERNELS=avx3") && bad_out.contains("generic"), qPrintable(bad_out));
        for (KernelSet s : {KernelSet::Avx2Fma, KernelSet::Avx512}) {
            if (kernel_set_supported(s)) continue;
            const auto [status, out] = bench(s == KernelSet::Avx512 ? "avx512" : "avx2");
            QVERIFY(status != 0);
            QVERIFY2(out.contains("cannot run"), qPrintable(out));
        }
    }
};

QTEST_GUILESS_MAIN(KernelsTest)
#include "test_kernels.moc"
