// The model views of the training window: ModelSnapshot (model) keeps histograms, the decision grid and
// the test predictions with their confusion matrix; WeightHistogramView, DecisionBoundaryView,
// PredictionsView and ConfusionMatrixView present it. Inputs are built by hand so that every drawn
// value can be checked; one test feeds the views from a real (untrained) network.
// Pictures of each view go to $DIVELAB_SCREENSHOTS, or the temporary folder.
#include <QtTest>

#include <QComboBox>
#include <QDir>
#include <QSignalSpy>

#include <cmath>

#include "engine/data/idx.h"
#include "engine/data/registry.h"
#include "engine/nn/network.h"
#include "toy_setup.h"
#include "ui/model_views/class_style.h"
#include "ui/model_views/confusion_matrix_view.h"
#include "ui/model_views/decision_boundary_view.h"
#include "ui/model_views/model_snapshot.h"
#include "ui/model_views/predictions_view.h"
#include "ui/model_views/weight_histogram_view.h"
#include "ui/plots/qcp.h"

namespace {

dl::Histogram histogram(const std::string& name, float min, float max, std::vector<int64_t> counts) {
    dl::Histogram h;
    h.name = name;
    h.min = min;
    h.max = max;
    h.counts = std::move(counts);
    for (int64_t c : h.counts) h.values += c;
    h.mean = (min + max) / 2;
    h.stddev = (max - min) / 4;
    return h;
}

// `labels.size()` examples of `sample` shape whose features are all `i / n` (example i), with
// classes "zero", "one", ... Train and test hold the same examples.
std::shared_ptr<const dl::DataSplit> split(dl::Shape sample, const std::vector<int32_t>& labels, int classes) {
    const auto n = static_cast<int64_t>(labels.size());
    dl::Dataset d;
    d.name = "hand-made";
    dl::Shape shape{n};
    shape.insert(shape.end(), sample.begin(), sample.end());
    d.features = dl::Tensor(shape);
    const int64_t per = d.features.numel() / std::max<int64_t>(n, 1);
    for (int64_t i = 0; i < d.features.numel(); ++i) d.features[i] = static_cast<float>(i / per) / n;
    d.labels = labels;
    d.num_classes = classes;
    const char* names[] = {"zero", "one", "two", "three", "four"};
    for (int c = 0; c < classes; ++c) d.class_names.push_back(names[c]);
    return std::make_shared<const dl::DataSplit>(dl::DataSplit{d, d});
}

std::vector<int32_t> cycle(int n, int classes) {
    std::vector<int32_t> labels;
    for (int i = 0; i < n; ++i) labels.push_back(i % classes);
    return labels;
}

std::shared_ptr<const dl::DataSplit> regression(int64_t n) {
    dl::Dataset d;
    d.name = "table";
    d.features = dl::Tensor({n, 3}, 0.5f);
    d.targets = dl::Tensor({n, 1}, 1.0f);
    return std::make_shared<const dl::DataSplit>(dl::DataSplit{d, d});
}

// Three classes; the confusion matrix of kPredicted against kLabels is
//   2 1 0
//   0 1 1
//   1 0 3    (6 of 9 right)
const std::vector<int32_t> kLabels{0, 0, 0, 1, 1, 2, 2, 2, 2};
const std::vector<int32_t> kPredicted{0, 0, 1, 1, 2, 2, 2, 2, 0};
const int64_t kExpected[3][3] = {{2, 1, 0}, {0, 1, 1}, {1, 0, 3}};

QVector<double> barValues(const QCPBars* bars) {
    QVector<double> v;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) v << it->value;
    return v;
}

QVector<double> barKeys(const QCPBars* bars) {
    QVector<double> v;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) v << it->key;
    return v;
}

bool sameCounts(const std::vector<dl::Histogram>& a, const std::vector<dl::Histogram>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].counts != b[i].counts) return false;
    return true;
}

int redPixels(const QImage& image) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            n += c.red() > 170 && c.green() < 80 && c.blue() < 80;
        }
    return n;
}

void saveShot(QWidget& w, const QString& file) {
    const QString dir = qEnvironmentVariable("DIVELAB_SCREENSHOTS", QDir::tempPath());
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + QLatin1Char('/') + file));
}

