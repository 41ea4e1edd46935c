// The GUI thread never waits on the engine: while Fashion-MNIST is resized to 96 × 96 after an edit
// in the data set panel, while the AlexNet preset loads and is edited, and while a project holding
// ResNet-18's weights autosaves, the event loop keeps answering (99th percentile of a 5 ms timer's
// delay under 50 ms), and each test checks that the work really happened.
#include <QtTest>

#include <QDockWidget>
#include <QLabel>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "engine/data/idx.h"
#include "engine/io/model_file.h"
#include "engine/io/presets.h"
#include "engine/io/project_file.h"
#include "event_loop_latency.h"
#include "ui/dataset/dataset_loader.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/editor/layer_inspector.h"
#include "ui/editor/network_document.h"
#include "ui/model_views/model_snapshot.h"
#include "ui/training/training_controller.h"
#include "ui/window/main_window.h"
#include "ui/window/project_session.h"
#include "window_waits.h"

namespace {
constexpr double kMaxP99Ms = 50.0;

bool fashionInstalled() {
    const QDir d(QString::fromStdString(dl::fashion_mnist_dir()));
    return d.exists(QStringLiteral("t10k-images-idx3-ubyte.gz")) || d.exists(QStringLiteral("t10k-images-idx3-ubyte"));
}

// Replaces a spin box's text by typing, as a learner would, then presses Enter.
void typeInto(QAbstractSpinBox* box, const QString& text) {
    box->setFocus();
    QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Enter);
}

void showDataDock(MainWindow& w) {
    auto* dock = w.findChild<QDockWidget*>(QStringLiteral("datasetDock"));
    QVERIFY(dock);
    dock->raise();
}

// A project with ResNet-18 (D2L's, 11 million parameters) and its weights, on a few Fashion-MNIST
// images at 96 × 96.
dl::Project resnetProject() {
    dl::Project p;
    p.network = dl::load_preset("resnet18");
    p.dataset = "fashion-mnist";
    p.dataset_options.resize = 96;
    p.dataset_options.train_limit = 300;
    p.dataset_options.test_limit = 100;
    dl::Network net(p.network, {1, 96, 96});
    net.reset_parameters(3);
    p.weights = dl::weights_to_bytes(net);
    return p;
}
}  // namespace

