#include "comparison_summary.h"

#include <QCoreApplication>

#include <cmath>

#include "ui/ablation/comparison_runner.h"
#include "ui/training/metrics_history.h"

namespace {

class ComparisonSummary {
    Q_DECLARE_TR_FUNCTIONS(ComparisonSummary)
};

QString number(double value) {
    return QString::number(value, 'g', 3);
}

// 3050 rather than 3.05e+03: a factor reads best as a plain number.
QString ratio(double value) {
    return value >= 10 ? QString::number(value, 'f', 0) : QString::number(value, 'f', 1);
}

// "B: test loss 0.12 lower (0.19 against 0.31)" — the variant that comes out better is named first.
QString verdict(const QString& what, const QString& a, double va, const QString& b, double vb, bool higherIsBetter,
                bool percent = false) {
    const bool bBetter = higherIsBetter ? vb > va : vb < va;
    const QString& winner = bBetter ? b : a;
    const double w = bBetter ? vb : va, l = bBetter ? va : vb;
    auto show = [&](double v) { return percent ? QString::number(100 * v, 'f', 1) + QLatin1Char('%') : number(v); };
    const QString direction = higherIsBetter ? ComparisonSummary::tr("higher") : ComparisonSummary::tr("lower");
    const QString diff = percent
                             ? ComparisonSummary::tr("%1 points").arg(QString::number(100 * std::abs(w - l), 'f', 1))
                             : number(std::abs(w - l));
    return ComparisonSummary::tr("%1: %2 %3 %4 (%5 against %6)").arg(winner, what, diff, direction, show(w), show(l));
}

}  // namespace

double meanFirstLayerGradient(const MetricsHistory& history) {
    if (history.layerCount() == 0) return NAN;
    const DecimatedSeries& s = history.layerNorms(0);
    if (s.isEmpty()) return NAN;
    double sum = 0;
    for (double v : s.y()) sum += v;
    return sum / s.size();
}

QString comparisonSummary(const ComparisonRunner& runner, dl::AblationMeasure measure) {
    if (runner.count() < 2) return {};
    const MetricsHistory &ha = *runner.history(0), &hb = *runner.history(1);
    if (ha.epochs().empty() || hb.epochs().empty()) return {};
    const dl::EpochMetrics &a = ha.epochs().back(), &b = hb.epochs().back();
    const QString la = runner.variant(0).label, lb = runner.variant(1).label;
    using M = dl::AblationMeasure;
    switch (measure) {
        case M::TestLoss:
            return verdict(ComparisonSummary::tr("test loss"), la, a.test_loss, lb, b.test_loss, false);
        case M::TrainLoss:
            return verdict(ComparisonSummary::tr("training loss"), la, a.train_loss, lb, b.train_loss, false);
        case M::TestAccuracy:
            if (!std::isfinite(a.test_acc) || !std::isfinite(b.test_acc))  // a regression: compare the test loss
                return verdict(ComparisonSummary::tr("test loss"), la, a.test_loss, lb, b.test_loss, false);
            return verdict(ComparisonSummary::tr("test accuracy"), la, a.test_acc, lb, b.test_acc, true, true);
        case M::GeneralizationGap:
            return verdict(ComparisonSummary::tr("gap between test and training loss"), la, a.test_loss - a.train_loss,
                           lb, b.test_loss - b.train_loss, false);
        case M::FirstLayerGradient: {
            const double ga = meanFirstLayerGradient(ha), gb = meanFirstLayerGradient(hb);
            if (!std::isfinite(ga) || !std::isfinite(gb) || ga <= 0 || gb <= 0) return {};
            const bool bLarger = gb > ga;
            return ComparisonSummary::tr("%1: first-layer gradient norm %2× larger (%3 against %4)")
                .arg(bLarger ? lb : la, ratio(bLarger ? gb / ga : ga / gb), number(std::max(ga, gb)),
                     number(std::min(ga, gb)));
        }
    }
    return {};
}
