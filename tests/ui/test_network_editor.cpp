// The network editor: palette → canvas drops, shapes and parameter counts on nodes and edges, red
// nodes for shape errors, undo/redo of every kind of edit, Delete, copy/paste, refused cycles.
// Real widgets driven with QTest events (offscreen); drops are sent as QDropEvents because QDrag
// blocks. Also writes screenshots of the editor (see grabEditor).
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QMimeData>
#include <QSpinBox>
#include <QSplitter>
#include <QtTest>

#include "editor_window.h"
#include "engine/io/presets.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/nn/layer_catalog.h"
#include "ui/editor/layer_inspector.h"
#include "ui/editor/layer_palette.h"
#include "ui/editor/network_document.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/network_view.h"

namespace {
QString stdq(const std::string& s) {
    return QString::fromStdString(s);
}

QStringList inputsOf(const NetworkDocument& doc, const QString& id) {
    QStringList list;
    if (const dl::NodeSpec* n = doc.node(id))
        for (const std::string& s : n->inputs) list << stdq(s);
    return list;
}

void sendDrop(NetworkView& view, const QMimeData* mime, QPoint pos) {
    QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view.viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view.viewport(), &drop);
    QVERIFY(drop.isAccepted());
}

// Two branches joined by Concat, then a residual Add, then the classifier.
dl::NetworkSpec branchingSpec() {
    dl::NetworkSpec s;
    s.name = "branching";
    auto node = [&](const char* id, const char* type, std::vector<std::string> inputs) -> dl::NodeSpec& {
        dl::NodeSpec n;
        n.id = id;
        n.type = type;
        n.inputs = std::move(inputs);
        s.nodes.push_back(n);
        return s.nodes.back();
    };
    node("flatten", "Flatten", {"input"});
    node("fc1", "Linear", {"flatten"}).attrs.set("out_features", int64_t{256});
    node("relu1", "ReLU", {"fc1"});
    node("fc2", "Linear", {"relu1"}).attrs.set("out_features", int64_t{128});
    node("fc3", "Linear", {"relu1"}).attrs.set("out_features", int64_t{128});
    node("relu2", "ReLU", {"fc2"});
    node("tanh1", "Tanh", {"fc3"});
    node("concat", "Concat", {"relu2", "tanh1"});
    node("add", "Add", {"concat", "relu1"});
    node("fc4", "Linear", {"add"}).attrs.set("out_features", int64_t{10});
    return s;
}

struct Editor : EditorWindow {
    void loadMlp() {
        doc.loadSpec(dl::load_preset("mlp"));
        doc.undoStack()->clear();
    }
};
}  // namespace