class TestResponsiveness : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DiveLabTest"));
        QVERIFY(dir_.isValid());
        qputenv("DIVELAB_STATE_DIR", dir_.filePath(QStringLiteral("state")).toUtf8());
        if (!fashionInstalled()) QSKIP("Fashion-MNIST is not installed");
    }

    // Fashion-MNIST read again for 96 × 96 after typing 96 into the panel (the 70,000 images are read and
    // converted, about a second of work; resizing itself happens per batch).
    void resizingFashionMnistTo96() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(uitest::waitForData(w));  // the default experiment: Fashion-MNIST at 28 × 28
        QCOMPARE(w.document()->inputShape(), (dl::Shape{1, 28, 28}));
        showDataDock(w);
        auto* status = w.datasetPanel()->findChild<QLabel*>(QStringLiteral("status"));
        QStringList shown;  // what the status line said while loading
        connect(w.dataLoader(), &DatasetLoader::progressChanged, this, [&] { shown << status->text(); });
        int loads = 0;
        connect(w.dataLoader(), &DatasetLoader::loaded, this, [&] { ++loads; });

        uitest::EventLoopLatency latency;
        latency.start();
        typeInto(w.datasetPanel()->findChild<QSpinBox*>(QStringLiteral("resize")), QStringLiteral("96"));
        QVERIFY(w.dataLoader()->isBusy());
        QVERIFY(QTest::qWaitFor([&] { return !w.dataLoader()->isBusy(); }, 300000));
        latency.stop();
        qInfo("resizing Fashion-MNIST to 96 px: %s", qPrintable(latency.summary()));

        const auto data = w.modelSnapshot()->data();
        QVERIFY(data);
        QCOMPARE(data->train.size(), int64_t{60000});
        QCOMPARE(data->train.sample_shape(), (dl::Shape{1, 96, 96}));  // resized per batch
        QCOMPARE(data->test.sample_shape(), (dl::Shape{1, 96, 96}));
        QCOMPARE(w.document()->inputShape(), (dl::Shape{1, 96, 96}));
        QCOMPARE(loads, 1);  // "9" then "96": one load, after the typing paused
        static const QRegularExpression loadingText(QStringLiteral("^Loading… (\\d+) %$"));
        int partway = 0;
        for (const QString& text : shown) {
            const auto match = loadingText.match(text);
            if (match.hasMatch() && match.captured(1).toInt() > 0 && match.captured(1).toInt() < 100) ++partway;
        }
        QVERIFY2(partway >= 3, qPrintable(shown.join(QStringLiteral(" | "))));
        QVERIFY2(status->text().startsWith(QStringLiteral("Loaded: 60,000 training")), qPrintable(status->text()));
        QVERIFY2(latency.ticks() > 20, qPrintable(latency.summary()));
        QVERIFY2(latency.percentile(0.99) < kMaxP99Ms, qPrintable(latency.summary()));
    }

    // AlexNet (47 million parameters at 224 × 224) loaded as a preset, then its first fully connected
    // layer edited several times: every edit re-analyses the network and re-checks Train.
    void loadingAndEditingAlexNet() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        dl::DatasetOptions few = w.datasetPanel()->options();  // 224 × 224 images: keep the copy small
        few.train_limit = 1000;
        few.test_limit = 200;
        w.datasetPanel()->setOptions(few);
        QVERIFY(uitest::waitForData(w));

        uitest::EventLoopLatency latency;
        latency.start();
        QVERIFY(w.loadPreset(QStringLiteral("alexnet")));
        QVERIFY(w.dataLoader()->isBusy());
        QCOMPARE(w.document()->inputShape(), (dl::Shape{1, 224, 224}));  // the editor does not wait for the data
        QVERIFY(uitest::waitForData(w));
        QCOMPARE(w.document()->inputShape(), (dl::Shape{1, 224, 224}));
        QVERIFY(w.document()->totalParameters() > 45'000'000);
        const QString fc = QStringLiteral("fc1");
        const dl::NodeReport* before = w.document()->nodeReport(fc);
        QVERIFY(before && before->type == "Linear");
        const int64_t in = before->input_shapes.at(0).at(0);
        w.findChild<LayerInspector*>()->setNode(fc);  // the inspector shows the layer being edited
        for (int64_t out : {2048, 1024, 512, 3000, 4096 + 7}) {
            w.document()->setAttribute(fc, QStringLiteral("out_features"), dl::AttrValue(out));
            QTest::qWait(50);  // a learner's pace; the timer keeps ticking in between
            const dl::NodeReport* r = w.document()->nodeReport(fc);
            QVERIFY(r);
            QCOMPARE(r->output_shape, (dl::Shape{out}));
            QCOMPARE(r->parameters, in * out + out);
            QVERIFY2(w.trainAction()->isEnabled(), qPrintable(w.trainAction()->toolTip()));
        }
        w.document()->setAttribute(QStringLiteral("fc3"), QStringLiteral("out_features"), dl::AttrValue(int64_t{7}));
        QTest::qWait(50);
        latency.stop();
        qInfo("loading and editing AlexNet: %s", qPrintable(latency.summary()));
        // The last edit made the output unfit for 10 classes: Train says so, from the analysis alone.
        QVERIFY(!w.trainAction()->isEnabled());
        QVERIFY2(w.trainAction()->toolTip().contains(QStringLiteral("out_features 10")),
                 qPrintable(w.trainAction()->toolTip()));
        // Enough ticks to judge by (a quick load on a busy machine gave 49 of a possible ~110).
        QVERIFY2(latency.ticks() > 30, qPrintable(latency.summary()));
        QVERIFY2(latency.percentile(0.99) < kMaxP99Ms, qPrintable(latency.summary()));
    }

    // A project holding ResNet-18's weights (45 MB) is opened, then autosaves through the session's
    // own path: the snapshot on the GUI thread, the base64 and the file on a worker.
    void autosavingResNet18Weights() {
        const QString path = dir_.filePath(QStringLiteral("resnet.divelab"));
        const dl::Project saved = resnetProject();
        dl::save_project(path.toStdString(), saved);
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QString error;
        uitest::EventLoopLatency opening;  // reading the file, loading the data, adopting the weights
        opening.start();
        QVERIFY2(w.openProjectFile(path, &error), qPrintable(error));
        QVERIFY(uitest::waitForModel(w));
        opening.stop();
        qInfo("opening the ResNet-18 project: %s", qPrintable(opening.summary()));
        QVERIFY2(w.hasTrainedModel(), qPrintable(w.bannerText()));
        QVERIFY(w.modelSnapshot()->confusion().has_value());  // predictions were made on the job thread
        w.session()->setModified(true);

        QSignalSpy written(w.session(), &ProjectSession::autosaved);
        QSignalSpy failed(w.session(), &ProjectSession::autosaveFailed);
        uitest::EventLoopLatency latency;
        latency.start();
        QTest::qWait(100);
        w.session()->autosaveNow();
        QVERIFY(QTest::qWaitFor([&] { return written.count() + failed.count() > 0; }, 120000));
        QTest::qWait(100);
        latency.stop();
        qInfo("autosaving ResNet-18's weights: %s", qPrintable(latency.summary()));
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));

        // The file holds the project and its weights, bit for bit.
        const dl::Project back = dl::load_project(w.session()->autosavePath().toStdString());
        QCOMPARE(back.network.nodes.size(), saved.network.nodes.size());
        QCOMPARE(back.dataset_options.resize, int64_t{96});
        QCOMPARE(back.weights.size(), saved.weights.size());
        QVERIFY(back.weights == saved.weights);
        QVERIFY2(latency.ticks() > 20, qPrintable(latency.summary()));
        QVERIFY2(latency.percentile(0.99) < kMaxP99Ms, qPrintable(latency.summary()));
    }
};

QTEST_MAIN(TestResponsiveness)
#include "test_responsiveness.moc"
