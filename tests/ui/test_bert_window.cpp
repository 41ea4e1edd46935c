// BERT in the main window (D2L §14.8–15.7): the bert-tiny preset pretrains for a few steps on a small part of
// The Time Machine and the plots get its MLM and NSP curves; the run is kept as the last pretrained bert-tiny;
// bert-paraphrase says clearly when there is none; with one it starts from its weights; the comparison tab shows
// a fine-tuning run from pretrained weights against one from random weights.
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/io/pretrained_models.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/plots/fine_tuning_attention.h"
#include "ui/plots/fine_tuning_comparison.h"
#include "ui/plots/pair_attention.h"
#include "ui/plots/qcp.h"
#include "ui/plots/training_plots.h"
#include "ui/training/fine_tuning_box.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/training/metrics_history.h"
#include "ui/training/training_controller.h"
#include "ui/window/main_window.h"
#include "widget_lookup.h"
#include "window_waits.h"

namespace {

// Small runs: a few hundred examples, one epoch (or a few steps).
void limitData(MainWindow& w, int train, int test) {
    typeInto(w.datasetPanel()->findChild<QSpinBox*>(QStringLiteral("bertTrainLimit")), QString::number(train));
    typeInto(w.datasetPanel()->findChild<QSpinBox*>(QStringLiteral("bertTestLimit")), QString::number(test));
}

// With DIVELAB_SCREENSHOT_DIR set, the window's view is saved there (docs/screenshots come from these runs).
void screenshot(MainWindow& w, QWidget* view, const char* file) {
    const QByteArray dir = qgetenv("DIVELAB_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    w.viewTabs()->setCurrentWidget(view);
    view->resize(900, 520);
    QTest::qWait(200);
    view->grab().save(QDir(QString::fromUtf8(dir)).filePath(QString::fromLatin1(file)));
}

bool trainToEnd(MainWindow& w) {
    if (!uitest::waitForData(w)) return false;
    if (!w.trainAction()->isEnabled()) {
        qWarning("Train is disabled: %s | %s", qPrintable(w.bannerText()), qPrintable(w.trainAction()->toolTip()));
        return false;
    }
    w.train();
    return QTest::qWaitFor([&] { return w.controller()->state() == TrainingController::State::Finished; }, 600000);
}

// bert-tiny for `steps` steps on the first examples of The Time Machine, kept as the last pretrained bert-tiny.
bool pretrain(MainWindow& w, int steps) {
    if (!w.loadPreset(QStringLiteral("bert-tiny")) || !uitest::waitForData(w)) return false;
    limitData(w, 256, 0);
    HyperparameterPanel* hp = w.hyperparameterPanel();
    typeInto(hp->findChild<QSpinBox*>(QStringLiteral("steps")), QString::number(steps));
    typeInto(hp->findChild<QSpinBox*>(QStringLiteral("batchSize")), QStringLiteral("32"));
    QSignalSpy kept(&w, &MainWindow::pretrainedModelKept);
    return trainToEnd(w) && (kept.count() > 0 || kept.wait(60000));
}

// The first value of the first parameter of node `node` (its name starts with "node.").
float firstValue(dl::Network& net, const std::string& node) {
    for (dl::Param& p : net.parameters())
        if (p.name.rfind(node + ".", 0) == 0) return p.var.value().data()[0];
    return std::nanf("");
}

// A pair's attention map: "<cls> … <sep> … <sep>" without padding on both axes, and each query's weights over
// those tokens sum to 1 (the padding is masked out).
bool isPairAttention(const pair_attention::PairAttention& a) {
    const auto n = static_cast<int64_t>(a.tokens.size());
    if (n < 3 || a.tokens.front() != "<cls>" || a.tokens.back() != "<sep>") return false;
    if (std::count(a.tokens.begin(), a.tokens.end(), "<sep>") != 2) return false;
    if (std::count(a.tokens.begin(), a.tokens.end(), "<pad>") != 0) return false;
    if (a.weights.dim() != 3 || a.weights.size(1) != n || a.weights.size(2) != n || a.heads() < 1) return false;
    for (int64_t row = 0; row < a.heads() * n; ++row) {
        double sum = 0;
        for (int64_t k = 0; k < n; ++k) sum += a.weights.data()[row * n + k];
        if (std::abs(sum - 1.0) > 1e-4) return false;
    }
    return true;
}

float largestDifference(const dl::Tensor& a, const dl::Tensor& b) {
    float d = 0;
    for (int64_t i = 0; i < a.numel(); ++i) d = std::max(d, std::abs(a.data()[i] - b.data()[i]));
    return d;
}

}  // namespace

class TestBertWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        QVERIFY(state_.isValid());
        qputenv("DIVELAB_STATE_DIR", state_.path().toUtf8());
    }

    void pretrainingPlotsMlmAndNspCurves() {
        MainWindow w;
        w.show();
        QVERIFY(pretrain(w, 3));
        const MetricsHistory* h = w.history();
        QCOMPARE(h->lastStep(), int64_t{3});  // the step budget, not the planned 1000 epochs
        QCOMPARE(h->batchMlmLoss().size(), 3);
        QCOMPARE(h->batchNspLoss().size(), 3);
        QVERIFY(h->batchMlmLoss().y().first() > 0);
        LossAccuracyPlot* plot = w.lossPlot();
        plot->refreshNow();
        QVERIFY(plot->mlmBatchGraph()->visible());
        QCOMPARE(plot->mlmBatchGraph()->dataCount(), 3);
        QCOMPARE(plot->nspBatchGraph()->dataCount(), 3);
        QCOMPARE(plot->mlmEpochGraph()->dataCount(), 1);  // the partial epoch, reported at its last step
        QCOMPARE(plot->nspAccuracyGraph()->dataCount(), 1);
        QVERIFY(plot->plot()->legend->hasItemWithPlottable(plot->mlmBatchGraph()));
        QVERIFY(plot->plot()->legend->hasItemWithPlottable(plot->nspAccuracyGraph()));
        QVERIFY(QFileInfo::exists(QString::fromStdString(dl::pretrained_model_path("bert-tiny"))));
        QLabel* status = w.findChild<QLabel*>(QStringLiteral("runStatus"));
        QVERIFY2(status->text().contains(QStringLiteral("Finished 3 steps")), qPrintable(status->text()));
        screenshot(w, plot, "bert-pretraining-curves.png");
    }

    void paraphraseWithoutPretrainedModelSaysSo() {
        QFile::remove(QString::fromStdString(dl::pretrained_model_path("bert-tiny")));
        MainWindow w;
        w.show();
        QVERIFY(w.loadPreset(QStringLiteral("bert-paraphrase")));
        QVERIFY(uitest::waitForData(w));
        FineTuningBox* box = w.hyperparameterPanel()->fineTuning();
        QVERIFY(box->isVisible());
        QCOMPARE(box->source(), FineTuningBox::Source::LastPretrained);
        QVERIFY(!w.trainAction()->isEnabled());
        QVERIFY2(w.trainAction()->toolTip().contains(QStringLiteral("no pretrained bert-tiny")),
                 qPrintable(w.trainAction()->toolTip()));
        QVERIFY(box->findChild<QLabel*>(QStringLiteral("startNote"))->text().contains(QStringLiteral("bert-tiny")));
        w.train();  // does nothing, crashes nothing
        QCOMPARE(w.controller()->state(), TrainingController::State::Idle);
        // Random weights train without one.
        box->setSource(FineTuningBox::Source::RandomWeights);
        QVERIFY(QTest::qWaitFor([&] { return !box->isReading(); }));
        QVERIFY2(w.trainAction()->isEnabled() || w.dataLoader()->isBusy(), qPrintable(w.trainAction()->toolTip()));
    }

    void fineTuningStartsFromThePretrainedModelAndIsCompared() {
        MainWindow w;
        w.show();
        QVERIFY(pretrain(w, 3));
        QVERIFY(w.controller()->network());
        const float pretrainedValue = firstValue(*w.controller()->network(), "encoder1");
        QVERIFY(!std::isnan(pretrainedValue));

        // From scratch first (bert-paraphrase-scratch), then from the pretrained bert-tiny.
        QVERIFY(w.loadPreset(QStringLiteral("bert-paraphrase-scratch")));
        FineTuningBox* box = w.hyperparameterPanel()->fineTuning();
        QCOMPARE(box->source(), FineTuningBox::Source::RandomWeights);
        QVERIFY(QTest::qWaitFor([&] { return !box->isReading(); }));
        QVERIFY(box->vocabulary());  // the pretrained vocabulary: the same data as fine-tuning
        QVERIFY(uitest::waitForData(w));
        limitData(w, 256, 64);
        typeInto(w.hyperparameterPanel()->findChild<QSpinBox*>(QStringLiteral("epochs")), QStringLiteral("2"));
        QVERIFY(trainToEnd(w));
        QVERIFY(w.controller()->lastTransfer().copied_nodes.empty());
        // The first test pair's attention in the last encoder layer at the run's start and end: training changed it.
        FineTuningAttention* attention = w.fineTuningComparison()->attention();
        QVERIFY(QTest::qWaitFor([&] { return !attention->after().empty(); }, 20000));
        QVERIFY(isPairAttention(attention->before()));
        QVERIFY(isPairAttention(attention->after()));
        QCOMPARE(attention->before().layer, std::string("encoder2.attention"));  // the last encoder block's
        QCOMPARE(attention->after().tokens, attention->before().tokens);
        QCOMPARE(attention->after().weights.shape(), attention->before().weights.shape());
        QVERIFY(largestDifference(attention->before().weights, attention->after().weights) > 1e-4f);
        const std::vector<std::string> pairTokens = attention->before().tokens;

        QVERIFY(w.loadPreset(QStringLiteral("bert-paraphrase")));
        QVERIFY(QTest::qWaitFor([&] { return !box->isReading(); }));
        QVERIFY(box->pretrained());
        QCOMPARE(firstValue(box->pretrained()->network, "encoder1"), pretrainedValue);  // the kept file
        box->setFreeze(true);  // the copied encoder then keeps its pretrained values through the run
        QVERIFY(uitest::waitForData(w));
        QCOMPARE(w.datasetPanel()->options().bert_vocabulary, box->vocabulary());
        limitData(w, 256, 64);
        typeInto(w.hyperparameterPanel()->findChild<QSpinBox*>(QStringLiteral("epochs")), QStringLiteral("2"));
        QVERIFY(uitest::waitForData(w));
        QVERIFY(w.trainAction()->isEnabled());
        w.train();
        // Before training: the copied parameter is the pretrained one.
        QVERIFY(!w.controller()->lastTransfer().copied_nodes.empty());
        QVERIFY(!w.controller()->lastTransfer().new_nodes.empty());
        QVERIFY(
            QTest::qWaitFor([&] { return w.controller()->state() == TrainingController::State::Finished; }, 600000));
        QCOMPARE(firstValue(*w.controller()->network(), "encoder1"), pretrainedValue);
        QVERIFY(firstValue(*w.controller()->network(), "output") != 0.0f);
        // The frozen pretrained encoder attends to the same pair (same vocabulary, same tokens) exactly as before.
        QVERIFY(QTest::qWaitFor([&] { return !attention->after().empty(); }, 20000));
        QVERIFY(isPairAttention(attention->before()));
        QCOMPARE(attention->before().tokens, pairTokens);
        QCOMPARE(largestDifference(attention->before().weights, attention->after().weights), 0.0f);

        FineTuningComparison* comparison = w.fineTuningComparison();
        QTabWidget* tabs = w.viewTabs();
        QVERIFY(tabs->isTabVisible(tabs->indexOf(comparison)));
        QCOMPARE(comparison->pretrainedGraph()->dataCount(), 2);
        QCOMPARE(comparison->scratchGraph()->dataCount(), 2);
        QVERIFY(comparison->pretrainedGraph()->name().contains(QStringLiteral("final test accuracy")));
        QVERIFY(comparison->plot()->legend->hasItemWithPlottable(comparison->scratchGraph()));
        screenshot(w, comparison, "bert-finetune-comparison.png");
    }

private:
    QTemporaryDir state_;
};

QTEST_MAIN(TestBertWindow)
#include "test_bert_window.moc"
