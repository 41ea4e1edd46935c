#pragma once
// BatchNormView: the learned scale γ ("<id>.weight") and shift β ("<id>.bias") of one BatchNorm
// node (chosen in a combo), one pair of bars per channel, so the learner sees what the layer does
// with each normalised channel (γ = 1, β = 0 leave it as normalised). Presents a ModelSnapshot;
// redraws at most ~25 Hz.
#include <QPointer>
#include <QWidget>

#include "ui/model_views/model_snapshot.h"
#include "ui/plots/redraw_throttle.h"

class QComboBox;
class QCPBars;
class QCustomPlot;
class QLabel;
class QStackedWidget;

class BatchNormView : public QWidget {
    Q_OBJECT
public:
    explicit BatchNormView(QWidget* parent = nullptr);

    void setModel(ModelSnapshot* model);
    ModelSnapshot* model() const { return model_; }

    int nodeCount() const;            // BatchNorm nodes of the network
    QString currentNode() const;      // empty when there are none
    bool placeholderVisible() const;  // the network has no BatchNorm
    QString placeholder() const;
    QComboBox* nodeBox() const { return combo_; }
    QCustomPlot* plot() const { return plot_; }
    QCPBars* gammaBars() const { return gamma_; }  // γ of channel c at key c
    QCPBars* betaBars() const { return beta_; }    // β of channel c at key c
    QString caption() const;
    int redrawCount() const { return throttle_.redrawCount(); }

public Q_SLOTS:
    void refreshNow();

private:
    void setUpPlot();
    void syncNodes();
    void redraw();
    void showValues(const dl::Tensor* gamma, const dl::Tensor* beta);

    QPointer<ModelSnapshot> model_;
    QString wanted_;
    QComboBox* combo_;
    QStackedWidget* stack_;
    QLabel* placeholder_;
    QCustomPlot* plot_;
    QCPBars* gamma_;
    QCPBars* beta_;
    QLabel* caption_;
    RedrawThrottle throttle_;
};
