// The BERT pretraining views (issue 14): fill in the blank, live, and the token embeddings in 2-D. bert-tiny trains
// on a few dozen pretraining examples of The Time Machine in a real window (a TrainingController with the views'
// tabs, as the main window holds them): the blanks' guesses arrive after each epoch from later and later steps, a
// clicked word chip becomes a second blank, an edited sentence is answered by the finished model, and the embedding
// projection (the table, and its change since the run began) moves from one epoch to the next. The PCA is checked on
// points whose answer is known.
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtTest>

#include <cmath>
#include <numeric>
#include <random>

#include "engine/core/error.h"
#include "engine/data/registry.h"
#include "engine/io/presets.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "ui/attention_views/attention_heatmap_view.h"
#include "ui/attention_views/attention_snapshot.h"
#include "ui/bert_views/bert_views.h"
#include "ui/bert_views/blank_guesses_view.h"
#include "ui/bert_views/embedding_projection.h"
#include "ui/bert_views/embedding_projection_view.h"
#include "ui/bert_views/embedding_snapshot.h"
#include "ui/bert_views/fill_blank_inspection.h"
#include "ui/bert_views/fill_blank_snapshot.h"
#include "ui/bert_views/fill_blank_view.h"
#include "ui/bert_views/word_chips.h"
#include "ui/plots/qcp.h"
#include "ui/training/training_controller.h"

namespace {

std::shared_ptr<const dl::DataSplit> pretrainingData(int64_t examples) {
    dl::DatasetOptions options;
    options.bert = dl::BertTask::Pretraining;
    options.train_limit = examples;
    return std::make_shared<const dl::DataSplit>(dl::load_dataset("timemachine", options));
}

dl::NetworkSpec bertTiny(const dl::DataSplit& data) {
    dl::NetworkSpec spec = dl::load_preset("bert-tiny");
    dl::fit_to_vocabulary(spec, data.train.bert->size());
    return spec;
}

dl::TrainConfig pretrainingConfig(int epochs) {
    dl::TrainConfig config;
    config.epochs = epochs;
    config.batch_size = 16;
    config.optimizer.name = "adam";
    config.optimizer.lr = 0.01f;
    config.threads = 1;
    return config;
}

// The training window's tabs with the BERT views, on screen.
struct Window {
    QWidget top;
    TrainingController controller;
    BertViews views{&controller};
    QTabWidget* tabs = new QTabWidget;
    Window() {
        (new QVBoxLayout(&top))->addWidget(tabs);
        tabs->addTab(new QWidget, QStringLiteral("Loss"));
        views.addTabs(tabs);
        top.resize(1300, 700);
        top.show();
    }
    void start(const std::shared_ptr<const dl::DataSplit>& data, int epochs) {
        controller.start(bertTiny(*data), data, pretrainingConfig(epochs));
        views.clear();  // as the main window does after starting a run
    }
    bool waitFinished() {
        return QTest::qWaitFor([&] { return controller.state() == TrainingController::State::Finished; }, 300000);
    }
};

double variance(const std::vector<double>& v) {
    double mean = 0, sum = 0;
    for (double x : v) mean += x / static_cast<double>(v.size());
    for (double x : v) sum += (x - mean) * (x - mean);
    return sum / static_cast<double>(v.size() - 1);
}

// b minus its projection on a (both centred): the two share no sample covariance.
void decorrelate(std::vector<double>& b, const std::vector<double>& a) {
    const auto n = static_cast<double>(a.size());
    const double meanA = std::accumulate(a.begin(), a.end(), 0.0) / n,
                 meanB = std::accumulate(b.begin(), b.end(), 0.0) / n;
    double ab = 0, aa = 0;
    for (size_t i = 0; i < a.size(); ++i) ab += (a[i] - meanA) * (b[i] - meanB), aa += (a[i] - meanA) * (a[i] - meanA);
    for (size_t i = 0; i < a.size(); ++i) b[i] -= ab / aa * (a[i] - meanA);
}

}  // namespace

