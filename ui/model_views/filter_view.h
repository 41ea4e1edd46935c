#pragma once
// FilterView: the learned filters of the network's first convolution, one small picture per output
// channel (its weights over the kernel window, stretched from its own minimum, black, to its
// maximum, white; colour when the layer sees RGB images, else the first input channel), so the
// learner sees edge and blob detectors emerge. Presents a ModelSnapshot (the first Conv2d's
// "<id>.weight" among its parameters); redraws at most ~25 Hz.
#include <QPointer>
#include <QWidget>

#include "ui/model_views/image_tile_grid.h"
#include "ui/model_views/model_snapshot.h"
#include "ui/plots/redraw_throttle.h"

class QLabel;

class FilterView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kTileSide = 100;  // screen pixels per filter, at most (less when space is short)

    explicit FilterView(QWidget* parent = nullptr);

    void setModel(ModelSnapshot* model);
    ModelSnapshot* model() const { return model_; }

    QString convNode() const;  // id of the first Conv2d; empty when the network has none
    int tileCount() const { return grid_->tileCount(); }
    bool placeholderVisible() const { return grid_->tileCount() == 0; }
    QString placeholder() const { return grid_->placeholder(); }
    QString caption() const;
    ImageTileGrid* grid() const { return grid_; }
    int redrawCount() const { return throttle_.redrawCount(); }

public Q_SLOTS:
    void refreshNow();

private:
    void redraw();
    void showFilters(const QString& node, const dl::Tensor& weight);

    QPointer<ModelSnapshot> model_;
    QLabel* caption_;
    ImageTileGrid* grid_;
    RedrawThrottle throttle_;
};
