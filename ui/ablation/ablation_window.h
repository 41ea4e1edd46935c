#pragma once
// AblationWindow: two (or more) variants of one experiment trained with the same seed and compared: the lesson
// and what to expect, the variants in their colours, overlaid loss and accuracy plots with a shared crosshair and
// the difference shaded, a one-line verdict, and for gradient lessons (D2L §4.8) each variant's gradient-norm
// heatmap side by side.
#include <QWidget>

#include <vector>

#include "engine/train/ready_ablations.h"
#include "ui/ablation/comparison_runner.h"

class ComparisonPlot;
class GradientNormPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QHBoxLayout;

class AblationWindow : public QWidget {
    Q_OBJECT
public:
    explicit AblationWindow(QWidget* parent = nullptr);

    // A ready-made ablation of the book (title, lesson, its two variants).
    void setAblation(const dl::ReadyAblation& ablation);
    // Any comparison: "Change one thing…" gives the current experiment and its variant.
    void setComparison(const QString& title, const QString& lesson, dl::AblationMeasure measure,
                       std::vector<ComparisonVariant> variants, bool showGradients = false);

    ComparisonRunner* runner() const { return runner_; }
    ComparisonPlot* lossPlot() const { return loss_; }
    ComparisonPlot* accuracyPlot() const { return accuracy_; }
    GradientNormPlot* gradientPlot(int variant) const;  // nullptr when gradients are not shown
    QLabel* summaryLabel() const { return summary_; }
    QPushButton* runButton() const { return run_; }

public Q_SLOTS:
    void run();
    void stop();

private:
    void connectControls();
    void buildGradientPlots();
    void updateVariantsLine();
    void updateSummary();
    void onFinished(bool completed);

    ComparisonRunner* runner_;
    std::vector<ComparisonVariant> variants_;
    dl::AblationMeasure measure_ = dl::AblationMeasure::TestLoss;
    bool showGradients_ = false;
    QLabel *title_, *lesson_, *variantsLine_, *status_, *summary_;
    QProgressBar* progress_;
    QPushButton *run_, *stop_;
    ComparisonPlot *loss_, *accuracy_;
    QWidget* gradientRow_;
    QHBoxLayout* gradientLayout_;
    std::vector<GradientNormPlot*> gradients_;
};
