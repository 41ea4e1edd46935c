#pragma once
// ConfusionMatrixView: how the test examples of each true class (rows) were classified (columns).
// Each cell shows its count, shaded by its share of the row, so the diagonal reads as the accuracy
// per class (also written at the end of each row) and dark cells off it are the classes the network
// confuses. Regression data and runs without test predictions get a short explanation instead.
// Presents a ModelSnapshot; repaints at most ~25 Hz.
#include <optional>

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include "ui/model_views/model_snapshot.h"
#include "ui/plots/redraw_throttle.h"

class ConfusionMatrixView : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionMatrixView(QWidget* parent = nullptr);

    void setModel(ModelSnapshot* model);
    ModelSnapshot* model() const { return model_; }

    const std::optional<dl::ConfusionMatrix>& matrix() const { return matrix_; }
    bool hasMatrix() const { return matrix_.has_value(); }
    bool placeholderVisible() const { return !matrix_; }
    QString title() const;  // "Test set, epoch 3 — accuracy 91.2%"
    // Where the cell (truth, predicted) is drawn at the current size; empty without a matrix.
    QRect cellRect(int truth, int predicted) const;
    int redrawCount() const { return throttle_.redrawCount(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    void refreshNow();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    // Where everything goes; computed from the widget size and the class names on every paint.
    struct Geometry {
        QRect title, grid;
        int cell = 0, cellWidth = 0, rowLabelWidth = 0, columnLabelHeight = 0;  // cell = height
        bool verticalColumnLabels = false;
        QRect cellRect(int truth, int predicted) const;
    };
    Geometry geometry() const;
    void takePredictions();
    void paintLabels(QPainter& p, const Geometry& g) const;
    void paintCells(QPainter& p, const Geometry& g) const;
    QString placeholder() const;

    QPointer<ModelSnapshot> model_;
    std::optional<dl::ConfusionMatrix> matrix_;
    QStringList names_;
    int epoch_ = 0;
    RedrawThrottle throttle_;
};
