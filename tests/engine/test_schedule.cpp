// D2L §11.11's learning-rate schedules that extend the basic ones tested in test_optim.cpp: the
// multi-factor schedule (torch MultiStepLR) and D2L's CosineScheduler with a warm-up start lr and an end
// epoch. The expected values are recomputed here from D2L's and PyTorch's definitions, not from ours.
#include <QtTest>

#include <cmath>
#include <functional>
#include <numbers>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/optim/schedule.h"

using namespace dl;

namespace {

QString inputErrorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

// torch.optim.lr_scheduler.MultiStepLR as D2L §11.11.3.2 plots it: the scheduler steps after each epoch,
// and at every milestone the current lr is multiplied by gamma (applied step by step, not in closed form).
std::vector<double> torchMultiStep(double base, const std::vector<int>& milestones, double gamma, int epochs) {
    std::vector<double> lrs;
    double lr = base;
    for (int epoch = 0; epoch < epochs; ++epoch) {
        for (int m : milestones)
            if (m == epoch) lr *= gamma;
        lrs.push_back(lr);
    }
    return lrs;
}

// D2L §11.11.3.3's CosineScheduler, line by line (including its state: past max_update the last lr stays).
struct D2lCosineScheduler {
    double base_lr_orig, final_lr, warmup_begin_lr, base_lr = 0;
    int max_update, warmup_steps, max_steps;

    D2lCosineScheduler(int max_update, double base_lr, double final_lr, int warmup_steps, double warmup_begin_lr)
        : base_lr_orig(base_lr),
          final_lr(final_lr),
          warmup_begin_lr(warmup_begin_lr),
          max_update(max_update),
          warmup_steps(warmup_steps),
          max_steps(max_update - warmup_steps) {}

    double get_warmup_lr(int epoch) const {
        const double increase = (base_lr_orig - warmup_begin_lr) * double(epoch) / double(warmup_steps);
        return warmup_begin_lr + increase;
    }
    double operator()(int epoch) {
        if (epoch < warmup_steps) return get_warmup_lr(epoch);
        if (epoch <= max_update)
            base_lr = final_lr + (base_lr_orig - final_lr) *
                                     (1 + std::cos(std::numbers::pi * (epoch - warmup_steps) / max_steps)) / 2;
        return base_lr;
    }
};

bool close(double a, double b) {
    return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b));
}

}  // namespace

class TestSchedule : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void multiFactorFollowsTorchMultiStepLR();
    void multiFactorCountsFromTheWarmUpsEnd();
    void multiFactorRoundTrip_data();
    void multiFactorRoundTrip();
    void multiFactorErrors_data();
    void multiFactorErrors();
    void d2lCosineWithWarmUp();
    void d2lCosineWithoutWarmUp();
    void defaultWarmUpUnchanged();
    void cosineEndRoundTrip();
    void cosineEndErrors();
    void warmUpStartErrors();
};

void TestSchedule::multiFactorFollowsTorchMultiStepLR() {
    const LrSchedule schedule = parse_lr_schedule("multifactor:15,30:0.5");
    QCOMPARE(schedule.kind, LrSchedule::MultiFactor);
    QCOMPARE(schedule.milestones, (std::vector<int64_t>{15, 30}));
    QCOMPARE(schedule.gamma, 0.5f);
    const std::vector<double> expected = torchMultiStep(0.5, {15, 30}, 0.5, 50);
    for (int epoch = 0; epoch < 50; ++epoch)
        QVERIFY2(close(schedule.lr_at(0.5f, epoch, 50), expected[size_t(epoch)]), qPrintable(QString::number(epoch)));
    // The figures D2L's plot shows: 0.5 until epoch 14, 0.25 from 15, 0.125 from 30.
    QCOMPARE(schedule.lr_at(0.5f, 14, 50), 0.5f);
    QCOMPARE(schedule.lr_at(0.5f, 15, 50), 0.25f);
    QCOMPARE(schedule.lr_at(0.5f, 29, 50), 0.25f);
    QCOMPARE(schedule.lr_at(0.5f, 30, 50), 0.125f);
}