class TestBertViews : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Points a·u + b·v (+ an offset) in 6-D with a much wider than b: the first component carries a's share of the
    // variance, the second b's, nothing is left for the other four, and the coordinates are a and b centred.
    void pcaOfARankTwoSetOrdersItsComponents() {
        std::mt19937 rng(7);
        std::normal_distribution<double> wide(0.0, 3.0), narrow(0.0, 1.0);
        const int n = 200, d = 6;
        const double u[d] = {0.6, 0.8, 0, 0, 0, 0}, v[d] = {0, 0, 0, 0, 1, 0};
        std::vector<double> a(n), b(n);
        for (int i = 0; i < n; ++i) a[static_cast<size_t>(i)] = wide(rng), b[static_cast<size_t>(i)] = narrow(rng);
        decorrelate(b, a);  // else the components mix a little of b into the first one
        dl::Tensor points({n, d});
        for (int i = 0; i < n; ++i) {
            for (int j = 0; j < d; ++j)
                points[i * d + j] =
                    static_cast<float>(a[static_cast<size_t>(i)] * u[j] + b[static_cast<size_t>(i)] * v[j] + 5.0 - j);
        }
        const embedding_projection::Projection p = embedding_projection::project(points);
        const double va = variance(a), vb = variance(b);
        QVERIFY(p.explained[0] > p.explained[1]);
        QVERIFY(std::abs(p.explained[0] - va / (va + vb)) < 1e-3);
        QVERIFY(std::abs(p.explained[1] - vb / (va + vb)) < 1e-3);
        QVERIFY(std::abs(variance(p.x) - va) < 1e-3 * va);
        QVERIFY(std::abs(variance(p.y) - vb) < 1e-3 * vb);
        const double meanA = std::accumulate(a.begin(), a.end(), 0.0) / n;
        const double sign = p.x[0] * (a[0] - meanA) > 0 ? 1 : -1;  // an eigenvector's sign is arbitrary
        for (int i = 0; i < n; ++i)
            QVERIFY(std::abs(sign * p.x[static_cast<size_t>(i)] - (a[static_cast<size_t>(i)] - meanA)) < 1e-3);
    }

    void alignedSignsDoNotMirrorThePicture() {
        embedding_projection::Projection before, after;
        before.x = {1, 2, -3}, before.y = {0.5, -1, 0.5};
        after.x = {-1.1, -2, 2.9}, after.y = {0.4, -1.2, 0.7};  // x mirrored (as a new eigenvector may be), y not
        embedding_projection::align_signs(after, before);
        QCOMPARE(after.x, (std::vector<double>{1.1, 2, -2.9}));
        QCOMPARE(after.y, (std::vector<double>{0.4, -1.2, 0.7}));
        bool refused = false;
        try {
            embedding_projection::project(dl::Tensor(dl::Shape{5}));  // a vector is no embedding matrix
        } catch (const dl::InputError&) {
            refused = true;
        }
        QVERIFY(refused);
    }

    // A random table plus a change along one direction: the table's own PCA is dominated by the noise, the change's
    // is that direction alone (all of the variance, coordinates the change's sizes centred).
    void theChangeSinceTheStartIsProjectedWithoutTheInitialTable() {
        std::mt19937 rng(3);
        std::normal_distribution<float> noise(0.0f, 1.0f);
        const int n = 60, d = 5;
        dl::Tensor initial({n, d}), now({n, d});
        std::vector<double> sizes(n);
        for (int i = 0; i < n; ++i) {
            sizes[static_cast<size_t>(i)] = 0.05 * (i % 7);
            for (int j = 0; j < d; ++j) {
                initial[i * d + j] = noise(rng);
                now[i * d + j] = initial[i * d + j] + static_cast<float>(j == 2 ? sizes[static_cast<size_t>(i)] : 0.0);
            }
        }
        const embedding_projection::Projection table = embedding_projection::project(now);
        const embedding_projection::Projection change = embedding_projection::project(now, &initial);
        QVERIFY(table.explained[0] < 0.5);
        QVERIFY(change.explained[0] > 0.999);
        const double mean = std::accumulate(sizes.begin(), sizes.end(), 0.0) / n;
        const double sign = change.x[1] * (sizes[1] - mean) > 0 ? 1 : -1;
        for (int i = 0; i < n; ++i)
            QVERIFY(std::abs(sign * change.x[static_cast<size_t>(i)] - (sizes[static_cast<size_t>(i)] - mean)) < 1e-4);
        // Nothing changed: every word at the origin.
        const embedding_projection::Projection none = embedding_projection::project(initial, &initial);
        QCOMPARE(none.explained[0], 0.0);
        QVERIFY(std::all_of(none.x.begin(), none.x.end(), [](double x) { return x == 0; }));
        bool refused = false;
        try {
            const dl::Tensor other({n, d + 1});
            embedding_projection::project(now, &other);
        } catch (const dl::InputError&) {
            refused = true;
        }
        QVERIFY(refused);
    }

    void mostFrequentWordsLeaveTheReservedTokensOut() {
        dl::BertVocabulary vocab;
        vocab.idx_to_token = {"<unk>", "<pad>", "<mask>", "<cls>", "<sep>", "the", "time", "machine", "a"};
        vocab.token_counts = {900, 0, 0, 0, 0, 50, 7, 3, 20};
        const std::vector<int32_t> ids = embedding_projection::most_frequent(vocab, 3);
        QCOMPARE(ids, (std::vector<int32_t>{5, 8, 6}));
    }

    void theSentenceKeepsItsBlanks() {
        const fill_blank_inspection::Request start = fill_blank_inspection::default_request();
        QCOMPARE(fill_blank_inspection::text_of(start), std::string(fill_blank_inspection::kDefaultSentence));
        QCOMPARE(start.maskedCount(), 1);
        QVERIFY(start.masked[2]);  // "traveller"
        // The same words in place keep their blank; a typed [MASK] is a blank of its own.
        const auto edited = fill_blank_inspection::request_for_text("The time traveller was [MASK] here", start);
        QCOMPARE(edited.words, (std::vector<std::string>{"the", "time", "traveller", "was", "<mask>", "here"}));
        QCOMPARE(edited.masked, (std::vector<bool>{false, false, true, false, true, false}));
        const auto toggled = fill_blank_inspection::toggled(edited, 0);
        QCOMPARE(toggled.maskedCount(), 3);
        QCOMPARE(fill_blank_inspection::toggled(toggled, 4).maskedCount(), 3);  // [MASK] has no word to show
    }

    void theTabsAreShownForBertPretrainingOnly() {
        Window w;
        w.views.setData(pretrainingData(16));
        QVERIFY(w.tabs->isTabVisible(w.tabs->indexOf(w.views.fillView())));
        QVERIFY(w.tabs->isTabVisible(w.tabs->indexOf(w.views.embeddingView())));
        w.views.setData(std::make_shared<const dl::DataSplit>(dl::load_dataset("spiral")));
        QVERIFY(!w.tabs->isTabVisible(w.tabs->indexOf(w.views.fillView())));
        QVERIFY(!w.tabs->isTabVisible(w.tabs->indexOf(w.views.embeddingView())));
    }

    // 48 examples in batches of 16: 3 steps an epoch, as bert-tiny's D2L run has.
    void theBlanksAreFilledDuringPretraining() {
        Window w;
        const auto data = pretrainingData(48);
        w.views.setData(data);
        w.tabs->setCurrentWidget(w.views.fillView());
        FillBlankSnapshot* model = w.views.fillModel();
        FillBlankView* view = w.views.fillView();
        w.start(data, 200);
        QVERIFY(QTest::qWaitFor([&] { return model->outcome().has_value(); }, 120000));
        const qint64 firstStep = model->outcomeStep();
        QVERIFY(firstStep >= 3);
        QCOMPARE(firstStep % 3, qint64(0));  // an epoch's end
        QCOMPARE(view->blankCount(), 1);
        QCOMPARE(view->blank(0)->guesses().size(), qsizetype(fill_blank_inspection::kTopGuesses));
        const std::vector<double> p = view->blank(0)->probabilities();
        QVERIFY(std::is_sorted(p.rbegin(), p.rend()));
        QVERIFY(p.front() > 0 && p.front() <= 1);
        QVERIFY(view->stepLabel()->text().contains(QString::number(firstStep)));
        // The same sentence's attention: every encoder block × head, the tokens <cls> … <sep> on the axes.
        QVERIFY(view->attentionShown());
        AttentionSnapshot* attention = model->attention();
        QCOMPARE(attention->attentionNodes().size(), size_t(2));
        QCOMPARE(attention->queryLabels().size(), qsizetype(12));  // <cls>, ten words, <sep>
        QCOMPARE(attention->queryLabels().at(3), QStringLiteral("<mask>"));
        view->attentionView()->refreshNow();
        QCOMPARE(view->attentionView()->drawnMaps(), 2 * 2);

        // Later epochs answer again, from later steps.
        QVERIFY(QTest::qWaitFor([&] { return model->outcomeStep() > firstStep; }, 120000));
        // A click on "expounding" makes it a second blank, answered by the model in training.
        QToolButton* chip = view->chips()->chip(4);
        QCOMPARE(chip->text(), QStringLiteral("expounding"));
        QTest::mouseClick(chip, Qt::LeftButton);
        QVERIFY(chip->isChecked());
        QCOMPARE(model->request().maskedCount(), 2);
        QVERIFY(!model->outcome());  // the old guesses belong to the old request
        QVERIFY(QTest::qWaitFor([&] { return view->blankCount() == 2; }, 120000));
        QVERIFY(view->blank(1)->title().contains(QStringLiteral("expounding")));
        QCOMPARE(w.controller.state(), TrainingController::State::Running);

        // Once the run is over, an edited sentence is answered by the finished model (off the GUI thread).
        w.controller.stop();
        QVERIFY(w.waitFinished());
        const int received = model->resultsReceived();
        view->sentenceBox()->setFocus();
        view->sentenceBox()->selectAll();
        QTest::keyClicks(view->sentenceBox(), QStringLiteral("the time [MASK] was here"));
        QTest::keyClick(view->sentenceBox(), Qt::Key_Return);
        QCOMPARE(view->chips()->count(), 5);
        QVERIFY(QTest::qWaitFor([&] { return model->resultsReceived() > received && model->outcome(); }, 60000));
        QCOMPARE(view->blankCount(), 1);
        QCOMPARE(model->outcome()->result.blanks.front().position, int64_t(3));  // <cls> the time [MASK]
    }

    void theEmbeddingProjectionMovesFromEpochToEpoch() {
        Window w;
        const auto data = pretrainingData(48);
        w.views.setData(data);
        w.tabs->setCurrentWidget(w.views.embeddingView());
        EmbeddingSnapshot* model = w.views.embeddingModel();
        EmbeddingProjectionView* view = w.views.embeddingView();
        QVERIFY(view->placeholderVisible());
        QVERIFY(!view->modeBox()->isEnabled());  // no run yet: nothing to compare with
        w.start(data, 3);
        QVERIFY(w.waitFinished());
        QVERIFY(QTest::qWaitFor([&] { return model->projections().size() == 4 && !model->busy(); }, 60000));
        // The table was copied as the run began (epoch 0) and after each of the three epochs; the change since the
        // start is shown by default.
        QVERIFY(model->hasChange());
        QCOMPARE(model->mode(), EmbeddingSnapshot::Mode::ChangeSinceStart);
        QCOMPARE(view->modeBox()->currentIndex(), 1);
        QVERIFY(view->modeBox()->isEnabled());
        const auto changes = model->projections();
        QCOMPARE(changes[0].epoch, 0);
        QCOMPARE(changes[3].epoch, 3);
        QCOMPARE(changes[2].step, int64_t(6));
        const dl::BertVocabulary& vocab = *data->train.bert;
        QCOMPARE(changes[0].x.size(), size_t(vocab.size()));
        // Epoch 0 has changed nothing: every word at the origin; later epochs moved the words, differently.
        const auto spread = [](const embedding_projection::Projection& p) {
            double sum = 0;
            for (size_t i = 0; i < p.x.size(); ++i) sum += std::abs(p.x[i]) + std::abs(p.y[i]);
            return sum;
        };
        QCOMPARE(spread(changes[0]), 0.0);
        QVERIFY(spread(changes[1]) > 1e-3);
        double moved = 0;
        for (size_t i = 0; i < changes[1].x.size(); ++i)
            moved += std::abs(changes[2].x[i] - changes[1].x[i]) + std::abs(changes[2].y[i] - changes[1].y[i]);
        QVERIFY(moved > 1e-3);

        // The view labels the 40 most frequent words, none of them reserved, and follows the newest epoch.
        QVERIFY(!view->placeholderVisible());
        const QStringList labels = view->drawnLabels();
        QCOMPARE(labels.size(), qsizetype(EmbeddingSnapshot::kLabelledWords));
        QVERIFY(!labels.contains(QStringLiteral("<unk>")) && !labels.contains(QStringLiteral("<pad>")));
        QVERIFY(labels.contains(QStringLiteral("the")));
        QVERIFY(view->epochLabel()->text().contains(QStringLiteral("epoch 3")));
        QVERIFY(view->plot()->xAxis->label().contains(QStringLiteral("change since the start")));
        const std::vector<QPointF> live = view->drawnPositions();
        // The slider replays epoch 1: the words stand elsewhere; at epoch 0 the view says nothing changed yet.
        view->epochSlider()->setValue(1);
        QCOMPARE(model->shownIndex(), 1);
        QVERIFY(view->epochLabel()->text().contains(QStringLiteral("epoch 1")));
        QVERIFY(view->drawnPositions() != live);
        view->epochSlider()->setValue(0);
        QVERIFY(view->placeholderVisible());
        QVERIFY(view->epochLabel()->text().contains(QStringLiteral("epoch 0")));

        // Switched to the table itself, epoch 0 is the random initial table, drawn; back to live, the newest table.
        view->modeBox()->setFocus();
        QTest::keyClick(view->modeBox(), Qt::Key_Up);
        QCOMPARE(model->mode(), EmbeddingSnapshot::Mode::Embeddings);
        QCOMPARE(model->projections().size(), size_t(4));
        QVERIFY(!view->placeholderVisible());
        QVERIFY(spread(model->projections()[0]) > 1.0);
        QVERIFY(!view->plot()->xAxis->label().contains(QStringLiteral("change")));
        view->epochSlider()->setValue(3);
        QVERIFY(model->followsLive());
        const std::vector<QPointF> table = view->drawnPositions();
        QCOMPARE(table.size(), live.size());
        QVERIFY(table != live);
        // Play runs to the newest epoch and stops there, live again.
        QTest::mouseClick(view->playButton(), Qt::LeftButton);
        QVERIFY(view->playing());
        QVERIFY(QTest::qWaitFor([&] { return !view->playing(); }, 10000));
        QVERIFY(model->followsLive());
        QCOMPARE(view->drawnPositions(), table);
        // And back to the change: the same picture as before the switch.
        QTest::keyClick(view->modeBox(), Qt::Key_Down);
        QCOMPARE(model->mode(), EmbeddingSnapshot::Mode::ChangeSinceStart);
        QCOMPARE(view->drawnPositions(), live);
    }
};

QTEST_MAIN(TestBertViews)
#include "test_bert_views.moc"
