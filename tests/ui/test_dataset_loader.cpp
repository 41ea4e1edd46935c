// Data sets load on a worker: progress climbs to the end, edits within the delay load once, the
// newest request wins over a running load, going back to the loaded data cancels a load, failures
// are reported; and in the window, Train pressed while the data loads starts when it arrives.
#include <QtTest>

#include <QStandardPaths>
#include <QStatusBar>

#include "engine/data/idx.h"
#include "ui/dataset/dataset_loader.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/dataset/sample_image.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/training/training_controller.h"
#include "ui/window/main_window.h"
#include "window_waits.h"

namespace {
bool fashionInstalled() {
    const QDir d(QString::fromStdString(dl::fashion_mnist_dir()));
    return d.exists(QStringLiteral("t10k-images-idx3-ubyte.gz")) || d.exists(QStringLiteral("t10k-images-idx3-ubyte"));
}

DatasetLoader::Request spiral(int64_t size) {
    DatasetLoader::Request r{QStringLiteral("spiral"), {}};
    r.options.size = size;
    return r;
}

DatasetLoader::Request fashion(int64_t resize, int64_t trainLimit = 0) {
    DatasetLoader::Request r{QStringLiteral("fashion-mnist"), {}};
    r.options.resize = resize;
    r.options.train_limit = trainLimit;
    return r;
}

int64_t examples(const std::shared_ptr<const dl::DataSplit>& data) {
    return data ? data->train.size() + data->test.size() : -1;
}

// Everything a loader reports, in order.
struct Reports {
    std::vector<double> progress;
    std::vector<std::shared_ptr<const dl::DataSplit>> loaded;
    QStringList failed;
    explicit Reports(DatasetLoader& loader) {
        QObject::connect(&loader, &DatasetLoader::progressChanged, [this](double f) { progress.push_back(f); });
        QObject::connect(&loader, &DatasetLoader::loaded,
                         [this](const std::shared_ptr<const dl::DataSplit>& d) { loaded.push_back(d); });
        QObject::connect(&loader, &DatasetLoader::failed, [this](const QString& e) { failed << e; });
    }
};
}  // namespace

