// The network editor with big networks and shape errors (issue 10): presets open readable (layered
// layout wrapped into columns, zoom never below the readable floor, scroll bars and an overview map
// instead), the summary bar never covers a node, ports are easy to grab, zoom actions in the View
// menu, a network whose output does not fit the data turns its output node red with the reason on
// the canvas and in the inspector, and the palette shows all its entries. Real widgets, offscreen.
#include <QApplication>
#include <QDockWidget>
#include <QFontInfo>
#include <QGraphicsPathItem>
#include <QMenu>
#include <QMenuBar>
#include <QScrollBar>
#include <QSplitter>
#include <QtTest>

#include "editor_window.h"
#include "engine/io/presets.h"
#include "engine/train/trainer.h"
#include "ui/editor/layer_inspector.h"
#include "ui/editor/layer_palette.h"
#include "ui/editor/network_document.h"
#include "ui/editor/network_overview.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/network_summary_bar.h"
#include "ui/editor/network_view.h"
#include "ui/window/main_window.h"
#include "window_waits.h"

namespace {

struct Editor : EditorWindow {
    using EditorWindow::EditorWindow;
    // Loads a preset and fits it, as the main window does when a preset is chosen.
    bool open(const char* preset, int inputSide = 28) {
        doc.setInputShape({1, inputSide, inputSide});
        doc.loadSpec(dl::load_preset(preset));
        if (!show()) return false;
        view->fitToNetwork();
        return true;
    }
    NetworkScene* scene() const { return view->networkScene(); }
    // The layer nodes' bounding box (terminals left out), scene coordinates.
    QRectF layersRect() const {
        QRectF r;
        for (const QString& id : doc.nodeIds()) r = r.united(scene()->nodeItem(id)->sceneBoundingRect());
        return r;
    }
};

// The data set's complaint about an output, as the main window's check gives it.
QString fashionMnistCheck(const dl::Shape& output, const QString& node) {
    dl::Dataset data;
    data.name = "fashion-mnist";
    data.num_classes = 10;
    try {
        dl::check_output_fits(output, node.toStdString(), data, dl::LossKind::CrossEntropy);
        return {};
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
}

// A left-button drag on the view's viewport, with intermediate moves as a real mouse gives.
void drag(QWidget* viewport, QPoint from, QPoint to) {
    QTest::mousePress(viewport, Qt::LeftButton, {}, from);
    QTest::mouseMove(viewport, from + (to - from) / 3);
    QTest::mouseMove(viewport, from + 2 * (to - from) / 3);
    QTest::mouseMove(viewport, to);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
}

QMenu* menuTitled(QMainWindow& w, const QString& title) {
    for (QMenu* m : w.menuBar()->findChildren<QMenu*>())
        if (m->title() == title) return m;
    return nullptr;
}

QAction* actionTitled(QMenu* menu, const QString& text) {
    for (QAction* a : menu->actions())
        if (a->text() == text) return a;
    return nullptr;
}

}  // namespace

class TestEditorLayout : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void bigPresetsOpenReadableAndWide_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("side");
        QTest::newRow("lenet") << "lenet" << 28;
        QTest::newRow("resnet18") << "resnet18" << 96;
        QTest::newRow("densenet") << "densenet" << 96;
        QTest::newRow("googlenet") << "googlenet" << 96;
    }
    void bigPresetsOpenReadableAndWide() {
        QFETCH(QString, preset);
        QFETCH(int, side);
        Editor e;
        QVERIFY(e.open(qPrintable(preset), side));
        QVERIFY2(e.doc.canTrain(), qPrintable(QString::fromStdString(e.doc.report().error)));
        // readable: labels at least ~10 px tall on screen
        QVERIFY(e.view->zoom() >= NetworkView::readableZoom() - 1e-9);
        QVERIFY(QFontInfo(QApplication::font()).pixelSize() * e.view->zoom() >= 9.5);
        // wide: the layers use the width instead of one tall column
        const QRectF r = e.layersRect();
        QVERIFY2(r.width() / r.height() > 0.8, qPrintable(QStringLiteral("%1 x %2").arg(r.width()).arg(r.height())));
        // no two nodes overlap
        const QStringList ids = e.doc.nodeIds();
        for (int i = 0; i < ids.size(); ++i)
            for (int j = i + 1; j < ids.size(); ++j)
                QVERIFY2(!e.scene()
                              ->nodeItem(ids[i])
                              ->sceneBoundingRect()
                              .adjusted(4, 4, -4, -4)
                              .intersects(e.scene()->nodeItem(ids[j])->sceneBoundingRect().adjusted(4, 4, -4, -4)),
                         qPrintable(ids[i] + " / " + ids[j]));
        // the zoom is shown
        QCOMPARE(e.view->summaryBar()->zoomText(), QStringLiteral("%1 %").arg(std::lround(e.view->zoom() * 100)));
        // the input is in view (opened at the start of the network)
        const QRectF visible = e.view->mapToScene(e.view->viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(e.scene()->inputItem()->sceneBoundingRect()));
    }

    void longBranchingNetworksWrapBetweenStages() {
        // twelve residual stages: relu_k and the skip from add_{k-1} meet in add_k, then tanh_k
        dl::NetworkSpec spec;
        std::string previous = "input";
        auto add = [&spec](std::string id, const char* type, std::vector<std::string> inputs) {
            dl::NodeSpec n;
            n.id = std::move(id);
            n.type = type;
            n.inputs = std::move(inputs);
            spec.nodes.push_back(n);
        };
        add("flatten", "Flatten", {previous});
        previous = "flatten";
        for (int k = 1; k <= 12; ++k) {
            const std::string relu = "relu" + std::to_string(k), sum = "add" + std::to_string(k),
                              tanh = "tanh" + std::to_string(k);
            add(relu, "ReLU", {previous});
            add(sum, "Add", {previous, relu});
            add(tanh, "Tanh", {sum});
            previous = tanh;
        }
        Editor e;
        e.doc.loadSpec(spec);
        QVERIFY2(e.doc.canTrain(), qPrintable(QString::fromStdString(e.doc.report().error)));
        QSet<double> columns;
        for (const QString& id : e.doc.nodeIds()) columns.insert(e.doc.node(id)->x);
        QVERIFY(columns.size() >= 3);
        // a column ends where one edge leaves it (after an Add), not inside a stage
        int climbing = 0;
        for (const dl::NodeSpec& n : e.doc.spec().nodes)
            for (const std::string& in : n.inputs)
                if (const dl::NodeSpec* from = e.doc.node(QString::fromStdString(in)); from && n.y <= from->y)
                    ++climbing;
        QCOMPARE(climbing, int(columns.size()) - 1);
        const QRectF r = e.layersRect();
        QVERIFY(r.width() / r.height() > 0.8);
    }

    void shortNetworksStayOneColumn() {
        Editor e;
        QVERIFY(e.open("mlp"));
        QSet<double> xs;
        for (const QString& id : e.doc.nodeIds()) xs.insert(e.doc.node(id)->x);
        QCOMPARE(xs.size(), 1);
        QCOMPARE(e.view->zoom(), 1.0);  // fits at 100 %
        QVERIFY(!e.view->overview()->isVisible());
    }

    void savedPositionsAreKeptAndArrangeIsUndoable() {
        dl::NetworkSpec spec = dl::load_preset("lenet");
        for (size_t i = 0; i < spec.nodes.size(); ++i) {  // the user's own layout: a diagonal
            spec.nodes[i].x = 50.0 * double(i);
            spec.nodes[i].y = 100.0 * double(i);
        }
        Editor e;
        e.doc.loadSpec(spec);
        e.doc.undoStack()->clear();
        for (size_t i = 0; i < spec.nodes.size(); ++i)
            QCOMPARE(e.scene()->nodeItem(QString::fromStdString(spec.nodes[i].id))->pos(),
                     QPointF(50.0 * double(i), 100.0 * double(i)));
        e.view->arrangeAction()->trigger();
        QCOMPARE(e.doc.undoStack()->count(), 1);
        const QRectF arranged = e.layersRect();
        QVERIFY(arranged.width() / arranged.height() > 0.8);
        e.doc.undoStack()->undo();
        for (size_t i = 0; i < spec.nodes.size(); ++i)
            QCOMPARE(e.scene()->nodeItem(QString::fromStdString(spec.nodes[i].id))->pos(),
                     QPointF(50.0 * double(i), 100.0 * double(i)));
    }

    void summaryNeverCoversANode() {
        Editor e;
        QVERIFY(e.open("lenet"));
        QVERIFY(e.view->summaryBar()->isVisible());
        QVERIFY(e.view->summaryBar()->summaryText().contains(QStringLiteral("params")));
        QVERIFY(e.view->summaryBar()->statusText().contains(QStringLiteral("output [10]")));
        const QRect bar = e.view->summaryBar()->geometry();  // view coordinates
        auto check = [&] {
            const QRect canvas = e.view->viewport()->geometry();
            for (const QString& id : e.doc.nodeIds() + QStringList{NetworkScene::kInputItemId}) {
                const QRect onViewport =
                    e.view->mapFromScene(e.scene()->nodeItem(id)->sceneBoundingRect()).boundingRect();
                const QRect shown = onViewport.translated(canvas.topLeft()).intersected(canvas);
                if (shown.isEmpty()) continue;
                QVERIFY2(!shown.intersects(bar), qPrintable(id));
            }
        };
        check();
        e.view->verticalScrollBar()->setValue(e.view->verticalScrollBar()->minimum());
        e.view->horizontalScrollBar()->setValue(e.view->horizontalScrollBar()->minimum());
        check();
        e.view->setZoom(1.0);
        e.view->centerOn(e.scene()->inputItem());
        check();
    }

    void pressOnAPortStartsAWire_data() {
        QTest::addColumn<QPoint>("offset");  // pixels from the port's centre pixel
        QTest::newRow("centre") << QPoint(0, 0);
        QTest::newRow("above") << QPoint(0, -2);
        QTest::newRow("below") << QPoint(0, 2);
        QTest::newRow("left") << QPoint(-3, 0);
        QTest::newRow("right") << QPoint(3, -1);
    }
    void pressOnAPortStartsAWire() {
        QFETCH(QPoint, offset);
        Editor e;
        QVERIFY(e.open("mlp"));
        e.doc.undoStack()->clear();
        e.view->setZoom(1.0);
        NetworkNodeItem* fc1 = e.scene()->nodeItem("fc1");
        e.view->centerOn(fc1);
        const QPointF before = fc1->pos();
        QWidget* vp = e.view->viewport();
        const QPoint port = e.viewPos(fc1->outputPort()) + offset;
        const QPoint away = e.viewPos(fc1->pos()) + QPoint(300, 10);  // empty canvas: no connection
        QTest::mousePress(vp, Qt::LeftButton, {}, port);
        QTest::mouseMove(vp, port + QPoint(40, 5));
        QTest::mouseMove(vp, away);
        bool rubber = false;
        for (QGraphicsItem* item : e.scene()->items()) rubber = rubber || item->type() == QGraphicsPathItem::Type;
        QVERIFY2(rubber, "no wire follows the mouse");
        QCOMPARE(fc1->pos(), before);  // the node did not move
        QTest::mouseRelease(vp, Qt::LeftButton, {}, away);
        QCOMPARE(e.doc.undoStack()->count(), 0);
        // the same press, released on another node, connects
        const QPoint fc2 = e.viewPos(e.scene()->nodeItem("fc2")->pos());
        drag(vp, port, fc2);
        QCOMPARE(QString::fromStdString(e.doc.node("fc2")->inputs.at(0)), QStringLiteral("fc1"));
        QCOMPARE(fc1->pos(), before);
    }

    void outputMismatchIsRedOnTheCanvasAndInTheInspector() {
        Editor e;
        QVERIFY(e.open("mlp"));
        e.doc.setOutputCheck(fashionMnistCheck);
        QVERIFY(e.doc.canTrain());
        NetworkNodeItem* out = e.scene()->outputItem();
        QVERIFY(!out->hasError());
        // the learner's mistake: the Flatten deleted, the input goes straight into fc1
        e.view->setZoom(1.0);
        e.view->centerOn(e.scene()->nodeItem("flatten"));
        QTest::mouseClick(e.view->viewport(), Qt::LeftButton, {}, e.viewPos(e.scene()->nodeItem("flatten")->pos()));
        QCOMPARE(e.inspector->nodeId(), QStringLiteral("flatten"));
        QTest::keyClick(e.view->viewport(), Qt::Key_Delete);
        QVERIFY(!e.doc.node("flatten"));
        QCOMPARE(QString::fromStdString(e.doc.node("fc1")->inputs.at(0)), QStringLiteral("input"));
        QVERIFY2(e.doc.report().ok(), e.doc.report().error.c_str());
        QCOMPARE(e.doc.report().output_shape, (dl::Shape{1, 28, 10}));
        QString why;
        QVERIFY(!e.doc.canTrain(&why));
        QVERIFY(why.contains(QStringLiteral("10 classes")));
        QCOMPARE(e.doc.outputProblem(), why);
        // red on the canvas, with a short visible reason and the full text as tooltip
        QVERIFY(out->hasError());
        QVERIFY(out->errorLabel().contains(QStringLiteral("10 classes")));
        QCOMPARE(out->toolTip(), why);
        QVERIFY(e.scene()->edge("fc2", NetworkScene::kOutputItemId)->hasProblem());
        QVERIFY(e.view->summaryBar()->statusText().contains(QStringLiteral("does not fit")));
        // the label is drawn: it is inside what the item paints, below the box
        QVERIFY(out->boundingRect().bottom() > NetworkNodeItem::kPortHitRadius + 30);
        // clicking the output node shows what it is and the problem
        e.view->centerOn(out);
        QTest::mouseClick(e.view->viewport(), Qt::LeftButton, {}, e.viewPos(out->pos()));
        QCOMPARE(e.inspector->nodeId(), QString::fromLatin1(NetworkScene::kOutputItemId));
        QVERIFY(e.inspector->titleText().startsWith(QStringLiteral("output")));
        QVERIFY(e.inspector->shapesText().contains(QStringLiteral("[1, 28, 10]")));
        QVERIFY(e.inspector->statusText().contains(QStringLiteral("10 classes")));
        // and the input node shows its shape
        NetworkNodeItem* in = e.scene()->inputItem();
        e.view->centerOn(in);
        QTest::mouseClick(e.view->viewport(), Qt::LeftButton, {}, e.viewPos(in->pos() + QPointF(-60, 0)));
        QCOMPARE(e.inspector->nodeId(), QStringLiteral("input"));
        QVERIFY(e.inspector->titleText().startsWith(QStringLiteral("input")));
        QVERIFY(e.inspector->shapesText().contains(QStringLiteral("[1, 28, 28]")));
        // Undo brings the Flatten back: nothing is red any more
        e.doc.undoStack()->undo();
        QVERIFY(e.doc.canTrain());
        QVERIFY(!out->hasError());
        QVERIFY(out->errorLabel().isEmpty());
    }

    void fitNeverGoesBelowTheFloorAndTheOverviewScrolls() {
        Editor e(QSize(760, 460));  // a small window: DenseNet cannot fit readable
        QVERIFY(e.open("densenet", 96));
        e.view->setZoom(0.25);
        e.view->fitAction()->trigger();
        QVERIFY(e.view->zoom() >= NetworkView::readableZoom() - 1e-9);
        NetworkOverview* map = e.view->overview();
        QVERIFY(map->isVisible());
        QVERIFY(!map->geometry().intersects(e.view->summaryBar()->geometry()));
        // a click on the map's far corner brings that part of the network into view
        const QRectF network = e.view->networkRect();
        const QPointF target = network.bottomRight() - QPointF(60, 60);
        const QPoint onMap = map->mapFromScene(target);
        const int h = e.view->horizontalScrollBar()->value(), v = e.view->verticalScrollBar()->value();
        QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, onMap);
        QVERIFY(e.view->horizontalScrollBar()->value() != h || e.view->verticalScrollBar()->value() != v);
        const QRectF visible = e.view->mapToScene(e.view->viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(target));
        // dragging on it scrolls too
        const QPoint start = map->mapFromScene(network.topLeft() + QPointF(80, 80));
        QTest::mousePress(map->viewport(), Qt::LeftButton, {}, onMap);
        QTest::mouseMove(map->viewport(), (onMap + start) / 2);
        QTest::mouseMove(map->viewport(), start);
        QTest::mouseRelease(map->viewport(), Qt::LeftButton, {}, start);
        QVERIFY(e.view->mapToScene(e.view->viewport()->rect())
                    .boundingRect()
                    .contains(network.topLeft() + QPointF(80, 80)));
    }

    void zoomButtonsAndWheelUpdateTheZoomLabel() {
        Editor e;
        QVERIFY(e.open("mlp"));
        e.view->setZoom(1.0);
        QCOMPARE(e.view->summaryBar()->zoomText(), QStringLiteral("100 %"));
        QVERIFY(e.view->zoomInAction()->toolTip().contains(QStringLiteral("Ctrl+wheel")));
        QVERIFY(e.view->fitAction()->toolTip().contains(
            QKeySequence(Qt::CTRL | Qt::Key_0).toString(QKeySequence::NativeText)));
        e.view->zoomOutAction()->trigger();
        QCOMPARE(e.view->summaryBar()->zoomText(), QStringLiteral("80 %"));
        QWheelEvent wheel(QPointF(100, 100), e.view->viewport()->mapToGlobal(QPointF(100, 100)), QPoint(),
                          QPoint(0, 120), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(e.view->viewport(), &wheel);
        QCOMPARE(e.view->summaryBar()->zoomText(), QStringLiteral("%1 %").arg(std::lround(e.view->zoom() * 100)));
        QVERIFY(e.view->zoom() > 0.85);
    }

    void viewMenuZoomsTheEditor() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QMenu* view = menuTitled(w, QStringLiteral("&View"));
        QVERIFY(view);
        NetworkView* editor = w.networkView();
        QAction* zoomIn = actionTitled(view, QStringLiteral("Zoom &In"));
        QAction* zoomOut = actionTitled(view, QStringLiteral("Zoom &Out"));
        QAction* actual = actionTitled(view, QStringLiteral("&Actual Size (100 %)"));
        QAction* fit = actionTitled(view, QStringLiteral("&Fit Network"));
        QAction* arrange = actionTitled(view, QStringLiteral("A&rrange Network"));
        QVERIFY(zoomIn && zoomOut && actual && fit && arrange);
        QCOMPARE(zoomIn->shortcut(), QKeySequence(QKeySequence::ZoomIn));
        QCOMPARE(zoomOut->shortcut(), QKeySequence(QKeySequence::ZoomOut));
        QCOMPARE(fit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_0));
        QCOMPARE(actual->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_1));
        actual->trigger();
        QCOMPARE(editor->zoom(), 1.0);
        zoomIn->trigger();
        QVERIFY(editor->zoom() > 1.2);
        zoomOut->trigger();
        zoomOut->trigger();
        QVERIFY(editor->zoom() < 0.9);
        // the shortcut works from the window
        QTest::keyClick(&w, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(editor->zoom(), 1.0);
        // a big preset from the Presets menu opens readable; Fit keeps it readable
        QMenu* presets = menuTitled(w, QStringLiteral("&Presets"));
        QVERIFY(presets);
        QAction* lenet = nullptr;  // in its chapter's submenu; the action's data is the preset's name
        for (QAction* chapter : presets->actions())
            if (chapter->menu())
                for (QAction* a : chapter->menu()->actions())
                    if (a->data() == QStringLiteral("lenet")) lenet = a;
        QVERIFY(lenet);
        lenet->trigger();
        QVERIFY(editor->zoom() >= NetworkView::readableZoom() - 1e-9);
        editor->setZoom(0.3);
        fit->trigger();
        QVERIFY(editor->zoom() >= NetworkView::readableZoom() - 1e-9);
    }

    void mainWindowMarksAnOutputTheDataRefuses() {
        MainWindow w;
        w.show();
        QVERIFY(w.loadPreset(QStringLiteral("spiral-mlp")));
        QVERIFY(uitest::waitForData(w));
        NetworkDocument* doc = w.networkView()->document();
        QVERIFY(doc->canTrain());
        doc->setAttribute(QStringLiteral("out"), QStringLiteral("out_features"), int64_t{5});
        QString why;
        QVERIFY(!doc->canTrain(&why));
        QVERIFY2(why.contains(QStringLiteral("'spiral' has 2 classes")), qPrintable(why));
        QVERIFY(w.networkView()->networkScene()->outputItem()->hasError());
        auto* train = w.findChild<QAction*>(QStringLiteral("actionTrain"));
        QVERIFY(!train->isEnabled());
        QCOMPARE(train->toolTip(), why);  // the same text in both places
    }

    void paletteShowsItsLastEntry() {
        MainWindow w;  // the default 1280 × 800 window
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        LayerPalette* palette = w.palette();
        QTreeWidgetItem* last = palette->topLevelItem(palette->topLevelItemCount() - 1);
        while (last->childCount() > 0 && last->isExpanded()) last = last->child(last->childCount() - 1);
        // every group and every entry of an unfolded group shows without scrolling: the palette's dock runs
        // down the window's side (the CNN blocks start folded, their header counting them)
        QVERIFY(!palette->categoryItem(QStringLiteral("Blocks"))->isExpanded());
        QCOMPARE(palette->categoryItem(QStringLiteral("Blocks"))->text(0), QStringLiteral("Blocks (6)"));
        const QRect shown = palette->visualItemRect(last);
        QVERIFY2(palette->viewport()->rect().contains(shown), qPrintable(QStringLiteral("%1 at %2, viewport height %3")
                                                                             .arg(last->text(0))
                                                                             .arg(shown.bottom())
                                                                             .arg(palette->viewport()->height())));
        const QRect inWindow(palette->mapTo(&w, QPoint(0, 0)), palette->size());
        QVERIFY(w.rect().contains(inWindow));
    }
};

QTEST_MAIN(TestEditorLayout)
#include "test_editor_layout.moc"
