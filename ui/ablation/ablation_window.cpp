#include "ablation_window.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>

#include "ui/ablation/ablation_texts.h"
#include "ui/ablation/comparison_plot.h"
#include "ui/ablation/comparison_summary.h"
#include "ui/plots/training_plots.h"
#include "ui/training/metrics_history.h"

namespace {

QLabel* wrappedLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// Known before any run for the book's regression lesson; other regressions show once the first epoch has no accuracy.
bool isClassification(const std::vector<ComparisonVariant>& variants) {
    return variants.empty() || variants.front().experiment.dataset != "high-dim-linear";
}

bool hasAccuracy(const MetricsHistory& history) {
    return history.epochs().empty() || std::isfinite(history.epochs().front().test_acc) ||
           std::isfinite(history.epochs().front().train_acc);
}

}  // namespace

AblationWindow::AblationWindow(QWidget* parent) : QWidget(parent, Qt::Window), runner_(new ComparisonRunner(this)) {
    setWindowTitle(tr("Ablation"));
    setAttribute(Qt::WA_DeleteOnClose);
    title_ = new QLabel(this);
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    title_->setFont(big);
    lesson_ = wrappedLabel(this);
    variantsLine_ = wrappedLabel(this);
    variantsLine_->setTextFormat(Qt::RichText);
    run_ = new QPushButton(tr("&Run both"), this);
    stop_ = new QPushButton(tr("&Stop"), this);
    stop_->setEnabled(false);
    progress_ = new QProgressBar(this);
    status_ = new QLabel(this);
    summary_ = wrappedLabel(this);
    summary_->setStyleSheet(
        QStringLiteral("QLabel { background: #fff3d6; border: 1px solid #e0b050; "
                       "border-radius: 4px; padding: 6px; font-weight: bold; }"));
    summary_->setVisible(false);
    loss_ = new ComparisonPlot(ComparisonPlot::Kind::Loss, runner_, this);
    accuracy_ = new ComparisonPlot(ComparisonPlot::Kind::Accuracy, runner_, this);
    // One crosshair for both plots: the epoch under the mouse in one is marked in the other.
    connect(loss_, &ComparisonPlot::hovered, accuracy_, &ComparisonPlot::setCrosshair);
    connect(accuracy_, &ComparisonPlot::hovered, loss_, &ComparisonPlot::setCrosshair);

    auto* controls = new QHBoxLayout;
    controls->addWidget(run_);
    controls->addWidget(stop_);
    controls->addWidget(progress_, 1);
    controls->addWidget(status_, 1);
    auto* plots = new QHBoxLayout;
    plots->addWidget(loss_, 1);
    plots->addWidget(accuracy_, 1);
    gradientRow_ = new QWidget(this);
    gradientLayout_ = new QHBoxLayout(gradientRow_);
    gradientLayout_->setContentsMargins(0, 0, 0, 0);
    gradientRow_->setVisible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(lesson_);
    layout->addWidget(variantsLine_);
    layout->addLayout(controls);
    layout->addLayout(plots, 3);
    layout->addWidget(gradientRow_, 2);
    layout->addWidget(summary_);

    connectControls();
    resize(1200, 700);
}

void AblationWindow::connectControls() {
    connect(run_, &QPushButton::clicked, this, &AblationWindow::run);
    connect(stop_, &QPushButton::clicked, this, &AblationWindow::stop);
    connect(runner_, &ComparisonRunner::progressChanged, progress_, &QProgressBar::setValue);
    connect(runner_, &ComparisonRunner::statusChanged, status_, &QLabel::setText);
    connect(runner_, &ComparisonRunner::failed, status_, &QLabel::setText);
    connect(runner_, &ComparisonRunner::finished, this, &AblationWindow::onFinished);
    connect(runner_, &ComparisonRunner::variantsChanged, this, [this] {
        for (int i = 0; i < runner_->count(); ++i) {
            connect(runner_->history(i), &MetricsHistory::changed, this, &AblationWindow::updateSummary);
            if (i < static_cast<int>(gradients_.size()))
                gradients_[static_cast<size_t>(i)]->setHistory(runner_->history(i));
        }
    });
}

