// The translation views (D2L §9.7–9.8) in the real main window: the seq2seq preset trained a few epochs on
// fra-eng answers a typed sentence by beam search (its tree of hypotheses drawn), the BLEU table scores D2L's
// four test sentences and a pair of the learner's after every epoch, the status bar shows the mean BLEU; a
// Transformer's translation shows its encoder–decoder attention with the English words on the key axis.
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>

#include <cmath>

#include "engine/train/translation.h"
#include "ui/attention_views/attention_heatmap_view.h"
#include "ui/attention_views/attention_snapshot.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/training/metrics_history.h"
#include "ui/training/training_controller.h"
#include "ui/translation_views/beam_tree_view.h"
#include "ui/translation_views/bleu_table_model.h"
#include "ui/translation_views/bleu_table_view.h"
#include "ui/translation_views/translation_box.h"
#include "ui/translation_views/translation_inspection.h"
#include "ui/translation_views/translation_snapshot.h"
#include "ui/translation_views/translation_views.h"
#include "ui/window/main_window.h"
#include "widget_lookup.h"
#include "window_waits.h"

namespace {

// Loads a preset on fra-eng and trains it for `epochs` epochs in the window.
bool trainPreset(MainWindow& w, const QString& preset, const QString& epochs) {
    if (!w.loadPreset(preset) || !uitest::waitForData(w)) return false;
    typeInto(w.hyperparameterPanel()->findChild<QSpinBox*>(QStringLiteral("epochs")), epochs);
    if (!w.trainAction()->isEnabled())
        qWarning("Train is disabled: %s | %s", qPrintable(w.bannerText()),
                 qPrintable(w.findChild<QLabel*>(QStringLiteral("trainBlockedLine"))->text()));
    w.train();
    return QTest::qWaitFor([&] { return w.controller()->state() == TrainingController::State::Finished; }, 600000);
}

// Types a sentence into the box, chooses beam search with width k and presses Translate.
void askBox(TranslationBox* box, const QString& sentence, int k) {
    box->sentenceEdit()->setFocus();
    box->sentenceEdit()->clear();
    QTest::keyClicks(box->sentenceEdit(), sentence);
    box->decodingBox()->setCurrentIndex(box->decodingBox()->findData(QStringLiteral("beam")));
    box->beamWidthBox()->setValue(k);
    QTest::mouseClick(box->translateButton(), Qt::LeftButton);
}

}  // namespace

class TestTranslationViews : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void seq2seqTranslatesWithBeamSearchAndScoresBleu() {
        MainWindow w;
        w.show();
        TranslationViews* views = w.translationViews();
        QTabWidget* tabs = w.viewTabs();
        QVERIFY(w.loadPreset(QStringLiteral("seq2seq")));
        QVERIFY(uitest::waitForData(w));
        QVERIFY2(views->model()->isTranslation(), qPrintable(w.bannerText()));
        QVERIFY(tabs->isTabVisible(tabs->indexOf(views->box())));
        QVERIFY(tabs->isTabVisible(tabs->indexOf(views->bleuView())));
        QCOMPARE(views->model()->bleuRows().size(), size_t{4});  // D2L's test sentences, not scored yet

        // A pair of the learner's, added before training: scored with the test pairs after every epoch.
        BleuTableView* bleu = views->bleuView();
        bleu->sourceEdit()->setText(QStringLiteral("I'm calm."));
        bleu->referenceEdit()->setText(QStringLiteral("Je suis calme."));
        QTest::mouseClick(bleu->addButton(), Qt::LeftButton);
        QCOMPARE(bleu->tableModel()->rowCount(), 5);
        QCOMPARE(views->model()->bleuRows().back().source, std::string("i'm calm ."));

