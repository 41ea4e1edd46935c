// The sequence views (D2L ch. 8–9): the generated text keeps its history across epochs, the
// per-step gradient view follows the clipping setting, the gate view draws a heatmap for a typed
// sentence, and the training controller runs the views' network jobs off the GUI thread.
#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QScrollBar>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QtTest>

#include <thread>

#include "engine/optim/factory.h"
#include "toy_setup.h"
#include "ui/plots/qcp.h"
#include "ui/plots/training_plots.h"
#include "ui/sequence_views/gate_view.h"
#include "ui/sequence_views/generated_text_view.h"
#include "ui/sequence_views/sequence_inspector.h"
#include "ui/sequence_views/sequence_snapshot.h"
#include "ui/sequence_views/sequence_views.h"
#include "ui/sequence_views/sine_wave_view.h"
#include "ui/sequence_views/step_gradient_view.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/training/metrics_history.h"
#include "ui/training/training_controller.h"
#include "ui/window/main_window.h"
#include "window_waits.h"

using namespace dl;

namespace {

// A tiny character corpus with D2L's vocabulary layout (id 0 = "<unk>").
std::shared_ptr<const DataSplit> tinyCorpus() {
    auto corpus = std::make_shared<TextCorpus>();
    corpus->idx_to_token = {"<unk>", " ", "e", "t", "a", "i", "h", "r"};
    corpus->token_counts = {0, 5, 4, 3, 2, 2, 2, 1};
    for (char c : std::string("the time traveller the air")) {
        const auto it = std::find(corpus->idx_to_token.begin(), corpus->idx_to_token.end(), std::string(1, c));
        corpus->tokens.push_back(
            it == corpus->idx_to_token.end() ? 0 : static_cast<int32_t>(it - corpus->idx_to_token.begin()));
    }
    auto split = std::make_shared<DataSplit>();
    split->train.name = "tiny";
    split->train.text = corpus;
    split->train.num_steps = 5;
    split->train.num_classes = static_cast<int>(corpus->vocab_size());
    return split;
}

NetworkSpec lstmSpec() {
    NetworkSpec spec;
    spec.nodes = {{"onehot", "OneHot", {}, {}}, {"lstm", "LSTM", {}, {}}, {"out", "Linear", {}, {}}};
    return spec;
}

void typeInto(QWidget* field, const QString& text) {
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, text);
    QTest::keyClick(field, Qt::Key_Enter);
}

// A [T, H] tensor whose value at (t, h) is f(t, h).
template <typename F>
Tensor steps(int64_t t, int64_t h, F f) {
    Tensor out(Shape{t, h});
    for (int64_t i = 0; i < t; ++i)
        for (int64_t j = 0; j < h; ++j) out[i * h + j] = static_cast<float>(f(i, j));
    return out;
}

}  // namespace

class TestSequenceViews : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void generatedTextKeepsTheHistoryOfEveryEpoch() {
        SequenceSnapshot model;
        GeneratedTextView view;
        view.setModel(&model);
        view.resize(600, 300);
        view.show();
        QVERIFY(view.placeholderVisible());  // no language model yet
        QVERIFY(view.placeholder().contains(QStringLiteral("language models")));
        model.setData(tinyCorpus());
        QVERIFY(view.placeholderVisible());
        QVERIFY(view.placeholder().contains(QStringLiteral("time traveller")));

