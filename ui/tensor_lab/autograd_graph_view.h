#pragma once
// AutogradGraphView: the computational graph of an expression (D2L §2.5), built by the engine's
// autograd from a TensorSession whose inputs need gradients, drawn left to right as boxes and arrows:
// inputs, constants, each op and the output, with shapes and values. "Backward step" (or Space) runs
// the engine's backward pass one node at a time (dl::BackwardStepper), highlighting the node whose
// gradient has just become complete and showing it; "Run all" finishes, "Reset" starts again.
#include <QFutureWatcher>
#include <QHash>
#include <QWidget>
#include <memory>

#include "engine/autograd/graph_walk.h"
#include "engine/autograd/tensor_session.h"

class GraphNodeItem;
class QGraphicsItem;
class QGraphicsScene;
class QGraphicsView;
class QLabel;
class QLineEdit;
class QPushButton;

class AutogradGraphView : public QWidget {
    Q_OBJECT

public:
    static constexpr const char* kDefaultInputs = "x = arange(4.0)";
    static constexpr const char* kDefaultExpression = "y = 2 * x.T @ x";

    explicit AutogradGraphView(QWidget* parent = nullptr);
    ~AutogradGraphView() override;

    // Sets the fields and builds the graph (on a worker thread; graphBuilt() follows). `inputs` holds
    // statements separated by ';'.
    void setExpression(const QString& inputs, const QString& expression);
    // "y = 2 * x.T @ x" keeps the inputs; "x = arange(3.0); y = x * x": the statements before the last are
    // the inputs.
    void showStatements(const QString& statements);
    void rebuild();
    void backwardStep();
    void runAll();
    bool busy() const;

    QLineEdit* inputsEdit() const { return inputsEdit_; }
    QLineEdit* expressionEdit() const { return expressionEdit_; }
    QPushButton* stepButton() const { return stepButton_; }
    QPushButton* runAllButton() const { return runAllButton_; }
    QPushButton* resetButton() const { return resetButton_; }
    QLabel* statusLabel() const { return status_; }
    QGraphicsView* graphicsView() const { return view_; }
    // The drawn nodes, inputs first (empty when the expression failed).
    const QList<GraphNodeItem*>& nodeItems() const { return items_; }
    GraphNodeItem* itemFor(const dl::GradNode* node) const { return itemOf_.value(node); }
    GraphNodeItem* highlightedItem() const;
    // The session the graph came from (its variables) and the stepper running the backward pass.
    const dl::TensorSession* session() const;
    const dl::BackwardStepper* stepper() const;

Q_SIGNALS:
    void graphBuilt();
    void stepped();

private:
    struct Built;
    static std::shared_ptr<Built> build(const QString& inputs, const QString& expression);
    void showBuilt();
    void drawGraph();
    void layoutGraph();
    QString nodeName(const dl::GradNode* node) const;
    bool hasTransposeNode() const;
    GraphNodeItem* makeItem(const dl::GradNode* node) const;
    void showStep();
    void updateButtons();

    QLineEdit* inputsEdit_;
    QLineEdit* expressionEdit_;
    QPushButton* buildButton_;
    QPushButton* stepButton_;
    QPushButton* runAllButton_;
    QPushButton* resetButton_;
    QLabel* status_;
    QGraphicsScene* scene_;
    QGraphicsView* view_;
    QFutureWatcher<std::shared_ptr<Built>> watcher_;
    std::shared_ptr<Built> built_;
    bool pending_ = false;  // a build runs or its result has not been shown yet
    bool rebuildQueued_ = false;
    QList<GraphNodeItem*> items_;
    QHash<const dl::GradNode*, GraphNodeItem*> itemOf_;
    std::vector<const dl::GradNode*> nodes_;  // in the order of items_
    std::vector<int> columns_;
    QList<QGraphicsItem*> arrows_;
};
