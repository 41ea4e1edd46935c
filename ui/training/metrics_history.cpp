#include "ui/training/metrics_history.h"

#include <QLocale>
#include <QSaveFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <limits>

// ---- DecimatedSeries --------------------------------------------------------------------------

DecimatedSeries::DecimatedSeries(int maxPoints) : maxPoints_(std::max(2, maxPoints - maxPoints % 2)) {}

void DecimatedSeries::clear() {
    x_.clear();
    y_.clear();
    bucket_ = 1;
    pending_ = 0;
    samples_ = 0;
    sumX_ = sumY_ = 0;
}

void DecimatedSeries::compress() {
    // Only called when every point is complete and the count is even: average neighbours in pairs.
    const qsizetype half = x_.size() / 2;
    for (qsizetype i = 0; i < half; ++i) {
        x_[i] = 0.5 * (x_[2 * i] + x_[2 * i + 1]);
        y_[i] = 0.5 * (y_[2 * i] + y_[2 * i + 1]);
    }
    x_.resize(half);
    y_.resize(half);
    bucket_ *= 2;
}

void DecimatedSeries::append(double x, double y) {
    ++samples_;
    if (pending_ == 0) {
        if (x_.size() >= maxPoints_) compress();
        x_.append(x);
        y_.append(y);
        sumX_ = x;
        sumY_ = y;
        pending_ = 1;
    } else {
        ++pending_;
        sumX_ += x;
        sumY_ += y;
        x_.last() = sumX_ / static_cast<double>(pending_);
        y_.last() = sumY_ / static_cast<double>(pending_);
    }
    if (pending_ == bucket_) pending_ = 0;
}

// ---- MetricsHistory ---------------------------------------------------------------------------

MetricsHistory::MetricsHistory(QObject* parent) : QObject(parent) {}

void MetricsHistory::setSmoothing(double beta) {
    beta_ = std::clamp(beta, 0.0, 0.999);
}

double MetricsHistory::latestNorm(int layer) const {
    const Layer& l = layers_.at(static_cast<size_t>(layer));
    return l.hasLatest ? l.latest : std::numeric_limits<double>::quiet_NaN();
}

void MetricsHistory::resetData() {
    info_ = dl::RunInfo{};
    hasRun_ = false;
    batchLoss_.clear();
    smoothedLoss_.clear();
    batchMlm_.clear();
    batchNsp_.clear();
    ema_ = emaWeight_ = 0;
    lastStep_ = 0;
    epochs_.clear();
    layers_.clear();
}

void MetricsHistory::clear() {
    resetData();
    Q_EMIT changed();
}

void MetricsHistory::onRunStarted(const dl::RunInfo& info) {
    resetData();
    info_ = info;
    hasRun_ = true;
    for (const std::string& id : info.layers) layer(QString::fromStdString(id));
    Q_EMIT changed();
}

void MetricsHistory::onBatches(const std::vector<dl::BatchEvent>& batches) {
    if (batches.empty()) return;
    for (const dl::BatchEvent& b : batches) {
        lastStep_ = std::max(lastStep_, b.step);
        if (!std::isfinite(b.loss)) continue;  // a diverged batch: the run reports it, the curve skips it
        const double x = b.batches_per_epoch > 0
                             ? (b.epoch - 1) + static_cast<double>(b.batch) / static_cast<double>(b.batches_per_epoch)
                             : static_cast<double>(b.step);
        batchLoss_.append(x, b.loss);
        ema_ = beta_ * ema_ + (1 - beta_) * b.loss;
        emaWeight_ = beta_ * emaWeight_ + (1 - beta_);
        smoothedLoss_.append(x, ema_ / emaWeight_);
        if (std::isfinite(b.mlm_loss)) batchMlm_.append(x, b.mlm_loss);
        if (std::isfinite(b.nsp_loss)) batchNsp_.append(x, b.nsp_loss);
    }
    Q_EMIT changed();
}

MetricsHistory::Layer& MetricsHistory::layer(const QString& name) {
    for (Layer& l : layers_)
        if (l.name == name) return l;
    layers_.push_back(Layer{});
    layers_.back().name = name;
    return layers_.back();
}

