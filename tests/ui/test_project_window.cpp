// The experiment as a file: save → open gives the same network, layout, data set, hyperparameters,
// metrics and trained weights; a damaged file changes nothing and says why in a dialog; autosave
// lets a crashed session be restored; the trained model exports in the engine's format; the model
// views fill while training; and Pause/Step/Resume/Stop work from the keyboard.
#include <QtTest>

#include <QApplication>
#include <QFileDialog>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include "engine/io/model_file.h"
#include "engine/io/network_json.h"
#include "engine/io/onnx_export.h"
#include "engine/io/project_file.h"
#include "engine/train/inspection.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/editor/network_document.h"
#include "ui/editor/network_view.h"
#include "ui/model_views/confusion_matrix_view.h"
#include "ui/model_views/decision_boundary_view.h"
#include "ui/model_views/model_snapshot.h"
#include "ui/model_views/predictions_view.h"
#include "ui/model_views/weight_histogram_view.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/qcp.h"
#include "ui/plots/training_plots.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/training/metrics_history.h"
#include "ui/training/training_controller.h"
#include "ui/window/main_window.h"
#include "ui/window/project_session.h"
#include "window_waits.h"

namespace {
std::string networkText(MainWindow& w) {
    return dl::network_to_string(w.document()->compactSpec());
}

// Trains the loaded experiment for `epochs` epochs and waits for the end.
bool trainFor(MainWindow& w, int epochs) {
    dl::TrainConfig config = w.hyperparameterPanel()->config();
    config.epochs = epochs;
    w.hyperparameterPanel()->setConfig(config);
    bool finished = false;
    auto c = QObject::connect(w.controller(), &TrainingController::finished, [&] { finished = true; });
    w.train();
    const bool ok = QTest::qWaitFor([&] { return finished; }, 60000);
    QObject::disconnect(c);
    return ok;
}

std::vector<float> predictions(dl::Network& net, const dl::Dataset& data) {
    dl::NoGradGuard no_grad;
    dl::ForwardContext ctx;
    return net.forward(dl::Var(data.features), ctx).value().to_vector();
}

// Accepts the modal message boxes that `action` opens and hands back the text of the last one. A
// timer looks for them without blocking: the action may run event loops of its own (a project is
// read on a worker while the window keeps repainting) before the box appears.
QString acceptMessageBoxesOf(const std::function<void()>& action) {
    QString text;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            text = box->text();
            box->accept();
        }
    });
    poll.start(10);
    action();
    return text;
}
// Runs `action`, which opens a file dialog, and chooses `path` in it.
void chooseFileIn(const std::function<void()>& action, const QString& path) {
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget())) {
            dialog->selectFile(path);
            QMetaObject::invokeMethod(dialog, "accept");  // a protected slot
        }
    });
    poll.start(10);
    action();
}

QAction* menuAction(MainWindow& w, const QString& menu, const QString& text) {
    for (QAction* top : w.menuBar()->actions())
        if (top->menu() && top->text() == menu)
            for (QAction* a : top->menu()->actions())
                if (a->text() == text) return a;
    return nullptr;
}

bool sameCounts(const std::vector<dl::Histogram>& a, const std::vector<dl::Histogram>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].counts != b[i].counts) return false;
    return true;
}

// The heights the Weights view draws: the bars ("now") and the dashed outline ("at initialization",
// without the two zeros that close it).
QVector<double> barHeights(const QCPBars* bars) {
    QVector<double> h;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) h << it->value;
    return h;
}
QVector<double> outlineHeights(const QCPGraph* outline) {
    QVector<double> h;
    for (auto it = outline->data()->constBegin(); it != outline->data()->constEnd(); ++it) h << it->value;
    return h.size() >= 2 ? h.mid(1, h.size() - 2) : h;
}

void writeJson(const QString& path, const nlohmann::json& j) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(j.dump(1)));
}
}  // namespace