        QVERIFY(trainPreset(w, QStringLiteral("seq2seq"), QStringLiteral("3")));
        QCOMPARE(int(w.history()->epochs().size()), 3);
        const double trainerBleu = w.history()->epochs().back().bleu;
        QVERIFY(std::isfinite(trainerBleu));
        // The BLEU table: 4 test rows + 1, each translated with a BLEU in [0, 1], after epoch 3; its mean over
        // the test rows is the trainer's (both greedy, k = 2).
        QTRY_COMPARE_WITH_TIMEOUT(views->model()->scoredEpoch(), 3, 60000);
        QCOMPARE(bleu->tableModel()->rowCount(), 5);
        for (int r = 0; r < 5; ++r) {
            const QVariant value = bleu->tableModel()->index(r, BleuTableModel::Bleu).data(Qt::UserRole);
            QVERIFY2(value.isValid(), qPrintable(QString::number(r)));
            QVERIFY(value.toDouble() >= 0 && value.toDouble() <= 1);
            QCOMPARE(bleu->tableModel()->index(r, BleuTableModel::Bleu).data().toString(),
                     QString::number(value.toDouble(), 'f', 3));
        }
        QCOMPARE(bleu->tableModel()->index(0, BleuTableModel::Source).data().toString(), QStringLiteral("go ."));
        QCOMPARE(bleu->tableModel()->index(0, BleuTableModel::Reference).data().toString(), QStringLiteral("va !"));
        const double tableMean = translation_inspection::mean_bleu(views->model()->bleuRows(), true);
        QVERIFY2(std::fabs(tableMean - trainerBleu) < 1e-9,
                 qPrintable(QStringLiteral("%1 vs %2").arg(tableMean).arg(trainerBleu)));
        QVERIFY2(bleu->summaryLabel()->text().contains(QStringLiteral("epoch 3")),
                 qPrintable(bleu->summaryLabel()->text()));
        // The status bar's ending names the mean BLEU.
        auto* status = w.findChild<QLabel*>(QStringLiteral("runStatus"));
        QVERIFY2(status->text().contains(QStringLiteral("mean BLEU %1").arg(trainerBleu, 0, 'f', 3)),
                 qPrintable(status->text()));

        // The translation box: beam search with k = 3 on a typed sentence.
        QVERIFY(w.showView(QStringLiteral("translate")));
        TranslationBox* box = views->box();
        askBox(box, QStringLiteral("He's calm."), 3);
        QTRY_VERIFY_WITH_TIMEOUT(views->model()->result().has_value(), 60000);
        const translation_inspection::Result& r = *views->model()->result();
        QCOMPARE(r.source, std::string("he's calm ."));
        QCOMPARE(r.request.beam_width, 3);
        const std::vector<dl::BeamNode>& tree = r.translation.tree;
        QVERIFY(tree.size() >= 4);
        BeamTreeView* treeView = box->treeView();
        QCOMPARE(treeView->drawnNodes(), int(tree.size()));
        const std::vector<int> perStep = treeView->hypothesesPerStep();
        QCOMPARE(perStep.front(), 1);  // <bos>
        QVERIFY(*std::max_element(perStep.begin(), perStep.end()) >= 3);
        for (int count : perStep) QVERIFY(count <= 3);
        // The chosen path runs from the root to the best hypothesis, which ended in <eos> or at num_steps.
        const std::vector<int> path = treeView->chosenPath();
        QCOMPARE(path.front(), 0);
        QCOMPARE(path.back(), r.translation.best);
        const dl::BeamNode& best = tree[static_cast<size_t>(r.translation.best)];
        QVERIFY(best.ended || best.step == 10);
        QCOMPARE(int(path.size()), best.step + 1);
        QCOMPARE(r.translation.tokens.size(), size_t(best.ended ? best.step - 1 : best.step));
        QVERIFY2(box->outputLabel()->text().contains(QString::fromStdString(r.translation.text).toHtmlEscaped()),
                 qPrintable(box->outputLabel()->text()));
        // seq2seq has no encoder–decoder attention: the box says so instead of an empty map.
        QVERIFY(r.attention_layers.empty());
        QVERIFY(!box->attentionShown());

