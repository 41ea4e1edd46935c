// The tensor playground and the autograd graph driven as a learner would: lines typed into the real
// input, examples clicked, the backward pass stepped with the button and Space; the shown gradients
// are checked against the engine's own backward pass run separately.
#include <QAction>
#include <QGraphicsView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QtTest>

#include "engine/autograd/tensor_session.h"
#include "engine/autograd/tensor_text.h"
#include "ui/learn/learn_menu.h"
#include "ui/tensor_lab/autograd_graph_view.h"
#include "ui/tensor_lab/graph_node_item.h"
#include "ui/tensor_lab/history_line_edit.h"
#include "ui/tensor_lab/playground_examples.h"
#include "ui/tensor_lab/tensor_playground.h"
#include "ui/window/main_window.h"

namespace {
// Types a line into the playground's input, presses Enter and waits for its entry in the log.
QString enter(TensorPlayground& p, const QString& line) {
    QSignalSpy evaluated(&p, &TensorPlayground::lineEvaluated);
    p.input()->setFocus();
    QTest::keyClicks(p.input(), line);
    QTest::keyClick(p.input(), Qt::Key_Return);
    if (!evaluated.wait(10000)) qFatal("the playground never evaluated '%s'", qPrintable(line));
    return p.lastEntryText();
}

void waitBuilt(AutogradGraphView& v) {
    QSignalSpy built(&v, &AutogradGraphView::graphBuilt);
    if (v.busy() && !built.wait(10000)) qFatal("the graph was never built");
}

// The engine's gradient of `expression` with respect to the input `name`, from Var::backward() in a
// session of its own, as the graph's boxes print tensors.
QString engineGradient(const QString& inputs, const QString& expression, const char* name) {
    dl::TensorSession s;
    s.set_leaves_require_grad(true);
    s.run(inputs.toStdString());
    dl::Var y = s.run(expression.toStdString()).value.tensor;
    y.backward();
    return QString::fromStdString(dl::tensor_text(s.variables().at(name).tensor.grad(), {12, 2}));
}

GraphNodeItem* inputItem(AutogradGraphView& v) {
    for (GraphNodeItem* item : v.nodeItems())
        if (item->kind() == GraphNodeItem::Kind::Input) return item;
    return nullptr;
}
}  // namespace

