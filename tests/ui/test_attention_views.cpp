// The attention views (D2L zh-v2 ch. 10): the nadaraya-watson preset trained in the real main window
// fills the heatmap at every epoch's end; the replay slider shows an earlier epoch's map; the replay
// exports as PNGs and as an animated GIF; one query's scores and weights; the positional encoding. The
// bahdanau and transformer presets show their attention live on D2L's test sentences, with the words on
// the axes, and the Transformer's model view of every layer × head.
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "engine/ops/positional_table.h"
#include "ui/attention_views/attention_heatmap_view.h"
#include "ui/attention_views/attention_snapshot.h"
#include "ui/attention_views/attention_views.h"
#include "ui/attention_views/gif_writer.h"
#include "ui/attention_views/positional_encoding_view.h"
#include "ui/attention_views/query_detail_view.h"
#include "ui/plots/qcp.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/training/training_controller.h"
#include "ui/window/main_window.h"
#include "widget_lookup.h"
#include "window_waits.h"

namespace {

double distance(const std::vector<double>& a, const std::vector<double>& b) {
    double d = 0;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) d += std::fabs(a[i] - b[i]);
    return d;
}

// Loads a translation preset, trains it `epochs` epochs in the window and shows the Attention tab.
bool trainTranslation(MainWindow& w, const QString& preset, const QString& epochs) {
    if (!w.loadPreset(preset) || !uitest::waitForData(w)) return false;
    typeInto(w.hyperparameterPanel()->findChild<QSpinBox*>(QStringLiteral("epochs")), epochs);
    if (!w.showView(QStringLiteral("attention"))) return false;
    w.train();
    return QTest::qWaitFor([&] { return w.controller()->state() == TrainingController::State::Finished; }, 300000);
}

// Each of a map's `queries` rows of `keys` weights sums to 1.
bool rowsSumToOne(const std::vector<double>& values, size_t queries, size_t keys) {
    if (values.size() != queries * keys) return false;
    for (size_t q = 0; q < queries; ++q) {
        double row = 0;
        for (size_t k = 0; k < keys; ++k) row += values[q * keys + k];
        if (std::fabs(row - 1) > 1e-4) return false;
    }
    return true;
}

}  // namespace

class TestAttentionViews : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nadarayaWatsonTrainsInTheMainWindow() {
        MainWindow w;
        w.show();
        QVERIFY(w.loadPreset(QStringLiteral("nadaraya-watson")));
        QVERIFY(uitest::waitForData(w));
        AttentionViews* views = w.attentionViews();
        QVERIFY2(views->model()->isNadarayaWatson(), qPrintable(w.bannerText()));
        QTabWidget* tabs = w.viewTabs();
        QVERIFY(tabs->isTabVisible(tabs->indexOf(views->heatmapView())));
        QVERIFY(tabs->isTabVisible(tabs->indexOf(views->queryView())));
        QVERIFY(tabs->isTabVisible(tabs->indexOf(views->positionalView())));
        QVERIFY(w.showView(QStringLiteral("attention")));
        AttentionHeatmapView* heat = views->heatmapView();
        w.train();
        QTRY_VERIFY_WITH_TIMEOUT(w.controller()->state() == TrainingController::State::Finished, 120000);
        QTRY_COMPARE_WITH_TIMEOUT(views->model()->history().size(), size_t{5}, 30000);
        QCOMPARE(views->model()->history().epochs(), (std::vector<int>{1, 2, 3, 4, 5}));

        // Live: the newest epoch, 50 test queries × 50 training keys, every row a distribution.
        heat->refreshNow();
        QVERIFY2(!heat->placeholderVisible(), qPrintable(heat->placeholder()));
        QCOMPARE(heat->drawnEpoch(), 5);
        QVERIFY2(heat->title().contains(QStringLiteral("nw.attention")), qPrintable(heat->title()));
        QVERIFY(heat->epochLabel()->text().contains(QStringLiteral("live")));
        const std::vector<double> last = heat->drawnValues();
        QCOMPARE(last.size(), size_t{50 * 50});
        for (int q = 0; q < 50; ++q) {
            double row = 0;
            for (int k = 0; k < 50; ++k) row += last[static_cast<size_t>(q * 50 + k)];
            QVERIFY(std::fabs(row - 1) < 1e-4);
        }
        QCOMPARE(views->model()->keyLabels().size(), 50);
        QCOMPARE(views->model()->queryLabels().at(49), QStringLiteral("4.9"));

