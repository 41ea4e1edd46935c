// AttentionHistory: one snapshot of the attention probes per epoch, capped by keeping every other one,
// so a long run stays covered from its first epoch to its last.
#include <QtTest>

#include "engine/core/error.h"
#include "engine/train/attention_history.h"

using namespace dl;

namespace {
// A probe whose single value is the epoch: a snapshot shows which epoch it came from.
AttentionHistory::Probes probesOf(int epoch) {
    return {{"nw.attention", Tensor::from({1, 1, 1, 1}, {static_cast<float>(epoch)})}};
}
}  // namespace

class TestAttentionHistory : public QObject {
    Q_OBJECT
private slots:
    void keepsEveryEpochBelowTheCap() {
        AttentionHistory h(10);
        for (int e = 0; e <= 5; ++e) h.add(e, probesOf(e));
        QCOMPARE(h.epochs(), (std::vector<int>{0, 1, 2, 3, 4, 5}));
        for (const auto& s : h.snapshots()) QCOMPARE(s.probes.at("nw.attention")[0], static_cast<float>(s.epoch));
        QCOMPARE(h.stride(), 1);
    }

    void thinsToEveryOtherWhenFull() {
        AttentionHistory h(8);
        for (int e = 1; e <= 8; ++e) h.add(e, probesOf(e));
        QCOMPARE(h.size(), size_t{8});
        h.add(9, probesOf(9));  // full: 1, 3, 5, 7 stay, then 9
        QCOMPARE(h.epochs(), (std::vector<int>{1, 3, 5, 7, 9}));
        QCOMPARE(h.stride(), 2);
        h.add(10, probesOf(10));  // off the stride, but the newest is always kept…
        QCOMPARE(h.epochs(), (std::vector<int>{1, 3, 5, 7, 9, 10}));
        h.add(11, probesOf(11));  // …and replaced by the next one
        QCOMPARE(h.epochs(), (std::vector<int>{1, 3, 5, 7, 9, 11}));
    }

    void longRunStaysCoveredWithinTheCap() {
        AttentionHistory h(20);
        for (int e = 0; e <= 1000; ++e) {
            h.add(e, probesOf(e));
            QVERIFY(h.size() <= h.capacity());
        }
        const std::vector<int> epochs = h.epochs();
        QCOMPARE(epochs.front(), 0);
        QCOMPARE(epochs.back(), 1000);
        QVERIFY(epochs.size() >= h.capacity() / 2);
        // Evenly spread: no gap wider than twice the stride.
        for (size_t i = 1; i < epochs.size(); ++i) QVERIFY(epochs[i] - epochs[i - 1] <= 2 * h.stride());
        QVERIFY(std::is_sorted(epochs.begin(), epochs.end()));
        for (const auto& s : h.snapshots()) QCOMPARE(s.probes.at("nw.attention")[0], static_cast<float>(s.epoch));
    }

    void lookupFindsTheEpochAtOrBefore() {
        AttentionHistory h(8);
        for (int e : {0, 2, 4}) h.add(e, probesOf(e));
        QVERIFY(h.at_or_before(-1) == nullptr);
        QCOMPARE(h.at_or_before(0)->epoch, 0);
        QCOMPARE(h.at_or_before(3)->epoch, 2);
        QCOMPARE(h.at_or_before(99)->epoch, 4);
        QCOMPARE(h.latest()->epoch, 4);
    }

    void sameEpochReplacesAndAnEarlierOneStartsAfresh() {
        AttentionHistory h(8);
        h.add(1, probesOf(1));
        h.add(2, probesOf(2));
        h.add(2, probesOf(20));
        QCOMPARE(h.epochs(), (std::vector<int>{1, 2}));
        QCOMPARE(h.latest()->probes.at("nw.attention")[0], 20.0f);
        h.add(0, probesOf(0));  // a new run
        QCOMPARE(h.epochs(), (std::vector<int>{0}));
        h.clear();
        QVERIFY(h.empty());
        QVERIFY(h.latest() == nullptr);
    }

    void tinyCapacityIsRefused() { QVERIFY_THROWS_EXCEPTION(InputError, AttentionHistory(1)); }
};

QTEST_GUILESS_MAIN(TestAttentionHistory)
#include "test_attention_history.moc"
