// Tensor basics and the random generator everything else depends on.
#include <QtTest>

#include "engine/core/error.h"
#include "engine/core/random.h"
#include "engine/core/tensor.h"

using namespace dl;

class TestTensor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void constructionAndAccess() {
        Tensor t({2, 3});
        QCOMPARE(t.numel(), int64_t{6});
        QCOMPARE(t.dim(), int64_t{2});
        QCOMPARE(t.size(-1), int64_t{3});
        for (int64_t i = 0; i < 6; ++i) QCOMPARE(t[i], 0.0f);
        t.at({1, 2}) = 5.0f;
        QCOMPARE(t[5], 5.0f);
        QCOMPARE(Tensor::ones({4}).vec().sum(), 4.0f);
        QCOMPARE(Tensor::scalar(2.5f).item(), 2.5f);
        QVERIFY(reinterpret_cast<uintptr_t>(Tensor::empty({7}).data()) % 64 == 0);  // aligned for SIMD
    }
    void copiesShareAndCloneCopies() {
        Tensor a = Tensor::from({2, 2}, {1, 2, 3, 4});
        Tensor shallow = a;
        Tensor deep = a.clone();
        a[0] = 9;
        QCOMPARE(shallow[0], 9.0f);
        QCOMPARE(deep[0], 1.0f);
        Tensor r = a.reshape({4});
        r[1] = 7;
        QCOMPARE(a.at({0, 1}), 7.0f);  // reshape is a view
        QCOMPARE(a.reshape({-1, 1}).shape(), (Shape{4, 1}));
    }
    void clearErrors() {
        auto message = [](const std::function<void()>& f) {
            try {
                f();
            } catch (const ShapeError& e) {
                return QString(e.what());
            }
            return QString();
        };
        Tensor t({2, 3});
        QVERIFY(message([&] { t.reshape({4, 2}); }).contains("[2, 3]"));
        QVERIFY(message([&] { t.reshape({-1, -1}); }).contains("only one dimension"));
        QVERIFY(message([&] { t.at({2, 0}); }).contains("out of range"));
        QVERIFY(message([&] { t.at({0}); }).contains("1 indices"));
        QVERIFY(message([&] { t.size(2); }).contains("axis 2"));
        QVERIFY(message([&] { t.item(); }).contains("not a single value"));
        QVERIFY(message([&] { Tensor::from({2}, {1, 2, 3}); }).contains("3 were given"));
        QVERIFY(message([&] { Tensor({-1}); }).contains("negative"));
    }
    void rngIsDeterministicAndUniform() {
        Rng a(42), b(42), c(43);
        bool differs = false;
        for (int i = 0; i < 100; ++i) {
            const uint64_t x = a.next_u64();
            QCOMPARE(x, b.next_u64());
            differs = differs || x != c.next_u64();
        }
        QVERIFY(differs);
        Rng r(1);
        double mean = 0, sq = 0;
        std::vector<int> buckets(10, 0);
        const int n = 200000;
        for (int i = 0; i < n; ++i) {
            const double z = r.normal();
            mean += z;
            sq += z * z;
            ++buckets[r.below(10)];
        }
        QVERIFY(std::fabs(mean / n) < 0.01);
        QVERIFY(std::fabs(sq / n - 1.0) < 0.02);
        for (int count : buckets) QVERIFY(std::abs(count - n / 10) < n / 100);
        std::vector<int> order(50);
        std::iota(order.begin(), order.end(), 0);
        Rng s(3);
        s.shuffle(order.begin(), order.end());
        std::vector<int> sorted = order;
        std::sort(sorted.begin(), sorted.end());
        for (int i = 0; i < 50; ++i) QCOMPARE(sorted[i], i);  // a permutation
        QVERIFY(order != sorted);
    }
};

QTEST_APPLESS_MAIN(TestTensor)
#include "test_tensor.moc"
