// The DiveLab main window: one experiment — a network (editor in the centre), a data set, training
// settings — and the live views of its training. Docks: layer palette, inspector, data set,
// hyperparameters, plots; their layout is restored on the next start.
#pragma once

#include <QMainWindow>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "engine/data/dataset.h"
#include "engine/train/inspection.h"
#include "engine/train/observer.h"

class QAction;
class QDialog;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;
class BatchNormView;
class ConfusionMatrixView;
class FeatureMapView;
class FilterView;
class DecisionBoundaryView;
class ModelSnapshot;
class PredictionsView;
class ProjectSession;
class WeightHistogramView;
class DatasetLoader;
class ElidedLabel;
class RunStatusLabel;
class SequenceViews;
class AttentionViews;
class TranslationViews;
class BertViews;
class LearnMenu;
class DatasetPanel;
class FineTuningComparison;
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
struct PresetInfo;
struct Project;
}  // namespace dl

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // The window icon, loaded from the embedded resources (":/icons/divelab.svg").
    static QIcon appIcon();

    // Loads a preset as a new untitled experiment: its network, suggested hyperparameters, data set
    // and D2L reference result; a run in progress is stopped, the last run's results and messages go.
    bool loadPreset(const QString& name);
    // The Presets menu: loadPreset after offering to save unsaved changes or results (false when the
    // learner cancelled, nothing changed then).
    bool choosePreset(const QString& name);

    // --- projects (.divelab) -------------------------------------------------------------------
    // The experiment as a project: network with layout, data set, hyperparameters, the metrics of
    // the last run and, when includeWeights and the trained network matches the editor's, its weights.
    dl::Project currentProject(bool includeWeights = true) const;
    // Opens a project. A file that is not a project or is damaged changes nothing: false, and the
    // reason for a person in `error`. Weights that do not fit leave the rest opened, with a banner.
    bool openProjectFile(const QString& path, QString* error = nullptr);
    // A trained model (a DiveLab .json + .safetensors, or an exported PyTorch project's checkpoint.safetensors)
    // becomes the experiment, its weights adopted once its data set is loaded.
    bool openTrainedModelFile(const QString& path, QString* error = nullptr);
    // Saves atomically (the previous file survives any failure); false with the reason in `error`.
    bool saveProjectFile(const QString& path, QString* error = nullptr);
    // Writes the trained network in the engine's model format (NAME.json + NAME.safetensors).
    bool exportModelTo(const QString& path, QString* error = nullptr);
    // The trained model as one ONNX file (opset 17), or as a PyTorch project folder (model.py, train.py for one
    // process or torchrun, the weights) with this experiment's data set and hyperparameters.
    bool exportOnnxTo(const QString& path, QString* error = nullptr);
    bool exportPytorchTo(const QString& dir, QString* error = nullptr);
    bool hasTrainedModel() const;
    // Starts over: an empty network (undoable), same data set, hyperparameters kept, no project file.
    void newExperiment();
    // Opens an autosave left by a crashed session as an unsaved experiment; the file is removed.
    bool recoverAutosave(const QString& path, QString* error = nullptr);
    bool includeWeightsInProjects() const;
    // Brings a training view to the front: "loss", "gradients", "weights", "boundary", "predictions",
    // "confusion", "filters", "featuremaps", "batchnorm", or for sequence models "generated",
    // "stepgradients", "gates", "sine", for translation "translate", "bleu". False for any other name.
    bool showView(const QString& name);
    // Opens a window showing the inside of the block node `id` (double-click does the same); nullptr
    // when the node is not a block.
    QDialog* openBlock(const QString& id);

    // For tests and scripts.
    ProjectSession* session() const { return session_; }
    ModelSnapshot* modelSnapshot() const { return modelSnapshot_; }
    WeightHistogramView* weightView() const { return weightView_; }
    DecisionBoundaryView* boundaryView() const { return boundaryView_; }
    PredictionsView* predictionsView() const { return predictionsView_; }
    ConfusionMatrixView* confusionView() const { return confusionView_; }
    FilterView* filterView() const { return filterView_; }
    FeatureMapView* featureMapView() const { return featureMapView_; }
    BatchNormView* batchNormView() const { return batchNormView_; }
    SequenceViews* sequenceViews() const { return sequenceViews_; }
    AttentionViews* attentionViews() const { return attentionViews_; }
    TranslationViews* translationViews() const { return translationViews_; }
    FineTuningComparison* fineTuningComparison() const { return comparison_; }
    BertViews* bertViews() const { return bertViews_; }
    LearnMenu* learnMenu() const { return learnMenu_; }
    QTabWidget* viewTabs() const { return tabs_; }
    QWidget* recoveryBar() const { return recoveryBar_; }
    NetworkDocument* document() const { return document_; }
    NetworkView* networkView() const { return view_; }
    LayerPalette* palette() const { return palette_; }
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
    DatasetLoader* dataLoader() const { return dataLoader_; }
    // True while Train was pressed and waits for the data set to finish loading.
    bool waitingToTrain() const { return trainWhenLoaded_; }
    QString bannerText() const;

public Q_SLOTS:
    void showAbout();
    QDialog* showGettingStarted();  // Help › Getting Started (F1)
    QDialog* showShortcuts();       // Help › Keyboard Shortcuts
    QDialog* showPreferences();     // Edit › Preferences… (the interface language)
    // Closes the window as the learner would (offering to save) and, once closed, starts DiveLab again.
    void restart();
    void train();
    void togglePause();
    void openProject();  // asks for a file (after offering to save changes)
    bool saveProject();  // to the current file, or asks for one
    bool saveProjectAs();
    void exportModel();
    void exportOnnx();
    // Runs `write` on the trained network; false with *error when there is none or it throws.
    bool writeTrainedModel(const std::function<void(dl::Network&)>& write, QString* error);
    void openTrainedModel();
    void startExperiment(const dl::NetworkSpec& spec, const QString& undoText);
    void exportPytorch();

