// The attention views (D2L zh-v2 ch. 10): the nadaraya-watson preset trained in the real main window
// fills the heatmap at every epoch's end; the replay slider shows an earlier epoch's map; the replay
// exports as PNGs and as an animated GIF; one query's scores and weights; the positional encoding.
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
#include "ui/training/training_controller.h"
#include "ui/window/main_window.h"
#include "window_waits.h"

namespace {

double distance(const std::vector<double>& a, const std::vector<double>& b) {
    double d = 0;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) d += std::fabs(a[i] - b[i]);
    return d;
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

    void otherDataHidesTheAttentionTabs() {
        MainWindow w;
        QVERIFY(w.loadPreset(QStringLiteral("linreg")));
        QVERIFY(uitest::waitForData(w));
        AttentionViews* views = w.attentionViews();
        QTabWidget* tabs = w.viewTabs();
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(views->heatmapView())));
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(views->positionalView())));
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
