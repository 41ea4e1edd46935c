#pragma once
// QueryDetailView: one query row of an attention map up close — bars of its scores before softmax
// (Nadaraya–Watson: −((x − x_i)·w)²/2; dot-product attention: q·k/√d) over every key, and under them
// the weights softmax makes of them. Follows the epoch the replay slider shows.
#include <QPointer>
#include <QWidget>

#include "ui/attention_views/attention_snapshot.h"
#include "ui/plots/redraw_throttle.h"

class QCPAxisRect;
class QCPBars;
class QCPTextElement;
class QComboBox;
class QCustomPlot;
class QLabel;
class QSpinBox;
class QStackedWidget;

class QueryDetailView : public QWidget {
    Q_OBJECT
public:
    explicit QueryDetailView(QWidget* parent = nullptr);

    void setModel(AttentionSnapshot* model);
    QComboBox* layerBox() const { return layer_; }
    QSpinBox* headBox() const { return head_; }
    QSpinBox* queryBox() const { return query_; }
    QCustomPlot* plot() const { return plot_; }
    QCPBars* scoreBars() const { return scores_; }
    QCPBars* weightBars() const { return weights_; }
    bool placeholderVisible() const;

public Q_SLOTS:
    void refreshNow();

private:
    QWidget* buildControls();
    void redraw();

    QPointer<AttentionSnapshot> model_;
    QComboBox* layer_;
    QSpinBox* head_;
    QSpinBox* query_;
    QLabel* queryLabel_;
    QStackedWidget* stack_;
    QLabel* placeholder_;
    QCustomPlot* plot_;
    QCPTextElement* title_;
    QCPAxisRect* scoreRect_;
    QCPAxisRect* weightRect_;
    QCPBars* scores_;
    QCPBars* weights_;
    RedrawThrottle throttle_;
};