class TestDatasetLoader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("DiveLabTest"));
    }

    void progressClimbsToTheEndAndTheDataArrives() {
        if (!fashionInstalled()) QSKIP("Fashion-MNIST is not installed");
        DatasetLoader loader;
        Reports r(loader);
        loader.requestNow(fashion(40));
        QVERIFY(loader.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!loader.isBusy(), 120000);
        QCOMPARE(r.loaded.size(), size_t{1});
        QCOMPARE(r.loaded[0]->train.size(), int64_t{60000});
        QCOMPARE(r.loaded[0]->train.sample_shape(), (dl::Shape{1, 40, 40}));  // resized per batch
        // The views show an example as the network reads it: 40 × 40, the resized pixels.
        const dl::Dataset& test = r.loaded[0]->test;
        const QImage shown = sampleImage(test, 7);
        QCOMPARE(shown.size(), QSize(40, 40));
        const dl::Tensor seen = dl::gather_examples(test, {7});
        QCOMPARE(int(shown.pixelColor(13, 21).red()), int(std::clamp(seen[21 * 40 + 13], 0.0f, 1.0f) * 255.0f + 0.5f));
        QCOMPARE(loader.data(), r.loaded[0]);
        QVERIFY(std::is_sorted(r.progress.begin() + 1, r.progress.end()));  // after the 0 of the request
        const auto partway =
            std::count_if(r.progress.begin(), r.progress.end(), [](double f) { return f > 0 && f < 1; });
        QVERIFY2(partway >= 3, qPrintable(QString::number(partway)));
        QCOMPARE(r.progress.back(), 1.0);
    }

    void editsWithinTheDelayLoadOnce() {
        DatasetLoader loader;
        Reports r(loader);
        for (int64_t size : {500, 600, 700}) loader.requestSoon(spiral(size));
        QVERIFY(loader.isBusy());
        QTest::qWait(DatasetLoader::kDelayMs / 2);
        QVERIFY(r.loaded.empty());  // still waiting for the edits to pause
        QTRY_VERIFY(!loader.isBusy());
        QCOMPARE(r.loaded.size(), size_t{1});
        QCOMPARE(examples(r.loaded[0]), int64_t{700});
        loader.requestNow(spiral(700));  // the data already loaded: nothing to do
        QVERIFY(!loader.isBusy());
        QCOMPARE(r.loaded.size(), size_t{1});
    }

    void newestRequestWinsOverARunningLoad() {
        if (!fashionInstalled()) QSKIP("Fashion-MNIST is not installed");
        DatasetLoader loader;
        Reports r(loader);
        loader.requestNow(fashion(64));
        QTRY_VERIFY(loader.progress() > 0);  // running
        loader.requestNow(spiral(300));
        QTRY_VERIFY_WITH_TIMEOUT(!loader.isBusy(), 60000);
        QCOMPARE(r.loaded.size(), size_t{1});  // the resized set never arrives
        QCOMPARE(examples(r.loaded[0]), int64_t{300});
        QCOMPARE(examples(loader.data()), int64_t{300});
    }

    void goingBackToTheLoadedDataCancelsTheLoad() {
        DatasetLoader loader;
        Reports r(loader);
        loader.requestNow(spiral(400));
        QTRY_VERIFY(!loader.isBusy());
        const auto first = loader.data();
        loader.requestNow(fashionInstalled() ? fashion(64) : spiral(9000));
        QVERIFY(loader.isBusy());
        loader.requestSoon(spiral(400));  // changed back before it finished
        QVERIFY(!loader.isBusy());
        QTest::qWait(500);
        QCOMPARE(r.loaded.size(), size_t{1});
        QCOMPARE(loader.data(), first);
    }

    void failuresAreReported() {
        DatasetLoader loader;
        Reports r(loader);
        loader.requestNow({QStringLiteral("/no/such/table.csv"), {}});
        QTRY_VERIFY(!loader.isBusy());
        QCOMPARE(r.failed.size(), 1);
        QVERIFY2(r.failed[0].startsWith(QStringLiteral("Could not load /no/such/table.csv")), qPrintable(r.failed[0]));
        QVERIFY(!loader.data());
        loader.reject(QStringLiteral("Choose a CSV file (Browse…)."));
        QCOMPARE(r.failed.size(), 2);
        QCOMPARE(r.failed[1], QStringLiteral("Choose a CSV file (Browse…)."));
        QVERIFY(r.loaded.empty());
    }

    // The learner presses Train (F5) while the data set still loads: the window says it will start,
    // Train waits disabled, and training starts on the new data when it arrives.
    void trainPressedWhileLoadingStartsWhenTheDataArrives() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        QVERIFY(uitest::waitForData(w));
        dl::DatasetOptions bigger = w.datasetPanel()->options();
        bigger.size = 3000;
        w.datasetPanel()->setOptions(bigger);  // as an edit: loads after a short pause
        QVERIFY(w.dataLoader()->isBusy());
        QVERIFY2(w.trainAction()->isEnabled(), qPrintable(w.trainAction()->toolTip()));
        bool started = false;
        dl::RunInfo run;
        connect(w.controller(), &TrainingController::runStarted, this, [&](const dl::RunInfo& info) {
            started = true;
            run = info;
        });
        w.activateWindow();
        QTest::keyClick(&w, Qt::Key_F5);
        QVERIFY(w.waitingToTrain());
        QVERIFY(!w.trainAction()->isEnabled());
        QCOMPARE(w.trainAction()->toolTip(), QStringLiteral("Train will start when the data is loaded."));
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("when the data is loaded")));
        QVERIFY(w.stopAction()->isEnabled());  // Stop cancels the wait
        QTRY_VERIFY_WITH_TIMEOUT(started, 30000);
        QVERIFY(!w.waitingToTrain());
        QCOMPARE(run.train_examples + run.test_examples, int64_t{3000});
        QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(w.controller()->state() == TrainingController::State::Finished, 30000);

        // Stop (Shift+F5) while waiting: nothing starts when the data arrives.
        bigger.size = 2000;
        w.datasetPanel()->setOptions(bigger);
        started = false;
        QTest::keyClick(&w, Qt::Key_F5);
        QVERIFY(w.waitingToTrain());
        QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);
        QVERIFY(!w.waitingToTrain());
        QVERIFY(uitest::waitForData(w));
        QTest::qWait(200);
        QVERIFY(!started);
        QVERIFY(w.trainAction()->isEnabled());
    }
};

QTEST_MAIN(TestDatasetLoader)
#include "test_dataset_loader.moc"
