// Convolutional networks in the window (D2L chapters 7–8): a preset built from blocks opens, and
// double-clicking a block shows its inside with the shapes that make it work.
#include <QtTest>

#include <QApplication>
#include <QStandardPaths>

#include <QComboBox>
#include <QLabel>
#include <QMimeData>

#include "block_inside.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/editor/block_inside_dialog.h"
#include "ui/editor/layer_palette.h"
#include "ui/editor/network_document.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/network_view.h"
#include "ui/model_views/feature_map_view.h"
#include "ui/model_views/filter_view.h"
#include "ui/model_views/image_tile_grid.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/training/metrics_history.h"
#include "ui/training/training_controller.h"
#include "ui/window/main_window.h"
#include "window_waits.h"

namespace {
// Difference between the brightest and the darkest pixel: 0 for a flat tile.
int greyRange(const QImage& image) {
    int lo = 255, hi = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const int g = qGray(image.pixel(x, y));
            lo = std::min(lo, g);
            hi = std::max(hi, g);
        }
    return hi - lo;
}
}  // namespace

class TestImageModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DiveLabTest"));
    }

    // D2L §7.6 by hand: twelve layers dragged from the palette, their settings made, the shapes D2L
    // prints appear on the edges, and one epoch trains.
    void buildLeNetByDragAndDropAndTrain() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.datasetPanel()->setDatasetName(QStringLiteral("fashion-mnist"));
        if (!w.datasetPanel()->problem().isEmpty()) QSKIP("Fashion-MNIST is not installed");
        dl::DatasetOptions options = w.datasetPanel()->options();
        options.train_limit = 12000;
        options.test_limit = 1000;
        options.resize = 0;
        w.datasetPanel()->setOptions(options);
        QVERIFY(uitest::waitForData(w));
        w.newExperiment();
        QCOMPARE(w.document()->nodeIds().size(), 0);

        const char* types[] = {"Conv2d",  "Sigmoid", "AvgPool2d", "Conv2d", "Sigmoid", "AvgPool2d",
                               "Flatten", "Linear",  "Sigmoid",   "Linear", "Sigmoid", "Linear"};
        NetworkView* view = w.networkView();
        int y = 40;
        for (const char* type : types) {
            std::unique_ptr<QMimeData> mime(w.palette()->mimeDataFor(w.palette()->itemForType(type)));
            QVERIFY2(mime, type);
            const QPoint at(view->viewport()->width() / 2, y);
            QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view->viewport(), &enter);
            QDropEvent drop(QPointF(at), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view->viewport(), &drop);
            QVERIFY2(drop.isAccepted(), type);
            y += 20;
        }
        const QStringList ids = w.document()->nodeIds();
        QCOMPARE(ids.size(), 12);
        auto set = [&](int node, const char* name, dl::AttrValue value) {
            w.document()->setAttribute(ids[node], QString::fromLatin1(name), value);
        };
        set(0, "out_channels", int64_t{6});
        set(0, "kernel_size", std::vector<int64_t>{5});
        set(0, "padding", std::vector<int64_t>{2});
        set(2, "kernel_size", std::vector<int64_t>{2});
        set(2, "stride", std::vector<int64_t>{2});
        set(3, "out_channels", int64_t{16});
        set(3, "kernel_size", std::vector<int64_t>{5});
        set(5, "kernel_size", std::vector<int64_t>{2});
        set(5, "stride", std::vector<int64_t>{2});
        set(7, "out_features", int64_t{120});
        set(9, "out_features", int64_t{84});
        set(11, "out_features", int64_t{10});
        const dl::Shape expected[] = {{6, 28, 28}, {6, 28, 28}, {6, 14, 14}, {16, 10, 10}, {16, 10, 10}, {16, 5, 5},
                                      {400},       {120},       {120},       {84},         {84},         {10}};
        for (int i = 0; i < 12; ++i)
            QVERIFY2(w.document()->outputShapeOf(ids[i]) == expected[i],
                     qPrintable(ids[i] + QStringLiteral(": ") +
                                QString::fromStdString(dl::to_string(w.document()->outputShapeOf(ids[i])))));
        QCOMPARE(w.document()->totalParameters(), qint64{61706});  // D2L's LeNet-5 for 10 classes
        auto* edge = view->networkScene()->edge(ids[5], ids[6]);
        QVERIFY(edge && edge->label() == QStringLiteral("[16, 5, 5]"));

        dl::TrainConfig config = w.hyperparameterPanel()->config();
        config.epochs = 1;
        config.batch_size = 32;  // a sigmoid LeNet needs a few hundred steps to get going
        config.optimizer = dl::optimizer_defaults("adam");
        config.optimizer.lr = 0.005f;
        w.hyperparameterPanel()->setConfig(config);
        QVERIFY2(w.trainAction()->isEnabled(), qPrintable(w.trainAction()->toolTip()));
        bool finished = false;
        connect(w.controller(), &TrainingController::finished, this, [&] { finished = true; });
        w.train();
        QTRY_VERIFY_WITH_TIMEOUT(finished, 120000);
        QCOMPARE(w.history()->epochs().size(), size_t{1});
        const double acc = w.history()->epochs().back().test_acc;
        qInfo("LeNet built by hand, 1 epoch on 12000 images: test accuracy %.3f", acc);
        QVERIFY(acc > 0.5);  // chance is 0.1

        // What the trained LeNet learned: its six 5×5 first-layer filters, and the feature maps of a test
        // image at the second convolution, chosen with the keyboard in the node box.
        QVERIFY(w.showView(QStringLiteral("filters")));
        FilterView* filters = w.filterView();
        filters->refreshNow();
        QCOMPARE(filters->convNode(), ids[0]);
        QCOMPARE(filters->tileCount(), 6);
        QCOMPARE(filters->grid()->tileImage(0).size(), QSize(5, 5));
        for (int i = 0; i < 6; ++i) QVERIFY2(greyRange(filters->grid()->tileImage(i)) > 64, "a filter is not flat");
        QVERIFY(filters->grid()->tileImage(0) != filters->grid()->tileImage(1));

        QVERIFY(w.showView(QStringLiteral("featuremaps")));
        FeatureMapView* maps = w.featureMapView();
        maps->refreshNow();
        QTRY_VERIFY(!maps->placeholderVisible());
        QCOMPARE(maps->currentNode(), ids[0]);
        QCOMPARE(maps->channelCount(), 6);
        QCOMPARE(maps->grid()->tileImage(0).size(), QSize(28, 28));
        maps->nodeBox()->setFocus();
        for (int i = 0; i < 3; ++i) QTest::keyClick(maps->nodeBox(), Qt::Key_Down);  // conv1 → … → conv2
        QCOMPARE(maps->currentNode(), ids[3]);
        QCOMPARE(maps->channelCount(), 16);
        QCOMPARE(maps->grid()->tileImage(0).size(), QSize(10, 10));
        int varied = 0;
        for (int i = 0; i < 16; ++i) varied += greyRange(maps->grid()->tileImage(i)) > 32;
        QVERIFY2(varied >= 8, "most of conv2's maps show structure");
        QVERIFY(!maps->inputImage()->pixmap().isNull());
    }

    void doubleClickOpensAResidualBlock() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.datasetPanel()->setDatasetName(QStringLiteral("fashion-mnist"));
        if (!w.datasetPanel()->problem().isEmpty()) QSKIP("Fashion-MNIST is not installed");
        dl::DatasetOptions few = w.datasetPanel()->options();  // keep the resized copy small
        few.train_limit = 500;
        few.test_limit = 100;
        w.datasetPanel()->setOptions(few);
        QVERIFY(w.loadPreset(QStringLiteral("resnet18")));
        QVERIFY(uitest::waitForData(w));
        QCOMPARE(w.document()->inputShape(), (dl::Shape{1, 96, 96}));  // the preset asks for D2L's 96 × 96
        QString why;
        QVERIFY2(w.document()->canTrain(&why), qPrintable(why));
        QCOMPARE(w.document()->outputShapeOf(QStringLiteral("layer2_0")), (dl::Shape{128, 12, 12}));

        QVERIFY(w.networkView()->networkScene()->nodeItem(QStringLiteral("layer2_0")));
        BlockInsideDialog* dialog = openBlockInside(w, QStringLiteral("layer2_0"));
        QVERIFY(dialog);
        QVERIFY(dialog->windowTitle().contains(QStringLiteral("layer2_0")));
        NetworkDocument* inside = dialog->document();
        // The strided block: its first 3×3 convolution halves 24×24 to 12×12 and doubles the channels, so
        // the shortcut needs its 1×1 convolution with stride 2 as well, or the Add could not work.
        QCOMPARE(inside->inputShape(), (dl::Shape{64, 24, 24}));
        QCOMPARE(inside->outputShapeOf(QStringLiteral("conv1")), (dl::Shape{128, 12, 12}));
        QCOMPARE(inside->outputShapeOf(QStringLiteral("conv3")), (dl::Shape{128, 12, 12}));
        QCOMPARE(inside->outputShapeOf(QStringLiteral("add")), (dl::Shape{128, 12, 12}));
        QVERIFY(inside->canTrain());
        // Same parameter count inside as on the block's node outside.
        QCOMPARE(inside->totalParameters(), w.document()->nodeReport(QStringLiteral("layer2_0"))->parameters);
        QVERIFY(!dialog->view()->isInteractive());
        if (qEnvironmentVariableIsSet("DIVELAB_SCREENSHOTS")) {
            QTest::qWait(100);
            dialog->grab().save(qEnvironmentVariable("DIVELAB_SCREENSHOTS") + QStringLiteral("/residual-block.png"));
        }
        dialog->close();

        // A plain layer opens nothing.
        QVERIFY(w.openBlock(QStringLiteral("conv1")) == nullptr);
    }
};

QTEST_MAIN(TestImageModels)
#include "test_image_models.moc"
