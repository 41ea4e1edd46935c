// The live training views: MetricsHistory (model) stores, smooths and bounds what training reports;
// LossAccuracyPlot and GradientNormPlot present it; plot_export writes PNG/PDF/SVG; the CSV export.
// Set DIVELAB_SCREENSHOT=path.png to also save a picture of both plots after a real training run.
#include <QtTest>

#include <QHBoxLayout>
#include <QLabel>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <cmath>

#include "engine/data/registry.h"
#include "toy_setup.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/qcp.h"
#include "ui/plots/training_plots.h"
#include "ui/training/metrics_history.h"
#include "ui/training/training_controller.h"

using namespace dl;

namespace {
using uitest::mlp;
using uitest::spiral;

BatchEvent batch(int epoch, int64_t b, int64_t perEpoch, float loss) {
    BatchEvent e;
    e.epoch = epoch;
    e.batch = b;
    e.batches_per_epoch = perEpoch;
    e.step = (epoch - 1) * perEpoch + b;
    e.loss = loss;
    return e;
}

GradientEvent gradients(int64_t step, std::vector<std::pair<std::string, float>> norms) {
    GradientEvent g;
    g.step = step;
    for (auto& [node, norm] : norms) g.layers.push_back({node, norm});
    return g;
}

EpochMetrics epoch(int n, double loss, double acc) {
    EpochMetrics m;
    m.epoch = n;
    m.train_loss = loss;
    m.train_acc = acc;
    m.test_loss = loss * 1.1;
    m.test_acc = acc * 0.9;
    m.seconds = 0.5;
    m.examples_per_sec = 1000;
    m.lr = 0.01f;
    return m;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

struct RealRun {
    MetricsHistory history;
    TrainingController controller;
    LossAccuracyPlot lossPlot;
    GradientNormPlot gradPlot;
    bool finished = false;
    TrainSummary summary;

    RealRun() {
        QObject::connect(&controller, &TrainingController::runStarted, &history, &MetricsHistory::onRunStarted);
        QObject::connect(&controller, &TrainingController::batchesArrived, &history, &MetricsHistory::onBatches);
        QObject::connect(&controller, &TrainingController::gradientsArrived, &history, &MetricsHistory::onGradients);
        QObject::connect(&controller, &TrainingController::epochFinished, &history, &MetricsHistory::onEpoch);
        QObject::connect(&controller, &TrainingController::finished, [this](const TrainSummary& s) {
            finished = true;
            summary = s;
        });
        lossPlot.setHistory(&history);
        gradPlot.setHistory(&history);
        history.setReference(0.95, QStringLiteral("D2L MLP"));
    }
    bool train(int epochs) {
        auto data = spiral(1500);
        TrainConfig config;
        config.epochs = epochs;
        config.batch_size = 32;
        config.optimizer = optimizer_defaults("adam");
        config.optimizer.lr = 0.01f;
        controller.start(mlp(32, data->train.num_classes), data, config);
        return true;
    }
};

// A classification run of `accuracies.size()` epochs with these test accuracies, a reference line
// and batches: every legend entry of the loss plot is shown.
void fillRun(MetricsHistory& h, const std::vector<double>& accuracies) {
    RunInfo info;
    info.epochs = static_cast<int>(accuracies.size());
    info.batches_per_epoch = 4;
    info.classification = true;
    h.onRunStarted(info);
    h.setReference(0.85, QStringLiteral("D2L §5.2 plot: test accuracy about 0.85 after 10 epochs"));  // mlp's
    for (size_t i = 0; i < accuracies.size(); ++i) {
        const int n = static_cast<int>(i) + 1;
        std::vector<BatchEvent> batches;
        for (int b = 1; b <= 4; ++b) batches.push_back(batch(n, b, 4, static_cast<float>(1.0 / (n + b))));
        h.onBatches(batches);
        EpochMetrics m = epoch(n, 1.0 / n, 0.5 + 0.04 * n);
        m.test_acc = accuracies[i];
        h.onEpoch(m);
    }
}

// The legend's entries (a wrapped legend's grid also counts its empty cells).
int legendEntries(const QCustomPlot* plot) {
    int entries = 0;
    for (int i = 0; i < plot->legend->itemCount(); ++i) entries += plot->legend->item(i) != nullptr;
    return entries;
}

// Whether every legend row lies inside the plot widget's visible rectangle.
bool legendFits(const QCustomPlot* plot, QString* why) {
    const QRect visible = plot->rect();
    for (int i = 0; i < plot->legend->itemCount(); ++i) {
        auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(i));
        if (!item) continue;
        const QRect r = item->outerRect();
        // The text is drawn from the top of the item's inner rect; its ink must end inside the item
        // (which clips it): descenders as deep as the font's descent, or the glyphs' own ink if deeper,
        // plus a pixel of antialiasing (X11's hinted glyphs reach that far).
        const QFontMetrics metrics(item->font());
        const int below = std::max(metrics.descent(), metrics.tightBoundingRect(item->plottable()->name()).bottom());
        const int inkBottom = item->rect().top() + metrics.ascent() + below + 1;
        if (inkBottom > r.bottom()) {
            *why = QStringLiteral("the text of legend item %1 (%2) reaches y %3, below its bottom %4")
                       .arg(i)
                       .arg(item->plottable()->name())
                       .arg(inkBottom)
                       .arg(r.bottom());
            return false;
        }
        if (!visible.contains(r)) {
            *why = QStringLiteral("legend item %1 at %2,%3 %4x%5 is outside %6x%7")
                       .arg(i)
                       .arg(r.x())
                       .arg(r.y())
                       .arg(r.width())
                       .arg(r.height())
                       .arg(visible.width())
                       .arg(visible.height());
            return false;
        }
    }
    return true;
}
}  // namespace