void AblationWindow::setAblation(const dl::ReadyAblation& a) {
    std::vector<ComparisonVariant> variants;
    for (size_t i = 0; i < a.variants.size(); ++i)
        variants.push_back({AblationTexts::variantLabel(a, static_cast<int>(i)), a.variants[i].experiment});
    setComparison(tr("%1 (%2)").arg(AblationTexts::title(a), QString::fromStdString(a.section)),
                  AblationTexts::lesson(a), a.measure, std::move(variants),
                  a.measure == dl::AblationMeasure::FirstLayerGradient);
    loss_->setLogScale(a.id == "weight-decay");  // D2L §4.5 plots the losses on a log scale
}

void AblationWindow::setComparison(const QString& title, const QString& lesson, dl::AblationMeasure measure,
                                   std::vector<ComparisonVariant> variants, bool showGradients) {
    runner_->cancel();
    setWindowTitle(tr("Ablation: %1").arg(title));
    title_->setText(title);
    lesson_->setText(tr("What to expect: %1").arg(lesson));
    measure_ = measure;
    variants_ = std::move(variants);
    accuracy_->setVisible(isClassification(variants_));
    showGradients_ = showGradients;
    buildGradientPlots();
    updateVariantsLine();
    summary_->setVisible(false);
    progress_->setValue(0);
    status_->setText(tr("Same seed, same data; only the one change differs."));
}

void AblationWindow::buildGradientPlots() {
    for (GradientNormPlot* p : gradients_) p->parentWidget()->deleteLater();
    gradients_.clear();
    gradientRow_->setVisible(showGradients_);
    if (!showGradients_) return;
    for (size_t i = 0; i < variants_.size(); ++i) {
        auto* box = new QGroupBox(tr("Gradient norms per layer: %1").arg(variants_[i].label), gradientRow_);
        auto* boxLayout = new QVBoxLayout(box);
        auto* plot = new GradientNormPlot(box);
        boxLayout->addWidget(plot);
        gradientLayout_->addWidget(box, 1);
        gradients_.push_back(plot);
    }
    resize(width(), std::max(height(), 950));
}

GradientNormPlot* AblationWindow::gradientPlot(int variant) const {
    return variant < static_cast<int>(gradients_.size()) ? gradients_[static_cast<size_t>(variant)] : nullptr;
}

void AblationWindow::updateVariantsLine() {
    QStringList parts;
    for (size_t i = 0; i < variants_.size(); ++i)
        parts << QStringLiteral("<span style='color:%1'>&#9632;</span> %2")
                     .arg(ComparisonRunner::colour(static_cast<int>(i)).name(), variants_[i].label.toHtmlEscaped());
    if (variants_.empty()) return variantsLine_->clear();
    const dl::Project& p = variants_.front().experiment;
    variantsLine_->setText(tr("Variants: %1. Data: %2, %n epoch(s), seed %3.", nullptr, p.train.epochs)
                               .arg(parts.join(QStringLiteral(" &nbsp; ")), QString::fromStdString(p.dataset))
                               .arg(p.train.seed));
}

void AblationWindow::run() {
    summary_->setVisible(false);
    run_->setEnabled(false);
    stop_->setEnabled(true);
    runner_->start(variants_);
}

void AblationWindow::stop() {
    runner_->cancel();
}

void AblationWindow::updateSummary() {
    if (runner_->count() > 0 && !hasAccuracy(*runner_->history(0))) accuracy_->setVisible(false);
    const QString text = comparisonSummary(*runner_, measure_);
    summary_->setText(text);
    summary_->setVisible(!text.isEmpty());
}

void AblationWindow::onFinished(bool completed) {
    run_->setEnabled(true);
    stop_->setEnabled(false);
    run_->setText(tr("&Run again"));
    loss_->refreshNow();
    accuracy_->refreshNow();
    updateSummary();
    Q_UNUSED(completed);
}