        model.addSample(1, QStringLiteral("time traveller "), QStringLiteral("eeeeeeeeeeee"));
        QVERIFY(!view.placeholderVisible());
        const QString afterEpoch1 = view.historyText();
        QVERIFY(afterEpoch1.contains(QStringLiteral("epoch 1: time traveller eeeeeeeeeeee")));
        model.addSample(2, QStringLiteral("time traveller "), QStringLiteral("the time the time"));
        const QString afterEpoch2 = view.historyText();
        QVERIFY(afterEpoch2 != afterEpoch1);
        QVERIFY(afterEpoch2.contains(QStringLiteral("epoch 1: time traveller eeeeeeeeeeee")));  // kept
        QVERIFY(afterEpoch2.indexOf(QStringLiteral("epoch 1:")) < afterEpoch2.indexOf(QStringLiteral("epoch 2:")));
        QCOMPARE(view.shownSamples(), 2);
        // Model text is shown as text, never as markup.
        model.addSample(3, QStringLiteral("<b>"), QStringLiteral("<i>x</i>"));
        QVERIFY(view.historyText().contains(QStringLiteral("epoch 3: <b><i>x</i>")));
        // A new run forgets the history.
        model.clear();
        QCOMPARE(view.shownSamples(), 0);
        QVERIFY(view.historyText().isEmpty());
    }

    void generationSettingsComeFromTheWidgets() {
        SequenceSnapshot model;
        GeneratedTextView view;
        view.setModel(&model);
        view.show();
        QVERIFY(!view.temperatureBox()->isEnabled());  // greedy by default
        typeInto(view.prefixEdit(), QStringLiteral("the medical man "));
        QCOMPARE(model.generation().prefix, std::string("the medical man "));
        typeInto(view.lengthBox(), QStringLiteral("80"));
        QCOMPARE(model.generation().length, 80);
        view.modeBox()->setFocus();
        QTest::keyClick(view.modeBox(), Qt::Key_Down);
        QVERIFY(!model.generation().greedy);
        QVERIFY(view.temperatureBox()->isEnabled());
        typeInto(view.temperatureBox(), QStringLiteral("0.5"));
        QCOMPARE(model.generation().temperature, 0.5f);
    }

    void stepGradientsShowTheProbeAndTheThreshold() {
        SequenceSnapshot model;
        model.setData(tinyCorpus());
        model.setNetwork(lstmSpec());
        QCOMPARE(model.stepGradientProbe(), std::string("lstm.step_grad_norm"));
        StepGradientView view;
        view.setModel(&model);
        view.resize(800, 320);
        view.show();
        QVERIFY(view.placeholderVisible());
        // [B = 2, T = 4]: row 0 is 1, 2, 3, 4; row 1 is 3, 4, 5, 6 -> means 2, 3, 4, 5.
        Tensor norms = Tensor::from({2, 4}, {1, 2, 3, 4, 3, 4, 5, 6});
        ProbeEvent other{"out", 1, 7, {}, Tensor(Shape{2, 4})};
        model.onProbes({other, ProbeEvent{"lstm.step_grad_norm", 1, 7, {}, norms}});
        model.onGradients({GradientEvent{1, 7, {}, 3.5f}});
        view.refreshNow();
        QVERIFY(!view.placeholderVisible());
        QCOMPARE(view.meanCurve()->dataCount(), 4);
        QCOMPARE(view.meanCurve()->data()->at(0)->value, 2.0);
        QCOMPARE(view.meanCurve()->data()->at(3)->value, 5.0);
        QCOMPARE(view.meanCurve()->data()->at(3)->key, 4.0);
        QCOMPARE(view.heatmap()->data()->keySize(), 4);
        QCOMPARE(view.heatmap()->data()->valueSize(), 2);
        QCOMPARE(view.heatmap()->data()->cell(3, 1), 6.0);
        QCOMPARE(view.totalCurve()->dataCount(), 1);
        QVERIFY(!view.thresholdShown());  // clipping off
        QVERIFY(view.caption().contains(QStringLiteral("clipping is off")));
        model.setClipThreshold(1.0f);
        view.refreshNow();
        QVERIFY(view.thresholdShown());
        QCOMPARE(view.meanThreshold()->data()->at(0)->value, 1.0);
        QVERIFY(view.caption().contains(QStringLiteral("θ = 1")));
        // An older probe never replaces a newer one.
        model.onProbes({ProbeEvent{"lstm.step_grad_norm", 1, 3, {}, Tensor(Shape{2, 4})}});
        QCOMPARE(model.stepNormsStep(), int64_t(7));
    }

    // The main window's clipping field (hyperparameter panel) is the toggle: off removes θ from the
    // per-step gradient view, on draws it again at the typed value.
    void clippingToggleInThePanelChangesTheStepGradientView() {
        MainWindow w;
        QVERIFY(uitest::waitForData(w));
        auto* clip = w.hyperparameterPanel()->findChild<QAbstractSpinBox*>(QStringLiteral("clip"));
        QVERIFY(clip);
        StepGradientView* view = w.sequenceViews()->stepGradientView();
        typeInto(clip, QStringLiteral("1"));
        view->refreshNow();
        QVERIFY(view->thresholdShown());
        QCOMPARE(w.sequenceViews()->model()->clipThreshold(), 1.0f);
        typeInto(clip, QStringLiteral("0"));
        view->refreshNow();
        QVERIFY(!view->thresholdShown());
        typeInto(clip, QStringLiteral("2.5"));
        view->refreshNow();
        QVERIFY(view->thresholdShown());
        QCOMPARE(view->meanThreshold()->data()->at(0)->value, 2.5);
        // The check box turns clipping off and back on at the same θ.
        auto* clipOn = w.hyperparameterPanel()->findChild<QCheckBox*>(QStringLiteral("clipOn"));
        QVERIFY(clipOn && clipOn->isChecked());
        QTest::mouseClick(clipOn, Qt::LeftButton, {}, QPoint(4, clipOn->height() / 2));
        view->refreshNow();
        QVERIFY(!clipOn->isChecked());
        QCOMPARE(w.hyperparameterPanel()->config().clip_norm, 0.0f);
        QVERIFY(!view->thresholdShown());
        QTest::mouseClick(clipOn, Qt::LeftButton, {}, QPoint(4, clipOn->height() / 2));
        view->refreshNow();
        QCOMPARE(w.hyperparameterPanel()->config().clip_norm, 2.5f);
        QVERIFY(view->thresholdShown());
        // The sequence tabs are hidden for image or toy data, and listed for language models.
        QTabWidget* tabs = w.viewTabs();
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(view)));
        w.sequenceViews()->setData(tinyCorpus());
        QVERIFY(tabs->isTabVisible(tabs->indexOf(view)));
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(w.sequenceViews()->sineView())));
        QVERIFY(w.showView(QStringLiteral("stepgradients")));
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(view));
    }

    void gateViewShowsAHeatmapForATypedSentence() {
        SequenceSnapshot model;
        model.setData(tinyCorpus());
        model.setNetwork(lstmSpec());
        GateView view;
        view.setModel(&model);
        view.resize(800, 300);
        view.show();
        QVERIFY(view.placeholderVisible());
        typeInto(view.sentenceEdit(), QStringLiteral("the ate"));
        QCOMPARE(model.sentence(), QStringLiteral("the ate"));
        // What the inspector's job delivers for that sentence: 7 characters, H = 3.
        sequence_inspection::GateTrace trace;
        trace.tokens = sequence_inspection::tokenize(*model.data()->train.text, model.sentence().toStdString());
        QCOMPARE(int(trace.tokens.size()), 7);
        trace.values["gates.input"] = steps(7, 3, [](int64_t t, int64_t) { return t == 3 ? 1.0 : 0.0; });  // the space
        trace.values["gates.forget"] = steps(7, 3, [](int64_t, int64_t h) { return h / 2.0; });
        trace.values["gates.output"] = steps(7, 3, [](int64_t, int64_t) { return 0.5; });
        trace.values["cell"] = steps(7, 3, [](int64_t t, int64_t h) { return t * 0.1 - h; });
        trace.values["hidden"] = steps(7, 3, [](int64_t t, int64_t h) { return h == 1 && t == 3 ? 0.9 : -0.2; });
        model.setGates(trace);
        view.refreshNow();
        QVERIFY(!view.placeholderVisible());
        QCOMPARE(view.columnLabels(), (QStringList{"t", "h", "e", QStringLiteral("␣"), "a", "t", "e"}));
        QCOMPARE(view.rowLabels(), (QStringList{"input gate", "forget gate", "output gate", "cell"}));
        QCPColorMapData* cells = view.heatmap()->data();
        QCOMPARE(cells->keySize(), 7);
        QCOMPARE(cells->valueSize(), 4);
        QCOMPARE(cells->cell(3, 0), 1.0);  // input gate open on the space
        QCOMPARE(cells->cell(2, 0), 0.0);
        QCOMPARE(cells->cell(0, 1), 0.5);  // forget gate: mean of 0, 0.5, 1
        // Single units of the hidden state: unit 1 fires on the space.
        view.rowsBox()->setFocus();
        while (!view.rowsBox()->currentText().contains(QStringLiteral("hidden")))
            QTest::keyClick(view.rowsBox(), Qt::Key_Down);
        view.refreshNow();
        QCOMPARE(view.rowLabels(), (QStringList{"unit 0", "unit 1", "unit 2"}));
        QCOMPARE(view.heatmap()->data()->cell(3, 1), 0.9f);
        typeInto(view.firstUnitBox(), QStringLiteral("1"));
        view.refreshNow();
        QCOMPARE(view.rowLabels(), (QStringList{"unit 1", "unit 2"}));
    }

    void tokenizeMapsTheSentenceToCorpusTokens() {
        const auto data = tinyCorpus();
        QCOMPARE(sequence_inspection::tokenize(*data->train.text, "Hé a"),
                 (std::vector<std::string>{"h", "é", " ", "a"}));
        TextCorpus words = *data->train.text;
        words.token_kind = "word";
        QCOMPARE(sequence_inspection::tokenize(words, " The  time\ttraveller "),
                 (std::vector<std::string>{"the", "time", "traveller"}));
    }

    void sineViewDrawsTheSeriesAndTheForecasts() {
        SequenceSnapshot model;
        SineWaveView view;
        view.setModel(&model);
        view.show();
        QVERIFY(view.placeholderVisible());
        auto split = std::make_shared<DataSplit>();
        split->train.name = "sine";
        split->train.features = Tensor(Shape{10, 4});
        split->train.targets = Tensor(Shape{10, 1});
        model.setData(split);
        QVERIFY(model.isSineSeries());
        sequence_inspection::SineForecast f;
        for (int t = 0; t < 100; ++t) f.time.push_back(t), f.series.push_back(std::sin(0.1 * t));
        f.one_step_time = {4, 5, 6};
        f.one_step = {0.1, 0.2, 0.3};
        f.k_step[4] = {{7, 8}, {0.5, 0.4}};
        f.k_step[64] = {{70}, {0.0}};
        model.setSine(f);
        view.refreshNow();
        QVERIFY(!view.placeholderVisible());
        QCOMPARE(view.seriesGraph()->dataCount(), 100);
        QCOMPARE(view.oneStepGraph()->dataCount(), 3);
        QCOMPARE(view.kStepGraph(4)->dataCount(), 2);
        QCOMPARE(view.kStepGraph(16)->dataCount(), 0);
        QCOMPARE(view.kStepGraph(64)->dataCount(), 1);
    }

    // End to end: The Time Machine and the lstm preset, a few epochs: the perplexity falls, the text
    // generated after each epoch changes, and the gradient and gate views fill from the real model.
    void lstmOnTheTimeMachineEndToEnd() {
        MainWindow w;
        w.show();
        QVERIFY(w.loadPreset(QStringLiteral("lstm")));
        QVERIFY(uitest::waitForData(w));
        SequenceViews* views = w.sequenceViews();
        QVERIFY2(views->model()->isLanguageModel(), qPrintable(w.bannerText()));
        QTabWidget* tabs = w.viewTabs();
        QVERIFY(tabs->isTabVisible(tabs->indexOf(views->textView())));
        QVERIFY(!tabs->isTabVisible(tabs->indexOf(views->sineView())));
        QCOMPARE(w.hyperparameterPanel()->config().clip_norm, 1.0f);  // the preset's θ
        auto* epochs = w.hyperparameterPanel()->findChild<QSpinBox*>(QStringLiteral("epochs"));
        typeInto(epochs, QStringLiteral("20"));
        QVERIFY(w.showView(QStringLiteral("stepgradients")));  // shown: its probe is requested
        w.train();
        QTRY_VERIFY_WITH_TIMEOUT(w.controller()->state() == TrainingController::State::Finished, 240000);
        QTRY_VERIFY_WITH_TIMEOUT(views->model()->samples().size() >= 20, 30000);
        const auto& history = w.history()->epochs();
        QCOMPARE(int(history.size()), 20);
        QVERIFY2(history.back().perplexity < 0.9 * history.front().perplexity,
                 qPrintable(QStringLiteral("%1 -> %2").arg(history.front().perplexity).arg(history.back().perplexity)));
        const auto& samples = views->model()->samples();
        QCOMPARE(samples.front().epoch, 1);
        QCOMPARE(samples.back().epoch, 20);
        QVERIFY2(samples.front().text != samples.back().text, qPrintable(samples.back().text));
        QCOMPARE(samples.back().text.size(), 50);  // characters: the default length
        w.lossPlot()->refreshNow();                // redraws are throttled: the last epoch may be pending
        QVERIFY(w.lossPlot()->perplexityGraph()->visible());
        QCOMPARE(w.lossPlot()->perplexityGraph()->dataCount(), 20);
        // The per-step gradients of the real LSTM: [32, 35], and the global norm of every step.
        StepGradientView* steps = views->stepGradientView();
        steps->refreshNow();
        QVERIFY(!steps->placeholderVisible());
        QCOMPARE(views->model()->stepNorms().size(1), int64_t(35));
        QCOMPARE(steps->meanCurve()->dataCount(), 35);
        QVERIFY(steps->thresholdShown());
        QCOMPARE(views->model()->totalNorms().samples(), history.size() * w.history()->runInfo().batches_per_epoch);
        // The gates along the default sentence.
        QTRY_VERIFY_WITH_TIMEOUT(views->model()->gates().has_value(), 30000);
        GateView* gates = views->gateView();
        gates->refreshNow();
        QVERIFY(!gates->placeholderVisible());
        QCOMPARE(gates->rowLabels(), (QStringList{"input gate", "forget gate", "output gate", "cell"}));
        QCOMPARE(gates->heatmap()->data()->keySize(), int(views->model()->sentence().size()));
        // A new sentence typed after the run is run on the job thread.
        QVERIFY(w.showView(QStringLiteral("gates")));
        typeInto(gates->sentenceEdit(), QStringLiteral("hello world"));
        QTRY_COMPARE_WITH_TIMEOUT(gates->heatmap()->data()->keySize(), 11, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(gates->columnLabels().at(5), QStringLiteral("␣"), 10000);
        // So is a new prefix: one more sample, as of epoch 20.
        QVERIFY(w.showView(QStringLiteral("generated")));
        const int before = samples.size();
        typeInto(views->textView()->prefixEdit(), QStringLiteral("the "));
        QTRY_COMPARE_WITH_TIMEOUT(views->model()->samples().size(), before + 1, 10000);
        QCOMPARE(views->model()->samples().back().prefix, QStringLiteral("the "));
        QCOMPARE(views->model()->samples().back().epoch, 20);
    }

    // The views' network jobs: at each epoch's end on the training thread, once on the job thread
    // when idle, delivered on the GUI thread; probes arrive only when requested.
    void controllerRunsNetworkJobsOffTheGuiThread() {
        auto data = uitest::spiral(400);
        TrainingController c;
        const auto gui = std::this_thread::get_id();
        std::vector<int> delivered;
        std::vector<std::thread::id> jobThreads;
        bool deliveredOnGui = true;
        std::mutex mutex;
        c.setEpochJob("test", [&](Network& net, const DataSplit&, int epoch) -> std::function<void()> {
            {
                std::lock_guard lock(mutex);
                jobThreads.push_back(std::this_thread::get_id());
            }
            const int64_t params = net.parameter_count();
            return [&, epoch, params] {
                deliveredOnGui = deliveredOnGui && std::this_thread::get_id() == gui && params > 0;
                delivered.push_back(epoch);
            };
        });
        std::vector<std::string> probeNames;
        connect(&c, &TrainingController::probesArrived, this, [&](const std::vector<ProbeEvent>& probes) {
            for (const ProbeEvent& p : probes) probeNames.push_back(p.name);
        });
        ProbeRequest request;
        request.names = {"fc1"};
        c.setProbeRequest(request);
        bool finished = false;
        connect(&c, &TrainingController::finished, this, [&] { finished = true; });
        TrainConfig config;
        config.epochs = 3;
        config.batch_size = 32;
        config.optimizer = optimizer_defaults("adam");
        c.start(uitest::mlp(8, data->train.num_classes), data, config);
        QTRY_VERIFY_WITH_TIMEOUT(finished, 60000);
        QCOMPARE(delivered, (std::vector<int>{1, 2, 3}));
        QVERIFY(deliveredOnGui);
        for (const auto& id : jobThreads) QVERIFY(id != gui);
        QVERIFY(!probeNames.empty());
        QVERIFY(std::all_of(probeNames.begin(), probeNames.end(), [](const std::string& n) { return n == "fc1"; }));
        // Idle: once, on the job thread, with the last epoch.
        std::thread::id idleThread;
        int idleEpoch = -1;
        c.runOnNetwork([&](Network&, const DataSplit&, int epoch) -> std::function<void()> {
            idleThread = std::this_thread::get_id();
            return [&, epoch] { idleEpoch = epoch; };
        });
        QTRY_COMPARE_WITH_TIMEOUT(idleEpoch, 3, 10000);
        QVERIFY(idleThread != gui);
    }
};

QTEST_MAIN(TestSequenceViews)
#include "test_sequence_views.moc"