void MetricsHistory::onGradients(const std::vector<dl::GradientEvent>& gradients) {
    if (gradients.empty()) return;
    for (const dl::GradientEvent& g : gradients) {
        for (const dl::LayerGradNorm& n : g.layers) {
            Layer& l = layer(QString::fromStdString(n.node));
            l.latest = n.norm;
            l.hasLatest = true;
            if (std::isfinite(n.norm)) l.norms.append(static_cast<double>(g.step), n.norm);
        }
    }
    Q_EMIT changed();
}

void MetricsHistory::onEpoch(const dl::EpochMetrics& metrics) {
    epochs_.push_back(metrics);
    Q_EMIT changed();
}

void MetricsHistory::setReference(double accuracy, const QString& note) {
    if (!std::isfinite(accuracy)) {
        clearReference();
        return;
    }
    reference_ = accuracy;
    referenceNote_ = note;
    Q_EMIT changed();
}

void MetricsHistory::clearReference() {
    reference_.reset();
    referenceNote_.clear();
    Q_EMIT changed();
}

std::optional<size_t> bestEpochIndex(const std::vector<dl::EpochMetrics>& epochs, double dl::EpochMetrics::*field,
                                     bool higherIsBetter) {
    std::optional<size_t> best;
    for (size_t i = 0; i < epochs.size(); ++i) {
        const double v = epochs[i].*field;
        if (!std::isfinite(v)) continue;
        if (!best || (higherIsBetter ? v > epochs[*best].*field : v < epochs[*best].*field)) best = i;
    }
    return best;
}

std::optional<size_t> MetricsHistory::bestTestEpoch() const {
    return bestEpochIndex(epochs_, &dl::EpochMetrics::test_acc, true);
}

std::optional<QString> MetricsHistory::gradientWarning() const {
    const Layer* exploding = nullptr;
    const Layer* vanishing = nullptr;
    int explodingCount = 0, vanishingCount = 0;
    for (const Layer& l : layers_) {
        if (!l.hasLatest) continue;
        if (!std::isfinite(l.latest) || l.latest > kExplodingNorm) {
            if (!exploding) exploding = &l;
            ++explodingCount;
        } else if (l.latest < kVanishingNorm) {
            if (!vanishing) vanishing = &l;
            ++vanishingCount;
        }
    }
    auto others = [](int count) {
        if (count <= 1) return QString();
        return count == 2 ? tr(" (and 1 more layer)") : tr(" (and %1 more layers)").arg(count - 1);
    };
    if (exploding) {
        return tr("Exploding gradients in layer %1: norm %2 (above %3)%4. The weights take huge "
                  "steps; try a smaller learning rate, gradient clipping or normalisation layers.")
            .arg(exploding->name, QString::number(exploding->latest, 'g', 2), QString::number(kExplodingNorm, 'g', 2),
                 others(explodingCount));
    }
    if (vanishing) {
        return tr("Vanishing gradients in layer %1: norm %2 (below %3)%4. This layer has almost "
                  "stopped learning; try ReLU instead of sigmoid/tanh, a better initialisation, "
                  "batch normalisation or residual connections.")
            .arg(vanishing->name, QString::number(vanishing->latest, 'g', 2), QString::number(kVanishingNorm, 'g', 2),
                 others(vanishingCount));
    }
    return std::nullopt;
}

bool MetricsHistory::writeCsv(const QString& path, QString* error) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QTextStream out(&file);
    auto num = [](double v) {
        return std::isfinite(v) ? QString::number(v, 'g', QLocale::FloatingPointShortest) : QString();
    };
    out << "epoch,train_loss,train_acc,test_loss,test_acc,seconds,examples_per_sec,lr\n";
    for (const dl::EpochMetrics& m : epochs_) {
        out << m.epoch << ',' << num(m.train_loss) << ',' << num(m.train_acc) << ',' << num(m.test_loss) << ','
            << num(m.test_acc) << ',' << num(m.seconds) << ',' << num(m.examples_per_sec) << ','
            << num(static_cast<double>(m.lr)) << '\n';
    }
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit()) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
