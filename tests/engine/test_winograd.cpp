// Winograd's F(4×4, 3×3) for 3×3 stride-1 convolutions (engine/ops/winograd.h): where conv2d takes it, its
// forward pass and all three gradients against direct convolution (im2col + GEMM, itself checked against
// loops in double precision by test_conv) within a stated rounding tolerance, finite-difference gradients,
// the same bits for 1 and 2 threads, and every kernel set against the portable one.
#include <QtTest>

#include <algorithm>
#include <cmath>

#include "engine/core/cpu_features.h"
#include "engine/core/parallel.h"
#include "engine/ops/conv.h"
#include "gradcheck.h"

using namespace dl;
using dltest::gradcheck;
using dltest::random_tensor;

namespace {
struct Case {
    Shape x, w;
    bool bias;
    const char* what;
};

// Shapes that exercise the tiling: whole and partial 4×4 tiles (6×6 and 3×3 as in ResNet-18's last stages,
// 5×7 unequal), a 1×1 image, unequal channel counts, chunks of several examples, several chunks per
// weight-gradient slice (40 × 40 images: 100 tiles, chunks of two examples; 42 examples in 14 slices), and
// more tiles than fill whole blocks of sixteen.
const std::vector<Case> kCases{
    {{37, 16, 24, 24}, {16, 16, 3, 3}, true, "ResNet's first stage, small"},
    {{9, 32, 6, 6}, {48, 32, 3, 3}, true, "6 × 6: partial tiles"},
    {{7, 64, 3, 3}, {32, 64, 3, 3}, false, "3 × 3: one partial tile"},
    {{3, 16, 5, 7}, {20, 16, 3, 3}, true, "5 × 7"},
    {{4, 24, 1, 1}, {16, 24, 3, 3}, true, "1 × 1"},
    {{42, 64, 40, 40}, {64, 64, 3, 3}, true, "several chunks per slice"},
};

struct Result {
    Tensor y, dx, dw, db;
};

Result run(const Case& c, bool winograd) {
    set_winograd(winograd);
    Var x(random_tensor(c.x, 1), true), w(random_tensor(c.w, 2), true);
    Var b = c.bias ? Var(random_tensor({c.w[0]}, 3), true) : Var();
    Var y = conv2d(x, w, b, {1, 1, 1, 1, 1});
    y.backward(random_tensor(y.shape(), 4));
    set_winograd(true);
    return {y.value(), x.grad(), w.grad(), c.bias ? b.grad() : Tensor()};
}

// max |a − b| over max |b|: the error relative to the tensor's scale.
double relative_error(const Tensor& a, const Tensor& b) {
    double diff = 0, scale = 1e-30;
    for (int64_t i = 0; i < a.numel(); ++i) {
        diff = std::max(diff, std::fabs(double(a[i]) - b[i]));
        scale = std::max(scale, std::fabs(double(b[i])));
    }
    return diff / scale;
}

std::vector<std::vector<float>> values(const Result& r) {
    std::vector<std::vector<float>> v{r.y.to_vector(), r.dx.to_vector(), r.dw.to_vector()};
    if (r.db.defined()) v.push_back(r.db.to_vector());
    return v;
}
}  // namespace

