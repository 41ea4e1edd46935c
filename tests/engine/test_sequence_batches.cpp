// D2L §8.3.4's two ways of cutting a token stream into language-model minibatches, on D2L's own
// example (seq = range(35), batch 2, 5 steps): Y is X shifted by one; random sampling visits disjoint
// subsequences from a random offset; under sequential partitioning each row continues where the same
// row of the previous batch ended. Plus: epochs differ but repeat per (seed, epoch), and short texts
// are refused with a clear message.
#include <QtTest>

#include <algorithm>
#include <set>

#include "engine/core/error.h"
#include "engine/data/sequence_batches.h"

using namespace dl;

namespace {
// D2L's toy corpus: the token ids 0..n-1 (a token's id is its position, so positions are visible).
Dataset range_corpus(int64_t n, int64_t num_steps, Sampling sampling) {
    auto text = std::make_shared<TextCorpus>();
    for (int32_t i = 0; i < n; ++i) {
        text->tokens.push_back(i);
        text->idx_to_token.push_back(std::to_string(i));
    }
    Dataset d;
    d.name = "range";
    d.text = text;
    d.num_classes = static_cast<int>(n);
    d.num_steps = num_steps;
    d.sampling = sampling;
    return d;
}

struct Cut {
    std::vector<std::vector<int32_t>> x, y;  // per batch: B * T ids, row-major
    std::vector<std::vector<int64_t>> starts;
};

Cut one_epoch(SequenceBatches& batches) {
    Cut cut;
    batches.start_epoch();
    Batch b;
    while (batches.next(b)) {
        std::vector<int32_t> x;
        for (int64_t i = 0; i < b.x.numel(); ++i) x.push_back(static_cast<int32_t>(b.x.data()[i]));
        cut.x.push_back(x);
        cut.y.push_back(b.labels);
        cut.starts.push_back(b.indices);
    }
    return cut;
}

void check_shifted_by_one(const Cut& cut) {
    for (size_t i = 0; i < cut.x.size(); ++i) {
        QCOMPARE(cut.x[i].size(), cut.y[i].size());
        for (size_t k = 0; k < cut.x[i].size(); ++k) QCOMPARE(cut.y[i][k], cut.x[i][k] + 1);
    }
}
}  // namespace

class TestSequenceBatches : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void randomSamplingIsD2lShaped() {
        const Dataset data = range_corpus(35, 5, Sampling::Random);
        std::set<int64_t> offsets;
        for (uint64_t seed = 0; seed < 8; ++seed) {
            SequenceBatches batches(data, 2, seed);
            const Cut cut = one_epoch(batches);
            const int64_t offset = batches.offset();
            QVERIFY(offset >= 0 && offset <= 4);
            offsets.insert(offset);
            // D2L: (35 - offset - 1) // 5 subsequences, 2 per batch, incomplete batches dropped.
            const int64_t subsequences = (35 - offset - 1) / 5;
            QCOMPARE(static_cast<int64_t>(cut.x.size()), subsequences / 2);
            check_shifted_by_one(cut);
            std::set<int64_t> starts;
            for (size_t i = 0; i < cut.x.size(); ++i)
                for (int64_t b = 0; b < 2; ++b) {
                    const int64_t start = cut.starts[i][b];
                    QCOMPARE((start - offset) % 5, int64_t{0});  // on the grid from the offset
                    QVERIFY(starts.insert(start).second);        // each subsequence at most once
                    for (int64_t t = 0; t < 5; ++t) QCOMPARE(cut.x[i][b * 5 + t], static_cast<int32_t>(start + t));
                }
        }
        QVERIFY(offsets.size() > 1);  // the offset is random, not always 0
    }

    void randomSamplingShufflesSubsequences() {
        const Dataset data = range_corpus(1000, 5, Sampling::Random);
        SequenceBatches batches(data, 4, 7);
        const Cut cut = one_epoch(batches);
        std::vector<int64_t> starts;
        for (const auto& s : cut.starts) starts.insert(starts.end(), s.begin(), s.end());
        QVERIFY(!std::is_sorted(starts.begin(), starts.end()));
    }

    void sequentialRowsContinue() {
        const Dataset data = range_corpus(35, 5, Sampling::Sequential);
        for (uint64_t seed = 0; seed < 8; ++seed) {
            SequenceBatches batches(data, 2, seed);
            const Cut cut = one_epoch(batches);
            const int64_t offset = batches.offset();
            const int64_t row_length = (35 - offset - 1) / 2;
            QCOMPARE(static_cast<int64_t>(cut.x.size()), row_length / 5);
            QVERIFY(cut.x.size() >= 2);
            check_shifted_by_one(cut);
            QCOMPARE(cut.x[0][0], static_cast<int32_t>(offset));  // the first row starts at the offset
            for (size_t i = 0; i < cut.x.size(); ++i)
                for (int64_t b = 0; b < 2; ++b) {
                    for (int64_t t = 1; t < 5; ++t) QCOMPARE(cut.x[i][b * 5 + t], cut.x[i][b * 5 + t - 1] + 1);
                    // Row b of this batch starts where row b of the previous batch ended.
                    if (i > 0) QCOMPARE(cut.x[i][b * 5], cut.x[i - 1][b * 5 + 4] + 1);
                }
            // The second row is the second half of the cut stream.
            QCOMPARE(cut.x[0][5], static_cast<int32_t>(offset + row_length));
        }
    }

    void epochsDifferAndRepeat() {
        const Dataset data = range_corpus(2000, 7, Sampling::Random);
        SequenceBatches a(data, 3, 11), b(data, 3, 11);
        const Cut a0 = one_epoch(a), a1 = one_epoch(a);
        const Cut b0 = one_epoch(b), b1 = one_epoch(b);
        QCOMPARE(a0.x, b0.x);
        QCOMPARE(a1.x, b1.x);
        QVERIFY(a0.x != a1.x);
    }

    void evaluationCutStartsAtZero() {
        const Dataset data = range_corpus(35, 5, Sampling::Sequential);
        SequenceBatches batches(data, 2, 3, /*random_offset=*/false);
        const Cut cut = one_epoch(batches);
        QCOMPARE(batches.offset(), int64_t{0});
        QCOMPARE(cut.x[0][0], 0);
        QCOMPARE(cut.x.size(), size_t{3});  // rows of (35 - 1) // 2 = 17 tokens: 3 whole batches of 5
    }

    void tooShortTextIsRefused() {
        const Dataset data = range_corpus(20, 5, Sampling::Random);
        try {
            SequenceBatches batches(data, 4, 0);
            QFAIL("a 20-token text cannot give a batch of 4 × 5 from every offset");
        } catch (const InputError& e) {
            const QString message = e.what();
            QVERIFY2(message.contains("20 tokens") && message.contains("4 rows × 5 steps"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestSequenceBatches)
#include "test_sequence_batches.moc"