class TestProjectWindow : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);  // file dialogs a test can fill in
        QCoreApplication::setOrganizationName(QStringLiteral("DiveLabTest"));
        QVERIFY(dir_.isValid());
        qputenv("DIVELAB_STATE_DIR", dir_.filePath(QStringLiteral("state")).toUtf8());
    }

    void saveThenOpenRestoresTheExperiment() {
        const QString path = dir_.filePath(QStringLiteral("spiral.divelab"));
        MainWindow a;
        QVERIFY(a.loadPreset(QStringLiteral("spiral-mlp")));
        a.document()->moveNodes({{QStringLiteral("fc1"), QPointF(-123, 45)}});  // layout is part of the project
        dl::TrainConfig config = a.hyperparameterPanel()->config();
        config.optimizer = dl::optimizer_defaults("adam");
        config.optimizer.lr = 0.01f;
        config.batch_size = 32;
        config.seed = 7;
        config.clip_norm = 5;
        a.hyperparameterPanel()->setConfig(config);
        QVERIFY(trainFor(a, 3));
        QVERIFY(a.isWindowModified());
        QString error;
        QVERIFY2(a.saveProjectFile(path, &error), qPrintable(error));
        QVERIFY(!a.isWindowModified());
        QVERIFY(a.windowTitle().startsWith(QStringLiteral("spiral.divelab")));
        QCOMPARE(a.session()->recentFiles().value(0), QFileInfo(path).absoluteFilePath());

        MainWindow b;
        QVERIFY2(b.openProjectFile(path, &error), qPrintable(error));
        QVERIFY(uitest::waitForModel(b));  // the data loads, then the weights are adopted, off this thread
        QCOMPARE(networkText(b), networkText(a));
        QCOMPARE(b.document()->node(QStringLiteral("fc1"))->x, -123.0);
        QCOMPARE(b.datasetPanel()->datasetName(), a.datasetPanel()->datasetName());
        QCOMPARE(b.datasetPanel()->options().size, a.datasetPanel()->options().size);
        QCOMPARE(b.datasetPanel()->options().noise, a.datasetPanel()->options().noise);
        const dl::TrainConfig got = b.hyperparameterPanel()->config();
        QCOMPARE(QString::fromStdString(got.optimizer.name), QStringLiteral("adam"));
        QCOMPARE(got.optimizer.lr, 0.01f);
        QCOMPARE(got.batch_size, int64_t{32});
        QCOMPARE(got.seed, uint64_t{7});
        QCOMPARE(got.clip_norm, 5.0f);
        QCOMPARE(got.epochs, 3);
        QCOMPARE(b.history()->epochs().size(), size_t{3});
        QCOMPARE(b.history()->epochs().back().test_acc, a.history()->epochs().back().test_acc);
        // The trained weights came back: same outputs, bit for bit, and the views show that model.
        QVERIFY(b.hasTrainedModel());
        const auto data = b.modelSnapshot()->data();
        QVERIFY(data != nullptr);
        QCOMPARE(predictions(*b.controller()->network(), data->test),
                 predictions(*a.controller()->network(), data->test));
        QVERIFY(b.modelSnapshot()->decisionGrid().has_value());
        QVERIFY(b.modelSnapshot()->confusion().has_value());
        QCOMPARE(b.modelSnapshot()->confusion()->accuracy(), a.history()->epochs().back().test_acc);
        QVERIFY(!b.isWindowModified());
        QVERIFY(b.windowTitle().startsWith(QStringLiteral("spiral.divelab")));
    }

    // A reopened project's Weights view still compares the trained weights with their initialization
    // (with or without the weights in the file), and its Gradient norms view shows the run again.
    void reopenedProjectShowsInitializationAndGradients() {
        MainWindow a;
        QVERIFY(a.loadPreset(QStringLiteral("spiral-mlp")));
        QVERIFY(trainFor(a, 3));
        QVERIFY(uitest::waitForModel(a));
        const std::vector<dl::Histogram> initial = a.modelSnapshot()->initialHistograms();
        const std::vector<dl::Histogram> latest = a.modelSnapshot()->histograms();
        QVERIFY(!initial.empty() && !sameCounts(initial, latest));  // training moved the weights
        QVERIFY(a.history()->layerCount() > 0);
        QString error;
        const QString withWeights = dir_.filePath(QStringLiteral("histograms.divelab"));
        QVERIFY2(a.saveProjectFile(withWeights, &error), qPrintable(error));
        QAction* includeWeights =
            menuAction(a, QStringLiteral("&File"), QStringLiteral("Include Trained &Weights in Projects"));
        QVERIFY(includeWeights && includeWeights->isChecked());
        includeWeights->trigger();
        const QString withoutWeights = dir_.filePath(QStringLiteral("histograms-only.divelab"));
        QVERIFY2(a.saveProjectFile(withoutWeights, &error), qPrintable(error));
        includeWeights->trigger();

        for (const QString& path : {withWeights, withoutWeights}) {
            MainWindow b;
            b.show();
            QVERIFY(QTest::qWaitForWindowExposed(&b));
            QVERIFY2(b.openProjectFile(path, &error), qPrintable(error));
            QVERIFY(uitest::waitForModel(b));
            QCOMPARE(b.hasTrainedModel(), path == withWeights);
            QVERIFY(sameCounts(b.modelSnapshot()->initialHistograms(), initial));
            QVERIFY(sameCounts(b.modelSnapshot()->histograms(), latest));
            QVERIFY(b.showView(QStringLiteral("weights")));
            b.weightView()->refreshNow();
            QVERIFY(b.weightView()->parameterCount() >= 6);
            QVERIFY(b.weightView()->initialOutline()->visible());
            QVERIFY(b.weightView()->plot()->legend->hasItemWithPlottable(b.weightView()->initialOutline()));
            QVERIFY(!barHeights(b.weightView()->bars()).isEmpty());
            QVERIFY(outlineHeights(b.weightView()->initialOutline()) != barHeights(b.weightView()->bars()));
            QVERIFY(b.weightView()->caption().contains(QStringLiteral("at initialization")));

            QCOMPARE(b.history()->layerCount(), a.history()->layerCount());
            QCOMPARE(b.history()->layerName(0), a.history()->layerName(0));
            b.gradientPlot()->refreshNow();
            QVERIFY(b.gradientPlot()->layerGraphCount() > 0);
            QVERIFY(b.gradientPlot()->layerGraph(0)->dataCount() > 10);
            QVERIFY(b.gradientPlot()->heatmap()->data()->keySize() > 1);
        }

        // Through File › Export Plots the reopened project writes its gradient plot too.
        MainWindow b;
        QVERIFY2(b.openProjectFile(withWeights, &error), qPrintable(error));
        QVERIFY(uitest::waitForModel(b));
        QAction* exportPlots = menuAction(b, QStringLiteral("&File"), QStringLiteral("Export &Plots…"));
        QVERIFY(exportPlots);
        QDir(dir_.filePath(QStringLiteral("reopened"))).mkpath(QStringLiteral("."));
        chooseFileIn([&] { exportPlots->trigger(); }, dir_.filePath(QStringLiteral("reopened/loss.png")));
        QVERIFY(QFileInfo::exists(dir_.filePath(QStringLiteral("reopened/loss.png"))));
        QVERIFY(QFileInfo::exists(dir_.filePath(QStringLiteral("reopened/loss-gradients.png"))));
        QVERIFY(QFileInfo::exists(dir_.filePath(QStringLiteral("reopened/loss-weights.png"))));
    }

    // A file saved before histograms and gradient norms were kept still opens; nothing claims to be
    // the initialization, and the export leaves out the empty gradient plot.
    void olderProjectsOpenWithoutViewHistories() {
        MainWindow a;
        QVERIFY(a.loadPreset(QStringLiteral("spiral-mlp")));
        QVERIFY(trainFor(a, 2));
        QString error;
        const QString saved = dir_.filePath(QStringLiteral("new-format.divelab"));
        QVERIFY2(a.saveProjectFile(saved, &error), qPrintable(error));
        QFile file(saved);
        QVERIFY(file.open(QIODevice::ReadOnly));
        nlohmann::json j = nlohmann::json::parse(file.readAll().toStdString());
        QVERIFY(j.contains("weight_histograms") && j.contains("gradient_norms"));
        j.erase("weight_histograms");
        j.erase("gradient_norms");
        const QString old = dir_.filePath(QStringLiteral("old-format.divelab"));
        writeJson(old, j);

        MainWindow b;
        b.show();
        QVERIFY(QTest::qWaitForWindowExposed(&b));
        QVERIFY2(b.openProjectFile(old, &error), qPrintable(error));
        QVERIFY(uitest::waitForModel(b));
        QVERIFY(b.hasTrainedModel());
        QVERIFY(!b.modelSnapshot()->histograms().empty());  // from the adopted weights
        QVERIFY(b.modelSnapshot()->initialHistograms().empty());
        b.weightView()->refreshNow();
        QVERIFY(!b.weightView()->initialOutline()->visible());
        QVERIFY(!b.weightView()->plot()->legend->hasItemWithPlottable(b.weightView()->initialOutline()));
        QCOMPARE(b.history()->layerCount(), 0);
        QDir(dir_.filePath(QStringLiteral("old"))).mkpath(QStringLiteral("."));
        QAction* exportPlots = menuAction(b, QStringLiteral("&File"), QStringLiteral("Export &Plots…"));
        QVERIFY(exportPlots);
        chooseFileIn([&] { exportPlots->trigger(); }, dir_.filePath(QStringLiteral("old/loss.png")));
        QVERIFY(QFileInfo::exists(dir_.filePath(QStringLiteral("old/loss.png"))));
        QVERIFY(!QFileInfo::exists(dir_.filePath(QStringLiteral("old/loss-gradients.png"))));
    }

    void editedNetworkIsSavedWithoutStaleWeights() {
        MainWindow w;
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        QVERIFY(trainFor(w, 1));
        QVERIFY(!w.currentProject().weights.empty());
        w.document()->setAttribute(QStringLiteral("fc1"), QStringLiteral("out_features"), dl::AttrValue(int64_t{7}));
        QVERIFY(w.currentProject().weights.empty());  // those weights belong to another network now
        w.networkView()->undoAction()->trigger();
        QVERIFY(!w.currentProject().weights.empty());
    }

    void damagedFilesChangeNothing() {
        MainWindow w;
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        QVERIFY(uitest::waitForData(w));  // the input shape comes with the data
        const std::string before = networkText(w);
        const dl::TrainConfig configBefore = w.hyperparameterPanel()->config();
        const int undoBefore = w.document()->undoStack()->count();

        const QString good = dir_.filePath(QStringLiteral("good.divelab"));
        QString error;
        QVERIFY(w.saveProjectFile(good, &error));
        QFile file(good);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        file.close();

        auto write = [this](const QString& name, const QByteArray& content) {
            const QString p = dir_.filePath(name);
            QFile f(p);
            f.open(QIODevice::WriteOnly);
            f.write(content);
            return p;
        };
        const struct {
            QString path, expect;
        } cases[] = {
            {write(QStringLiteral("truncated.divelab"), bytes.left(bytes.size() / 2)), QStringLiteral("damaged")},
            {write(QStringLiteral("binary.divelab"), QByteArray("\x89PNG\r\n\x1a\n\0\0", 10)),
             QStringLiteral("damaged")},
            {write(QStringLiteral("network.divelab"),
                   QByteArray::fromStdString(dl::network_to_string(w.document()->compactSpec()))),
             QStringLiteral("not a DiveLab project")},
            {dir_.filePath(QStringLiteral("missing.divelab")), QStringLiteral("missing.divelab")},
        };
        for (const auto& c : cases) {
            error.clear();
            QVERIFY2(!w.openProjectFile(c.path, &error), qPrintable(c.path));
            QVERIFY2(error.contains(c.expect, Qt::CaseInsensitive), qPrintable(error));
            QCOMPARE(networkText(w), before);
            QCOMPARE(w.hyperparameterPanel()->config().optimizer.lr, configBefore.optimizer.lr);
            QCOMPARE(w.document()->undoStack()->count(), undoBefore);
        }

        // Through the menu, the learner sees a dialog that names the file and says nothing changed.
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.session()->addRecentFile(cases[0].path);
        w.session()->setModified(false);
        auto* fileMenu = w.menuBar()->findChild<QMenu*>();
        QMenu* recent = nullptr;
        for (QMenu* m : w.menuBar()->findChildren<QMenu*>())
            if (m->title() == QStringLiteral("Open &Recent")) recent = m;
        QVERIFY(fileMenu && recent);
        Q_EMIT recent->aboutToShow();
        QAction* entry = recent->actions().value(0);
        QVERIFY(entry && entry->text() == QStringLiteral("truncated.divelab"));
        const QString shown = acceptMessageBoxesOf([&] { entry->trigger(); });
        QVERIFY2(shown.contains(QStringLiteral("truncated.divelab")) &&
                     shown.contains(QStringLiteral("Nothing was changed")),
                 qPrintable(shown));
        QCOMPARE(networkText(w), before);
    }

    void autosaveIsOfferedAfterACrash() {
        const QString stateDir = ProjectSession::stateDir();
        QDir(stateDir).removeRecursively();
        std::string edited;
        QString autosave;
        {
            MainWindow a;
            QVERIFY(a.loadPreset(QStringLiteral("spiral-mlp")));
            a.document()->setAttribute(QStringLiteral("fc1"), QStringLiteral("out_features"),
                                       dl::AttrValue(int64_t{19}));
            edited = networkText(a);
            QSignalSpy written(a.session(), &ProjectSession::autosaved);
            QSignalSpy failed(a.session(), &ProjectSession::autosaveFailed);
            a.session()->autosaveNow();
            QVERIFY(a.session()->isAutosaving());  // written on a worker
            QTRY_VERIFY(written.count() + failed.count() == 1);
            QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
            autosave = a.session()->autosavePath();
            QVERIFY(QFileInfo::exists(autosave));
            // A crash leaves the file of a process that is gone: pretend this one was.
            QVERIFY(QFile::copy(autosave, QDir(stateDir).filePath(QStringLiteral("autosave-2147483646.divelab"))));
        }
        QVERIFY(!QFileInfo::exists(autosave));  // a clean exit removes its own autosave

        MainWindow b;
        b.show();
        QVERIFY(QTest::qWaitForWindowExposed(&b));
        QVERIFY(b.recoveryBar()->isVisible());
        QVERIFY(networkText(b) != edited);
        auto* restore = b.recoveryBar()->findChild<QPushButton*>(QStringLiteral("restoreButton"));
        QVERIFY(restore);
        QTest::mouseClick(restore, Qt::LeftButton);
        QCOMPARE(networkText(b), edited);
        QVERIFY(!b.recoveryBar()->isVisible());
        QVERIFY(b.isWindowModified());  // recovered work is not saved in a file yet
        // The crashed session's copy goes once this session's own autosave holds the experiment.
        QTRY_VERIFY(!QFileInfo::exists(QDir(stateDir).filePath(QStringLiteral("autosave-2147483646.divelab"))));
        QVERIFY(QFileInfo::exists(b.session()->autosavePath()));
        QVERIFY(!ProjectSession::recoverable().has_value());
    }

    void exportsTheTrainedModel() {
        MainWindow w;
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        QString error;
        QVERIFY(!w.exportModelTo(dir_.filePath(QStringLiteral("untrained.json")), &error));
        QVERIFY2(error.contains(QStringLiteral("train")), qPrintable(error));
        QVERIFY(trainFor(w, 2));
        const QString path = dir_.filePath(QStringLiteral("spiral-model.json"));
        QVERIFY2(w.exportModelTo(path, &error), qPrintable(error));
        QVERIFY(QFileInfo::exists(dir_.filePath(QStringLiteral("spiral-model.safetensors"))));
        dl::LoadedModel loaded = dl::load_model(path.toStdString());
        const auto data = w.modelSnapshot()->data();
        QCOMPARE(predictions(loaded.network, data->test), predictions(*w.controller()->network(), data->test));

        // File › Export Trained Model as ONNX: the file holds the engine's serialization of the trained network.
        QVERIFY(w.findChild<QAction*>(QStringLiteral("actionExportOnnx"))->isEnabled());
        const QString onnx = dir_.filePath(QStringLiteral("spiral.onnx"));
        QVERIFY2(w.exportOnnxTo(onnx, &error), qPrintable(error));
        QFile onnxFile(onnx);
        QVERIFY(onnxFile.open(QIODevice::ReadOnly));
        QCOMPARE(onnxFile.readAll().toStdString(), dl::onnx_model_bytes(*w.controller()->network()));
        // … as a PyTorch project: model.py, train.py and the weights in a new folder; never into a non-empty one.
        const QString project = dir_.filePath(QStringLiteral("spiral-pytorch"));
        QVERIFY2(w.exportPytorchTo(project, &error), qPrintable(error));
        for (const char* file : {"model.py", "train.py", "safetensors_io.py", "weights.safetensors"})
            QVERIFY2(QFileInfo::exists(QDir(project).filePath(QLatin1String(file))), file);
        QFile model(QDir(project).filePath(QStringLiteral("model.py")));
        QVERIFY(model.open(QIODevice::ReadOnly));
        QVERIFY(model.readAll().contains("class Net(nn.Module)"));
        QVERIFY(!w.exportPytorchTo(project, &error));
        QVERIFY2(error.contains(QStringLiteral("spiral-pytorch")), qPrintable(error));

        // File › Open Trained Model: the DiveLab model, and the exported project's weights (the form its
        // train.py writes checkpoints in), come back with the same predictions.
        const auto expected = predictions(*w.controller()->network(), data->test);
        for (const QString& file : {path, QDir(project).filePath(QStringLiteral("weights.safetensors"))}) {
            MainWindow b;
            QVERIFY2(b.openTrainedModelFile(file, &error), qPrintable(error));
            QTRY_VERIFY_WITH_TIMEOUT(b.hasTrainedModel(), 20000);
            QCOMPARE(predictions(*b.controller()->network(), b.modelSnapshot()->data()->test), expected);
            QVERIFY(b.findChild<QAction*>(QStringLiteral("actionExportOnnx"))->isEnabled());
        }
        MainWindow c;
        QVERIFY(!c.openTrainedModelFile(dir_.filePath(QStringLiteral("missing.json")), &error));
        QVERIFY2(error.contains(QStringLiteral("missing.json")), qPrintable(error));
    }

    void modelViewsFillWhileTraining() {
        MainWindow w;
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        QVERIFY(trainFor(w, 3));
        // The views redraw on their own timer (at most 25 Hz), so give them a moment.
        QTRY_VERIFY(w.weightView()->parameterCount() >= 6);  // three Linear layers, weight and bias each
        QTRY_VERIFY(w.boundaryView()->hasBoundary());
        QTRY_VERIFY(w.confusionView()->hasMatrix());
        QVERIFY(!w.predictionsView()->isImageData());  // points, not images
        // The last epoch's matrix may arrive after an earlier one made hasMatrix() true.
        QTRY_COMPARE(w.confusionView()->matrix()->accuracy(), w.history()->epochs().back().test_acc);

        // Image data: the predictions grid marks mistakes (a few hundred Fashion-MNIST examples).
        w.datasetPanel()->setDatasetName(QStringLiteral("fashion-mnist"));
        if (!w.datasetPanel()->problem().isEmpty()) QSKIP("Fashion-MNIST is not installed");
        QVERIFY(w.loadPreset(QStringLiteral("mlp")));
        dl::DatasetOptions options = w.datasetPanel()->options();
        options.train_limit = 2000;
        options.test_limit = 300;
        w.datasetPanel()->setOptions(options);
        QVERIFY(trainFor(w, 1));
        QTRY_VERIFY(w.predictionsView()->isImageData());
        QTRY_VERIFY(w.predictionsView()->hasPredictions());
        const auto& predicted = w.modelSnapshot()->predictions();
        const auto& labels = w.modelSnapshot()->data()->test.labels;
        int wrong = 0;
        for (int i = 0; i < w.predictionsView()->shownCount(); ++i) wrong += predicted[i] != labels[i];
        QCOMPARE(w.predictionsView()->wrongCount(), wrong);
        // The confusion view redraws on its own timer: its matrix of this run may come a moment after the
        // predictions (an empty one in between must not be read).
        const auto confusionTotal = [&w] {
            const auto& matrix = w.confusionView()->matrix();
            return matrix ? matrix->total() : int64_t{-1};
        };
        QTRY_COMPARE(confusionTotal(), int64_t{300});
    }

    // Every view exports as PNG, PDF and SVG: the plots through QCustomPlot, the painted views
    // (predictions, confusion matrix) through QWidget::render.
    void viewsExportAsImages() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        QVERIFY(trainFor(w, 2));
        QTRY_VERIFY(w.boundaryView()->hasBoundary() && w.confusionView()->hasMatrix());
        const struct {
            const char* suffix;
            QByteArray magic;
        } formats[] = {
            {"png", QByteArray("\x89PNG\r\n\x1a\n")}, {"pdf", QByteArray("%PDF-")}, {"svg", QByteArray("<?xml")}};
        for (const auto& f : formats) {
            const QString base = dir_.filePath(QStringLiteral("view."));
            QString error;
            QVERIFY2(plot_export::save(w.weightView()->plot(), base + "weights." + f.suffix, &error),
                     qPrintable(error));
            QVERIFY2(plot_export::save(w.boundaryView()->plot(), base + "boundary." + f.suffix, &error),
                     qPrintable(error));
            QVERIFY2(plot_export::saveWidget(w.confusionView(), base + "confusion." + f.suffix, &error),
                     qPrintable(error));
            for (const char* view : {"weights.", "boundary.", "confusion."}) {
                QFile file(base + view + f.suffix);
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QByteArray bytes = file.readAll();
                QVERIFY2(bytes.startsWith(f.magic), qPrintable(file.fileName()));
                QVERIFY2(bytes.size() > 1000, qPrintable(file.fileName()));
            }
        }
        // Painted views are laid out at the figure's size, like the plots, whatever their tab's size
        // (the predictions tab was never shown), and keep their own size on screen.
        const QSize onScreen = w.predictionsView()->size();
        const QString grid = dir_.filePath(QStringLiteral("view.predictions.png"));
        QVERIFY(plot_export::saveWidget(w.predictionsView(), grid));
        QCOMPARE(QImage(grid).size(), plot_export::kExportSize * 2);
        QCOMPARE(QImage(dir_.filePath(QStringLiteral("view.confusion.png"))).size(), plot_export::kExportSize * 2);
        QCOMPARE(w.predictionsView()->size(), onScreen);
        QImage png(dir_.filePath(QStringLiteral("view.confusion.png")));
        QVERIFY(!png.isNull());
        QString error;
        QVERIFY(!plot_export::saveWidget(w.confusionView(), dir_.filePath(QStringLiteral("view.bmp")), &error));
        QVERIFY(error.contains(QStringLiteral(".png")));
    }

    void pauseStepResumeStopFromTheKeyboard() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        dl::TrainConfig config = w.hyperparameterPanel()->config();
        config.epochs = 1000;
        config.batch_size = 4;
        w.hyperparameterPanel()->setConfig(config);
        int64_t step = 0;
        connect(w.controller(), &TrainingController::batchesArrived, this,
                [&](const std::vector<dl::BatchEvent>& b) { step = b.back().step; });
        bool finished = false;
        dl::TrainSummary summary;
        connect(w.controller(), &TrainingController::finished, this, [&](const dl::TrainSummary& s) {
            finished = true;
            summary = s;
        });
        w.activateWindow();
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(step > 20, 10000);
        QTest::keyClick(&w, Qt::Key_F6);
        QCOMPARE(w.controller()->state(), TrainingController::State::Paused);
        QCOMPARE(w.pauseAction()->text(), QStringLiteral("&Resume"));
        QVERIFY(w.stepAction()->isEnabled());
        QTest::qWait(200);  // let the last batch before the pause arrive
        const int64_t pausedAt = step;
        QTest::qWait(200);
        QCOMPARE(step, pausedAt);
        QTest::keyClick(&w, Qt::Key_F10);  // one batch
        QTRY_COMPARE_WITH_TIMEOUT(step, pausedAt + 1, 5000);
        QTest::keyClick(&w, Qt::Key_F6);  // resume
        QCOMPARE(w.controller()->state(), TrainingController::State::Running);
        QTRY_VERIFY_WITH_TIMEOUT(step > pausedAt + 50, 10000);
        QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(finished, 10000);
        QCOMPARE(summary.outcome, dl::TrainSummary::Outcome::Stopped);
        QVERIFY(w.findChild<QWidget*>(QStringLiteral("runStatus"))
                    ->property("text")
                    .toString()
                    .startsWith(QStringLiteral("Stopped after ")));
        QVERIFY(w.trainAction()->isEnabled());
        QVERIFY(w.hasTrainedModel());  // the weights so far can be exported or saved
    }
};

QTEST_MAIN(TestProjectWindow)
#include "test_project_window.moc"