class TestNetworkEditor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void paletteListsTheCatalogue() {
        LayerPalette palette;
        QSet<QString> categories;
        for (const dl::LayerInfo& info : dl::layer_catalog()) {
            QTreeWidgetItem* item = palette.itemForType(stdq(info.type));
            QVERIFY2(item, info.type.c_str());
            QCOMPARE(item->toolTip(0), stdq(info.summary));
            QCOMPARE(item->parent()->data(0, Qt::UserRole).toString(), stdq(info.category));
            QVERIFY(item->parent()->text(0).startsWith(stdq(info.category)));  // "Blocks (6)" when folded
            categories.insert(stdq(info.category));
        }
        QCOMPARE(palette.topLevelItemCount(), int(categories.size()));
        for (const char* c : {"Core", "Activations", "Regularization", "Merge"}) QVERIFY(palette.categoryItem(c));
        std::unique_ptr<QMimeData> mime(palette.mimeDataFor(palette.itemForType("Linear")));
        QVERIFY(mime);
        QVERIFY(mime->hasFormat(NetworkView::kLayerMimeType));
        QCOMPARE(mime->data(NetworkView::kLayerMimeType), QByteArray("Linear"));
        QVERIFY(!palette.mimeDataFor(palette.categoryItem("Core")));  // headers do not drag
    }

    void dropFromPaletteBuildsAChain() {
        Editor e;
        QVERIFY(e.show());
        QVERIFY(!e.doc.canTrain());
        std::unique_ptr<QMimeData> flatten(e.palette->mimeDataFor(e.palette->itemForType("Flatten")));
        sendDrop(*e.view, flatten.get(), QPoint(300, 150));
        QCOMPARE(e.doc.nodeIds(), QStringList{"flatten1"});
        QCOMPARE(inputsOf(e.doc, "flatten1"), QStringList{"input"});
        QVERIFY(e.view->networkScene()->edge("input", "flatten1"));
        QCOMPARE(e.view->networkScene()->edge("input", "flatten1")->label(), QStringLiteral("[1, 28, 28]"));

        std::unique_ptr<QMimeData> linear(e.palette->mimeDataFor(e.palette->itemForType("Linear")));
        const QPointF dropped = e.view->mapToScene(QPoint(300, 300));
        sendDrop(*e.view, linear.get(), QPoint(300, 300));
        QCOMPARE(e.doc.nodeIds(), (QStringList{"flatten1", "fc1"}));
        QCOMPARE(inputsOf(e.doc, "fc1"), QStringList{"flatten1"});
        auto* scene = e.view->networkScene();
        QCOMPARE(scene->edge("flatten1", "fc1")->label(), QStringLiteral("[784]"));
        QCOMPARE(scene->edge("fc1", NetworkScene::kOutputItemId)->label(), QStringLiteral("[10]"));
        QVERIFY(scene->nodeItem("fc1")->statsText().startsWith(QStringLiteral("7,850 params")));
        // the new node sits where it was dropped
        QCOMPARE(QPointF(e.doc.node("fc1")->x, e.doc.node("fc1")->y), dropped);
        QVERIFY(e.doc.canTrain());
        QCOMPARE(e.doc.report().output_shape, (dl::Shape{10}));
        // dropping something else than a layer is refused
        QMimeData text;
        text.setText("hello");
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(e.view->viewport(), &enter);
        QVERIFY(!enter.isAccepted());
    }

    void paletteDoubleClickAppends() {
        Editor e;
        e.loadMlp();
        QVERIFY(e.show());
        QObject::connect(e.palette, &LayerPalette::layerActivated, e.view, &NetworkView::appendLayer);
        QTreeWidgetItem* item = e.palette->itemForType("Dropout");
        const QPoint p = e.palette->visualItemRect(item).center();
        QTest::mouseClick(e.palette->viewport(), Qt::LeftButton, {}, p);  // item views want the press first
        QTest::mouseDClick(e.palette->viewport(), Qt::LeftButton, {}, p);
        QVERIFY(e.doc.node("dropout1"));
        QCOMPARE(inputsOf(e.doc, "dropout1"), QStringList{"fc2"});
        QCOMPARE(e.doc.outputId(), QStringLiteral("dropout1"));
        QCOMPARE(e.doc.node("dropout1")->y, e.doc.node("fc2")->y + NetworkDocument::kRowStep);
        // a branch off relu1 does not land on fc2
        e.view->networkScene()->selectNodes({"relu1"});
        const QString id = e.view->appendLayer("Linear");
        QCOMPARE(inputsOf(e.doc, id), QStringList{"relu1"});
        QVERIFY(e.doc.node(id)->x != e.doc.node("fc2")->x);
        // files keep chains implicit
        const dl::NetworkSpec compact = e.doc.compactSpec();
        QVERIFY(compact.nodes[1].inputs.empty());
        QCOMPARE(compact.input_shape, (dl::Shape{1, 28, 28}));
    }

    void mlpPresetShowsShapesAndParameters() {
        Editor e;
        e.loadMlp();
        auto* scene = e.view->networkScene();
        QCOMPARE(scene->inputItem()->statsText(), QString());
        QCOMPARE(scene->edge("input", "flatten")->label(), QStringLiteral("[1, 28, 28]"));
        QCOMPARE(scene->edge("flatten", "fc1")->label(), QStringLiteral("[784]"));
        QCOMPARE(scene->edge("fc1", "relu1")->label(), QStringLiteral("[256]"));
        QCOMPARE(scene->edge("relu1", "fc2")->label(), QStringLiteral("[256]"));
        QCOMPARE(scene->edge("fc2", NetworkScene::kOutputItemId)->label(), QStringLiteral("[10]"));
        QCOMPARE(scene->nodeItem("fc1")->statsText(), QStringLiteral("200,960 params · 0.4 MFLOP"));
        QVERIFY(scene->nodeItem("fc2")->statsText().startsWith(QStringLiteral("2,570 params")));
        QVERIFY(scene->nodeItem("relu1")->statsText().startsWith(QStringLiteral("no params")));
        QCOMPARE(e.doc.totalParameters(), qint64(203530));
        QVERIFY(e.doc.canTrain());
        for (const QString& id : e.doc.nodeIds()) {
            QVERIFY(!scene->nodeItem(id)->hasError());
            QVERIFY(std::isfinite(e.doc.node(id)->x) && std::isfinite(e.doc.node(id)->y));  // auto-placed
        }
        // top-to-bottom layout
        QVERIFY(e.doc.node("flatten")->y < e.doc.node("fc1")->y);
        QVERIFY(e.doc.node("fc1")->y < e.doc.node("relu1")->y);
        QVERIFY(e.doc.node("relu1")->y < e.doc.node("fc2")->y);
    }

    void shapeErrorTurnsTheNodeRed() {
        Editor e;
        e.loadMlp();
        const QString add = e.doc.addNode("Add", QPointF(200, 500), "fc2");
        QCOMPARE(add, QStringLiteral("add1"));
        QString why;
        QVERIFY(!e.doc.canTrain(&why));  // Add needs two inputs
        QVERIFY2(why.contains("add1") && why.contains("2"), qPrintable(why));
        QVERIFY(e.doc.connectNodes("relu1", add, &why));
        QCOMPARE(inputsOf(e.doc, add), (QStringList{"fc2", "relu1"}));
        QString reason;
        QVERIFY(!e.doc.canTrain(&reason));
        QVERIFY2(reason.contains("add1"), qPrintable(reason));
        NetworkNodeItem* item = e.view->networkScene()->nodeItem(add);
        QVERIFY(item->hasError());
        QCOMPARE(item->toolTip(), reason);
        QVERIFY(reason.contains("[10]") || reason.contains("[256]") || reason.contains("10"));
        // the other nodes stay fine
        QVERIFY(!e.view->networkScene()->nodeItem("fc2")->hasError());
        // the inspector says why
        e.inspector->setNode(add);
        QVERIFY(e.inspector->statusText().contains(QStringLiteral("⚠")));
        // undo the connection and the node: the network can be trained again
        e.doc.undoStack()->undo();
        e.doc.undoStack()->undo();
        QVERIFY(!e.view->networkScene()->nodeItem(add));
        QVERIFY(e.doc.canTrain());
    }

    void undoRedoAddNode() {
        Editor e;
        e.loadMlp();
        const QString id = e.doc.addNode("Dropout", QPointF(0, 600), "fc2");
        QCOMPARE(id, QStringLiteral("dropout1"));
        QCOMPARE(e.doc.outputId(), id);
        QVERIFY(e.view->networkScene()->nodeItem(id));
        e.doc.undoStack()->undo();
        QVERIFY(!e.doc.node(id));
        QVERIFY(!e.view->networkScene()->nodeItem(id));
        QCOMPARE(e.doc.outputId(), QStringLiteral("fc2"));
        e.doc.undoStack()->redo();
        QVERIFY(e.doc.node(id));
        QCOMPARE(inputsOf(e.doc, id), QStringList{"fc2"});
    }

    void moveWithTheMouseIsUndoable() {
        Editor e;
        e.loadMlp();
        QVERIFY(e.show());
        e.view->setZoom(1.0);
        e.view->centerOn(e.view->networkScene()->nodeItem("relu1"));
        QTest::qWait(10);
        const QPointF before(e.doc.node("relu1")->x, e.doc.node("relu1")->y);
        const QPoint start = e.viewPos(before + QPointF(-40, -10));  // on the box, away from the port
        QWidget* vp = e.view->viewport();
        QTest::mousePress(vp, Qt::LeftButton, {}, start);
        QTest::mouseMove(vp, start + QPoint(30, 10));
        QTest::mouseMove(vp, start + QPoint(60, 20));
        QTest::mouseRelease(vp, Qt::LeftButton, {}, start + QPoint(60, 20));
        const QPointF after(e.doc.node("relu1")->x, e.doc.node("relu1")->y);
        QCOMPARE(after, before + QPointF(60, 20));
        QCOMPARE(e.doc.undoStack()->count(), 1);
        // Ctrl+Z / Ctrl+Shift+Z on the view
        QTest::keyClick(e.view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(QPointF(e.doc.node("relu1")->x, e.doc.node("relu1")->y), before);
        QCOMPARE(e.view->networkScene()->nodeItem("relu1")->pos(), before);
        QTest::keyClick(e.view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QPointF(e.doc.node("relu1")->x, e.doc.node("relu1")->y), after);
        // arrow nudges merge into one step
        e.view->networkScene()->selectNodes({"relu1"});
        QTest::keyClick(e.view, Qt::Key_Right);
        QTest::keyClick(e.view, Qt::Key_Right);
        QCOMPARE(e.doc.undoStack()->count(), 2);
        QCOMPARE(e.doc.node("relu1")->x, after.x() + 16);
    }

    // Sequence tensors are labelled as D2L writes them, time first: [T, B, H].
    void sequenceEdgesShowTimeFirst() {
        dl::NetworkSpec s;
        s.input_shape = {35};
        auto node = [&](const char* id, const char* type, const char* input) -> dl::NodeSpec& {
            dl::NodeSpec n{id, type};
            n.inputs = {input};
            s.nodes.push_back(n);
            return s.nodes.back();
        };
        node("onehot", "OneHot", "input").attrs.set("vocab_size", int64_t{28});
        node("lstm", "LSTM", "onehot").attrs.set("hidden_size", int64_t{256});
        node("steps", "SequenceOutput", "lstm").attrs.set("steps", std::string("all"));
        node("fc", "Linear", "steps").attrs.set("out_features", int64_t{28});
        Editor e;
        e.doc.loadSpec(s);
        QVERIFY(e.show());
        auto* scene = e.view->networkScene();
        QCOMPARE(scene->edge("input", "onehot")->label(), QStringLiteral("[35]"));
        QCOMPARE(scene->edge("onehot", "lstm")->label(), QStringLiteral("[35, B, 28]"));
        QCOMPARE(scene->edge("lstm", "steps")->label(), QStringLiteral("[35, B, 256]"));
        QCOMPARE(scene->edge("fc", NetworkScene::kOutputItemId)->label(), QStringLiteral("[35, B, 28]"));
        // The inspector edits the recurrent layer's settings.
        scene->selectNodes({"lstm"});
        QVERIFY(qobject_cast<QSpinBox*>(e.inspector->editor("hidden_size")));
        QVERIFY(qobject_cast<QSpinBox*>(e.inspector->editor("num_layers")));
        QVERIFY(qobject_cast<QCheckBox*>(e.inspector->editor("bidirectional")));
        QVERIFY(e.inspector->editor("dropout"));
        qobject_cast<QCheckBox*>(e.inspector->editor("bidirectional"))->setChecked(true);
        QCOMPARE(scene->edge("lstm", "steps")->label(), QStringLiteral("[35, B, 512]"));
        // Taking the last step ends the time axis.
        scene->selectNodes({"steps"});
        qobject_cast<QComboBox*>(e.inspector->editor("steps"))->setCurrentText("last");
        QCOMPARE(e.view->networkScene()->edge("steps", "fc")->label(), QStringLiteral("[512]"));
    }

    // A network with two inputs and a port wire (D2L §9.7's seq2seq) opens, lays out and analyses without a
    // crash (test_translation_editor checks its input nodes and port wires).
    void twoInputNetworkOpens() {
        dl::NetworkSpec s = dl::load_preset("seq2seq");
        dl::fit_to_vocabularies(s, 20, 30);
        Editor e;
        e.doc.setInputShape({10});
        e.doc.loadSpec(s);
        QVERIFY(e.show());
        QCOMPARE(e.doc.nodeIds().size(), 6);
        QString why;
        QVERIFY2(e.doc.canTrain(&why), qPrintable(why));
        QCOMPARE(e.doc.outputShapeOf("output"), (dl::Shape{10, 30}));
        QVERIFY(e.view->networkScene()->edge("target_embedding", "context"));
    }

    // D2L §10.4's Bahdanau preset: a node with three inputs (embedded target, encoder, encoder:state).
    void threeInputDecoderOpens() {
        dl::NetworkSpec s = dl::load_preset("bahdanau");
        dl::fit_to_vocabularies(s, 20, 30);
        Editor e;
        e.doc.setInputShape({10});
        e.doc.loadSpec(s);
        QVERIFY(e.show());
        QCOMPARE(e.doc.nodeIds().size(), 5);
        QString why;
        QVERIFY2(e.doc.canTrain(&why), qPrintable(why));
        QCOMPARE(e.doc.outputShapeOf("decoder"), (dl::Shape{10, 32}));
        QCOMPARE(e.doc.outputShapeOf("output"), (dl::Shape{10, 30}));
        QVERIFY(e.view->networkScene()->edge("target_embedding", "decoder"));
        QVERIFY(e.view->networkScene()->edge("encoder", "decoder"));
    }

    void inspectorEditsAreUndoable() {
        Editor e;
        e.loadMlp();
        QVERIFY(e.show());
        e.view->networkScene()->selectNodes({"fc1"});
        QCOMPARE(e.inspector->nodeId(), QStringLiteral("fc1"));
        auto* spin = qobject_cast<QSpinBox*>(e.inspector->editor("out_features"));
        QVERIFY(spin);
        QCOMPARE(spin->value(), 256);
        QCOMPARE(spin->minimum(), 1);
        QVERIFY(!spin->toolTip().isEmpty());
        spin->setFocus();
        QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(spin, "128");
        QCOMPARE(e.doc.node("fc1")->attrs.get_int("out_features"), 128);
        QCOMPARE(e.doc.nodeReport("fc2")->parameters, 128 * 10 + 10);
        QCOMPARE(e.view->networkScene()->edge("fc1", "relu1")->label(), QStringLiteral("[128]"));
        QCOMPARE(e.doc.undoStack()->count(), 1);  // the keystrokes of one edit are one step
        e.doc.undoStack()->undo();
        QCOMPARE(e.doc.node("fc1")->attrs.get_int("out_features"), 256);
        QCOMPARE(spin->value(), 256);
        e.doc.undoStack()->redo();
        QCOMPARE(spin->value(), 128);
        // bounds: no way to enter 0 features
        spin->setValue(-5);
        QCOMPARE(e.doc.node("fc1")->attrs.get_int("out_features"), 1);
        // other kinds of editors
        QVERIFY(qobject_cast<QCheckBox*>(e.inspector->editor("bias")));
        auto* init = qobject_cast<QComboBox*>(e.inspector->editor("init"));
        QVERIFY(init);
        init->setCurrentText("normal");
        QCOMPARE(e.doc.node("fc1")->attrs.get_string("init"), std::string("normal"));
        e.view->networkScene()->selectNodes({"relu1"});
        QCOMPARE(e.inspector->nodeId(), QStringLiteral("relu1"));
        QVERIFY(!e.inspector->editor("out_features"));
    }

    void deleteRemovesTheSelectedNode() {
        Editor e;
        e.loadMlp();
        QVERIFY(e.show());
        e.view->setFocus();
        e.view->networkScene()->selectNodes({"relu1"});
        QTest::keyClick(e.view, Qt::Key_Delete);
        QVERIFY(!e.doc.node("relu1"));
        QCOMPARE(inputsOf(e.doc, "fc2"), QStringList{"fc1"});  // the chain is healed
        QVERIFY(e.doc.canTrain());
        e.doc.undoStack()->undo();
        QVERIFY(e.doc.node("relu1"));
        QCOMPARE(inputsOf(e.doc, "fc2"), QStringList{"relu1"});
    }

    void deleteOnAnEdgeDisconnects() {
        Editor e;
        e.loadMlp();
        QVERIFY(e.show());
        e.view->networkScene()->edge("relu1", "fc2")->setSelected(true);
        QTest::keyClick(e.view, Qt::Key_Delete);
        QVERIFY(inputsOf(e.doc, "fc2").isEmpty());
        QString why;
        QVERIFY(!e.doc.canTrain(&why));
        QVERIFY2(why.contains("fc2") && why.contains("no input"), qPrintable(why));
        QVERIFY(e.view->networkScene()->nodeItem("fc2")->hasError());
        e.doc.undoStack()->undo();
        QVERIFY(e.doc.canTrain());
    }

    void connectByDraggingFromThePort() {
        Editor e;
        e.loadMlp();
        QVERIFY(e.show());
        e.view->setZoom(1.0);
        const QString id = e.doc.addNode("Linear", QPointF(260, 330), "");  // unconnected
        QVERIFY(e.view->networkScene()->nodeItem(id)->hasError());
        e.view->centerOn(QPointF(130, 250));
        QTest::qWait(10);
        const QPoint from = e.viewPos(e.view->networkScene()->nodeItem("flatten")->outputPort());
        const QPoint to = e.viewPos(QPointF(260, 330));
        QWidget* vp = e.view->viewport();
        QTest::mousePress(vp, Qt::LeftButton, {}, from);
        QTest::mouseMove(vp, (from + to) / 2);
        QTest::mouseMove(vp, to);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, to);
        QCOMPARE(inputsOf(e.doc, id), QStringList{"flatten"});
        QCOMPARE(e.view->networkScene()->edge("flatten", id)->label(), QStringLiteral("[784]"));
    }

    void copyPasteDuplicatesWithNewIds() {
        Editor e;
        e.loadMlp();
        QVERIFY(e.show());
        e.view->setFocus();
        e.view->networkScene()->selectNodes({"fc1", "relu1"});
        QTest::keyClick(e.view, Qt::Key_C, Qt::ControlModifier);
        QTest::keyClick(e.view, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(e.doc.nodeIds().size(), 6);
        QVERIFY(e.doc.node("fc3"));
        QVERIFY(e.doc.node("relu2"));
        QCOMPARE(inputsOf(e.doc, "relu2"), QStringList{"fc3"});
        QCOMPARE(e.doc.node("fc3")->attrs.get_int("out_features"), 256);
        QCOMPARE(inputsOf(e.doc, "fc3"), QStringList{"fc2"});  // appended after the output
        QCOMPARE(e.view->networkScene()->selectedNodeIds(), (QStringList{"fc3", "relu2"}));
        QVERIFY(e.doc.canTrain());
        QCOMPARE(e.doc.report().output_shape, (dl::Shape{256}));
        e.doc.undoStack()->undo();
        QCOMPARE(e.doc.nodeIds().size(), 4);
    }

    void cyclesAreRefused() {
        Editor e;
        e.loadMlp();
        QSignalSpy messages(&e.doc, &NetworkDocument::message);
        QString why;
        QVERIFY(!e.doc.connectNodes("fc2", "fc1", &why));
        QVERIFY2(why.contains("cycle"), qPrintable(why));
        QCOMPARE(messages.count(), 1);
        QVERIFY(!e.doc.connectNodes("fc1", "fc1", &why));
        QCOMPARE(e.doc.undoStack()->count(), 0);
        QCOMPARE(inputsOf(e.doc, "fc1"), QStringList{"flatten"});
        // connecting a later node into an earlier one reorders the spec (inputs before their users)
        const QString add = e.doc.addNode("Add", QPointF(0, 500), "");
        const QString fc3 = e.doc.addNode("Linear", QPointF(200, 400), "");
        QVERIFY(e.doc.connectNodes("fc2", add));
        QVERIFY(!e.doc.connectNodes("fc2", add, &why));  // already connected
        QVERIFY(e.doc.connectNodes(fc3, add));
        QVERIFY(e.doc.indexOf(fc3) < e.doc.indexOf(add));
        QVERIFY(e.doc.connectNodes("relu1", fc3));
        QVERIFY2(e.doc.canTrain(&why), qPrintable(why));
        QCOMPARE(e.doc.outputId(), add);
        QCOMPARE(e.doc.report().output_shape, (dl::Shape{10}));
        QVERIFY(!e.doc.connectNodes(add, "relu1", &why));  // relu1 feeds add through fc3
        QVERIFY(why.contains("cycle"));
    }

    void rubberBandSelects() {
        Editor e;
        e.loadMlp();
        QVERIFY(e.show());
        e.view->setZoom(1.0);
        e.view->centerOn(e.view->networkScene()->nodeItem("fc1"));
        QTest::qWait(10);
        auto* scene = e.view->networkScene();
        const QRectF fc1 = scene->nodeItem("fc1")->sceneBoundingRect();
        const QRectF relu1 = scene->nodeItem("relu1")->sceneBoundingRect();
        const QPoint a = e.viewPos(fc1.topLeft() + QPointF(-60, 10));  // empty canvas left of fc1
        const QPoint b = e.viewPos(relu1.center() + QPointF(-40, 0));
        QWidget* vp = e.view->viewport();
        QTest::mousePress(vp, Qt::LeftButton, {}, a);
        QTest::mouseMove(vp, (a + b) / 2);
        QTest::mouseMove(vp, b);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, b);
        QCOMPARE(scene->selectedNodeIds(), (QStringList{"fc1", "relu1"}));
        QCOMPARE(e.doc.undoStack()->count(), 0);  // selecting is not an edit
    }

    void zoomWithCtrlWheel() {
        Editor e;
        e.loadMlp();
        QVERIFY(e.show());
        e.view->setZoom(1.0);
        QWheelEvent wheel(QPointF(100, 100), e.view->viewport()->mapToGlobal(QPointF(100, 100)), QPoint(),
                          QPoint(0, 120), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(e.view->viewport(), &wheel);
        QVERIFY(e.view->zoom() > 1.1);
    }

    void grabEditor() {
        // DIVELAB_SCREENSHOT_DIR=docs/screenshots refreshes the README's pictures.
        const QString dir = qEnvironmentVariable("DIVELAB_SCREENSHOT_DIR", QDir::tempPath());
        {
            Editor e;
            e.loadMlp();
            QVERIFY(e.show());
            e.view->networkScene()->selectNodes({"fc1"});
            e.view->fitToNetwork();
            QTest::qWait(20);
            QVERIFY(e.window.grab().save(dir + "/network-editor.png"));
        }
        {
            Editor e;
            e.doc.loadSpec(branchingSpec());
            QVERIFY2(e.doc.canTrain(), qPrintable(QString::fromStdString(e.doc.report().error)));
            QCOMPARE(e.view->networkScene()->edge("concat", "add")->label(), QStringLiteral("[256]"));
            QVERIFY(e.show());
            e.view->networkScene()->selectNodes({"concat"});
            e.view->fitToNetwork();
            QTest::qWait(20);
            QVERIFY(e.window.grab().save(dir + "/network-editor-branching.png"));
        }
        {  // a shape error: Add joining [256] and [10]
            Editor e;
            e.loadMlp();
            const QString add = e.doc.addNode("Add", QPointF(0, 5 * NetworkDocument::kRowStep), "fc2");
            QVERIFY(e.doc.connectNodes("relu1", add));
            QVERIFY(e.show());
            e.view->networkScene()->selectNodes({add});
            e.view->fitToNetwork();
            QTest::qWait(20);
            QVERIFY(e.window.grab().save(QDir::tempPath() + "/network-editor-error.png"));
        }
    }
};

QTEST_MAIN(TestNetworkEditor)
#include "test_network_editor.moc"