class TestWinograd : public QObject {
    Q_OBJECT

private slots:
    // The transforms multiply values by up to 5 and 8 before the products and sum 36 of them back, so
    // Winograd's rounding error is larger than direct convolution's, but it stays a small fraction of the
    // outputs' size: within 2e-5 of each tensor's largest value (measured here: at most 7e-6).
    void matchesDirectConvolution() {
        for (const Case& c : kCases) {
            const Result direct = run(c, false), winograd = run(c, true);
            const double errors[] = {relative_error(winograd.y, direct.y), relative_error(winograd.dx, direct.dx),
                                     relative_error(winograd.dw, direct.dw),
                                     c.bias ? relative_error(winograd.db, direct.db) : 0.0};
            qInfo("%-28s relative error: y %.1e, dx %.1e, dw %.1e, db %.1e", c.what, errors[0], errors[1], errors[2],
                  errors[3]);
            for (double e : errors) QVERIFY2(e < 2e-5, c.what);
        }
    }
    // Proof that conv2d took the Winograd path where it fits (its rounding differs from direct
    // convolution's) and not where it does not (stride 2, 8 channels, 5×5 kernels, no padding: same bits).
    void takenOnlyWhereItFits() {
        QVERIFY(values(run(kCases[0], true)) != values(run(kCases[0], false)));
        for (auto [xs, ws, stride, pad] : {std::tuple{Shape{3, 16, 8, 8}, Shape{16, 16, 3, 3}, 2, 1},
                                           std::tuple{Shape{3, 8, 8, 8}, Shape{16, 8, 3, 3}, 1, 1},
                                           std::tuple{Shape{3, 16, 8, 8}, Shape{16, 16, 5, 5}, 1, 2},
                                           std::tuple{Shape{3, 16, 8, 8}, Shape{16, 16, 3, 3}, 1, 0}}) {
            auto forward = [&](bool winograd) {
                set_winograd(winograd);
                const Tensor y =
                    conv2d(Var(random_tensor(xs, 5)), Var(random_tensor(ws, 6)), Var(), {stride, stride, pad, pad, 1})
                        .value();
                set_winograd(true);
                return y.to_vector();
            };
            QVERIFY2(forward(true) == forward(false), to_string(ws).c_str());
        }
    }
    // Convolution is linear in each leaf, so a difference quotient over a large step is exact; a small one
    // would divide Winograd's rounding (~1e-5 of the sum the tester projects onto) by 2ε and swamp it.
    void gradientsMatchFiniteDifferences() {
        Var x(random_tensor({2, 16, 5, 6}, 7), true), w(random_tensor({16, 16, 3, 3}, 8), true),
            b(random_tensor({16}, 9), true);
        const std::string err = gradcheck(
            [&] {
                return conv2d(x, w, b, {1, 1, 1, 1, 1});
            },
            {x, w, b}, {0.5, 2e-3, 2e-2});
        QVERIFY2(err.empty(), err.c_str());
    }
    void accumulatesIntoExistingGradients() {  // the backward contract: add, never overwrite
        Var x(random_tensor({3, 16, 6, 6}, 10), true), w(random_tensor({16, 16, 3, 3}, 11), true),
            b(random_tensor({16}, 12), true);
        const Tensor dy = random_tensor({3, 16, 6, 6}, 13);
        conv2d(x, w, b, {1, 1, 1, 1, 1}).backward(dy);
        const Tensor gx = x.grad().clone(), gw = w.grad().clone(), gb = b.grad().clone();
        conv2d(x, w, b, {1, 1, 1, 1, 1}).backward(dy);
        for (auto [now, before] : {std::pair{x.grad(), gx}, std::pair{w.grad(), gw}, std::pair{b.grad(), gb}})
            for (int64_t i = 0; i < now.numel(); ++i) QVERIFY(std::fabs(now[i] - 2 * before[i]) < 1e-4f);
    }
    // Forward splits the batch between threads and chunks each part; backward sums the weight gradient in
    // fixed slices: the same bits whatever the thread count.
    void sameResultsForOneAndTwoThreads() {
        for (const Case& c : {kCases[0], kCases[2], kCases[5]}) {
            set_num_threads(1);
            const auto one = values(run(c, true));
            set_num_threads(2);
            const auto two = values(run(c, true));
            set_num_threads(0);
            QVERIFY2(one == two, c.what);
        }
    }
    // Each kernel set's transforms (AVX2 and AVX-512 fuse multiplies and adds) against the portable set's.
    void everyKernelSetMatchesTheGenericOne() {
        const KernelSet before = active_kernel_set();
        set_kernel_set_for_testing(KernelSet::Generic);
        std::vector<Result> generic;
        for (const Case& c : kCases) generic.push_back(run(c, true));
        for (KernelSet set : supported_kernel_sets()) {
            set_kernel_set_for_testing(set);
            for (size_t i = 0; i < kCases.size(); ++i) {
                const Result r = run(kCases[i], true);
                const QString what = QString("%1, %2").arg(kernel_set_name(set), kCases[i].what);
                QVERIFY2(relative_error(r.y, generic[i].y) < 2e-5, qPrintable(what + ": y"));
                QVERIFY2(relative_error(r.dx, generic[i].dx) < 2e-5, qPrintable(what + ": dx"));
                QVERIFY2(relative_error(r.dw, generic[i].dw) < 2e-5, qPrintable(what + ": dw"));
            }
        }
        set_kernel_set_for_testing(before);
    }
};

QTEST_APPLESS_MAIN(TestWinograd)
#include "test_winograd.moc"
