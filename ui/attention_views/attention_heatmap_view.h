#pragma once
// AttentionHeatmapView: the attention weights of the fixed input as queries × keys heatmaps (D2L
// §10.1's show_heatmaps), with the probe's name in the title and text labels on both axes (tokens, or
// Nadaraya–Watson's x values; a translation's words, for a sentence pair picked from the recorded
// ones). One map chosen by layer and head, or the "model view": every attention
// layer × head side by side. An epoch slider replays the AttentionHistory (at its right end the view
// follows the run live); the replay exports as a PNG sequence or an animated GIF.
// Presents an AttentionSnapshot; drawing only, the maps are computed off the GUI thread.
#include <QPointer>
#include <QWidget>

#include <vector>

#include "ui/attention_views/attention_snapshot.h"
#include "ui/plots/heatmap_plot.h"
#include "ui/plots/redraw_throttle.h"

class QComboBox;
class QCPColorScale;
class QCPLayoutGrid;
class QCPTextElement;
class QCustomPlot;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QStackedWidget;

class AttentionHeatmapView : public QWidget {
    Q_OBJECT
public:
    enum Layout { OneMap = 0, AllMaps = 1 };
    explicit AttentionHeatmapView(QWidget* parent = nullptr);

    void setModel(AttentionSnapshot* model);
    AttentionSnapshot* model() const { return model_; }

    QComboBox* layoutBox() const { return layout_; }
    QComboBox* layerBox() const { return layer_; }
    QComboBox* sentenceBox() const { return sentence_; }
    QSpinBox* headBox() const { return head_; }
    QSlider* epochSlider() const { return slider_; }
    QLabel* epochLabel() const { return epochLabel_; }
    QCustomPlot* plot() const { return plot_; }
    QString title() const;
    // The epoch of the snapshot on screen (-1: none) and the values of the first map drawn
    // (queries × keys, row-major), for tests and exports.
    int drawnEpoch() const { return drawnEpoch_; }
    std::vector<double> drawnValues() const { return drawnValues_; }
    // Maps on screen (the model view: layers × heads).
    int drawnMaps() const { return static_cast<int>(heatmaps_.size()); }
    bool placeholderVisible() const;
    QString placeholder() const;

    // Every snapshot of the history, drawn as now (layout, layer, head) at `size` pixels.
    std::vector<QImage> replayFrames(const QSize& size);
    // Writes the replay as <dir>/attention-epoch-NNNN.png (files listed in *written) or as one GIF.
    bool exportPngSequence(const QString& dir, QStringList* written, QString* error);
    bool exportGif(const QString& path, QString* error);
    static constexpr int kGifFrameMs = 400;
    static QSize exportSize() { return {960, 720}; }

public Q_SLOTS:
    void refreshNow();

private:
    QWidget* buildControls();
    QWidget* buildReplayRow();
    void syncChoices();
    void syncSentences();
    QString chosenLayer() const;  // the probe prefix picked in the layer box
    void syncSlider();
    void redraw();
    void draw(const dl::AttentionHistory::Snapshot* snapshot);
    void rebuildLayout(int rows, int columns, bool compact);
    void buildModelView(int rows, int columns);
    void drawOneMap(const std::vector<attention_inspection::AttentionMap>& maps, int epoch);
    void drawModelView(const std::vector<attention_inspection::AttentionMap>& maps, int64_t heads, int epoch);
    void openCellAt(const QPointF& pos);
    void drawMap(const heatmap_plot::Heatmap& heatmap, const attention_inspection::AttentionMap& map, int64_t head,
                 bool labelled);
    QString placeholderText() const;
    void onSliderMoved(int index);
    void chooseExportDirectory();
    void chooseExportFile();

    QPointer<AttentionSnapshot> model_;
    QComboBox* layout_;
    QComboBox* layer_;
    QComboBox* sentence_;
    QLabel* sentenceLabel_;
    QSpinBox* head_;
    QSlider* slider_;
    QLabel* epochLabel_;
    QPushButton* pngButton_;
    QPushButton* gifButton_;
    QStackedWidget* stack_;
    QLabel* placeholder_;
    QCustomPlot* plot_;
    QCPTextElement* title_ = nullptr;
    QCPLayoutGrid* grid_ = nullptr;
    std::vector<heatmap_plot::Heatmap> heatmaps_;
    std::vector<QCPTextElement*> rowTitles_;  // the model view's layer names
    QCPColorScale* sharedScale_ = nullptr;    // the model view's one colour scale
    int layoutRows_ = -1, layoutColumns_ = -1;
    bool layoutCompact_ = false;
    static constexpr int kModelViewRowHeight = 64;
    int drawnEpoch_ = -1;
    std::vector<double> drawnValues_;
    RedrawThrottle throttle_;
};