Q_SIGNALS:
    // A completed BERT pretraining run was written to `path` (engine/io/pretrained_models.h).
    void pretrainedModelKept(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    // Hides the views of single examples (decision boundary … BatchNorm) for translation pairs.
    void showExampleViewsFor(const dl::Dataset& train);
    QWidget* createRecoveryBar(QWidget* parent);
    void connectController();
    void connectDocument();
    void connectModifiedTracking();
    void createDocks();
    void createFileMenu();
    void createViewMenu();
    void createPresetMenu();
    QAction* addPresetAction(QMenu* menu, const dl::PresetInfo& preset);
    void createHelpMenu();
    void createTrainMenu();
    QWidget* createDataPage();
    QWidget* createTrainingViews();
    QWidget* createViewTabs(QWidget* parent);
    void createMenus();
    void createStatusBar();
    void connectDataLoading();
    void onDataLoaded(const std::shared_ptr<const dl::DataSplit>& data);
    void onDataFailed(const QString& error);
    void onDataBusyChanged(bool busy);
    void showExpectedInputShape();
    void setInputShapeQuietly(const dl::Shape& shape);
    void setInputShapesQuietly(const std::vector<dl::Shape>& shapes);
    void showDataProgress();
    void adoptPendingWeights();
    void restoreSavedHistograms();
    void waitForDataToTrain();
    bool outputFitsData(QString* why) const;
    void updateActions();
    QWidget* createTrainBlockedLine(QWidget* parent);
    void showWhyTrainIsDisabled(const QString& why);  // empty: Train is available (or busy)
    bool trainingIsActive() const;
    void stopTrainingAndWait();
    void forgetTrainedModel();
    void clearRunStatus();
    void showExperimentDescription(const dl::NetworkSpec& spec);
    void showBanner(const QString& text, bool error);
    void onBatches(const std::vector<dl::BatchEvent>& batches);
    void onFinished(const dl::TrainSummary& summary);
    void keepPretrainedModel();
    void watchFineTuningAttention();
    void exportPlots();
    void exportMetrics();
    void openNetwork();
    void saveNetwork();
    void applyProject(const dl::Project& project, const QString& undoText);
    bool maybeSave();  // offers to save changes; false = the user cancelled
    bool writeProject(const QString& path, QString* error);
    bool readProject(const QString& path, dl::Project* project, QString* error);
    void markModified();
    void watchNetwork();  // tells the image views' probes which parameters and example to copy
    void updateTitle();
    void rebuildRecentMenu();
    void offerRecovery();

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
    ModelSnapshot* modelSnapshot_ = nullptr;
    WeightHistogramView* weightView_ = nullptr;
    DecisionBoundaryView* boundaryView_ = nullptr;
    PredictionsView* predictionsView_ = nullptr;
    ConfusionMatrixView* confusionView_ = nullptr;
    FilterView* filterView_ = nullptr;
    FeatureMapView* featureMapView_ = nullptr;
    BatchNormView* batchNormView_ = nullptr;
    SequenceViews* sequenceViews_ = nullptr;
    AttentionViews* attentionViews_ = nullptr;
    TranslationViews* translationViews_ = nullptr;
    FineTuningComparison* comparison_ = nullptr;  // BERT: pretrained against from-scratch fine-tuning
    bool runFromPretrained_ = false;              // the current run started from pretrained weights
    BertViews* bertViews_ = nullptr;
    LearnMenu* learnMenu_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    ProjectSession* session_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QWidget* recoveryBar_ = nullptr;
    QLabel* recoveryText_ = nullptr;
    QString recoveryPath_;
    bool applyingProject_ = false;  // edits made by opening a project (or a new input shape) are not changes
    bool busyWithFile_ = false;     // a project file is being read or written
    QString trainedStructure_;      // the network the controller's weights belong to (layout ignored)
    QLabel* banner_ = nullptr;
    QProgressBar* progress_ = nullptr;
    RunStatusLabel* runStatus_ = nullptr;  // the run's progress or ending (or the data's loading)
    ElidedLabel* description_ = nullptr;   // what the experiment's network is (the preset's description)
    QLabel* trainBlockedLine_ = nullptr;   // above the editor: why Train is disabled
    // The data set: loaded on the loader's worker; data_ is the last one that arrived (nullptr after
    // a failure), and Train pressed while a load runs starts when it arrives.
    DatasetLoader* dataLoader_ = nullptr;
    std::shared_ptr<const dl::DataSplit> data_;
    bool trainWhenLoaded_ = false;
    // A project's trained weights wait for its data set before they are adopted (on the controller's
    // job thread); adoptingStructure_ is the network they belong to.
    struct PendingWeights {
        std::string bytes;
        int epoch = 0;
    };
    std::optional<PendingWeights> pendingWeights_;
    struct SavedHistograms {
        std::vector<dl::Histogram> initial, latest;
    };
    std::optional<SavedHistograms> savedHistograms_;  // a project's, until its data set is loaded
    QString adoptingStructure_;

    QString keptPretrained_;  // the file the last completed pretraining run was kept in
    QAction* trainAction_ = nullptr;
    QAction* pauseAction_ = nullptr;
    QAction* stepAction_ = nullptr;
    QAction* stopAction_ = nullptr;
    QAction* exportModelAction_ = nullptr;
    QAction* exportOnnxAction_ = nullptr;
    QAction* exportPytorchAction_ = nullptr;
    QAction* includeWeightsAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* aboutAction_ = nullptr;
};