        // Replay: the slider's first position is epoch 1, whose map differs from epoch 5's.
        QSlider* slider = heat->epochSlider();
        QCOMPARE(slider->maximum(), 4);
        QCOMPARE(slider->value(), 4);
        slider->setValue(0);
        QCOMPARE(views->model()->shownEpoch(), 1);
        heat->refreshNow();
        QCOMPARE(heat->drawnEpoch(), 1);
        QCOMPARE(heat->epochLabel()->text(), QStringLiteral("epoch 1"));
        const std::vector<double> first = heat->drawnValues();
        QVERIFY2(distance(first, last) > 1.0, qPrintable(QString::number(distance(first, last))));
        QCOMPARE(slider->value(), 0);  // the handle stays where it was put
        slider->setValue(2);
        heat->refreshNow();
        QCOMPARE(heat->drawnEpoch(), 3);
        QCOMPARE(slider->value(), 2);
        slider->setValue(4);  // the right end follows the run again
        QCOMPARE(views->model()->shownEpoch(), -1);
        heat->refreshNow();
        QCOMPARE(heat->drawnValues(), last);

        // The query detail follows the same snapshot: 50 score bars and 50 weights summing to 1.
        QVERIFY(w.showView(QStringLiteral("attentionquery")));
        QueryDetailView* detail = views->queryView();
        detail->queryBox()->setValue(20);
        detail->refreshNow();
        QVERIFY(!detail->placeholderVisible());
        QCOMPARE(detail->weightBars()->dataCount(), 50);
        QCOMPARE(detail->scoreBars()->dataCount(), 50);
        double sum = 0;
        for (int k = 0; k < 50; ++k) {
            sum += detail->weightBars()->data()->at(k)->value;
            QVERIFY(detail->scoreBars()->data()->at(k)->value <= 0);  // −((x − x_i)·w)²/2
        }
        QVERIFY(std::fabs(sum - 1) < 1e-4);

