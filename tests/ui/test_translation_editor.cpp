// The editor with two-input networks (issue 12): the translation presets draw their inputs "source" and
// "target" as two input nodes with their shapes on the edges, a port's wire ("encoder:state") starts at its node
// and names the port, the source and target branches sit side by side without overlapping nodes or edges through
// node boxes, long ids stay readable in a node box, and the TransformerDecoderBlock opens to its inside with
// its two inner inputs. Real widgets, offscreen. DIVELAB_SCREENSHOTS=<dir> saves what the tests look at.
#include <QApplication>
#include <QtTest>

#include "block_inside.h"
#include "editor_window.h"
#include "engine/io/presets.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "ui/editor/block_inside_dialog.h"
#include "ui/editor/layer_palette.h"
#include "ui/editor/network_document.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/network_view.h"
#include "ui/window/main_window.h"
#include "window_waits.h"

namespace {

struct Editor : EditorWindow {
    // A translation preset with fra-eng's sizes (num_steps 10), as the main window opens it.
    bool open(const char* preset) {
        dl::NetworkSpec s = dl::load_preset(preset);
        dl::fit_to_vocabularies(s, 184, 201);
        doc.setInputShape({10});
        doc.loadSpec(s);
        if (!show()) return false;
        view->fitToNetwork();
        return true;
    }
    NetworkScene* scene() const { return view->networkScene(); }
    void save(const QString& name) {
        if (!qEnvironmentVariableIsSet("DIVELAB_SCREENSHOTS")) return;
        QTest::qWait(50);
        window.grab().save(qEnvironmentVariable("DIVELAB_SCREENSHOTS") + QLatin1Char('/') + name);
    }
};

// Every pair of node boxes (terminals too) that overlap, as "a / b".
QStringList overlappingNodes(const NetworkScene& scene) {
    QList<NetworkNodeItem*> items;
    for (QGraphicsItem* it : scene.items())
        if (it->type() == NetworkNodeItem::kType) items << static_cast<NetworkNodeItem*>(it);
    QStringList overlaps;
    for (int i = 0; i < items.size(); ++i)
        for (int j = i + 1; j < items.size(); ++j) {
            const QRectF a = items[i]->mapToScene(items[i]->shape()).boundingRect();
            const QRectF b = items[j]->mapToScene(items[j]->shape()).boundingRect();
            if (a.intersects(b)) overlaps << items[i]->id() + QStringLiteral(" / ") + items[j]->id();
        }
    return overlaps;
}

// Edges whose line or shape label runs over the box of a node that is neither its source nor its target.
QStringList edgesThroughNodes(const NetworkScene& scene) {
    QStringList through;
    for (NetworkEdgeItem* e : scene.edges()) {
        const QPainterPath edge = e->mapToScene(e->shape());  // the line 12 wide, and the label
        for (QGraphicsItem* it : scene.items()) {
            if (it->type() != NetworkNodeItem::kType) continue;
            const auto* node = static_cast<NetworkNodeItem*>(it);
            if (node->id() == e->sourceId() || node->id() == e->targetId()) continue;
            QPainterPath box;  // the node's box without its margins and its port
            box.addRect(node->mapToScene(node->shape())
                            .boundingRect()
                            .adjusted(7, 7, -7, -7 - (node->hasOutputPort() ? NetworkNodeItem::kPortHitRadius : 0)));
            if (edge.intersects(box))
                through << e->from() + QStringLiteral(" → ") + e->targetId() + QStringLiteral(" over ") + node->id();
        }
    }
    return through;
}

}  // namespace

class TestTranslationEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void transformerDrawsBothInputs() {
        Editor e;
        QVERIFY(e.open("transformer"));
        QString why;
        QVERIFY2(e.doc.canTrain(&why), qPrintable(why));
        QCOMPARE(e.doc.inputNames(), (QStringList{"source", "target"}));
        NetworkScene* scene = e.scene();
        QCOMPARE(scene->inputItems().size(), 2);
        NetworkNodeItem* source = scene->nodeItem(QStringLiteral("source"));
        NetworkNodeItem* target = scene->nodeItem(QStringLiteral("target"));
        QVERIFY(source && target);
        QVERIFY(source->isTerminal() && target->isTerminal());
        QVERIFY(!scene->nodeItem(QStringLiteral("input")));  // no stray one-input terminal
        QCOMPARE(source->title(), QStringLiteral("source"));
        QVERIFY(source->toolTip().contains(QStringLiteral("[10]")));
        // each input feeds its embedding, with the per-example shape on the edge
        QVERIFY(scene->edge(QStringLiteral("source"), QStringLiteral("source_embedding")));
        QVERIFY(scene->edge(QStringLiteral("target"), QStringLiteral("target_embedding")));
        QCOMPARE(scene->edge(QStringLiteral("source"), QStringLiteral("source_embedding"))->label(),
                 QStringLiteral("[10]"));
        QCOMPARE(scene->edge(QStringLiteral("target"), QStringLiteral("target_embedding"))->label(),
                 QStringLiteral("[10]"));
        QVERIFY(!scene->edge(QStringLiteral("source"), QStringLiteral("target_embedding")));
        // each input sits above what it feeds; the source branch left of the target branch
        QVERIFY(source->pos().y() < scene->nodeItem(QStringLiteral("source_embedding"))->pos().y());
        QVERIFY(source->pos().x() < target->pos().x());
        QVERIFY(scene->nodeItem(QStringLiteral("encoder2"))->pos().x() <
                scene->nodeItem(QStringLiteral("target_positions"))->pos().x());
        QCOMPARE(scene->edge(QStringLiteral("encoder2"), QStringLiteral("decoder1"))->label(),
                 QStringLiteral("[10, B, 32]"));
        QCOMPARE(overlappingNodes(*scene), QStringList{});
        QCOMPARE(edgesThroughNodes(*scene), QStringList{});
        // the inspector tells what an input is
        scene->selectNodes({});
        source->setSelected(true);
        QCOMPARE(scene->currentNodeId(), QStringLiteral("source"));
        QVERIFY(e.inspector->titleText().startsWith(QStringLiteral("source")));
        QVERIFY(e.inspector->shapesText().contains(QStringLiteral("[10]")));
        e.save(QStringLiteral("editor-transformer.png"));
    }

    // A GRU's final state wired into the decoder: the wire starts at the encoder node and names the port and
    // its shape, [layers, B, hidden] as PyTorch's.
    void portWiresStartAtTheirNode_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("consumer");
        QTest::newRow("seq2seq") << "seq2seq"
                                 << "context";
        QTest::newRow("bahdanau") << "bahdanau"
                                  << "decoder";
    }
    void portWiresStartAtTheirNode() {
        QFETCH(QString, preset);
        QFETCH(QString, consumer);
        Editor e;
        QVERIFY(e.open(preset.toLatin1().constData()));
        QString why;
        QVERIFY2(e.doc.canTrain(&why), qPrintable(why));
        NetworkScene* scene = e.scene();
        NetworkEdgeItem* state = scene->edge(QStringLiteral("encoder:state"), consumer);
        QVERIFY(state);
        QCOMPARE(state->sourceId(), QStringLiteral("encoder"));
        QCOMPARE(state->label(), QStringLiteral("state [2, B, 32]"));
        QCOMPARE(scene->edge(QStringLiteral("source"), QStringLiteral("source_embedding"))->label(),
                 QStringLiteral("[10]"));
        QVERIFY(scene->edge(QStringLiteral("target"), QStringLiteral("target_embedding")));
        QCOMPARE(overlappingNodes(*scene), QStringList{});
        QCOMPARE(edgesThroughNodes(*scene), QStringList{});
        // Delete on the port's wire disconnects exactly that input
        scene->clearSelection();
        state->setSelected(true);
        QCOMPARE(scene->selectedEdges(), (QList<QPair<QString, QString>>{{"encoder:state", consumer}}));
        e.save(QStringLiteral("editor-%1.png").arg(preset));
        e.doc.disconnectNodes(scene->selectedEdges());
        QVERIFY(!scene->edge(QStringLiteral("encoder:state"), consumer));
        QVERIFY(!e.doc.node(consumer)->inputs.empty());
    }

    // Long ids get a line of their own instead of running into the type name; short ones stay beside it.
    void longIdsDoNotOverlapTheType() {
        Editor e;
        QVERIFY(e.open("transformer"));
        const QFontMetricsF base(QApplication::font());
        for (const QString& id : e.doc.nodeIds()) {
            NetworkNodeItem* item = e.scene()->nodeItem(id);
            QCOMPARE(item->subtitle(), id);
            QFont bold = QApplication::font();
            bold.setBold(true);
            bold.setPointSizeF(bold.pointSizeF() * 1.05);
            const double both = QFontMetricsF(bold).horizontalAdvance(item->title()) + base.horizontalAdvance(id);
            QVERIFY2(item->isTall() == (both > NetworkNodeItem::kWidth - 38), qPrintable(id));
            const double box = item->mapToScene(item->shape()).boundingRect().height();
            QVERIFY(box > (item->isTall() ? NetworkNodeItem::kTallHeight : NetworkNodeItem::kHeight));
        }
        QVERIFY(e.scene()->nodeItem(QStringLiteral("source_embedding"))->isTall());
        QVERIFY(e.scene()->nodeItem(QStringLiteral("target_positions"))->isTall());
        QVERIFY(!e.scene()->nodeItem(QStringLiteral("output"))->isTall());  // "Linear" and "output" fit
        // the edges leave and enter the taller boxes at their borders
        NetworkNodeItem* positions = e.scene()->nodeItem(QStringLiteral("source_positions"));
        QCOMPARE(positions->outputPort().y(), positions->pos().y() + NetworkNodeItem::kTallHeight / 2);
        QCOMPARE(overlappingNodes(*e.scene()), QStringList{});
    }

    // Every layer name shows whole in the palette at its narrowest.
    void paletteShowsLongNamesWhole() {
        LayerPalette palette;
        palette.resize(palette.minimumWidth(), 1400);
        palette.show();
        QVERIFY(QTest::qWaitForWindowExposed(&palette));
        palette.expandAll();
        for (const char* type : {"TransformerDecoderBlock", "TransformerEncoderBlock", "MultiHeadAttention",
                                 "DotProductAttention", "AttentionGRUDecoder"}) {
            QTreeWidgetItem* item = palette.itemForType(QString::fromLatin1(type));
            QVERIFY2(item, type);
            const QRect row = palette.visualItemRect(item);
            const int textRight =
                row.left() + palette.iconSize().width() + 6 + palette.fontMetrics().horizontalAdvance(item->text(0));
            QVERIFY2(textRight <= palette.viewport()->width(),
                     qPrintable(QStringLiteral("%1 ends at %2, the palette shows %3")
                                    .arg(type)
                                    .arg(textRight)
                                    .arg(palette.viewport()->width())));
        }
    }

    // Double-clicking decoder1 in the window opens its inside: D2L's six parts and the block's two inputs as two
    // input nodes with the shapes decoder1 receives (the target side [10, 32], the encoder's outputs [10, 32]).
    void decoderBlockOpensWithTwoInputs() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.loadPreset(QStringLiteral("transformer")));
        QVERIFY(uitest::waitForData(w));
        QString why;
        QVERIFY2(w.document()->canTrain(&why), qPrintable(why));
        NetworkView* view = w.networkView();
        QVERIFY(view->networkScene()->nodeItem(QStringLiteral("decoder1")));
        QVERIFY(view->networkScene()->nodeItem(QStringLiteral("source")));
        QVERIFY(view->networkScene()->edge(QStringLiteral("target"), QStringLiteral("target_embedding")));
        BlockInsideDialog* dialog = openBlockInside(w, QStringLiteral("decoder1"));
        QVERIFY(dialog);
        QVERIFY(dialog->windowTitle().contains(QStringLiteral("decoder1")));
        NetworkDocument* inside = dialog->document();
        QCOMPARE(inside->inputNames(), (QStringList{"input", "encoder_outputs"}));
        for (const char* id : {"attention1", "addnorm1", "attention2", "addnorm2", "ffn", "addnorm3"})
            QVERIFY2(inside->node(QString::fromLatin1(id)), id);
        QCOMPARE(inside->inputShapeOf(QStringLiteral("input")), (dl::Shape{10, 32}));
        QCOMPARE(inside->inputShapeOf(QStringLiteral("encoder_outputs")), (dl::Shape{10, 32}));
        QVERIFY2(inside->canTrain(&why), qPrintable(why));
        QCOMPARE(inside->totalParameters(), w.document()->nodeReport(QStringLiteral("decoder1"))->parameters);
        NetworkScene* scene = dialog->view()->networkScene();
        QCOMPARE(scene->inputItems().size(), 2);
        QVERIFY(scene->nodeItem(QStringLiteral("input"))->isTerminal());
        QVERIFY(scene->nodeItem(QStringLiteral("encoder_outputs"))->isTerminal());
        QVERIFY(scene->edge(QStringLiteral("input"), QStringLiteral("attention1")));
        QVERIFY(scene->edge(QStringLiteral("input"), QStringLiteral("addnorm1")));  // the residual connection
        QCOMPARE(scene->edge(QStringLiteral("encoder_outputs"), QStringLiteral("attention2"))->label(),
                 QStringLiteral("[10, 32]"));
        if (qEnvironmentVariableIsSet("DIVELAB_SCREENSHOTS")) {
            QTest::qWait(100);
            dialog->grab().save(qEnvironmentVariable("DIVELAB_SCREENSHOTS") + QStringLiteral("/decoder-block.png"));
        }
        QCOMPARE(overlappingNodes(*scene), QStringList{});
        QCOMPARE(edgesThroughNodes(*scene), QStringList{});
        if (qEnvironmentVariableIsSet("DIVELAB_SCREENSHOTS")) {
            QTest::qWait(100);
            dialog->grab().save(qEnvironmentVariable("DIVELAB_SCREENSHOTS") + QStringLiteral("/decoder-block.png"));
        }
        dialog->close();
    }
};

QTEST_MAIN(TestTranslationEditor)
#include "test_translation_editor.moc"