class TestTrainingPlots : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decimatedSeriesStaysBoundedAndKeepsMeans() {
        DecimatedSeries s(100);
        for (int i = 0; i < 100; ++i) s.append(i, 2.0 * i);
        QCOMPARE(s.size(), 100);
        QCOMPARE(s.bucketSize(), int64_t(1));
        s.append(100, 200);  // full: pairs are averaged, then the new point starts a bucket of 2
        QCOMPARE(s.size(), 51);
        QCOMPARE(s.bucketSize(), int64_t(2));
        QCOMPARE(s.x()[0], 0.5);
        QCOMPARE(s.y()[0], 1.0);
        QCOMPARE(s.y().last(), 200.0);  // incomplete bucket: mean so far
        s.append(101, 202);
        QCOMPARE(s.size(), 51);
        QCOMPARE(s.y().last(), 201.0);
        for (int i = 102; i < 100000; ++i) s.append(i, 2.0 * i);
        QVERIFY(s.size() <= 100);
        QCOMPARE(s.samples(), int64_t(100000));
        // Averages of a line stay on the line, and x stays sorted.
        for (int i = 0; i < s.size(); ++i) QVERIFY(std::abs(s.y()[i] - 2 * s.x()[i]) < 1e-6);
        QVERIFY(std::is_sorted(s.x().begin(), s.x().end()));
    }

    void storesBatchesEpochsAndSmoothing() {
        MetricsHistory h;
        QSignalSpy changed(&h, &MetricsHistory::changed);
        RunInfo info;
        info.epochs = 3;
        info.batches_per_epoch = 4;
        info.layers = {"fc1", "fc2"};
        h.onRunStarted(info);
        QCOMPARE(h.layerCount(), 2);
        QCOMPARE(h.layerName(1), QStringLiteral("fc2"));
        h.setSmoothing(0.5);
        changed.clear();
        h.onBatches({batch(1, 1, 4, 4.0f), batch(1, 2, 4, 2.0f), batch(1, 3, 4, 2.0f), batch(1, 4, 4, 1.0f),
                     batch(2, 1, 4, 1.0f)});
        QCOMPARE(changed.count(), 1);  // one signal per delivered chunk
        QCOMPARE(h.batchLoss().size(), 5);
        QCOMPARE(h.batchLoss().x()[0], 0.25);
        QCOMPARE(h.batchLoss().x()[3], 1.0);
        QCOMPARE(h.batchLoss().x()[4], 1.25);
        QCOMPARE(h.batchLoss().y()[1], 2.0);
        QCOMPARE(h.lastStep(), int64_t(5));
        // Bias-corrected EMA (beta 0.5): 4, (0.5*0.5*4 + 0.5*2)/0.75 = 8/3, ...
        const auto& s = h.smoothedLoss().y();
        QCOMPARE(s[0], 4.0);
        QVERIFY(std::abs(s[1] - 8.0 / 3.0) < 1e-9);
        double ema = 0, w = 0;
        for (double v : {4.0, 2.0, 2.0, 1.0, 1.0}) {
            ema = 0.5 * ema + 0.5 * v;
            w = 0.5 * w + 0.5;
        }
        QVERIFY(std::abs(s[4] - ema / w) < 1e-9);
        // A NaN batch (divergence) does not poison the curves.
        h.onBatches({batch(2, 2, 4, std::nanf(""))});
        QCOMPARE(h.batchLoss().size(), 5);
        QVERIFY(std::isfinite(h.smoothedLoss().y().last()));

        changed.clear();
        h.onEpoch(epoch(1, 2.0, 0.5));
        h.onEpoch(epoch(2, 1.0, 0.75));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(int(h.epochs().size()), 2);
        QCOMPARE(h.epochs()[1].train_acc, 0.75);

        changed.clear();
        h.onGradients({gradients(1, {{"fc1", 0.5f}, {"fc2", 0.25f}}), gradients(2, {{"fc1", 0.7f}, {"fc2", 0.3f}}),
                       gradients(3, {{"out", 1.0f}})});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(h.layerCount(), 3);  // "out" was not in RunInfo: appended in order of appearance
        QCOMPARE(h.layerNorms(0).size(), 2);
        QCOMPARE(h.layerNorms(0).y()[1], double(0.7f));
        QCOMPARE(h.latestNorm(1), double(0.3f));
        QCOMPARE(h.layerNorms(2).x()[0], 3.0);
        QVERIFY(!h.gradientWarning().has_value());

        // Reference: survives a new run; clear() drops run data only.
        h.setReference(0.9, QStringLiteral("paper"));
        h.onRunStarted(info);
        QCOMPARE(h.referenceAccuracy().value(), 0.9);
        QCOMPARE(h.referenceNote(), QStringLiteral("paper"));
        QCOMPARE(h.batchLoss().size(), 0);
        QCOMPARE(int(h.epochs().size()), 0);
        h.onBatches({batch(1, 1, 4, 1.0f)});
        h.clear();
        QCOMPARE(h.batchLoss().size(), 0);
        QCOMPARE(h.layerCount(), 0);
        QVERIFY(h.referenceAccuracy().has_value());
        h.clearReference();
        QVERIFY(!h.referenceAccuracy().has_value());
    }

    void gradientHistoryIsBoundedOnLongRuns() {
        MetricsHistory h;
        std::vector<GradientEvent> chunk;
        for (int64_t step = 1; step <= 50000; ++step) {
            chunk.push_back(gradients(step, {{"fc1", 1.0f}, {"fc2", float(step)}}));
            if (chunk.size() == 1000) {
                h.onGradients(chunk);
                chunk.clear();
            }
        }
        for (int l = 0; l < 2; ++l) {
            QVERIFY(h.layerNorms(l).size() <= MetricsHistory::kMaxGradientPoints);
            QVERIFY(h.layerNorms(l).size() >= MetricsHistory::kMaxGradientPoints / 2);
            QCOMPARE(h.layerNorms(l).samples(), int64_t(50000));
        }
        QCOMPARE(h.layerNorms(0).y()[17], 1.0);
        QVERIFY(std::abs(h.layerNorms(1).y()[17] - h.layerNorms(1).x()[17]) < 1e-6);  // means of step = norm
        std::vector<BatchEvent> batches;
        for (int64_t i = 1; i <= 30000; ++i)
            batches.push_back(batch(int(1 + (i - 1) / 100), 1 + (i - 1) % 100, 100, 1.0f));
        h.onBatches(batches);
        QVERIFY(h.batchLoss().size() <= MetricsHistory::kMaxLossPoints);
        QVERIFY(h.smoothedLoss().size() <= MetricsHistory::kMaxLossPoints);
    }

    void gradientWarningNamesTheLayer() {
        MetricsHistory h;
        h.onGradients({gradients(1, {{"fc1", 1e-9f}, {"fc2", 0.5f}})});
        auto w = h.gradientWarning();
        QVERIFY(w.has_value());
        QVERIFY2(w->contains(QStringLiteral("anishing")) && w->contains(QStringLiteral("fc1")), qPrintable(*w));
        QVERIFY2(w->contains(QStringLiteral("1e-09")), qPrintable(*w));

        h.onGradients({gradients(2, {{"fc1", 0.1f}, {"fc2", 1e4f}})});
        w = h.gradientWarning();
        QVERIFY(w.has_value());
        QVERIFY2(w->contains(QStringLiteral("xploding")) && w->contains(QStringLiteral("fc2")), qPrintable(*w));
        QVERIFY(!w->contains(QStringLiteral("fc1")));

        h.onGradients({gradients(3, {{"fc1", 0.1f}, {"fc2", 0.2f}})});
        QVERIFY(!h.gradientWarning().has_value());

        // The gradient view shows the banner only while there is something to say.
        GradientNormPlot plot;
        plot.setHistory(&h);
        plot.resize(600, 400);
        plot.show();
        QVERIFY(plot.warningLabel()->isHidden());
        h.onGradients({gradients(4, {{"fc1", 1e-9f}, {"fc2", 0.2f}})});
        plot.refreshNow();
        QVERIFY(!plot.warningLabel()->isHidden());
        QVERIFY(plot.warningLabel()->text().contains(QStringLiteral("fc1")));
        h.onGradients({gradients(5, {{"fc1", 0.1f}, {"fc2", 0.2f}})});
        plot.refreshNow();
        QVERIFY(plot.warningLabel()->isHidden());
    }

    // The heatmap's colour scale is short (a third of the view): its labels must not run into each
    // other, whatever range the norms span (within one decade the log ticker marks 2, 4, 6, 8 · 10^k).
    void colourScaleLabelsDoNotOverlap() {
        for (const auto& [low, high] : {std::pair{0.1f, 0.9f}, std::pair{1e-3f, 10.0f}, std::pair{0.3f, 0.5f}}) {
            MetricsHistory h;
            h.onGradients({gradients(1, {{"fc1", low}, {"fc2", high}}), gradients(2, {{"fc1", high}, {"fc2", low}})});
            GradientNormPlot plot;
            plot.setHistory(&h);
            plot.resize(1000, 270);  // the bottom dock at the default window size
            plot.show();
            QVERIFY(QTest::qWaitForWindowExposed(&plot));
            plot.refreshNow();
            QCPAxis* axis = plot.colorScale()->axis();
            const QCPRange range = axis->range();
            QList<double> shown;
            for (double t : axis->tickVector())
                if (range.contains(t)) shown << axis->coordToPixel(t);
            QVERIFY2(!shown.isEmpty(), qPrintable(QStringLiteral("no label for %1..%2").arg(low).arg(high)));
            std::sort(shown.begin(), shown.end());
            QVERIFY(shown.size() >= 2);  // both ends of the range are labelled
            const int lineHeight = QFontMetrics(axis->tickLabelFont()).height() * 3 / 2;  // a gap between
            for (int i = 1; i < shown.size(); ++i)
                QVERIFY2(shown[i] - shown[i - 1] >= lineHeight,
                         qPrintable(QStringLiteral("%1..%2: labels %3 px apart, text %4 px tall")
                                        .arg(low)
                                        .arg(high)
                                        .arg(shown[i] - shown[i - 1])
                                        .arg(lineHeight)));
        }
    }

    void redrawsAreRateLimited() {
        MetricsHistory h;
        LossAccuracyPlot plot;
        plot.setHistory(&h);
        const int before = plot.refreshCount();
        QElapsedTimer t;
        t.start();
        int64_t step = 0;
        while (t.elapsed() < 400) {
            ++step;
            h.onBatches({batch(1, step, 1000000, 1.0f)});
            QCoreApplication::processEvents();
        }
        QTest::qWait(HistoryPlot::kMinRedrawIntervalMs * 2);
        const int refreshes = plot.refreshCount() - before;
        QVERIFY2(refreshes >= 2 && refreshes <= 400 / HistoryPlot::kMinRedrawIntervalMs + 3,
                 qPrintable(QString("%1 redraws for %2 updates in 400 ms").arg(refreshes).arg(step)));
        QCOMPARE(plot.batchLossGraph()->dataCount(), h.batchLoss().size());  // the last update is shown
    }

    // Every legend row shows, in the dock at the default window size (1276 x 268) and when the dock is
    // small (the training views' tabs keep the plot at least ~250 px tall).
    void legendRowsAllShow() {
        MetricsHistory h;
        fillRun(h, {0.7, 0.75, 0.8});
        LossAccuracyPlot plot;
        plot.setHistory(&h);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        QCOMPARE(legendEntries(plot.plot()), 8);  // loss ×4, accuracy ×2, reference, best
        for (const QSize size : {QSize(1276, 268), QSize(900, 260), QSize(640, 250), QSize(480, 250)}) {
            plot.resize(size);
            QCoreApplication::processEvents();
            plot.refreshNow();
            QString why;
            QVERIFY2(legendFits(plot.plot(), &why),
                     qPrintable(QStringLiteral("%1x%2: %3").arg(size.width()).arg(size.height()).arg(why)));
        }
    }

    // Exports have a figure's shape (16:10, 2x for PNG), not the shape of a wide, flat dock.
    void exportHasAFiguresAspect() {
        MetricsHistory h;
        fillRun(h, {0.7, 0.75, 0.8});
        LossAccuracyPlot plot;
        plot.setHistory(&h);
        plot.resize(1276, 268);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        QTemporaryDir dir;
        QString error;
        const QString png = dir.filePath(QStringLiteral("loss.png"));
        QVERIFY2(plot_export::save(plot.plot(), png, &error), qPrintable(error));
        QCOMPARE(QImage(png).size(), QSize(1600, 1000));
        QVERIFY2(plot_export::save(plot.plot(), png, &error, QSize(600, 600)), qPrintable(error));
        QCOMPARE(QImage(png).size(), QSize(1200, 1200));
        QCOMPARE(plot.plot()->size(), QSize(1276, 268));  // the view on screen is left as it was
    }

    // The best epoch is starred; a dip after it gets a note that explains it, a steady rise none.
    void bestEpochAndDipNote() {
        MetricsHistory dip;
        fillRun(dip, {0.70, 0.78, 0.81, 0.83, 0.84, 0.845, 0.85, 0.852, 0.858, 0.808});
        QCOMPARE(dip.bestTestEpoch(), std::optional<size_t>(8));
        LossAccuracyPlot plot;
        plot.setHistory(&dip);
        QCOMPARE(plot.bestAccuracyGraph()->dataCount(), 1);
        QCOMPARE(plot.bestAccuracyGraph()->data()->at(0)->key, 9.0);
        QCOMPARE(plot.bestAccuracyGraph()->data()->at(0)->value, 0.858);
        QVERIFY(plot.bestAccuracyGraph()->name().contains(QStringLiteral("epoch 9")));
        QVERIFY(plot.dipNote()->visible());
        const QString note = plot.dipNote()->text();
        QVERIFY2(note.contains(QStringLiteral("0.858 at epoch 9")), qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("0.808")), qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("SGD noise")), qPrintable(note));

        MetricsHistory rise;
        fillRun(rise, {0.70, 0.78, 0.81, 0.83, 0.84});
        plot.setHistory(&rise);
        QVERIFY(!plot.dipNote()->visible());
        QCOMPARE(plot.bestAccuracyGraph()->data()->at(0)->key, 5.0);

        MetricsHistory wobble;  // a dip smaller than kNoticeableDip is no news
        fillRun(wobble, {0.70, 0.80, 0.81, 0.805});
        plot.setHistory(&wobble);
        QVERIFY(!plot.dipNote()->visible());
        QVERIFY(plot.bestAccuracyGraph()->visible());

        MetricsHistory regression;
        RunInfo info;
        info.classification = false;
        regression.onRunStarted(info);
        plot.setHistory(&regression);
        QVERIFY(!plot.bestAccuracyGraph()->visible());
        QVERIFY(!plot.dipNote()->visible());
    }

    void realTrainingFillsThePlotsAndExports() {
        RealRun run;
        run.lossPlot.resize(700, 450);
        run.gradPlot.resize(700, 500);
        run.lossPlot.show();
        run.gradPlot.show();
        run.train(8);
        QTRY_VERIFY_WITH_TIMEOUT(run.finished, 30000);
        QCOMPARE(run.summary.outcome, TrainSummary::Outcome::Completed);
        QTest::qWait(HistoryPlot::kMinRedrawIntervalMs * 2);  // the last rate-limited redraw

        const MetricsHistory& h = run.history;
        QCOMPARE(int(h.epochs().size()), 8);
        QCOMPARE(h.runInfo().epochs, 8);
        QVERIFY(h.batchLoss().size() > 100);

        LossAccuracyPlot& lp = run.lossPlot;
        QCOMPARE(lp.batchLossGraph()->dataCount(), h.batchLoss().size());
        QCOMPARE(lp.smoothedLossGraph()->dataCount(), h.smoothedLoss().size());
        QCOMPARE(lp.trainLossGraph()->dataCount(), 8);
        QCOMPARE(lp.trainAccuracyGraph()->dataCount(), 8);
        QCOMPARE(lp.testAccuracyGraph()->dataCount(), 8);
        QCOMPARE(lp.referenceGraph()->dataCount(), 2);
        QVERIFY(lp.referenceGraph()->name().contains(QStringLiteral("D2L MLP")));
        for (int i = 0; i < lp.plot()->graphCount(); ++i)
            if (lp.plot()->graph(i)->visible())  // perplexity shows only for language models
                QVERIFY2(lp.plot()->graph(i)->dataCount() > 0, qPrintable(lp.plot()->graph(i)->name()));
        // The loss falls: smoothed loss at the end well below the start, epoch loss too.
        const auto sm = lp.smoothedLossGraph()->data();
        QVERIFY(sm->at(sm->size() - 1)->value < 0.6 * sm->at(0)->value);
        QVERIFY(h.epochs().back().train_loss < 0.6 * h.epochs().front().train_loss);
        QVERIFY(h.epochs().back().train_acc > h.epochs().front().train_acc);

        GradientNormPlot& gp = run.gradPlot;
        QCOMPARE(h.layerCount(), 3);  // fc1, fc2, out
        QCOMPARE(gp.layerGraphCount(), h.layerCount());
        QCOMPARE(gp.plot()->graphCount(), h.layerCount());
        for (int l = 0; l < h.layerCount(); ++l) {
            QCOMPARE(gp.layerGraph(l)->name(), h.layerName(l));
            QVERIFY(gp.layerGraph(l)->dataCount() > 0);
        }
        QCPColorMapData* cells = gp.heatmap()->data();
        QVERIFY(cells->keySize() >= 2);
        QVERIFY(cells->valueSize() == h.layerCount());
        QVERIFY(cells->cell(0, 0) > 0 && std::isfinite(cells->cell(0, 0)));
        QVERIFY(gp.heatmap()->dataRange().lower > 0);
        QVERIFY(gp.plot()->yAxis->scaleType() == QCPAxis::stLogarithmic);

        // Exports.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        const QString png = dir.filePath("loss.png"), pdf = dir.filePath("loss.pdf"), svg = dir.filePath("grad.svg");
        QVERIFY2(plot_export::savePng(lp.plot(), png, &error), qPrintable(error));
        QVERIFY(readAll(png).startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)));
        QImage image(png);
        QCOMPARE(image.width(), 2 * lp.plot()->width());  // scale 2 by default
        QVERIFY2(plot_export::savePdf(lp.plot(), pdf, &error), qPrintable(error));
        const QByteArray pdfBytes = readAll(pdf);
        QVERIFY(pdfBytes.startsWith("%PDF"));
        QVERIFY(pdfBytes.contains("%%EOF"));
        QVERIFY2(plot_export::saveSvg(gp.plot(), svg, &error), qPrintable(error));
        {
            QFile f(svg);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QXmlStreamReader xml(&f);
            QString root;
            int elements = 0;
            while (!xml.atEnd()) {
                if (xml.readNext() == QXmlStreamReader::StartElement) {
                    if (root.isEmpty()) root = xml.name().toString();
                    ++elements;
                }
            }
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QCOMPARE(root, QStringLiteral("svg"));
            QVERIFY(elements > 20);
        }
        QVERIFY2(plot_export::save(gp.plot(), dir.filePath("grad.png"), &error), qPrintable(error));
        QVERIFY(!plot_export::save(gp.plot(), dir.filePath("grad.bmp"), &error));
        QVERIFY(error.contains(QStringLiteral("bmp")));

        // Unwritable destinations fail politely, leaving nothing behind.
        const QString missing = dir.filePath("no/such/dir/plot");
        for (auto* fn : {&plot_export::savePdf, &plot_export::saveSvg}) {
            error.clear();
            QVERIFY(!(*fn)(lp.plot(), missing + ".x", &error, 0, 0));
            QVERIFY2(error.contains(QStringLiteral("no/such/dir")), qPrintable(error));
        }
        error.clear();
        QVERIFY(!plot_export::savePng(lp.plot(), missing + ".png", &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFileInfo::exists(missing + ".png"));

        // CSV of the epochs.
        const QString csv = dir.filePath("metrics.csv");
        QVERIFY2(h.writeCsv(csv, &error), qPrintable(error));
        const QStringList lines = QString::fromUtf8(readAll(csv)).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 8);
        QCOMPARE(lines[0], QStringLiteral("epoch,train_loss,train_acc,test_loss,test_acc,seconds,examples_per_sec,lr"));
        for (int i = 1; i < lines.size(); ++i) {
            const QStringList fields = lines[i].split(',');
            QCOMPARE(fields.size(), 8);
            QCOMPARE(fields[0].toInt(), i);
            for (const QString& f : fields) {
                bool ok = false;
                f.toDouble(&ok);
                QVERIFY2(ok, qPrintable(lines[i]));
            }
        }
        QCOMPARE(lines[8].split(',')[1].toDouble(), h.epochs().back().train_loss);
        error.clear();
        QVERIFY(!h.writeCsv(dir.filePath("no/such/dir/m.csv"), &error));
        QVERIFY(!error.isEmpty());

        const QString shot = qEnvironmentVariable("DIVELAB_SCREENSHOT");
        if (!shot.isEmpty()) {
            // A look at both views side by side as the app might show them.
            QWidget window;
            auto* layout = new QHBoxLayout(&window);
            layout->setContentsMargins(8, 8, 8, 8);
            layout->setSpacing(12);
            LossAccuracyPlot loss;
            GradientNormPlot grad;
            loss.setHistory(&run.history);
            grad.setHistory(&run.history);
            layout->addWidget(&loss, 1);
            layout->addWidget(&grad, 1);
            window.resize(1000, 700);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            loss.refreshNow();
            grad.refreshNow();
            QTest::qWait(50);
            QVERIFY(window.grab().save(shot));
            layout->removeWidget(&loss);
            layout->removeWidget(&grad);
            loss.setParent(nullptr);
            grad.setParent(nullptr);
        }
    }
};

QTEST_MAIN(TestTrainingPlots)
#include "test_training_plots.moc"