        // Exports: one PNG per kept epoch, and a 5-frame GIF.
        QTemporaryDir dir;
        QString error;
        QStringList written;
        QVERIFY2(heat->exportPngSequence(dir.filePath(QStringLiteral("frames")), &written, &error), qPrintable(error));
        QCOMPARE(written.size(), 5);
        QVERIFY(written.first().endsWith(QStringLiteral("attention-epoch-0001.png")));
        const QImage frame(written.last());
        QCOMPARE(frame.size(), AttentionHeatmapView::exportSize());
        QVERIFY(frame != QImage(written.first()));  // epoch 1 and epoch 5 look different
        const QString gif = dir.filePath(QStringLiteral("replay.gif"));
        QVERIFY2(heat->exportGif(gif, &error), qPrintable(error));
        QFile file(gif);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(6), QByteArray("GIF89a"));
        if (QImageReader::supportedImageFormats().contains("gif")) {
            QImageReader reader(gif);
            QCOMPARE(reader.imageCount(), 5);
            QCOMPARE(reader.size(), AttentionHeatmapView::exportSize());
        }
        QCOMPARE(heat->drawnEpoch(), 5);  // exporting leaves the view as it was
    }

    // D2L §10.4: Bahdanau's decoder attends over the English words of a chosen sentence, and the map is
    // recorded at every epoch's end while the model trains, so the replay shows it change.
    void bahdanauHeatmapIsLiveOverTheSourceWords() {
        MainWindow w;
        w.show();
        QVERIFY(trainTranslation(w, QStringLiteral("bahdanau"), QStringLiteral("6")));
        AttentionViews* views = w.attentionViews();
        AttentionSnapshot* model = views->model();
        QTabWidget* tabs = w.viewTabs();
        QVERIFY(tabs->isTabVisible(tabs->indexOf(views->heatmapView())));
        for (const char* single : {"boundary", "predictions", "confusion", "filters", "featuremaps", "batchnorm"})
            QVERIFY2(!tabs->isTabVisible(tabs->indexOf(w.findChild<QWidget*>(QLatin1String(single)))), single);
        QTRY_COMPARE_WITH_TIMEOUT(model->history().size(), size_t{6}, 30000);
        QCOMPARE(model->history().epochs(), (std::vector<int>{1, 2, 3, 4, 5, 6}));
        QCOMPARE(model->attentionNodes(), (std::vector<std::string>{"decoder"}));
        QCOMPARE(model->sentences().size(), 4);  // D2L's four test sentences, the last one shown
        QCOMPARE(model->sentences().last(), QStringLiteral("i'm home . → je suis chez moi ."));

        AttentionHeatmapView* heat = views->heatmapView();
        heat->refreshNow();
        QVERIFY2(!heat->placeholderVisible(), qPrintable(heat->placeholder()));
        QVERIFY(heat->sentenceBox()->isVisible());
        QCOMPARE(heat->sentenceBox()->currentIndex(), 3);
        QVERIFY2(heat->title().contains(QStringLiteral("encoder–decoder attention")), qPrintable(heat->title()));
        const auto maps = model->shownMaps();
        QCOMPARE(maps.size(), size_t{1});
        QCOMPARE(maps[0].key_labels, (std::vector<std::string>{"i'm", "home", ".", "<eos>"}));
        QCOMPARE(maps[0].query_labels, (std::vector<std::string>{"je", "suis", "chez", "moi", ".", "<eos>"}));
        const std::vector<double> last = heat->drawnValues();
        QVERIFY(rowsSumToOne(last, 6, 4));  // padded source positions are cropped: they carry no weight

        // Epoch 1's map differs from epoch 6's: the attention moved while the model learned.
        heat->epochSlider()->setValue(0);
        heat->refreshNow();
        QCOMPARE(heat->drawnEpoch(), 1);
        const std::vector<double> first = heat->drawnValues();
        QVERIFY(rowsSumToOne(first, 6, 4));
        QVERIFY2(distance(first, last) > 0.3, qPrintable(QString::number(distance(first, last))));
        heat->epochSlider()->setValue(heat->epochSlider()->maximum());
        QCOMPARE(model->shownEpoch(), -1);

        // Another sentence from the same history: go . → va ! is 3 written × 3 English tokens.
        heat->sentenceBox()->setCurrentIndex(0);
        heat->refreshNow();
        QCOMPARE(model->sentence(), 0);
        QVERIFY(rowsSumToOne(heat->drawnValues(), 3, 3));
        QCOMPARE(heat->drawnEpoch(), 6);
    }

    // D2L §11.7: every layer × head of the Transformer (encoder self, decoder masked self, encoder–decoder),
    // as a model view; a click on one map opens it, and the layer and head boxes pick any other.
    void transformerModelViewAndOneHead() {
        MainWindow w;
        w.show();
        QVERIFY(trainTranslation(w, QStringLiteral("transformer"), QStringLiteral("3")));
        AttentionSnapshot* model = w.attentionViews()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->history().size(), size_t{3}, 30000);
        QCOMPARE(model->attentionNodes(),
                 (std::vector<std::string>{"encoder1.attention", "encoder2.attention", "decoder1.attention1",
                                           "decoder1.attention2", "decoder2.attention1", "decoder2.attention2"}));
        AttentionHeatmapView* heat = w.attentionViews()->heatmapView();
        QCOMPARE(heat->layerBox()->count(), 6);  // no positional encoding among them
        QCOMPARE(heat->layerBox()->itemText(2), QStringLiteral("decoder1.attention1 — decoder masked self-attention"));

        heat->layoutBox()->setCurrentIndex(AttentionHeatmapView::AllMaps);
        heat->refreshNow();
        QCOMPARE(heat->drawnMaps(), 6 * 4);
        QVERIFY(heat->title().contains(QStringLiteral("every layer × head")));
        heat->plot()->replot();
        // Click the map of decoder1.attention2 (row 4), head 2: it opens on its own.
        const QRect cell = heat->plot()->axisRects().at(3 * 4 + 1)->rect();
        QTest::mouseClick(heat->plot(), Qt::LeftButton, {}, cell.center());
        heat->refreshNow();
        QCOMPARE(heat->layoutBox()->currentIndex(), int(AttentionHeatmapView::OneMap));
        QCOMPARE(heat->layerBox()->currentIndex(), 3);
        QCOMPARE(heat->headBox()->value(), 2);
        QVERIFY2(heat->title().contains(QStringLiteral("decoder1.attention2 (encoder–decoder attention), head 2 of 4")),
                 qPrintable(heat->title()));
        QVERIFY(rowsSumToOne(heat->drawnValues(), 6, 4));  // je suis chez moi . <eos> × i'm home . <eos>

        // The decoder's masked self-attention, head 3: no French word attends to a later one.
        heat->layerBox()->setCurrentIndex(2);
        heat->headBox()->setValue(3);
        heat->refreshNow();
        QVERIFY2(heat->title().contains(QStringLiteral("decoder1.attention1 (decoder masked self-attention), head 3")),
                 qPrintable(heat->title()));
        const std::vector<double> causal = heat->drawnValues();
        QVERIFY(rowsSumToOne(causal, 6, 6));
        for (size_t q = 0; q < 6; ++q)
            for (size_t k = q + 1; k < 6; ++k) QCOMPARE(causal[q * 6 + k], 0.0);
        const auto maps = model->shownMaps();
        QCOMPARE(maps[2].key_labels.front(), std::string("<bos>"));
        QCOMPARE(maps[2].query_labels.back(), std::string("<eos>"));
    }

    void otherDataHidesTheAttentionTabs() {
        MainWindow w;
        QVERIFY(w.loadPreset(QStringLiteral("linreg")));
        QVERIFY(uitest::waitForData(w));
        AttentionViews* views = w.attentionViews();
        QTabWidget* tabs = w.viewTabs();
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(views->heatmapView())));
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(views->positionalView())));
        QVERIFY(tabs->isTabVisible(tabs->indexOf(w.findChild<QWidget*>(QStringLiteral("boundary")))));
        views->heatmapView()->refreshNow();
        QVERIFY(views->heatmapView()->placeholderVisible());
    }

    void positionalEncodingIsD2lsTable() {
        PositionalEncodingView view;
        QCOMPARE(view.curveCount(), 4);  // D2L's columns 6–9
        auto* heat = view.plot()->findChild<QCPColorMap*>();
        QVERIFY(heat);
        QCOMPARE(heat->data()->keySize(), 32);
        QCOMPARE(heat->data()->valueSize(), 60);
        // Column 6 is sin(i / 10000^(6/32)).
        const QCPGraph* column6 = view.plot()->graph(0);
        QCOMPARE(column6->name(), QStringLiteral("column 6"));
        for (int i : {0, 7, 59}) {
            const double expected = std::sin(i / std::pow(10000.0, 6.0 / 32));
            QVERIFY(std::fabs(column6->data()->at(i)->value - expected) < 1e-5);
        }
        view.firstColumnBox()->setValue(30);  // only columns 30 and 31 exist
        QCOMPARE(view.curveCount(), 2);
        view.dimensionsBox()->setValue(8);
        QCOMPARE(heat->data()->keySize(), 8);
        QCOMPARE(view.curveCount(), 1);
    }

    void gifWriterWritesEveryFrame() {
        std::vector<QImage> frames;
        for (QColor c : {QColor(Qt::red), QColor(Qt::green), QColor(Qt::blue)}) {
            QImage image(40, 30, QImage::Format_RGB32);
            image.fill(c);
            frames.push_back(image);
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("colours.gif"));
        QString error;
        QVERIFY2(gif_writer::write(path, frames, 100, &error), qPrintable(error));
        if (!QImageReader::supportedImageFormats().contains("gif")) QSKIP("Qt reads no GIFs here");
        QImageReader reader(path);
        QCOMPARE(reader.imageCount(), 3);
        for (QColor c : {QColor(Qt::red), QColor(Qt::green), QColor(Qt::blue)}) {
            const QImage image = reader.read();
            QCOMPARE(image.size(), QSize(40, 30));
            QCOMPARE(QColor(image.pixel(20, 15)), c);
        }
        QVERIFY(!gif_writer::write(dir.filePath(QStringLiteral("missing/x.gif")), frames, 100, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!gif_writer::write(path, {}, 100, &error));
    }
};

QTEST_MAIN(TestAttentionViews)
#include "test_attention_views.moc"