void TestSchedule::multiFactorCountsFromTheWarmUpsEnd() {
    // The main schedule starts at 0 after the warm-up, as the step schedule does (torch SequentialLR).
    const LrSchedule schedule = parse_lr_schedule("multifactor:3:0.1", 2);
    QVERIFY(close(schedule.lr_at(1.0f, 0, 10), 0.5));
    QCOMPARE(schedule.lr_at(1.0f, 1, 10), 1.0f);
    QCOMPARE(schedule.lr_at(1.0f, 4, 10), 1.0f);
    QVERIFY(close(schedule.lr_at(1.0f, 5, 10), 0.1));
}

void TestSchedule::multiFactorRoundTrip_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("d2l") << "multifactor:15,30:0.5"
                         << "multifactor:15,30:0.5";
    QTest::newRow("default factor") << "multifactor:10"
                                    << "multifactor:10:0.1";
    QTest::newRow("spaces, case") << " MultiFactor: 2, 4 ,8 :0.25"
                                  << "multifactor:2,4,8:0.25";
    QTest::newRow("factor 1") << "multifactor:1:1"
                              << "multifactor:1:1";
}

void TestSchedule::multiFactorRoundTrip() {
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    const LrSchedule schedule = parse_lr_schedule(text.toStdString());
    QCOMPARE(QString::fromStdString(to_string(schedule)), canonical);
    const LrSchedule again = parse_lr_schedule(to_string(schedule));
    QCOMPARE(again.kind, schedule.kind);
    QCOMPARE(again.milestones, schedule.milestones);
    QCOMPARE(again.gamma, schedule.gamma);
}

void TestSchedule::multiFactorErrors_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unsorted") << "multifactor:30,15:0.5"
                              << "must increase, but 15 follows 30";
    QTest::newRow("repeated") << "multifactor:15,15"
                              << "must increase, but 15 follows 15";
    QTest::newRow("no epochs") << "multifactor"
                               << "needs the epochs at which the lr drops";
    QTest::newRow("empty epoch") << "multifactor:15,,30"
                                 << "has '' where";
    QTest::newRow("epoch zero") << "multifactor:0,10"
                                << "1 or more";
    QTest::newRow("fraction epoch") << "multifactor:2.5"
                                    << "whole number";
    QTest::newRow("not a number") << "multifactor:ten"
                                  << "'ten'";
    QTest::newRow("factor zero") << "multifactor:15,30:0"
                                 << "gamma must be above 0 and at most 1, got 0";
    QTest::newRow("factor above one") << "multifactor:15,30:1.5"
                                      << "gamma must be above 0 and at most 1, got 1.5";
    QTest::newRow("factor negative") << "multifactor:15:-0.5"
                                     << "gamma must be above 0 and at most 1, got -0.5";
    QTest::newRow("too many") << "multifactor:15:0.5:2"
                              << "at most a decay factor";
}

void TestSchedule::multiFactorErrors() {
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    const QString message = inputErrorOf([&] { parse_lr_schedule(text.toStdString()); });
    QVERIFY2(message.contains(mentions), qPrintable("message: " + message));

    // A text that does not have the form gets the accepted forms with it.
    QVERIFY(inputErrorOf([] { parse_lr_schedule("multifactor"); }).contains("multifactor:15,30:0.5"));
    // A schedule built in code (the designer builds one field by field) is refused alike.
    LrSchedule unsorted;
    unsorted.kind = LrSchedule::MultiFactor;
    unsorted.milestones = {30, 15};
    QVERIFY(inputErrorOf([&] { unsorted.lr_at(0.1f, 0, 40); }).contains("must increase"));
    unsorted.milestones.clear();
    QVERIFY(inputErrorOf([&] { unsorted.lr_at(0.1f, 0, 40); }).contains("list the epochs"));
}

