// The DiveLab main window: one experiment — a network (editor in the centre), a data set, training
// settings — and the live views of its training. Docks: layer palette, inspector, data set,
// hyperparameters, plots; their layout is restored on the next start.
#pragma once

#include <QMainWindow>

#include <memory>

#include "engine/data/dataset.h"
#include "engine/train/observer.h"

class QAction;
class QLabel;
class QProgressBar;
class DatasetPanel;
class DatasetPreview;
class GradientNormPlot;
class HyperparameterPanel;
class LayerInspector;
class LayerPalette;
class LossAccuracyPlot;
class MetricsHistory;
class NetworkDocument;
class NetworkView;
class TrainingController;

namespace dl {
struct NetworkSpec;
}

class MainWindow : public QMainWindow {
  Q_OBJECT

public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // The window icon, loaded from the embedded resources (":/icons/divelab.svg").
  static QIcon appIcon();

  // Loads a preset: its network, suggested hyperparameters, data set and D2L reference result.
  bool loadPreset(const QString& name);

  // For tests and scripts.
  NetworkDocument* document() const { return document_; }
  NetworkView* networkView() const { return view_; }
  DatasetPanel* datasetPanel() const { return datasetPanel_; }
  HyperparameterPanel* hyperparameterPanel() const { return hyperPanel_; }
  TrainingController* controller() const { return controller_; }
  MetricsHistory* history() const { return history_; }
  LossAccuracyPlot* lossPlot() const { return lossPlot_; }
  GradientNormPlot* gradientPlot() const { return gradientPlot_; }
  QAction* trainAction() const { return trainAction_; }
  QAction* pauseAction() const { return pauseAction_; }
  QAction* stepAction() const { return stepAction_; }
  QAction* stopAction() const { return stopAction_; }
  QString bannerText() const;

public Q_SLOTS:
  void showAbout();
  void train();
  void togglePause();

protected:
  void closeEvent(QCloseEvent* event) override;
  void showEvent(QShowEvent* event) override;

private:
  void createDocks();
  void createMenus();
  void createStatusBar();
  void reloadData();
  void updateActions();
  void showBanner(const QString& text, bool error);
  void onBatches(const std::vector<dl::BatchEvent>& batches);
  void onFinished(const dl::TrainSummary& summary);
  void exportPlots();
  void exportMetrics();
  void openNetwork();
  void saveNetwork();

  NetworkDocument* document_ = nullptr;
  NetworkView* view_ = nullptr;
  LayerPalette* palette_ = nullptr;
  LayerInspector* inspector_ = nullptr;
  DatasetPanel* datasetPanel_ = nullptr;
  DatasetPreview* preview_ = nullptr;
  HyperparameterPanel* hyperPanel_ = nullptr;
  TrainingController* controller_ = nullptr;
  MetricsHistory* history_ = nullptr;
  LossAccuracyPlot* lossPlot_ = nullptr;
  GradientNormPlot* gradientPlot_ = nullptr;
  QLabel* banner_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* progressText_ = nullptr;
  std::shared_ptr<const dl::DataSplit> data_;
  QString dataKey_;  // which data set data_ holds

  QAction* trainAction_ = nullptr;
  QAction* pauseAction_ = nullptr;
  QAction* stepAction_ = nullptr;
  QAction* stopAction_ = nullptr;
  QAction* quitAction_ = nullptr;
  QAction* aboutAction_ = nullptr;
};