        // Greedy: no tree, the note says why.
        box->decodingBox()->setCurrentIndex(box->decodingBox()->findData(QStringLiteral("greedy")));
        QTest::keyClick(box->sentenceEdit(), Qt::Key_Return);  // Enter translates too
        QTRY_VERIFY_WITH_TIMEOUT(views->model()->result() && views->model()->result()->request.beam_width == 0, 60000);
        QCOMPARE(views->model()->result()->translation.tree.size(), size_t{0});
        QCOMPARE(treeView->drawnNodes(), 0);
        QVERIFY(treeView->note().contains(QStringLiteral("Greedy")));
    }

    void transformerShowsItsAttentionOverTheSource() {
        MainWindow w;
        w.show();
        TranslationViews* views = w.translationViews();
        QVERIFY(trainPreset(w, QStringLiteral("transformer"), QStringLiteral("2")));
        QVERIFY(w.showView(QStringLiteral("translate")));
        TranslationBox* box = views->box();
        askBox(box, QStringLiteral("I lost."), 3);
        QTRY_VERIFY_WITH_TIMEOUT(views->model()->result().has_value(), 60000);
        const translation_inspection::Result& r = *views->model()->result();
        // Both decoder blocks' attention over the encoder (not the encoders' or the causal self-attention).
        QCOMPARE(r.attention_layers, (std::vector<std::string>{"decoder1.attention2", "decoder2.attention2"}));
        QCOMPARE(r.source_tokens, (std::vector<std::string>{"i", "lost", ".", "<eos>"}));
        QVERIFY(box->attentionShown());
        AttentionSnapshot* attention = box->attentionModel();
        QCOMPARE(attention->keyLabels(), (QStringList{"i", "lost", ".", "<eos>"}));
        QCOMPARE(attention->queryLabels().size(), int(r.written_tokens.size()));
        AttentionHeatmapView* heat = box->attentionView();
        heat->refreshNow();
        QVERIFY2(!heat->placeholderVisible(), qPrintable(heat->placeholder()));
        QVERIFY2(heat->title().contains(QStringLiteral("decoder1.attention2")), qPrintable(heat->title()));
        // One row per French word written, one column per English token; every row a distribution over them.
        const std::vector<double> values = heat->drawnValues();
        const size_t keys = 4, queries = r.written_tokens.size();
        QCOMPARE(values.size(), queries * keys);
        for (size_t q = 0; q < queries; ++q) {
            double row = 0;
            for (size_t k = 0; k < keys; ++k) row += values[q * keys + k];
            QVERIFY2(std::fabs(row - 1) < 1e-4, qPrintable(QString::number(row)));
        }
    }

    void crossAttentionLayersFollowTheGraph() {
        // A Bahdanau-style decoder: attention whose queries come from the target side and keys from the encoder.
        dl::NetworkSpec spec;
        spec.inputs = {"source", "target"};
        const auto node = [](std::string id, std::string type, std::vector<std::string> inputs) {
            dl::NodeSpec n;
            n.id = std::move(id);
            n.type = std::move(type);
            n.inputs = std::move(inputs);
            return n;
        };
        spec.nodes = {node("enc_embed", "Embedding", {"source"}),
                      node("encoder", "GRU", {}),
                      node("enc_self", "MultiHeadAttention", {"encoder"}),
                      node("dec_embed", "Embedding", {"target"}),
                      node("dec_self", "MultiHeadAttention", {"dec_embed"}),
                      node("cross", "AdditiveAttention", {"dec_self", "encoder", "encoder"}),
                      node("back", "DotProductAttention", {"encoder", "cross"}),
                      node("block", "TransformerDecoderBlock", {"cross", "enc_self"})};
        QCOMPARE(translation_inspection::cross_attention_layers(spec),
                 (std::vector<std::string>{"cross", "block.attention2"}));
    }
};

QTEST_MAIN(TestTranslationViews)
#include "test_translation_views.moc"
