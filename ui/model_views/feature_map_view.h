#pragma once
// FeatureMapView: what one layer of an image model makes of one test image — the image itself
// beside every channel of the chosen node's output ([C, H, W]) as a grey picture (each stretched
// from its own minimum to its maximum). A combo chooses the node among those whose output is a
// stack of feature maps, a spin box the test image; the view emits exampleChosen() for the owner to
// pass on (TrainingController::setProbeExample). Presents a ModelSnapshot; redraws at most ~25 Hz.
#include <QPointer>
#include <QWidget>

#include "ui/model_views/image_tile_grid.h"
#include "ui/model_views/model_snapshot.h"
#include "ui/plots/redraw_throttle.h"

class QComboBox;
class QLabel;
class QSpinBox;

class FeatureMapView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kTileSide = 112;  // screen pixels per channel, at most (less when space is short)

    explicit FeatureMapView(QWidget* parent = nullptr);

    void setModel(ModelSnapshot* model);
    ModelSnapshot* model() const { return model_; }

    int example() const;          // the test image chosen in the spin box
    QString currentNode() const;  // empty when no node has feature maps
    int channelCount() const { return grid_->tileCount(); }
    bool placeholderVisible() const { return grid_->tileCount() == 0; }
    QString placeholder() const { return grid_->placeholder(); }
    QString caption() const;
    QComboBox* nodeBox() const { return nodeBox_; }
    QSpinBox* exampleBox() const { return exampleBox_; }
    ImageTileGrid* grid() const { return grid_; }
    QLabel* inputImage() const { return input_; }
    int redrawCount() const { return throttle_.redrawCount(); }

public Q_SLOTS:
    void refreshNow();

Q_SIGNALS:
    void exampleChosen(int testIndex);

private:
    const dl::Dataset* testImages() const;
    void syncData();
    void syncNodes();
    void redraw();
    void showInput(int64_t example);
    void showMaps(const QString& node, const dl::Tensor& out, int64_t example);
    const dl::Tensor* outputOf(const QString& node) const;
    QString classOf(int64_t testIndex) const;  // its class name; empty without labels

    QPointer<ModelSnapshot> model_;
    QString wanted_;  // the node last chosen in the combo
    QComboBox* nodeBox_;
    QSpinBox* exampleBox_;
    QLabel* input_;
    QLabel* inputCaption_;
    ImageTileGrid* grid_;
    QLabel* caption_;
    RedrawThrottle throttle_;
};