class TestTensorLab : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qputenv("DIVELAB_STATE_DIR", state_.path().toUtf8()); }

    void playgroundPrintsShapesAndValues() {
        TensorPlayground p;
        p.show();
        QString entry = enter(p, QStringLiteral("x = arange(12)"));
        QVERIFY2(entry.contains(QStringLiteral("shape [12]")), qPrintable(entry));
        QVERIFY2(entry.contains(QStringLiteral("tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11.])")),
                 qPrintable(entry));
        entry = enter(p, QStringLiteral("X = x.reshape(3, 4)"));
        QVERIFY2(entry.contains(QStringLiteral("shape [3, 4]")), qPrintable(entry));
        // D2L §2.1.2's matrix, one aligned row per line
        QVERIFY2(entry.contains(QStringLiteral("tensor([[ 0.,  1.,  2.,  3.],\n        [ 4.,  5.,  6.,  7.],\n"
                                               "        [ 8.,  9., 10., 11.]])")),
                 qPrintable(entry));
        entry = enter(p, QStringLiteral("X.sum(axis=0)"));  // column sums 0+4+8, 1+5+9, ...
        QVERIFY2(entry.contains(QStringLiteral("shape [4]")) &&
                     entry.contains(QStringLiteral("tensor([12., 15., 18., 21.])")),
                 qPrintable(entry));
        entry = enter(p, QStringLiteral("X[:, 1] @ arange(3)"));  // [1, 5, 9]·[0, 1, 2] = 23
        QVERIFY2(entry.contains(QStringLiteral("shape []")) && entry.contains(QStringLiteral("tensor(23.)")),
                 qPrintable(entry));
        entry = enter(p, QStringLiteral("arange(1000) / 2"));
        QVERIFY2(entry.contains(QStringLiteral("...")) && entry.contains(QStringLiteral("499.5000")) &&
                     !entry.contains(QStringLiteral("250.0000")) && entry.contains(QStringLiteral("elided")),
                 qPrintable(entry));
        QVERIFY(p.log()->toPlainText().contains(QStringLiteral(">>> X = x.reshape(3, 4)")));
    }

    void playgroundShowsErrorsWithACaret() {
        TensorPlayground p;
        p.show();
        enter(p, QStringLiteral("X = arange(12).reshape(3, 4)"));
        const QString entry = enter(p, QStringLiteral("X + arange(2)"));
        QVERIFY2(entry.contains(QStringLiteral("cannot broadcast shapes [3, 4] and [2] (the last dimensions 4 and 2 "
                                               "differ)")),
                 qPrintable(entry));
        // ">>> " then the caret under the '+', the third character
        QVERIFY2(entry.contains(QStringLiteral(">>> X + arange(2)\n      ^\n")), qPrintable(entry));
        QVERIFY(p.log()->toHtml().contains(QStringLiteral("#c62828")));
        const QString unknown = enter(p, QStringLiteral("X @ W"));
        QVERIFY2(
            unknown.contains(QStringLiteral("unknown name 'W'")) && unknown.contains(QStringLiteral("\n        ^")),
            qPrintable(unknown));
        // the failed line assigned nothing: X is unchanged
        QVERIFY(enter(p, QStringLiteral("X.shape")).contains(QStringLiteral("[3, 4]")));
    }

    void historyAndExamples() {
        TensorPlayground p;
        p.show();
        enter(p, QStringLiteral("a = ones(2)"));
        enter(p, QStringLiteral("b = zeros(2)"));
        QTest::keyClicks(p.input(), QStringLiteral("a +"));
        QTest::keyClick(p.input(), Qt::Key_Up);
        QCOMPARE(p.input()->text(), QStringLiteral("b = zeros(2)"));
        QTest::keyClick(p.input(), Qt::Key_Up);
        QCOMPARE(p.input()->text(), QStringLiteral("a = ones(2)"));
        QTest::keyClick(p.input(), Qt::Key_Down);
        QTest::keyClick(p.input(), Qt::Key_Down);
        QCOMPARE(p.input()->text(), QStringLiteral("a +"));
        p.input()->clear();

        QListWidget* examples = p.examples();
        QListWidgetItem* first = nullptr;
        for (int i = 0; i < examples->count() && !first; ++i)
            if (examples->item(i)->data(Qt::UserRole).toString() == QStringLiteral("x = arange(12.0)"))
                first = examples->item(i);
        QVERIFY(first);
        QSignalSpy evaluated(&p, &TensorPlayground::lineEvaluated);
        examples->scrollToItem(first);
        QTest::mouseClick(examples->viewport(), Qt::LeftButton, {}, examples->visualItemRect(first).center());
        QVERIFY(evaluated.wait(10000));
        QVERIFY2(p.lastEntryText().contains(QStringLiteral("shape [12]")), qPrintable(p.lastEntryText()));
    }

    // Every example runs in order; the one showing a broadcasting error is the only one that fails.
    void everyExampleRuns() {
        TensorPlayground p;
        QStringList failed;
        for (const PlaygroundExample& e : playgroundExamples()) {
            QSignalSpy evaluated(&p, &TensorPlayground::lineEvaluated);
            p.run(e.line);
            QVERIFY(evaluated.wait(10000));
            if (p.lastEntryText().contains(QStringLiteral("Error:"))) failed << e.line;
        }
        QCOMPARE(failed.join(QStringLiteral(" / ")), QStringLiteral("X + arange(2)"));
        QVERIFY2(p.lastEntryText().contains(QStringLiteral("tensor([ 0.,  4.,  8., 12.])")),
                 qPrintable(p.lastEntryText()));
    }

    void graphStepsBackNodeByNode() {  // y = 2 xᵀx: ∂y/∂x = 4x (D2L §2.5.1)
        AutogradGraphView v;
        v.show();
        waitBuilt(v);
        QCOMPARE(v.inputsEdit()->text(), QStringLiteral("x = arange(4.0)"));
        QCOMPARE(v.expressionEdit()->text(), QStringLiteral("y = 2 * x.T @ x"));
        QCOMPARE(v.nodeItems().size(), 4);  // x, the constant 2, mul, matmul
        QVERIFY(!v.highlightedItem());
        for (GraphNodeItem* item : v.nodeItems()) QVERIFY(item->gradientText().isEmpty());

        QTest::mouseClick(v.stepButton(), Qt::LeftButton);
        GraphNodeItem* y = v.highlightedItem();
        QVERIFY(y && y->title().startsWith(QStringLiteral("y = matmul")));
        QCOMPARE(y->gradientText(), QStringLiteral("tensor(1.)"));

        QTest::mouseClick(v.stepButton(), Qt::LeftButton);
        GraphNodeItem* twoX = v.highlightedItem();
        QVERIFY(twoX && twoX->title().startsWith(QStringLiteral("mul")));
        QCOMPARE(twoX->gradientText(), QStringLiteral("tensor([0., 1., 2., 3.])"));  // ∂(u·x)/∂u = x
        QVERIFY(inputItem(v)->gradientText().isEmpty());  // x has not got its whole gradient yet

        v.graphicsView()->setFocus();
        QTest::keyClick(v.graphicsView(), Qt::Key_Space);
        GraphNodeItem* x = v.highlightedItem();
        QCOMPARE(x, inputItem(v));
        const QString engine =
            engineGradient(QStringLiteral("x = arange(4.0)"), QStringLiteral("y = 2 * x.T @ x"), "x");
        QCOMPARE(engine, QStringLiteral("tensor([ 0.,  4.,  8., 12.])"));  // 4x
        QCOMPARE(x->gradientText(), engine);
        QVERIFY(!v.stepButton()->isEnabled());
        QVERIFY(v.statusLabel()->text().contains(QStringLiteral("Done")));

        QSignalSpy built(&v, &AutogradGraphView::graphBuilt);
        QTest::mouseClick(v.resetButton(), Qt::LeftButton);
        QVERIFY(built.wait(10000));
        QVERIFY(!v.highlightedItem());
        QVERIFY(inputItem(v)->gradientText().isEmpty());
        QVERIFY(v.stepButton()->isEnabled());
    }

    void graphOfATypedExpression() {
        AutogradGraphView v;
        v.show();
        waitBuilt(v);
        const QString expression = QStringLiteral("y = (exp(x) * x[1:3].sum() - x / 2).mean()");
        QSignalSpy built(&v, &AutogradGraphView::graphBuilt);
        v.expressionEdit()->selectAll();
        QTest::keyClicks(v.expressionEdit(), expression);
        QTest::keyClick(v.expressionEdit(), Qt::Key_Return);
        QVERIFY(built.wait(10000));
        QVERIFY(v.nodeItems().size() > 6);
        QTest::mouseClick(v.runAllButton(), Qt::LeftButton);
        QCOMPARE(inputItem(v)->gradientText(), engineGradient(v.inputsEdit()->text(), expression, "x"));
        int withGradient = 0;
        for (GraphNodeItem* item : v.nodeItems()) withGradient += item->gradientText().isEmpty() ? 0 : 1;
        QCOMPARE(withGradient, v.stepper()->total_steps());

        v.expressionEdit()->selectAll();
        QTest::keyClicks(v.expressionEdit(), QStringLiteral("y = x @ ones(3)"));
        QTest::keyClick(v.expressionEdit(), Qt::Key_Return);
        QVERIFY(built.wait(10000));
        QVERIFY2(v.statusLabel()->text().contains(QStringLiteral("inner dimensions 4 and 3 differ")),
                 qPrintable(v.statusLabel()->text()));
        QVERIFY(v.nodeItems().isEmpty());
        QVERIFY(!v.stepButton()->isEnabled());
    }

    void learnMenuOpensBoth() {
        MainWindow w;
        QStringList actions;
        for (QAction* menu : w.menuBar()->actions())
            if (menu->menu())
                for (QAction* a : menu->menu()->actions()) actions << a->text();
        QVERIFY(actions.contains(QStringLiteral("&Tensor Playground…")));
        QVERIFY(actions.contains(QStringLiteral("Autograd &Graph…")));

        QVERIFY(w.learnMenu()->open(QStringLiteral("tensors:x = arange(3) * 2")));
        auto* p = qobject_cast<TensorPlayground*>(w.learnMenu()->lastOpened());
        QVERIFY(p);
        QSignalSpy evaluated(p, &TensorPlayground::lineEvaluated);
        QVERIFY(evaluated.count() > 0 || evaluated.wait(10000));
        QVERIFY2(p->lastEntryText().contains(QStringLiteral("tensor([0., 2., 4.])")), qPrintable(p->lastEntryText()));

        QVERIFY(w.learnMenu()->open(QStringLiteral("autograd:x = arange(3.0); y = (x * x).sum()")));
        auto* v = qobject_cast<AutogradGraphView*>(w.learnMenu()->lastOpened());
        QVERIFY(v);
        QSignalSpy built(v, &AutogradGraphView::graphBuilt);
        QTRY_VERIFY_WITH_TIMEOUT(!v->busy() && v->stepper(), 10000);
        QCOMPARE(v->expressionEdit()->text(), QStringLiteral("y = (x * x).sum()"));
        QTest::mouseClick(v->runAllButton(), Qt::LeftButton);
        QCOMPARE(inputItem(*v)->gradientText(), QStringLiteral("tensor([0., 2., 4.])"));  // 2x

        // the header's form: an expression alone keeps the inputs, and the same window is reused
        QVERIFY(w.learnMenu()->open(QStringLiteral("autograd:2 * x.T @ x")));
        QCOMPARE(w.learnMenu()->lastOpened(), v);
        QTRY_VERIFY_WITH_TIMEOUT(!v->busy() && v->stepper(), 10000);
        QCOMPARE(v->inputsEdit()->text(), QStringLiteral("x = arange(3.0)"));
        QTest::mouseClick(v->runAllButton(), Qt::LeftButton);
        QCOMPARE(inputItem(*v)->gradientText(), QStringLiteral("tensor([0., 4., 8.])"));  // 4x
    }

private:
    QTemporaryDir state_;
};

QTEST_MAIN(TestTensorLab)
#include "test_tensor_lab.moc"