void TestSchedule::d2lCosineWithWarmUp() {
    // D2L §11.11.3.3: CosineScheduler(20, warmup_steps=5, base_lr=0.3, final_lr=0.01), plotted over 30 epochs.
    LrSchedule schedule = parse_lr_schedule("cosine:0.01:20", 5);
    schedule.warmup_start_lr = 0.0f;
    D2lCosineScheduler d2l(20, 0.3, 0.01, 5, 0.0);
    for (int epoch = 0; epoch < 30; ++epoch) {
        const double expected = d2l(epoch);
        QVERIFY2(
            close(schedule.lr_at(0.3f, epoch, 30), expected),
            qPrintable(QString("epoch %1: %2, D2L %3").arg(epoch).arg(schedule.lr_at(0.3f, epoch, 30)).arg(expected)));
    }
    // By hand: warm-up 0, 0.06, …, 0.24; the base at epoch 5; final_lr from epoch 20 on.
    QCOMPARE(schedule.lr_at(0.3f, 0, 30), 0.0f);
    QVERIFY(close(schedule.lr_at(0.3f, 2, 30), 0.12));
    QVERIFY(close(schedule.lr_at(0.3f, 5, 30), 0.3));
    QVERIFY(close(schedule.lr_at(0.3f, 20, 30), 0.01));
    QVERIFY(close(schedule.lr_at(0.3f, 29, 30), 0.01));
    // A warm-up from a non-zero start.
    schedule.warmup_start_lr = 0.1f;
    D2lCosineScheduler from_tenth(20, 0.3, 0.01, 5, 0.1);
    for (int epoch = 0; epoch < 30; ++epoch) QVERIFY(close(schedule.lr_at(0.3f, epoch, 30), from_tenth(epoch)));
}

void TestSchedule::d2lCosineWithoutWarmUp() {
    // D2L §11.11.3.3's first cosine: CosineScheduler(max_update=20, base_lr=0.3, final_lr=0.01), 30 epochs.
    const LrSchedule schedule = parse_lr_schedule("cosine:0.01:20");
    D2lCosineScheduler d2l(20, 0.3, 0.01, 0, 0.0);
    for (int epoch = 0; epoch < 30; ++epoch) QVERIFY(close(schedule.lr_at(0.3f, epoch, 30), d2l(epoch)));
}

void TestSchedule::defaultWarmUpUnchanged() {
    // Without a start lr the warm-up stays DiveLab's base/W, 2·base/W, …, base.
    const LrSchedule schedule = parse_lr_schedule("cosine:0.01:20", 5);
    QVERIFY(!schedule.warmup_start_lr);
    for (int epoch = 0; epoch < 5; ++epoch) QVERIFY(close(schedule.lr_at(0.3f, epoch, 30), 0.3 * (epoch + 1) / 5));
}

void TestSchedule::cosineEndRoundTrip() {
    const LrSchedule schedule = parse_lr_schedule("Cosine:1e-2:20");
    QCOMPARE(schedule.cosine_epochs, int64_t{20});
    QCOMPARE(QString::fromStdString(to_string(schedule)), QString("cosine:0.01:20"));
    QCOMPARE(parse_lr_schedule(to_string(schedule)).cosine_epochs, int64_t{20});
    QCOMPARE(QString::fromStdString(to_string(parse_lr_schedule("cosine:0.01"))), QString("cosine:0.01"));
}

void TestSchedule::cosineEndErrors() {
    QVERIFY(inputErrorOf([] { parse_lr_schedule("cosine:0:0"); }).contains("1 or more"));
    QVERIFY(inputErrorOf([] { parse_lr_schedule("cosine:0:x"); }).contains("'x'"));
    // The end inside the warm-up leaves nothing to anneal over.
    const LrSchedule early = parse_lr_schedule("cosine:0:5", 5);
    QVERIFY(inputErrorOf([&] { early.lr_at(0.1f, 0, 30); }).contains("within the 5 warm-up epochs"));
}

void TestSchedule::warmUpStartErrors() {
    LrSchedule schedule = parse_lr_schedule("constant", 3);
    schedule.warmup_start_lr = -0.1f;
    QVERIFY(inputErrorOf([&] { schedule.lr_at(0.1f, 0, 10); }).contains("warm-up start lr"));
    schedule.warmup_start_lr = std::nanf("");
    QVERIFY(!inputErrorOf([&] { schedule.validate(); }).isEmpty());
}

QTEST_APPLESS_MAIN(TestSchedule)
#include "test_schedule.moc"