bool fashionInstalled() {
    const QDir d(QString::fromStdString(dl::fashion_mnist_dir()));
    return d.exists(QStringLiteral("t10k-images-idx3-ubyte.gz")) || d.exists(QStringLiteral("t10k-images-idx3-ubyte"));
}

// Stands for the training controller: its signals cross threads as queued connections, which
// needs every argument type known to Qt's meta-type system.
class Feeder : public QObject {
    Q_OBJECT
Q_SIGNALS:
    void histograms(const std::vector<dl::Histogram>& h);
    void grid(const dl::DecisionGrid& g);
    void predictions(int epoch, const std::vector<int32_t>& predicted);
};

}  // namespace

class TestModelViews : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // --- ModelSnapshot -------------------------------------------------------------------------

    void keepsInitialHistogramsUntilClear() {
        ModelSnapshot m;
        QSignalSpy changed(&m, &ModelSnapshot::histogramsChanged);
        const std::vector<dl::Histogram> first{histogram("fc1.weight", -1, 1, {1, 2, 3}),
                                               histogram("fc1.bias", 0, 0, {0, 4, 0})};
        const std::vector<dl::Histogram> second{histogram("fc1.weight", -2, 2, {3, 2, 1}),
                                                histogram("fc1.bias", -1, 1, {1, 2, 1})};
        m.onHistograms(first);
        QCOMPARE(changed.count(), 1);
        QVERIFY(sameCounts(m.histograms(), first));
        QVERIFY(sameCounts(m.initialHistograms(), first));
        m.onHistograms(second);
        QCOMPARE(changed.count(), 2);
        QVERIFY(sameCounts(m.histograms(), second));
        QVERIFY(sameCounts(m.initialHistograms(), first));  // still the tensors as initialized

        m.clear();
        QCOMPARE(changed.count(), 3);
        QVERIFY(m.histograms().empty());
        QVERIFY(m.initialHistograms().empty());
        m.onHistograms(second);  // a new run: its first histograms are its initial ones
        QVERIFY(sameCounts(m.initialHistograms(), second));

        m.setData(uitest::spiral(100));  // new data forgets them too
        QVERIFY(m.initialHistograms().empty());
        m.onHistograms(first);
        QVERIFY(sameCounts(m.initialHistograms(), first));
    }

    void computesTheConfusionMatrix() {
        ModelSnapshot m;
        m.setData(split({2}, kLabels, 3));
        QSignalSpy changed(&m, &ModelSnapshot::predictionsChanged);
        m.onTestPredictions(4, kPredicted);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m.predictionEpoch(), 4);
        QVERIFY(m.predictions() == kPredicted);
        QVERIFY(m.confusion().has_value());
        const dl::ConfusionMatrix& cm = *m.confusion();
        QCOMPARE(cm.num_classes, 3);
        for (int t = 0; t < 3; ++t)
            for (int p = 0; p < 3; ++p) QCOMPARE(cm.at(t, p), kExpected[t][p]);
        QCOMPARE(cm.total(), int64_t{9});
        QCOMPARE(cm.accuracy(), 6.0 / 9.0);

        // A later epoch replaces it: all right now.
        m.onTestPredictions(5, kLabels);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(m.predictionEpoch(), 5);
        QCOMPARE(m.confusion()->accuracy(), 1.0);
        QCOMPARE(m.confusion()->at(2, 0), int64_t{0});

        m.clear();
        QCOMPARE(changed.count(), 3);
        QVERIFY(!m.confusion());
        QVERIFY(m.predictions().empty());
    }

    void ignoresPredictionsThatDoNotFit() {
        ModelSnapshot m;
        QSignalSpy changed(&m, &ModelSnapshot::predictionsChanged);
        m.onTestPredictions(1, kPredicted);  // no data at all
        QCOMPARE(changed.count(), 0);
        QVERIFY(!m.confusion());

        m.setData(split({2}, kLabels, 3));
        m.onTestPredictions(1, kPredicted);
        changed.clear();
        m.onTestPredictions(2, std::vector<int32_t>(kPredicted.begin(), kPredicted.end() - 1));  // one short
        m.onTestPredictions(2, std::vector<int32_t>(12, 0));                                     // too many
        std::vector<int32_t> outOfRange = kPredicted;
        outOfRange[3] = 3;
        m.onTestPredictions(2, outOfRange);
        m.onTestPredictions(2, {});
        QCOMPARE(changed.count(), 0);
        QCOMPARE(m.predictionEpoch(), 1);  // the last good predictions stay
        QCOMPARE(m.confusion()->at(0, 1), int64_t{1});

        m.setData(regression(9));
        changed.clear();
        m.onTestPredictions(1, kPredicted);
        QCOMPARE(changed.count(), 0);
        QVERIFY(!m.confusion());
    }

    void ignoresMalformedDecisionGrids() {
        ModelSnapshot m;
        QSignalSpy changed(&m, &ModelSnapshot::boundaryChanged);
        dl::DecisionGrid g;
        g.resolution = 3;
        g.num_classes = 2;
        g.predicted.assign(8, 0);  // 3 × 3 needs 9
        g.confidence.assign(9, 1.0f);
        m.onDecisionGrid(g);
        QCOMPARE(changed.count(), 0);
        QVERIFY(!m.decisionGrid());
        g.predicted.assign(9, 1);
        m.onDecisionGrid(g);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m.decisionGrid()->predicted.size(), size_t{9});
    }

    void emitsOneSignalPerCall() {
        ModelSnapshot m;
        QSignalSpy data(&m, &ModelSnapshot::dataChanged), histograms(&m, &ModelSnapshot::histogramsChanged),
            boundary(&m, &ModelSnapshot::boundaryChanged), predictions(&m, &ModelSnapshot::predictionsChanged);
        m.setData(split({2}, kLabels, 3));
        QCOMPARE(data.count(), 1);
        QCOMPARE(histograms.count(), 1);
        QCOMPARE(boundary.count(), 1);
        QCOMPARE(predictions.count(), 1);
        std::vector<dl::Histogram> many;
        for (int i = 0; i < 20; ++i) many.push_back(histogram("p" + std::to_string(i), 0, 1, {1, 1}));
        m.onHistograms(many);
        QCOMPARE(histograms.count(), 2);  // one for all twenty tensors
        m.clear();
        QCOMPARE(data.count(), 1);  // the data stays
        QCOMPARE(histograms.count(), 3);
        QCOMPARE(boundary.count(), 2);
        QCOMPARE(predictions.count(), 2);
        QVERIFY(m.data());
    }

    void acceptsQueuedSignals() {
        ModelSnapshot m;
        m.setData(split({2}, kLabels, 3));
        Feeder feeder;
        connect(&feeder, &Feeder::histograms, &m, &ModelSnapshot::onHistograms, Qt::QueuedConnection);
        connect(&feeder, &Feeder::grid, &m, &ModelSnapshot::onDecisionGrid, Qt::QueuedConnection);
        connect(&feeder, &Feeder::predictions, &m, &ModelSnapshot::onTestPredictions, Qt::QueuedConnection);
        dl::DecisionGrid g;
        g.resolution = 1;
        g.num_classes = 3;
        g.predicted = {2};
        g.confidence = {0.5f};
        Q_EMIT feeder.histograms({histogram("fc1.weight", -1, 1, {1, 2})});
        Q_EMIT feeder.grid(g);
        Q_EMIT feeder.predictions(2, kPredicted);
        QVERIFY(m.histograms().empty());  // not delivered until the event loop runs
        QTRY_VERIFY(m.confusion().has_value());
        QCOMPARE(m.histograms().size(), size_t{1});
        QCOMPARE(m.decisionGrid()->predicted.front(), 2);
        QCOMPARE(m.confusion()->at(2, 0), int64_t{1});
    }

    // --- WeightHistogramView ------------------------------------------------------------------

    void histogramViewPlotsCountsAndSwitchesTensors() {
        ModelSnapshot m;
        WeightHistogramView view;
        view.setModel(&m);
        QCOMPARE(view.parameterCount(), 0);
        QCOMPARE(view.bars()->dataCount(), 0);

        m.onHistograms({histogram("fc1.weight", -1, 1, {1, 4, 9, 4, 1}), histogram("fc1.bias", 0, 3, {3, 0, 2})});
        view.refreshNow();
        QCOMPARE(view.parameterCount(), 2);
        QCOMPARE(view.parameterBox()->itemText(1), QStringLiteral("fc1.bias"));
        QCOMPARE(view.currentParameter(), QStringLiteral("fc1.weight"));
        QCOMPARE(barValues(view.bars()), (QVector<double>{1, 4, 9, 4, 1}));
        const QVector<double> keys = barKeys(view.bars());
        const double centres[] = {-0.8, -0.4, 0, 0.4, 0.8};
        for (int i = 0; i < 5; ++i)
            QVERIFY2(std::abs(keys[i] - centres[i]) < 1e-6, qPrintable(QString::number(keys[i])));
        QVERIFY(std::abs(view.bars()->width() - 0.4) < 1e-6);
        QVERIFY(view.caption().contains(QStringLiteral("std")));
        QVERIFY(view.plot()->xAxis->range().contains(-1.0) && view.plot()->xAxis->range().contains(1.0));
        QVERIFY(view.plot()->yAxis->range().upper >= 9);

        // The learner picks the bias with the keyboard.
        QComboBox* box = view.parameterBox();
        box->setFocus();
        QTest::keyClick(box, Qt::Key_Down);
        QCOMPARE(view.currentParameter(), QStringLiteral("fc1.bias"));
        QCOMPARE(barValues(view.bars()), (QVector<double>{3, 0, 2}));

        // Training moves on; a tensor appears before it in the list: the bias stays selected.
        m.onHistograms({histogram("fc0.weight", 0, 1, {1}), histogram("fc1.weight", -2, 2, {2, 3, 9, 3, 2}),
                        histogram("fc1.bias", -1, 2, {1, 1, 3})});
        view.refreshNow();
        QCOMPARE(view.parameterCount(), 3);
        QCOMPARE(view.currentParameter(), QStringLiteral("fc1.bias"));
        QCOMPARE(barValues(view.bars()), (QVector<double>{1, 1, 3}));
        // The initial outline still shows the bias as first received (closed down to 0 at both ends).
        QCPGraph* outline = view.initialOutline();
        QVERIFY(outline->visible());
        QCOMPARE(outline->dataCount(), 5);
        QVector<double> initial;
        for (auto it = outline->data()->constBegin(); it != outline->data()->constEnd(); ++it) initial << it->value;
        QCOMPARE(initial, (QVector<double>{0, 3, 0, 2, 0}));
        QVERIFY(view.caption().contains(QStringLiteral("at initialization")));
        view.resize(520, 360);
        saveShot(view, QStringLiteral("model-views-histogram-hand-made.png"));
    }

    void histogramViewShowsAConstantTensorAsOneBar() {
        ModelSnapshot m;
        WeightHistogramView view;
        view.setModel(&m);
        m.onHistograms({histogram("out.bias", 0, 0, {0, 0, 7, 0, 0})});  // zero-initialized biases
        view.refreshNow();
        QCOMPARE(barValues(view.bars()), QVector<double>{7});
        QCOMPARE(barKeys(view.bars()), QVector<double>{0});
        QVERIFY(view.bars()->width() > 0);
        QVERIFY(view.plot()->xAxis->range().size() > 0);
    }

    void histogramViewRedrawsAtMost25TimesASecond() {
        ModelSnapshot m;
        WeightHistogramView view;
        view.setModel(&m);
        const int before = view.redrawCount();
        for (int i = 1; i <= 100; ++i) m.onHistograms({histogram("w", 0, 1, {i, 2 * i})});
        QVERIFY(view.redrawCount() - before <= 1);  // the burst collapses into one redraw now ...
        QTRY_COMPARE(barValues(view.bars()), (QVector<double>{100, 200}));  // ... and one showing the last
        QVERIFY(view.redrawCount() - before <= 2);
    }

    // --- DecisionBoundaryView -----------------------------------------------------------------

    void decisionBoundaryMapsCellsToClasses() {
        ModelSnapshot m;
        m.setData(uitest::spiral(300));
        DecisionBoundaryView view;
        view.setModel(&m);
        QVERIFY(!view.placeholderVisible());
        QCOMPARE(view.pointCount(), 300);
        QVERIFY(!view.hasBoundary());

        // Class 1 right of x = 0 (sure), class 0 left of it (unsure); cells are 0.5 wide and 0.25 high.
        dl::DecisionGrid g;
        g.resolution = 8;
        g.x_min = -2, g.x_max = 2, g.y_min = -1, g.y_max = 1;
        g.num_classes = 3;
        for (int iy = 0; iy < 8; ++iy)
            for (int ix = 0; ix < 8; ++ix) {
                g.predicted.push_back(ix >= 4 ? 1 : 0);
                g.confidence.push_back(ix >= 4 ? 0.95f : 0.4f);
            }
        m.onDecisionGrid(g);
        view.refreshNow();
        QVERIFY(view.hasBoundary());
        QCPColorMapData* cells = view.colorMap()->data();
        QCOMPARE(cells->keySize(), 8);
        QCOMPARE(cells->valueSize(), 8);
        QVERIFY(std::abs(cells->keyRange().lower - -1.75) < 1e-6);  // centre of the first cell
        QVERIFY(std::abs(cells->valueRange().upper - 0.875) < 1e-6);
        for (int iy = 0; iy < 8; ++iy)
            for (int ix = 0; ix < 8; ++ix)
                QCOMPARE(DecisionBoundaryView::cellClass(cells->cell(ix, iy)), ix >= 4 ? 1 : 0);
        QCOMPARE(DecisionBoundaryView::cellClass(cells->data(1.2, 0.5)), 1);
        QCOMPARE(DecisionBoundaryView::cellClass(cells->data(-1.2, -0.5)), 0);
        // Sure cells sit further into their class band than unsure ones (a stronger shade).
        QVERIFY(cells->cell(7, 0) - 1 > cells->cell(0, 0) - 0);
        QCOMPARE(view.plot()->xAxis->range().lower, -2.0);
        QCOMPARE(view.plot()->yAxis->range().upper, 1.0);
        view.resize(460, 460);
        saveShot(view, QStringLiteral("model-views-boundary-hand-made.png"));

        // Drawn without the points: the left half is tinted with class 0's blue, the right with class 1's
        // orange, and the sure side is stronger (further from white).
        for (int i = 0; i < view.plot()->graphCount(); ++i) view.plot()->graph(i)->setVisible(false);
        view.plot()->legend->setVisible(false);
        const QImage image = view.plot()->toPixmap(400, 400).toImage();
        auto pixel = [&](double x, double y) {
            return image.pixelColor(static_cast<int>(view.plot()->xAxis->coordToPixel(x)),
                                    static_cast<int>(view.plot()->yAxis->coordToPixel(y)));
        };
        const QColor left = pixel(-1.2, 0.3), right = pixel(1.2, 0.3);
        QVERIFY2(left.blue() > left.red(), qPrintable(left.name()));
        QVERIFY2(right.red() > right.blue(), qPrintable(right.name()));
        QVERIFY2(right.lightness() < left.lightness(), qPrintable(left.name() + " " + right.name()));
    }

    void decisionBoundaryExplainsItselfForOtherData() {
        ModelSnapshot m;
        DecisionBoundaryView view;
        view.setModel(&m);
        QVERIFY(view.placeholderVisible());
        m.setData(split({1, 4, 4}, cycle(10, 3), 3));
        QVERIFY(view.placeholderVisible());
        QVERIFY(!view.hasBoundary());
        const QLabel* label = view.findChild<QLabel*>(QStringLiteral("boundaryPlaceholder"));
        QVERIFY(label && label->isVisibleTo(&view));
        QVERIFY(label->text().contains(QStringLiteral("2-D classification")));
        m.setData(uitest::spiral(100));  // and back to a plane
        QVERIFY(!view.placeholderVisible());
        QVERIFY(!label->isVisibleTo(&view));
        view.resize(460, 300);
        m.setData(regression(10));
        QVERIFY(view.placeholderVisible());
        saveShot(view, QStringLiteral("model-views-boundary-placeholder.png"));
    }

    // --- PredictionsView -------------------------------------------------------------------

    void predictionsViewMarksWrongOnes() {
        ModelSnapshot m;
        PredictionsView view;
        view.setModel(&m);
        m.setData(split({1, 4, 4}, cycle(10, 3), 3));
        QVERIFY(view.isImageData());
        QCOMPARE(view.shownCount(), 10);
        QVERIFY(!view.hasPredictions());
        QCOMPARE(view.wrongCount(), 0);
        QCOMPARE(view.labelText(4), QStringLiteral("one"));
        view.resize(560, 340);
        QCOMPARE(redPixels(view.grab().toImage()), 0);

        std::vector<int32_t> predicted = cycle(10, 3);
        for (int i : {1, 5, 9}) predicted[static_cast<size_t>(i)] = (predicted[static_cast<size_t>(i)] + 1) % 3;
        m.onTestPredictions(2, predicted);
        view.refreshNow();
        QVERIFY(view.hasPredictions());
        QCOMPARE(view.wrongCount(), 3);
        QVERIFY(view.isWrong(5));
        QVERIFY(!view.isWrong(4));
        QCOMPARE(view.labelText(5), QStringLiteral("two → zero"));
        QCOMPARE(view.labelText(4), QStringLiteral("one → one"));
        QVERIFY(view.headline().contains(QStringLiteral("3 of the first 10")));
        QVERIFY(redPixels(view.grab().toImage()) > 0);  // the wrong ones are framed in red
        saveShot(view, QStringLiteral("model-views-predictions-hand-made.png"));

        m.onTestPredictions(3, cycle(10, 3));  // all right: no red left
        view.refreshNow();
        QCOMPARE(view.wrongCount(), 0);
        QCOMPARE(redPixels(view.grab().toImage()), 0);
    }

    void predictionsViewShowsTheFirstRowsOnly() {
        ModelSnapshot m;
        m.setData(split({3, 5, 5}, cycle(40, 3), 3));  // colour images
        PredictionsView view;
        view.setModel(&m);
        QCOMPARE(view.shownCount(), PredictionsView::kRows * PredictionsView::kColumns);
        std::vector<int32_t> predicted = cycle(40, 3);
        for (int i : {0, 17, 31, 32, 39})
            predicted[static_cast<size_t>(i)] = (predicted[static_cast<size_t>(i)] + 2) % 3;
        m.onTestPredictions(1, predicted);
        view.refreshNow();
        QCOMPARE(view.wrongCount(), 3);  // 32 and 39 are not shown
    }

    void predictionsViewExplainsItselfForOtherData() {
        ModelSnapshot m;
        m.setData(uitest::spiral(100));
        PredictionsView view;
        view.setModel(&m);
        QVERIFY(!view.isImageData());
        QVERIFY(view.placeholderVisible());
        QCOMPARE(view.shownCount(), 0);
        m.onTestPredictions(1, std::vector<int32_t>(static_cast<size_t>(m.data()->test.size()), 0));
        view.refreshNow();
        QCOMPARE(view.wrongCount(), 0);
        view.resize(400, 200);
        saveShot(view, QStringLiteral("model-views-predictions-placeholder.png"));
    }

    // --- ConfusionMatrixView ---------------------------------------------------------------

    void confusionMatrixViewDrawsCounts() {
        ModelSnapshot m;
        m.setData(split({2}, kLabels, 3));
        ConfusionMatrixView view;
        view.setModel(&m);
        QVERIFY(!view.hasMatrix());
        QVERIFY(view.placeholderVisible());
        m.onTestPredictions(4, kPredicted);
        view.refreshNow();
        QVERIFY(view.hasMatrix());
        for (int t = 0; t < 3; ++t)
            for (int p = 0; p < 3; ++p) QCOMPARE(view.matrix()->at(t, p), kExpected[t][p]);
        QCOMPARE(view.title(), QStringLiteral("Test set, epoch 4 — accuracy 66.7%"));

        view.resize(420, 360);
        const QImage image = view.grab().toImage();
        saveShot(view, QStringLiteral("model-views-confusion-hand-made.png"));
        // Shades follow each row's share: 3/4 (diagonal, row 2) darker than 1/4 (row 2, column 0),
        // darker than an empty cell, which is as light as the background.
        auto corner = [&](int t, int p) { return image.pixelColor(view.cellRect(t, p).topLeft() + QPoint(3, 3)); };
        const QColor background = image.pixelColor(1, 1);
        QVERIFY(view.cellRect(2, 2).width() >= 20);
        QVERIFY(corner(2, 2) != background);
        QVERIFY(corner(2, 2).lightness() < corner(2, 0).lightness());
        QVERIFY(corner(2, 0).lightness() < corner(1, 0).lightness());
        QCOMPARE(corner(1, 0).lightness(), background.lightness());
        QVERIFY(view.cellRect(0, 1).left() > view.cellRect(0, 0).left());  // columns are predictions
        QVERIFY(view.cellRect(1, 0).top() > view.cellRect(0, 0).top());    // rows are true classes
    }

    void confusionMatrixViewExplainsItselfForOtherData() {
        ModelSnapshot m;
        m.setData(regression(9));
        ConfusionMatrixView view;
        view.setModel(&m);
        m.onTestPredictions(1, kPredicted);
        view.refreshNow();
        QVERIFY(!view.hasMatrix());
        QVERIFY(view.cellRect(0, 0).isEmpty());
        view.resize(400, 200);
        saveShot(view, QStringLiteral("model-views-confusion-placeholder.png"));
    }

    // --- A real network --------------------------------------------------------------------

    void viewsPresentARealNetwork() {
        ModelSnapshot m;
        m.setData(uitest::spiral(600));
        const dl::DataSplit& data = *m.data();
        dl::Network net(uitest::mlp(16, data.train.num_classes), data.train.sample_shape());
        net.reset_parameters(7);
        m.onHistograms(dl::weight_histograms(net));
        m.onDecisionGrid(dl::decision_grid(net, data.train, 48));
        m.onTestPredictions(1, dl::predict_classes(net, data.test));

        WeightHistogramView histograms;
        DecisionBoundaryView boundary;
        ConfusionMatrixView confusion;
        histograms.setModel(&m);
        boundary.setModel(&m);
        confusion.setModel(&m);
        QCOMPARE(histograms.parameterCount(), static_cast<int>(net.parameters().size()));
        QCOMPARE(histograms.currentParameter(), QString::fromStdString(net.parameters().front().name));
        QCOMPARE(histograms.bars()->dataCount(), 40);
        QCOMPARE(boundary.colorMap()->data()->keySize(), 48);
        QCOMPARE(confusion.matrix()->total(), data.test.size());
        histograms.resize(520, 360);
        boundary.resize(460, 460);
        confusion.resize(420, 360);
        saveShot(histograms, QStringLiteral("model-views-histogram.png"));
        saveShot(boundary, QStringLiteral("model-views-boundary.png"));
        saveShot(confusion, QStringLiteral("model-views-confusion.png"));
    }

    void viewsOfFashionMnist() {
        if (!fashionInstalled()) QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
        dl::DatasetOptions options;
        options.train_limit = 100;
        options.test_limit = 500;
        ModelSnapshot m;
        m.setData(std::make_shared<const dl::DataSplit>(dl::load_dataset("fashion-mnist", options)));
        // Every seventh example is mistaken for the next class.
        std::vector<int32_t> predicted = m.data()->test.labels;
        for (size_t i = 0; i < predicted.size(); i += 7) predicted[i] = (predicted[i] + 1) % 10;
        m.onTestPredictions(3, predicted);
        PredictionsView predictions;
        ConfusionMatrixView confusion;
        predictions.setModel(&m);
        confusion.setModel(&m);
        QCOMPARE(predictions.shownCount(), 32);
        QCOMPARE(predictions.wrongCount(), 5);  // 0, 7, 14, 21, 28
        QCOMPARE(confusion.matrix()->total(), int64_t{500});
        predictions.resize(640, 460);
        confusion.resize(560, 500);
        saveShot(predictions, QStringLiteral("model-views-predictions.png"));
        saveShot(confusion, QStringLiteral("model-views-confusion-fashion.png"));
    }
};

QTEST_MAIN(TestModelViews)
#include "test_model_views.moc"
