// Every differentiable op: finite-difference gradient checks plus forward values that matter.
#include <QtTest>

#include <cmath>

#include "engine/core/error.h"
#include "engine/core/gemm.h"
#include "engine/core/parallel.h"
#include "engine/io/presets.h"
#include "engine/losses/loss.h"
#include "engine/ops/ops.h"
#include "fusion_run.h"
#include "gradcheck.h"

using namespace dl;
using dltest::gradcheck;
using dltest::random_tensor;

namespace {
Var leaf(const Shape& s, uint64_t seed, double lo = -1, double hi = 1, double gap = 0) {
    return Var(random_tensor(s, seed, lo, hi, gap), true);
}
#define GRADCHECK(f, ...)                                    \
    do {                                                     \
        const std::string err = gradcheck(f, {__VA_ARGS__}); \
        QVERIFY2(err.empty(), err.c_str());                  \
    } while (0)
}  // namespace

class TestOps : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void broadcastArithmetic() {
        Var a = leaf({3, 4}, 1), b = leaf({4}, 2, 0.5, 1.5), c = leaf({3, 1}, 3, 0.5, 1.5);
        GRADCHECK([&] { return add(a, b); }, a, b);
        GRADCHECK([&] { return sub(a, c); }, a, c);
        GRADCHECK([&] { return mul(a, b); }, a, b);
        GRADCHECK([&] { return div(a, c); }, a, c);
        GRADCHECK([&] { return mul(b, c); }, b, c);  // [4] * [3,1] -> [3,4]
        Var s = leaf({}, 4, 0.5, 1.5);
        GRADCHECK([&] { return div(a, s); }, a, s);
        QCOMPARE(add(b, c).shape(), (Shape{3, 4}));
        QVERIFY_THROWS_EXCEPTION(ShapeError, add(leaf({3, 4}, 1), leaf({3}, 2)));
    }
    void broadcastValues() {
        Var a(Tensor::from({2, 3}, {1, 2, 3, 4, 5, 6})), b(Tensor::from({2, 1}, {10, 20}));
        Tensor s = add(a, b).value();
        QCOMPARE(s.to_vector(), (std::vector<float>{11, 12, 13, 24, 25, 26}));
    }
    void scalarAndUnary() {
        Var a = leaf({2, 5}, 5), p = leaf({2, 5}, 6, 0.3, 2.0);
        GRADCHECK([&] { return add_scalar(a, 2.5f); }, a);
        GRADCHECK([&] { return mul_scalar(a, -3.0f); }, a);
        GRADCHECK([&] { return neg(a); }, a);
        GRADCHECK([&] { return exp(a); }, a);
        GRADCHECK([&] { return log(p); }, p);
        GRADCHECK([&] { return pow(p, 3.0f); }, p);
        GRADCHECK([&] { return pow(p, -0.5f); }, p);
        GRADCHECK([&] { return sqrt(p); }, p);
    }
    void activations() {
        Var a = leaf({4, 6}, 7, -3, 3, 0.1);
        GRADCHECK([&] { return relu(a); }, a);
        GRADCHECK([&] { return leaky_relu(a, 0.1f); }, a);
        GRADCHECK([&] { return sigmoid(a); }, a);
        GRADCHECK([&] { return tanh(a); }, a);
        GRADCHECK([&] { return gelu(a); }, a);
        // sigmoid must not overflow for large negative inputs
        Var big(Tensor::from({2}, {-100.0f, 100.0f}));
        Tensor s = sigmoid(big).value();
        QVERIFY(std::isfinite(s[0]) && s[0] >= 0 && s[0] < 1e-30f);
        QCOMPARE(s[1], 1.0f);
        QVERIFY(std::fabs(gelu(Var(Tensor::from({1}, {1.0f}))).value()[0] - 0.8413447f) < 1e-5f);
    }
    void softmaxOps() {
        Var a = leaf({3, 5}, 8, -2, 2);
        GRADCHECK([&] { return softmax(a, -1); }, a);
        GRADCHECK([&] { return softmax(a, 0); }, a);
        GRADCHECK([&] { return log_softmax(a, -1); }, a);
        Var big(Tensor::from({1, 3}, {1000.0f, 1001.0f, 999.0f}));
        Tensor p = softmax(big).value();
        QVERIFY(std::fabs(p[0] + p[1] + p[2] - 1.0f) < 1e-6f);
        QVERIFY(std::isfinite(log_softmax(big).value()[2]));
    }
    void reductions() {
        Var a = leaf({2, 3, 4}, 9);
        GRADCHECK([&] { return sum(a); }, a);
        GRADCHECK([&] { return sum(a, {1}); }, a);
        GRADCHECK([&] { return sum(a, {0, 2}, true); }, a);
        GRADCHECK([&] { return mean(a, {-1}); }, a);
        GRADCHECK([&] { return max(a, {1}); }, a);
        GRADCHECK([&] { return max(a); }, a);
        GRADCHECK([&] { return max(a, {0, 2}, true); }, a);
        Var v(Tensor::from({2, 2}, {1, 5, 3, 2}));
        QCOMPARE(sum(v, {0}).value().to_vector(), (std::vector<float>{4, 7}));
        QCOMPARE(mean(v).value().item(), 2.75f);
        QCOMPARE(max(v, {1}).value().to_vector(), (std::vector<float>{5, 3}));
        QCOMPARE(sum(v, {1}, true).shape(), (Shape{2, 1}));
    }
    void shapeOps() {
        Var a = leaf({2, 3, 4}, 10);
        GRADCHECK([&] { return reshape(a, {6, -1}); }, a);
        GRADCHECK([&] { return flatten(a); }, a);
        GRADCHECK([&] { return transpose(a, 0, 2); }, a);
        GRADCHECK([&] { return permute(a, {1, 2, 0}); }, a);
        Var b = leaf({2, 2, 4}, 11), c = leaf({2, 1, 4}, 12);
        GRADCHECK([&] { return concat({a, b, c}, 1); }, a, b, c);
        QCOMPARE(concat({a, b, c}, 1).shape(), (Shape{2, 6, 4}));
        Var m(Tensor::from({2, 3}, {1, 2, 3, 4, 5, 6}));
        QCOMPARE(transpose(m).value().to_vector(), (std::vector<float>{1, 4, 2, 5, 3, 6}));
        QCOMPARE(flatten(a).shape(), (Shape{2, 12}));
        QVERIFY_THROWS_EXCEPTION(ShapeError, reshape(a, {5, -1}));
        QVERIFY_THROWS_EXCEPTION(ShapeError, concat({a, leaf({3, 1, 4}, 1)}, 1));
    }
    void indexing() {
        Var a = leaf({4, 3}, 13);
        std::vector<int32_t> labels{2, 0, 1, 2};
        GRADCHECK([&] { return gather(a, labels); }, a);
        GRADCHECK([&] { return index_select(a, {3, 1, 1, 0}); }, a);
        QCOMPARE(gather(a, labels).value()[1], a.value().at({1, 0}));
        QVERIFY_THROWS_EXCEPTION(ShapeError, gather(a, {0, 1, 3, 0}));
    }
    void matmulOps() {
        Var a = leaf({3, 4}, 14), b = leaf({4, 5}, 15);
        GRADCHECK([&] { return matmul(a, b); }, a, b);
        Var a3 = leaf({2, 3, 4}, 16), b3 = leaf({2, 4, 2}, 17);
        GRADCHECK([&] { return matmul(a3, b); }, a3, b);
        GRADCHECK([&] { return matmul(a3, b3); }, a3, b3);
        // forward against a naive triple loop
        Tensor c = matmul(a, b).value();
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 5; ++j) {
                double s = 0;
                for (int k = 0; k < 4; ++k) s += a.value().at({i, k}) * b.value().at({k, j});
                QVERIFY(std::fabs(c.at({i, j}) - s) < 1e-5);
            }
        QVERIFY_THROWS_EXCEPTION(ShapeError, matmul(a, a));
    }
    void largeMatmulMatchesNaive() {  // big enough to take the parallel path in both split directions
        for (auto [m, k, n] : {std::tuple{300, 70, 40}, std::tuple{40, 70, 300}}) {
            Var a(random_tensor({m, k}, 20)), b(random_tensor({k, n}, 21));
            Tensor c = matmul(a, b).value();
            double worst = 0;
            for (int i = 0; i < m; i += 7)
                for (int j = 0; j < n; j += 3) {
                    double s = 0;
                    for (int q = 0; q < k; ++q) s += double(a.value().at({i, q})) * b.value().at({q, j});
                    worst = std::max(worst, std::fabs(c.at({i, j}) - s));
                }
            QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
        }
    }
    // The GEMM kernel behind every dense op: all four transpose layouts, odd sizes that leave partial
    // micro-tiles, alpha/beta, sizes that take the threaded path — against a double-precision loop.
    void gemmAllLayouts() {
        for (auto [m, k, n] : {std::tuple{1, 1, 1}, std::tuple{7, 3, 17}, std::tuple{13, 300, 5},
                               std::tuple{97, 260, 33}, std::tuple{256, 784, 256}, std::tuple{40, 513, 300}}) {
            for (bool ta : {false, true})
                for (bool tb : {false, true})
                    for (float beta : {0.0f, 0.5f}) {
                        Tensor a = random_tensor(ta ? Shape{k, m} : Shape{m, k}, 30);
                        Tensor b = random_tensor(tb ? Shape{n, k} : Shape{k, n}, 31);
                        Tensor c = random_tensor({m, n}, 32);
                        Tensor c0 = c.clone();
                        gemm({a.data(), a.size(0), a.size(1), ta}, {b.data(), b.size(0), b.size(1), tb}, c.data(), 1.5f,
                             beta);
                        double worst = 0;
                        const int step = m * n * k > 1000000 ? 5 : 1;  // sample rows of the big cases
                        for (int i = 0; i < m; i += step)
                            for (int j = 0; j < n; ++j) {
                                double s = 0;
                                for (int q = 0; q < k; ++q)
                                    s += double(ta ? a.at({q, i}) : a.at({i, q})) * (tb ? b.at({j, q}) : b.at({q, j}));
                                worst = std::max(worst, std::fabs(c.at({i, j}) - (1.5 * s + beta * c0.at({i, j}))));
                            }
                        QVERIFY2(worst < 1e-3, qPrintable(QString("m=%1 k=%2 n=%3 ta=%4 tb=%5 beta=%6: error %7")
                                                              .arg(m)
                                                              .arg(k)
                                                              .arg(n)
                                                              .arg(ta)
                                                              .arg(tb)
                                                              .arg(beta)
                                                              .arg(worst)));
                    }
        }
        // beta = 0 must not read C: NaN garbage in C does not leak into the result
        Tensor a = random_tensor({8, 8}, 1), b = random_tensor({8, 8}, 2), c(Shape{8, 8}, NAN);
        gemm({a.data(), 8, 8}, {b.data(), 8, 8}, c.data());
        for (int64_t i = 0; i < c.numel(); ++i) QVERIFY(std::isfinite(c[i]));
    }
    void gemmDoesNotDependOnThreadCount() {
        Tensor a = random_tensor({256, 784}, 3), b = random_tensor({256, 784}, 4);
        auto run = [&](int threads) {
            set_num_threads(threads);
            Tensor c = Tensor::empty({256, 256});
            gemm({a.data(), 256, 784}, {b.data(), 256, 784, true}, c.data());
            return c.to_vector();
        };
        const auto one = run(1), two = run(2);
        set_num_threads(0);
        QVERIFY(one == two);
    }
    void linearOp() {
        Var x = leaf({5, 4}, 18), w = leaf({3, 4}, 19), b = leaf({3}, 20);
        GRADCHECK([&] { return linear(x, w, b); }, x, w, b);
        GRADCHECK([&] { return linear(x, w, Var()); }, x, w);
        Var x3 = leaf({2, 3, 4}, 21);
        GRADCHECK([&] { return linear(x3, w, b); }, x3, w, b);
        // y = x Wᵀ + b equals matmul(x, transpose(W)) + b
        Tensor y1 = linear(x, w, b).value();
        Tensor y2 = add(matmul(x, transpose(w)), b).value();
        for (int64_t i = 0; i < y1.numel(); ++i) QVERIFY(std::fabs(y1[i] - y2[i]) < 1e-5f);
        QVERIFY_THROWS_EXCEPTION(ShapeError, linear(leaf({5, 3}, 1), w, b));
    }
    // linear_activation is linear then relu or sigmoid, bit for bit: the output and every gradient, also when a
    // second backward adds to gradients already there; big enough that the GEMMs and passes split over threads.
    void linearActivationIsTheTwoOpsBitForBit() {
        for (const LinearActivation act : {LinearActivation::ReLU, LinearActivation::Sigmoid})
            for (const bool with_bias : {true, false}) {
                Var x = leaf({300, 70}, 40), w = leaf({50, 70}, 41), b = with_bias ? leaf({50}, 42) : Var();
                const Tensor g = random_tensor({300, 50}, 43);
                auto run = [&](bool fused) {
                    for (Var* v : {&x, &w, &b})
                        if (v->defined()) v->zero_grad();
                    std::vector<std::vector<float>> out;
                    for (int pass = 0; pass < 2; ++pass) {
                        Var y = fused                           ? linear_activation(x, w, b, act)
                                : act == LinearActivation::ReLU ? relu(linear(x, w, b))
                                                                : sigmoid(linear(x, w, b));
                        y.backward(g);
                        out.push_back(y.value().to_vector());
                    }
                    for (Var* v : {&x, &w, &b})
                        if (v->defined()) out.push_back(v->grad().to_vector());
                    return out;
                };
                QVERIFY(run(true) == run(false));
            }
        Var x = leaf({5, 4}, 44), w = leaf({3, 4}, 45), b = leaf({3}, 46), x3 = leaf({2, 3, 4}, 47);
        // ReLU's kink: a bias that keeps every pre-activation 0.1 or more from 0, so finite differences see one side
        const Tensor z = linear(x, w, Var()).value();
        std::vector<float> shifts(3, 0.0f);
        for (int64_t j = 0; j < 3; ++j)
            for (const float shift : {0.0f, 0.3f, -0.3f, 0.6f, -0.6f, 0.9f, -0.9f}) {
                bool clear = true;
                for (int64_t i = 0; i < 5; ++i) clear = clear && std::fabs(z[i * 3 + j] + shift) >= 0.1f;
                shifts[static_cast<size_t>(j)] = shift;
                if (clear) break;
            }
        Var kinkless_bias(Tensor::from({3}, shifts), true);
        GRADCHECK([&] { return linear_activation(x, w, kinkless_bias, LinearActivation::ReLU); }, x, w, kinkless_bias);
        GRADCHECK([&] { return linear_activation(x, w, b, LinearActivation::Sigmoid); }, x, w, b);
        GRADCHECK([&] { return linear_activation(x3, w, Var(), LinearActivation::Sigmoid); }, x3, w);
        QVERIFY_THROWS_EXCEPTION(ShapeError, linear_activation(leaf({5, 3}, 1), w, b, LinearActivation::ReLU));
    }
    // A network runs a Linear and the ReLU that alone reads it as one op, with the same numbers as the two.
    void mlpFusesLinearAndReluWithTheSameNumbers() {
        Network net(load_preset("mlp"), {1, 28, 28});
        net.reset_parameters(6);
        const Tensor xb = random_tensor({40, 1, 28, 28}, 48, 0, 1);
        const dltest::FusionRun unfused = dltest::run_network(net, xb, false),
                                fused = dltest::run_network(net, xb, true);
        QVERIFY(fused.values == unfused.values);
        QCOMPARE(unfused.ops.at("relu"), 1);
        QCOMPARE(unfused.ops.at("linear"), 2);
        QCOMPARE(fused.ops.at("linear_relu"), 1);
        QCOMPARE(fused.ops.at("linear"), 1);  // the output layer has no activation
        QVERIFY(!fused.ops.count("relu"));
    }
    void gradientsAccumulate() {  // the backward contract: a value used twice gets both contributions
        Var a = leaf({3}, 22);
        Var y = sum(add(mul(a, a), a));
        y.backward();
        for (int i = 0; i < 3; ++i) QVERIFY(std::fabs(a.grad()[i] - (2 * a.value()[i] + 1)) < 1e-5f);
        y = sum(a);
        y.backward();  // a second backward adds on top
        for (int i = 0; i < 3; ++i) QVERIFY(std::fabs(a.grad()[i] - (2 * a.value()[i] + 2)) < 1e-5f);
    }
    void noGradRecordsNothing() {
        Var a = leaf({3}, 23);
        NoGradGuard guard;
        Var y = mul(a, a);
        QVERIFY(!y.requires_grad());
    }
    void losses() {
        Var z = leaf({4, 5}, 24, -2, 2);
        std::vector<int32_t> labels{0, 4, 2, 2};
        GRADCHECK([&] { return softmax_cross_entropy(z, labels); }, z);
        // equals −mean(log_softmax picked at the labels)
        const float direct = -mean(gather(log_softmax(z), labels)).value().item();
        QVERIFY(std::fabs(softmax_cross_entropy(z, labels).value().item() - direct) < 1e-5f);
        Var huge(Tensor::from({1, 2}, {1e4f, -1e4f}));
        QVERIFY(std::isfinite(softmax_cross_entropy(huge, {1}).value().item()));
        QVERIFY(std::fabs(softmax_cross_entropy(huge, {1}).value().item() - 2e4f) < 1.0f);
        QVERIFY_THROWS_EXCEPTION(ShapeError, softmax_cross_entropy(z, {0, 1, 5, 0}));

        Var logits = leaf({6}, 25, -3, 3);
        Tensor t = random_tensor({6}, 26, 0, 1);
        GRADCHECK([&] { return bce_with_logits(logits, t); }, logits);
        Tensor target = random_tensor({6}, 27);
        GRADCHECK([&] { return mse(logits, target); }, logits);
        GRADCHECK([&] { return mse(logits, target, true); }, logits);
        Var p(Tensor::from({2}, {1, 3}));
        QCOMPARE(mse(p, Tensor::from({2}, {0, 1})).value().item(), 2.5f);
        QCOMPARE(mse(p, Tensor::from({2}, {0, 1}), true).value().item(), 1.25f);
        QCOMPARE(count_correct(Tensor::from({2, 2}, {0.1f, 0.9f, 0.8f, 0.2f}), {1, 1}), int64_t{1});
    }
    void dropoutOp() {
        Var a = leaf({4, 8}, 28);
        GRADCHECK(
            [&] {
                Rng rng(5);
                return dropout(a, 0.3f, rng);
            },
            a);
        Rng rng(7);
        Var ones(Tensor::ones({100000}));
        Tensor d = dropout(ones, 0.25f, rng).value();
        int64_t zeros = 0;
        for (int64_t i = 0; i < d.numel(); ++i) {
            zeros += d[i] == 0.0f;
            QVERIFY(d[i] == 0.0f || std::fabs(d[i] - 1.0f / 0.75f) < 1e-6f);
        }
        QVERIFY(std::fabs(zeros / 100000.0 - 0.25) < 0.01);
        QVERIFY_THROWS_EXCEPTION(InputError, dropout(ones, 1.0f, rng));
    }
};

QTEST_APPLESS_MAIN(TestOps)
#include "test_ops.moc"
