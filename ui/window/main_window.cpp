#include "ui/window/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <filesystem>

#include <algorithm>

#include "engine/io/model_file.h"
#include "engine/io/network_json.h"
#include "engine/io/onnx_export.h"
#include "engine/io/presets.h"
#include "engine/io/pretrained_models.h"
#include "engine/io/project_file.h"
#include "engine/io/pytorch_export.h"
#include "engine/nn/layer_catalog.h"
#include "engine/train/translation_batch.h"
#include "ui/attention_views/attention_views.h"
#include "ui/bert_views/bert_views.h"
#include "ui/dataset/dataset_loader.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/dataset/dataset_preview.h"
#include "ui/editor/block_inside_dialog.h"
#include "ui/editor/layer_inspector.h"
#include "ui/editor/layer_palette.h"
#include "ui/editor/network_document.h"
#include "ui/editor/network_view.h"
#include "ui/i18n/plain_icon_text.h"
#include "ui/i18n/preferences_dialog.h"
#include "ui/learn/learn_menu.h"
#include "ui/model_views/batch_norm_view.h"
#include "ui/model_views/confusion_matrix_view.h"
#include "ui/model_views/decision_boundary_view.h"
#include "ui/model_views/feature_map_view.h"
#include "ui/model_views/filter_view.h"
#include "ui/model_views/model_snapshot.h"
#include "ui/model_views/predictions_view.h"
#include "ui/model_views/weight_histogram_view.h"
#include "ui/plots/fine_tuning_attention.h"
#include "ui/plots/fine_tuning_comparison.h"
#include "ui/plots/pair_attention.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/training_plots.h"
#include "ui/sequence_views/sequence_views.h"
#include "ui/training/fine_tuning_box.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/training/metrics_history.h"
#include "ui/training/training_controller.h"
#include "ui/translation_views/translation_views.h"
#include "ui/window/elided_label.h"
#include "ui/window/getting_started_dialog.h"
#include "ui/window/off_gui_thread.h"
#include "ui/window/project_session.h"
#include "ui/window/project_views.h"
#include "ui/window/run_status_label.h"
#include "ui/window/shortcuts_dialog.h"

// The resources live in a static library: referencing its initializer here keeps the linker
// from dropping them. Q_INIT_RESOURCE must be used outside any namespace.
static void initDiveLabResources() {
    Q_INIT_RESOURCE(resources);
}

QIcon MainWindow::appIcon() {
    initDiveLabResources();
    return QIcon(QStringLiteral(":/icons/divelab.svg"));
}

namespace {

// What the status bar counts a run's speed in: tokens for text (a language model's num_steps per example,
// a translation pair's valid target tokens on average, as D2L §9.7 counts them), else examples (0).
double tokensPerExample(const dl::Dataset& train) {
    if (train.is_language_model()) return static_cast<double>(train.num_steps);
    if (!train.is_translation() || train.target_lengths.empty()) return 0;
    double sum = 0;
    for (int32_t n : train.target_lengths) sum += std::min<double>(n, static_cast<double>(train.num_steps));
    return sum / static_cast<double>(train.target_lengths.size());
}
const QString kIncludeWeightsKey = QStringLiteral("project/includeWeights");

QDockWidget* addDock(QMainWindow* window, const QString& title, const QString& name, QWidget* widget,
                     Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, window);
    dock->setObjectName(name);
    dock->setWidget(widget);
    window->addDockWidget(area, dock);
    return dock;
}

// `page` in a frameless scroll area that gives it the full width.
QScrollArea* scrollable(QWidget* page) {
    auto* scroll = new QScrollArea;
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

// What the trained weights depend on: the layers and their settings, and the input shape; not the
// layout, names or suggested hyperparameters.
QString structureKey(dl::NetworkSpec spec, const dl::Shape& input) {
    for (auto& n : spec.nodes) n.x = n.y = NAN;
    spec.name.clear();
    spec.description.clear();
    spec.train = {};
    return QString::fromStdString(dl::network_to_string(spec) + dl::to_string(input));
}

// A job computing the first test pair's attention (a BERT sentence-pair run); `show` gets it on the GUI thread.
TrainingController::NetworkJob pairAttentionJob(std::function<void(const pair_attention::PairAttention&)> show) {
    return [show](dl::Network& net, const dl::DataSplit& data, int) -> std::function<void()> {
        auto attention = std::make_shared<pair_attention::PairAttention>(pair_attention::of_first_pair(net, data));
        if (attention->empty()) return {};
        return [show, attention] { show(*attention); };
    };
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(QStringLiteral("DiveLab"));
    setWindowIcon(appIcon());
    resize(1280, 800);

    document_ = new NetworkDocument(this);
    session_ = new ProjectSession(this);
    auto* centre = new QWidget(this);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    view_ = new NetworkView(document_, centre);
    centreLayout->addWidget(createRecoveryBar(centre));
    centreLayout->addWidget(createTrainBlockedLine(centre));
    centreLayout->addWidget(view_, 1);
    setCentralWidget(centre);
    controller_ = new TrainingController(this);
    history_ = new MetricsHistory(this);
    modelSnapshot_ = new ModelSnapshot(this);
    sequenceViews_ = new SequenceViews(controller_, this);
    attentionViews_ = new AttentionViews(controller_, this);
    translationViews_ = new TranslationViews(controller_, this);
    bertViews_ = new BertViews(controller_, this);
    connectController();

    createDocks();
    createMenus();
    createStatusBar();
    connectDocument();
    connectDataLoading();
    connectModifiedTracking();

    // A ready default experiment: D2L's MLP on Fashion-MNIST, or the toy MLP on the spiral.
    // The data set panel already knows whether Fashion-MNIST is installed (problem() is empty then).
    datasetPanel_->setDatasetName(QStringLiteral("fashion-mnist"));
    loadPreset(datasetPanel_->problem().isEmpty() ? QStringLiteral("mlp") : QStringLiteral("spiral-mlp"));

    QSettings settings;
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    session_->setModified(false);  // the default experiment is not a change of the user's
    updateTitle();
    session_->startAutosave([this] { return currentProject(includeWeightsInProjects()); });
    offerRecovery();
}

// The bar that offers to restore an autosave left by a crash (hidden until offerRecovery finds one).
QWidget* MainWindow::createRecoveryBar(QWidget* parent) {
    recoveryBar_ = new QWidget(parent);
    recoveryBar_->setObjectName(QStringLiteral("recoveryBar"));
    recoveryBar_->setStyleSheet(QStringLiteral("#recoveryBar { background: #fff4ce; }"));
    auto* recoveryLayout = new QHBoxLayout(recoveryBar_);
    recoveryText_ = new QLabel(recoveryBar_);
    recoveryText_->setWordWrap(true);
    auto* restore = new QPushButton(tr("&Restore"), recoveryBar_);
    restore->setObjectName(QStringLiteral("restoreButton"));
    auto* discard = new QPushButton(tr("&Discard"), recoveryBar_);
    discard->setObjectName(QStringLiteral("discardButton"));
    recoveryLayout->addWidget(recoveryText_, 1);
    recoveryLayout->addWidget(restore);
    recoveryLayout->addWidget(discard);
    recoveryBar_->hide();
    connect(restore, &QPushButton::clicked, this, [this] {
        QString error;
        if (!recoverAutosave(recoveryPath_, &error)) QMessageBox::warning(this, tr("Restore"), error);
    });
    connect(discard, &QPushButton::clicked, this, [this] {
        QFile::remove(recoveryPath_);
        recoveryBar_->hide();
        offerRecovery();  // there may be more than one
    });
    return recoveryBar_;
}

// The training controller feeds the model views, the metrics history and the window itself.
void MainWindow::connectController() {
    connect(controller_, &TrainingController::histogramsArrived, modelSnapshot_, &ModelSnapshot::onHistograms);
    connect(controller_, &TrainingController::decisionGridArrived, modelSnapshot_, &ModelSnapshot::onDecisionGrid);
    connect(controller_, &TrainingController::testPredictionsArrived, modelSnapshot_,
            &ModelSnapshot::onTestPredictions);
    connect(controller_, &TrainingController::parametersArrived, modelSnapshot_, &ModelSnapshot::onParameters);
    connect(controller_, &TrainingController::nodeOutputsArrived, modelSnapshot_, &ModelSnapshot::onNodeOutputs);
    connect(controller_, &TrainingController::runStarted, history_, &MetricsHistory::onRunStarted);
    watchFineTuningAttention();
    connect(controller_, &TrainingController::batchesArrived, history_, &MetricsHistory::onBatches);
    connect(controller_, &TrainingController::gradientsArrived, history_, &MetricsHistory::onGradients);
    connect(controller_, &TrainingController::epochFinished, history_, &MetricsHistory::onEpoch);
    connect(controller_, &TrainingController::batchesArrived, this, &MainWindow::onBatches);
    connect(controller_, &TrainingController::finished, this, &MainWindow::onFinished);
    // A warning stays in the banner until the next run starts (train() hides it).
    connect(controller_, &TrainingController::warningRaised, this, [this](const dl::TrainWarning& warning) {
        showBanner(tr("Warning: %1").arg(QString::fromStdString(warning.message)), true);
    });
    connect(controller_, &TrainingController::stateChanged, this, &MainWindow::updateActions);
}

// The actions follow the network and the hyperparameters; the document's messages go to the status bar.
// BERT (D2L §14.8–15.7): what the network's inputs ask of the data — pretraining examples for tokens,
// segments and positions; sentence pairs for tokens and segments.
static dl::BertTask bertTaskFor(const dl::NetworkSpec& spec) {
    const std::vector<std::string> inputs = spec.input_names();
    if (inputs == std::vector<std::string>{"tokens", "segments", "positions"}) return dl::BertTask::Pretraining;
    if (inputs == std::vector<std::string>{"tokens", "segments"}) return dl::BertTask::Pairs;
    return dl::BertTask::None;
}

void MainWindow::connectDocument() {
    connect(document_, &NetworkDocument::changed, this, &MainWindow::updateActions);
    connect(document_, &NetworkDocument::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    connect(hyperPanel_, &HyperparameterPanel::changed, this, &MainWindow::updateActions);
    // The data set follows the network's inputs (BERT's task) and a fine-tuning start's vocabulary.
    connect(document_, &NetworkDocument::changed, this,
            [this] { datasetPanel_->setBertTask(bertTaskFor(document_->spec())); });
    connect(hyperPanel_->fineTuning(), &FineTuningBox::vocabularyChanged, this,
            [this] { datasetPanel_->setBertVocabulary(hyperPanel_->fineTuning()->vocabulary()); });
    connect(hyperPanel_, &HyperparameterPanel::changed, this, [this] {
        if (!trainingIsActive()) sequenceViews_->setClipThreshold(hyperPanel_->config().clip_norm);
    });
    connect(view_, &NetworkView::nodeDoubleClicked, this, [this](const QString& id) { openBlock(id); });
    // The editor shows on the output node why the output does not fit the data (same text as Train's).
    document_->setOutputCheck([this](const dl::Shape&, const QString&) {
        QString why;
        return data_ && !outputFitsData(&why) ? why : QString();
    });
}

// Edits of the network, the hyperparameters and the data set mark the project modified (connected
// after the data loading, whose first choice of a data set is no edit).
void MainWindow::connectModifiedTracking() {
    connect(document_, &NetworkDocument::changed, this, &MainWindow::markModified);
    connect(hyperPanel_, &HyperparameterPanel::changed, this, &MainWindow::markModified);
    connect(datasetPanel_, &DatasetPanel::changed, this, &MainWindow::markModified);
    connect(session_, &ProjectSession::modifiedChanged, this, &MainWindow::updateTitle);
    connect(session_, &ProjectSession::pathChanged, this, &MainWindow::updateTitle);
    connect(session_, &ProjectSession::autosaveFailed, this,
            [this](const QString& e) { statusBar()->showMessage(e, 10000); });
}

// Reaching the destructor is a clean exit (a crash never gets here): the autosave is not needed.
MainWindow::~MainWindow() {
    session_->discardAutosave();
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    // Fit once the view has its real size (in the constructor it has none yet).
    QTimer::singleShot(0, view_, &NetworkView::fitToNetwork);
}

QDialog* MainWindow::showPreferences() {
    auto* dialog = new PreferencesDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Queued: the dialog closes first, then the window goes through its normal close path.
    connect(dialog, &PreferencesDialog::restartRequested, this, &MainWindow::restart, Qt::QueuedConnection);
    dialog->open();
    return dialog;
}

void MainWindow::restart() {
    if (!close()) return;  // the learner cancelled saving: stay
    // The same program, reopening the project file when there is one (an untitled experiment was saved or dropped).
    QStringList arguments;
    if (!session_->path().isEmpty()) arguments << session_->path();
    QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments);
    QCoreApplication::quit();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (busyWithFile_ || !maybeSave()) {  // a save or open in progress finishes first
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/state"), saveState());
    controller_->stop();
    QMainWindow::closeEvent(event);
}

void MainWindow::createDocks() {
    palette_ = new LayerPalette(this);
    connect(palette_, &LayerPalette::layerActivated, view_, &NetworkView::appendLayer);
    QDockWidget* paletteDock =
        addDock(this, tr("Layers"), QStringLiteral("paletteDock"), palette_, Qt::LeftDockWidgetArea);

    inspector_ = new LayerInspector(document_, this);
    connect(view_, &NetworkView::currentNodeChanged, inspector_, &LayerInspector::setNode);
    QDockWidget* inspectorDock =
        addDock(this, tr("Inspector"), QStringLiteral("inspectorDock"), inspector_, Qt::RightDockWidgetArea);
    QDockWidget* dataDock = addDock(this, tr("Data set"), QStringLiteral("datasetDock"), scrollable(createDataPage()),
                                    Qt::RightDockWidgetArea);
    hyperPanel_ = new HyperparameterPanel(this);
    QDockWidget* hyperDock = addDock(this, tr("Hyperparameters"), QStringLiteral("hyperDock"),
                                     scrollable(hyperPanel_),  // the form is taller than a laptop screen allows
                                     Qt::RightDockWidgetArea);
    tabifyDockWidget(inspectorDock, hyperDock);
    tabifyDockWidget(hyperDock, dataDock);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);  // the layer palette runs down to the status bar
    inspectorDock->raise();

    QDockWidget* plotDock =
        addDock(this, tr("Training"), QStringLiteral("plotDock"), createTrainingViews(), Qt::BottomDockWidgetArea);
    resizeDocks({plotDock}, {300}, Qt::Vertical);
    // The editor gets the room the side panels do not need (a big network shows more of itself).
    resizeDocks({paletteDock, inspectorDock}, {180, 400}, Qt::Horizontal);
}

// The data set panel above the preview of its examples.
QWidget* MainWindow::createDataPage() {
    auto* dataPage = new QWidget(this);
    auto* dataLayout = new QVBoxLayout(dataPage);
    dataLayout->setContentsMargins(0, 0, 0, 0);
    datasetPanel_ = new DatasetPanel(dataPage);
    preview_ = new DatasetPreview(dataPage);
    dataLayout->addWidget(datasetPanel_);
    dataLayout->addWidget(preview_, 1);
    return dataPage;
}

// The banner for problems above the tabs of the training views.
QWidget* MainWindow::createTrainingViews() {
    auto* plots = new QWidget(this);
    auto* plotsLayout = new QVBoxLayout(plots);
    plotsLayout->setContentsMargins(0, 0, 0, 0);
    banner_ = new QLabel(plots);
    banner_->setObjectName(QStringLiteral("banner"));
    banner_->setWordWrap(true);
    banner_->hide();
    plotsLayout->addWidget(banner_);
    plotsLayout->addWidget(createViewTabs(plots), 1);
    return plots;
}

QWidget* MainWindow::createViewTabs(QWidget* parent) {
    auto* tabs = tabs_ = new QTabWidget(parent);
    lossPlot_ = new LossAccuracyPlot(tabs);
    lossPlot_->setHistory(history_);
    gradientPlot_ = new GradientNormPlot(tabs);
    gradientPlot_->setHistory(history_);
    weightView_ = new WeightHistogramView(tabs);
    boundaryView_ = new DecisionBoundaryView(tabs);
    predictionsView_ = new PredictionsView(tabs);
    confusionView_ = new ConfusionMatrixView(tabs);
    filterView_ = new FilterView(tabs);
    featureMapView_ = new FeatureMapView(tabs);
    batchNormView_ = new BatchNormView(tabs);
    connect(featureMapView_, &FeatureMapView::exampleChosen, controller_,
            [this](int i) { controller_->setProbeExample(i); });
    const std::pair<QWidget*, QString> views[] = {
        {lossPlot_, QStringLiteral("loss")},
        {gradientPlot_, QStringLiteral("gradients")},
        {weightView_, QStringLiteral("weights")},
        {boundaryView_, QStringLiteral("boundary")},
        {predictionsView_, QStringLiteral("predictions")},
        {confusionView_, QStringLiteral("confusion")},
        {filterView_, QStringLiteral("filters")},
        {featureMapView_, QStringLiteral("featuremaps")},
        {batchNormView_, QStringLiteral("batchnorm")},
    };
    for (const auto& [view, name] : views) view->setObjectName(name);
    weightView_->setModel(modelSnapshot_);
    boundaryView_->setModel(modelSnapshot_);
    predictionsView_->setModel(modelSnapshot_);
    confusionView_->setModel(modelSnapshot_);
    filterView_->setModel(modelSnapshot_);
    featureMapView_->setModel(modelSnapshot_);
    batchNormView_->setModel(modelSnapshot_);
    tabs->addTab(lossPlot_, tr("Loss && accuracy"));
    tabs->addTab(gradientPlot_, tr("Gradient norms"));
    tabs->addTab(weightView_, tr("Weights"));
    tabs->addTab(boundaryView_, tr("Decision boundary"));
    tabs->addTab(predictionsView_, tr("Predictions"));
    tabs->addTab(confusionView_, tr("Confusion matrix"));
    tabs->addTab(filterView_, tr("Filters"));
    tabs->addTab(featureMapView_, tr("Feature maps"));
    tabs->addTab(batchNormView_, tr("BatchNorm"));
    comparison_ = new FineTuningComparison;
    tabs->addTab(comparison_, tr("Fine-tuning"));
    bertViews_->addTabs(tabs);
    translationViews_->addTabs(tabs);  // before the sequence views: a hidden last tab stops Qt 6.4's tab bar
    sequenceViews_->addTabs(tabs);
    attentionViews_->addTabs(tabs);
    // A view's minimum size changes when it gets data, but a hidden tab does not tell the layout
    // until it is shown: switching tabs then moved the dock. A fixed minimum keeps the dock still.
    tabs->setMinimumSize(tabs->minimumSizeHint());
    return tabs;
}

void MainWindow::createMenus() {
    createFileMenu();
    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->addAction(view_->undoAction());  // the view owns the Ctrl+Z shortcuts
    editMenu->addAction(view_->redoAction());
    editMenu->addSeparator();
    QAction* preferences = editMenu->addAction(tr("Pre&ferences…"), this, &MainWindow::showPreferences);
    preferences->setObjectName(QStringLiteral("preferencesAction"));
    preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setMenuRole(QAction::PreferencesRole);
    createViewMenu();
    createPresetMenu();
    createTrainMenu();
    learnMenu_ = new LearnMenu(this, menuBar()->addMenu(tr("&Learn")));
    createHelpMenu();
}

void MainWindow::createFileMenu() {
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* newAction = fileMenu->addAction(tr("&New Experiment"), this, [this] {
        if (maybeSave()) newExperiment();
    });
    newAction->setObjectName(QStringLiteral("actionNew"));
    newAction->setShortcut(QKeySequence::New);
    QAction* open = fileMenu->addAction(tr("&Open Project…"), this, &MainWindow::openProject);
    open->setObjectName(QStringLiteral("actionOpen"));
    open->setShortcut(QKeySequence::Open);
    recentMenu_ = fileMenu->addMenu(tr("Open &Recent"));
    connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu();
    QAction* save = fileMenu->addAction(tr("&Save Project"), this, &MainWindow::saveProject);
    save->setObjectName(QStringLiteral("actionSave"));
    save->setShortcut(QKeySequence::Save);
    QAction* saveAs = fileMenu->addAction(tr("Save Project &As…"), this, &MainWindow::saveProjectAs);
    saveAs->setObjectName(QStringLiteral("actionSaveAs"));
    // Some platforms (X11 without a desktop theme) bind nothing to the standard SaveAs key.
    const auto saveAsKeys = QKeySequence::keyBindings(QKeySequence::SaveAs);
    saveAs->setShortcuts(saveAsKeys.isEmpty() ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)}
                                              : saveAsKeys);
    includeWeightsAction_ = fileMenu->addAction(tr("Include Trained &Weights in Projects"));
    includeWeightsAction_->setCheckable(true);
    includeWeightsAction_->setChecked(QSettings().value(kIncludeWeightsKey, true).toBool());
    includeWeightsAction_->setToolTip(
        tr("Save the trained weights in the project file, so opening it shows the trained model"));
    connect(includeWeightsAction_, &QAction::toggled, this,
            [](bool on) { QSettings().setValue(kIncludeWeightsKey, on); });
    fileMenu->addSeparator();
    QAction* openModel = fileMenu->addAction(tr("Open &Trained Model…"), this, &MainWindow::openTrainedModel);
    openModel->setObjectName(QStringLiteral("actionOpenModel"));
    openModel->setToolTip(
        tr("A model exported by DiveLab (.json + .safetensors), or the checkpoint.safetensors "
           "that an exported PyTorch project's train.py wrote"));
    fileMenu->addAction(tr("Open &Network…"), this, &MainWindow::openNetwork);
    fileMenu->addAction(tr("Save Network As…"), this, &MainWindow::saveNetwork);
    fileMenu->addSeparator();
    exportModelAction_ = fileMenu->addAction(tr("Export &Trained Model…"), this, &MainWindow::exportModel);
    exportModelAction_->setObjectName(QStringLiteral("actionExportModel"));
    exportModelAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportOnnxAction_ = fileMenu->addAction(tr("Export Trained Model as &ONNX…"), this, &MainWindow::exportOnnx);
    exportOnnxAction_->setObjectName(QStringLiteral("actionExportOnnx"));
    exportOnnxAction_->setToolTip(tr("One .onnx file (opset 17) that ONNX Runtime and other inference runtimes run"));
    exportPytorchAction_ =
        fileMenu->addAction(tr("Export Trained Model as P&yTorch Project…"), this, &MainWindow::exportPytorch);
    exportPytorchAction_->setObjectName(QStringLiteral("actionExportPytorch"));
    exportPytorchAction_->setToolTip(
        tr("A folder with model.py, train.py (one process, or many with torchrun) and the weights"));
    fileMenu->addAction(tr("Export &Plots…"), this, &MainWindow::exportPlots);
    fileMenu->addAction(tr("Export &Metrics (CSV)…"), this, &MainWindow::exportMetrics);
    fileMenu->addSeparator();
    quitAction_ = fileMenu->addAction(tr("&Quit"));
    quitAction_->setObjectName(QStringLiteral("actionQuit"));
    quitAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quitAction_->setMenuRole(QAction::QuitRole);
    connect(quitAction_, &QAction::triggered, this, &QWidget::close);
}

// The editor's zoom, fit and arrange actions (the view owns them and their shortcuts).
void MainWindow::createViewMenu() {
    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->setObjectName(QStringLiteral("viewMenu"));
    viewMenu->addAction(view_->zoomInAction());
    viewMenu->addAction(view_->zoomOutAction());
    viewMenu->addAction(view_->actualSizeAction());
    viewMenu->addAction(view_->fitAction());
    viewMenu->addSeparator();
    viewMenu->addAction(view_->arrangeAction());
    viewMenu->addSeparator();
    // The training views, listed as their tabs are; those hidden for this data set are not offered.
    QMenu* views = viewMenu->addMenu(tr("&Training Views"));
    views->setObjectName(QStringLiteral("trainingViewsMenu"));
    connect(views, &QMenu::aboutToShow, this, [this, views] {
        views->clear();
        for (int i = 0; i < tabs_->count(); ++i) {
            if (!tabs_->isTabVisible(i)) continue;
            const QString name = tabs_->widget(i)->objectName();
            views->addAction(tabs_->tabText(i), this, [this, name] { showView(name); })->setData(name);
        }
    });
}

// The presets' chapters (resources/presets/*.json) for lupdate: the submenus show them translated.
[[maybe_unused]] constexpr const char* kPresetChapters[] = {
    QT_TRANSLATE_NOOP("PresetChapter", "3–4 Linear neural networks"),
    QT_TRANSLATE_NOOP("PresetChapter", "5 Multilayer perceptrons"),
    QT_TRANSLATE_NOOP("PresetChapter", "7 Convolutional neural networks"),
    QT_TRANSLATE_NOOP("PresetChapter", "8 Modern convolutional neural networks"),
    QT_TRANSLATE_NOOP("PresetChapter", "9 Recurrent neural networks"),
    QT_TRANSLATE_NOOP("PresetChapter", "10 Modern recurrent neural networks"),
    QT_TRANSLATE_NOOP("PresetChapter", "11 Attention mechanisms and Transformers"),
    QT_TRANSLATE_NOOP("PresetChapter", "14 Natural language processing: pretraining"),
    QT_TRANSLATE_NOOP("PresetChapter", "15 Natural language processing: applications"),
};

// Every model preset, in one submenu per D2L chapter (the presets' own "chapter" field), titled
// and ordered as the preset files say (CPU-sized variants first), described in tooltip and status tip.
void MainWindow::createPresetMenu() {
    QMenu* presetMenu = menuBar()->addMenu(tr("&Presets"));
    presetMenu->setObjectName(QStringLiteral("presetMenu"));
    QMenu* group = nullptr;
    QString groupTitle;
    for (const dl::PresetInfo& preset : dl::preset_catalog()) {
        const QString chapter = preset.chapter.empty() ? tr("Other presets") : QString::fromStdString(preset.chapter);
        if (!group || chapter != groupTitle) {
            group = presetMenu->addMenu(QCoreApplication::translate("PresetChapter", chapter.toUtf8().constData()));
            group->setToolTipsVisible(true);
            groupTitle = chapter;
        }
        addPresetAction(group, preset);
    }
}

QAction* MainWindow::addPresetAction(QMenu* menu, const dl::PresetInfo& preset) {
    const QString name = QString::fromStdString(preset.name);
    QString title = QString::fromStdString(preset.title);
    QAction* a = menu->addAction(title.replace(QLatin1Char('&'), QStringLiteral("&&")), this,
                                 [this, name] { choosePreset(name); });
    a->setData(name);
    const QString description = preset.description.empty()
                                    ? tr("The preset %1").arg(name)
                                    : tr("%1 (preset %2)").arg(QString::fromStdString(preset.description), name);
    a->setToolTip(description);
    a->setStatusTip(description);
    return a;
}

// Train, pause, step and stop, in the menu and on the toolbar.
void MainWindow::createTrainMenu() {
    QMenu* trainMenu = menuBar()->addMenu(tr("&Train"));
    trainAction_ = trainMenu->addAction(tr("&Train"), this, &MainWindow::train);
    trainAction_->setObjectName(QStringLiteral("actionTrain"));
    trainAction_->setShortcut(Qt::Key_F5);
    pauseAction_ = trainMenu->addAction(tr("&Pause"), this, &MainWindow::togglePause);
    pauseAction_->setObjectName(QStringLiteral("actionPause"));
    pauseAction_->setShortcut(Qt::Key_F6);
    stepAction_ = trainMenu->addAction(tr("S&tep One Batch"), controller_, &TrainingController::step);
    stepAction_->setShortcut(Qt::Key_F10);
    stopAction_ = trainMenu->addAction(tr("&Stop"), this, [this] {
        trainWhenLoaded_ = false;  // Stop also cancels a start that waits for the data
        controller_->stop();
        showDataProgress();
        updateActions();
    });
    stopAction_->setObjectName(QStringLiteral("actionStop"));
    stopAction_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    QToolBar* toolbar = addToolBar(tr("Training"));
    toolbar->setObjectName(QStringLiteral("trainingToolbar"));
    for (QAction* action : {trainAction_, pauseAction_, stepAction_, stopAction_}) {
        keepIconTextPlain(action);
        toolbar->addAction(action);
    }
}

// The description of the experiment on the left (it gives way to passing messages), the run's
// status and progress on the right: side by side, never over each other.
void MainWindow::createStatusBar() {
    description_ = new ElidedLabel(this);
    description_->setObjectName(QStringLiteral("experimentDescription"));
    runStatus_ = new RunStatusLabel(this);
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(220);
    progress_->setRange(0, 1000);
    progress_->hide();
    statusBar()->addWidget(description_, 1);
    statusBar()->addPermanentWidget(runStatus_);
    statusBar()->addPermanentWidget(progress_);
    connect(controller_, &TrainingController::epochFinished, runStatus_, &RunStatusLabel::showEpoch);
    connect(controller_, &TrainingController::stateChanged, runStatus_, [this](TrainingController::State state) {
        runStatus_->setPaused(state == TrainingController::State::Paused);
    });
}

// A line above the editor, in a warning colour, while Train is disabled for a reason the learner
// can fix (the reason was only in the Train button's tooltip before).
QWidget* MainWindow::createTrainBlockedLine(QWidget* parent) {
    trainBlockedLine_ = new QLabel(parent);
    trainBlockedLine_->setObjectName(QStringLiteral("trainBlockedLine"));
    trainBlockedLine_->setWordWrap(true);
    trainBlockedLine_->setTextFormat(Qt::PlainText);
    trainBlockedLine_->setStyleSheet(QStringLiteral(
        "QLabel { background: #fff1d6; color: #6b3d00; border-bottom: 1px solid #e0b050; padding: 5px; }"));
    trainBlockedLine_->hide();
    return trainBlockedLine_;
}

void MainWindow::showWhyTrainIsDisabled(const QString& why) {
    trainBlockedLine_->setVisible(!why.isEmpty());
    trainBlockedLine_->setText(why.isEmpty() ? QString() : tr("Train is disabled: %1").arg(why));
}

bool MainWindow::choosePreset(const QString& name) {
    if (trainingIsActive()) markModified();  // the results of a run in progress are not saved either
    return maybeSave() && loadPreset(name);
}

bool MainWindow::loadPreset(const QString& name) {
    dl::NetworkSpec spec;
    try {
        spec = dl::load_preset(name.toStdString());
    } catch (const std::exception& e) {
        showBanner(tr("Could not load preset %1: %2").arg(name, QString::fromUtf8(e.what())), true);
        return false;
    }
    startExperiment(spec, tr("Load preset %1").arg(name));
    return true;
}

// A preset or an opened model becomes the experiment: its network, data set and suggested settings.
void MainWindow::startExperiment(const dl::NetworkSpec& spec, const QString& undoText) {
    stopTrainingAndWait();
    clearRunStatus();
    applyingProject_ = true;  // a new experiment, not an edit of the current one
    if (spec.train.dataset) datasetPanel_->setDatasetName(QString::fromStdString(*spec.train.dataset));
    datasetPanel_->setBertTask(bertTaskFor(spec));
    datasetPanel_->setBertVocabulary(nullptr);  // the fine-tuning start below gives the pretrained one
    dl::DatasetOptions options = datasetPanel_->options();
    if (spec.train.max_len) options.max_len = *spec.train.max_len;
    options.resize = spec.train.resize.value_or(0);  // the image size D2L trains this network at
    // A language model's text settings (D2L: characters, 35 steps, random sampling).
    if (spec.train.tokens) options.token_kind = *spec.train.tokens;
    if (spec.train.num_steps) options.num_steps = *spec.train.num_steps;
    if (spec.train.sampling) options.sampling = dl::parse_sampling(*spec.train.sampling);
    datasetPanel_->setOptions(options);
    datasetPanel_->loadNow();
    document_->loadSpec(spec, undoText);
    hyperPanel_->applyDefaults(spec.train);
    forgetTrainedModel();
    if (spec.train.reference_test_acc)
        history_->setReference(*spec.train.reference_test_acc, QString::fromStdString(spec.train.reference_note));
    else
        history_->clearReference();
    applyingProject_ = false;
    session_->setPath(QString());  // Save must ask for a file: the previous project's is not this one's
    session_->setModified(false);
    showExperimentDescription(spec);
    view_->fitToNetwork();
    updateActions();
}

bool MainWindow::openTrainedModelFile(const QString& path, QString* error) {
    if (trainingIsActive()) {
        if (error) *error = tr("Training is running: stop it (Shift+F5) before opening a model.");
        return false;
    }
    std::string weights;
    dl::NetworkSpec spec;
    try {
        dl::LoadedModel model = dl::load_model(path.toStdString());
        weights = dl::read_file(model.weights_path);
        spec = std::move(model.spec);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromUtf8(e.what());
        return false;
    }
    startExperiment(spec, tr("Open trained model %1").arg(QFileInfo(path).fileName()));
    // Adopted on the controller's job thread once the data set is loaded, as a project's weights are.
    pendingWeights_ = PendingWeights{std::move(weights), 0};
    if (!dataLoader_->isBusy()) adoptPendingWeights();
    session_->setModified(true);  // the model is not in a project file yet
    return true;
}

void MainWindow::openTrainedModel() {
    if (!maybeSave()) return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open trained model"), QString(),
        tr("Trained models (*.json *.safetensors);;DiveLab models (*.json);;Checkpoints of an exported PyTorch project "
           "(*.safetensors)"));
    if (path.isEmpty()) return;
    QString error;
    if (!openTrainedModelFile(path, &error)) QMessageBox::warning(this, tr("Open trained model"), error);
}

bool MainWindow::trainingIsActive() const {
    const auto state = controller_->state();
    return state == TrainingController::State::Running || state == TrainingController::State::Paused;
}

// Ends a run before the experiment is replaced; its last events would land in the new one's
// history otherwise. The stop takes at most a batch; the window keeps repainting meanwhile.
void MainWindow::stopTrainingAndWait() {
    trainWhenLoaded_ = false;
    if (!trainingIsActive()) return;
    QEventLoop loop;
    connect(controller_, &TrainingController::finished, &loop, &QEventLoop::quit);
    controller_->stop();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
}

// The trained network, its views and metrics belong to the experiment being replaced.
void MainWindow::forgetTrainedModel() {
    history_->clear();
    modelSnapshot_->clear();
    sequenceViews_->clear();
    attentionViews_->clear();
    translationViews_->clear();
    bertViews_->clear();
    controller_->adoptNetwork(nullptr, data_, 0);
    trainedStructure_.clear();
    pendingWeights_.reset();
}

// The messages about the last run (banner, run status, progress) belong to the experiment being
// replaced; a data set that still loads says so again.
void MainWindow::clearRunStatus() {
    banner_->hide();
    banner_->setProperty("dataError", false);
    runStatus_->reset();
    progress_->hide();
    statusBar()->clearMessage();
    showDataProgress();
}

// "name: description" of the experiment's network, in the status bar.
void MainWindow::showExperimentDescription(const dl::NetworkSpec& spec) {
    const QString name = QString::fromStdString(spec.name);
    const QString description = QString::fromStdString(spec.description);
    description_->setFullText(name.isEmpty() || description.isEmpty() ? name + description
                                                                      : tr("%1: %2").arg(name, description));
}

// --- the data set: loaded on the loader's worker, never on this thread -------------------------

void MainWindow::connectDataLoading() {
    dataLoader_ = new DatasetLoader(this);
    connect(dataLoader_, &DatasetLoader::loaded, this, &MainWindow::onDataLoaded);
    connect(dataLoader_, &DatasetLoader::failed, this, &MainWindow::onDataFailed);
    connect(dataLoader_, &DatasetLoader::busyChanged, this, &MainWindow::onDataBusyChanged);
    connect(dataLoader_, &DatasetLoader::progressChanged, this, &MainWindow::showDataProgress);
    connect(datasetPanel_, &DatasetPanel::changed, this, &MainWindow::showExpectedInputShape);
    datasetPanel_->setLoader(dataLoader_);  // asks for the panel's choice at once
    showExpectedInputShape();
    connect(controller_, &TrainingController::networkAdopted, this, [this] {
        trainedStructure_ = adoptingStructure_;
        updateActions();  // the export actions need a trained model
    });
    connect(controller_, &TrainingController::adoptionFailed, this, [this](const QString& error) {
        showBanner(tr("The trained weights were not restored: %1").arg(error), true);
    });
}

void MainWindow::onDataLoaded(const std::shared_ptr<const dl::DataSplit>& data) {
    data_ = data;
    preview_->setData(data_);
    modelSnapshot_->setData(data_);
    sequenceViews_->setData(data_);
    attentionViews_->setData(data_);
    translationViews_->setData(data_);
    bertViews_->setData(data_);
    showExampleViewsFor(data_->train);
    if (banner_->property("dataError").toBool()) banner_->hide();
    banner_->setProperty("dataError", false);
    const bool wasApplying = applyingProject_;
    applyingProject_ = true;  // the data set's vocabulary is no edit of the learner's
    document_->setVocabularySize(data_->train.is_language_model() ? data_->train.text->vocab_size()
                                 : data_->train.bert              ? data_->train.bert->size()
                                                                  : 0);
    const dl::TranslationCorpus* pairs = data_->train.translation.get();
    document_->setTranslationVocabularies(pairs ? pairs->source_vocab_size() : 0,
                                          pairs ? pairs->target_vocab_size() : 0);
    applyingProject_ = wasApplying;
    // One shape per network input where they differ (BERT pretraining: tokens and segments [64], positions [10]).
    const std::vector<dl::Shape> shapes = dl::network_input_shapes(data_->train);
    if (shapes.size() > 1)
        setInputShapesQuietly(shapes);
    else
        setInputShapeQuietly(data_->train.sample_shape());
    adoptPendingWeights();
}

// The editor shows the shapes of the data set being loaded as soon as they are known without
// reading it (Fashion-MNIST at the chosen size, the toys), so a preset never flashes wrong shapes.
void MainWindow::showExpectedInputShape() {
    const auto shape = dl::dataset_sample_shape(datasetPanel_->datasetName().toStdString(), datasetPanel_->options());
    if (shape && *shape != document_->inputShape()) setInputShapeQuietly(*shape);
}

// A new input shape is no change of the learner's (choosing the data set was, if anything).
void MainWindow::setInputShapeQuietly(const dl::Shape& shape) {
    const bool wasApplying = applyingProject_;
    applyingProject_ = true;
    document_->setInputShape(shape);
    applyingProject_ = wasApplying;
}

void MainWindow::setInputShapesQuietly(const std::vector<dl::Shape>& shapes) {
    const bool wasApplying = applyingProject_;
    applyingProject_ = true;
    document_->setInputShapes(shapes);
    applyingProject_ = wasApplying;
}

void MainWindow::onDataFailed(const QString& error) {
    data_ = nullptr;
    preview_->setData(data_);
    modelSnapshot_->setData(data_);
    sequenceViews_->setData(data_);
    attentionViews_->setData(data_);
    translationViews_->setData(data_);
    bertViews_->setData(data_);
    pendingWeights_.reset();
    if (trainWhenLoaded_) statusBar()->showMessage(tr("Training did not start: the data set cannot be loaded."));
    trainWhenLoaded_ = false;
    showBanner(tr("The data set cannot be loaded: %1").arg(error), true);
    banner_->setProperty("dataError", true);
}

void MainWindow::onDataBusyChanged(bool busy) {
    const bool startNow = !busy && trainWhenLoaded_;
    if (startNow) trainWhenLoaded_ = false;
    showDataProgress();
    updateActions();
    if (!startNow || !data_) return;  // without data, onDataFailed said why
    if (trainAction_->isEnabled())
        train();
    else
        showBanner(tr("Training cannot start: %1").arg(trainAction_->toolTip()), true);
}

// Loading shows in the status bar too (the data set panel may be hidden behind another tab).
void MainWindow::showDataProgress() {
    const auto state = controller_->state();
    if (state == TrainingController::State::Running || state == TrainingController::State::Paused) return;
    if (!dataLoader_->isBusy()) {
        progress_->hide();
        runStatus_->clear();
        return;
    }
    const int percent = static_cast<int>(dataLoader_->progress() * 100);
    progress_->setValue(static_cast<int>(dataLoader_->progress() * 1000));
    progress_->show();
    runStatus_->setText(trainWhenLoaded_ ? tr("Loading data… %1 % (training starts when it is loaded)").arg(percent)
                                         : tr("Loading data… %1 %").arg(percent));
}

// Train pressed while the data set loads: training starts when it arrives (onDataBusyChanged).
void MainWindow::waitForDataToTrain() {
    trainWhenLoaded_ = true;
    statusBar()->showMessage(tr("Train will start when the data is loaded."));
    showDataProgress();
    updateActions();
}

void MainWindow::adoptPendingWeights() {
    if (!data_) return;
    restoreSavedHistograms();
    if (!pendingWeights_) return;
    watchNetwork();
    const dl::NetworkSpec spec = document_->compactSpec();
    adoptingStructure_ = structureKey(spec, data_->train.sample_shape());
    controller_->adoptSavedWeights(spec, data_, std::move(pendingWeights_->bytes), "the project's weights",
                                   pendingWeights_->epoch);
    pendingWeights_.reset();
}

// A reopened project's weight histograms: "at initialization" is the saved one, not the adopted weights.
void MainWindow::restoreSavedHistograms() {
    if (!savedHistograms_) return;
    modelSnapshot_->restoreHistograms(savedHistograms_->initial, savedHistograms_->latest);
    savedHistograms_.reset();
}

// Whether the network's output can be scored against the data's labels, from the editor's analysis
// (no network is built for it).
bool MainWindow::outputFitsData(QString* why) const {
    if (document_->inputShape() != data_->train.sample_shape()) return true;  // the new data is on its way
    try {
        // A translation data set needs the inputs "source" and "target": say that before any shape mismatch.
        dl::check_inputs_fit(document_->spec().input_names(), document_->spec().name, data_->train);
        dl::check_output_fits(document_->report().output_shape, document_->spec().output_id(), data_->train,
                              dl::default_loss(data_->train));
        return true;
    } catch (const std::exception& e) {
        *why = QString::fromUtf8(e.what());
        return false;
    }
}

void MainWindow::updateActions() {
    const auto state = controller_->state();
    const bool active = state == TrainingController::State::Running || state == TrainingController::State::Paused;
    // While the data set loads, the network is checked against the data only when it arrives.
    const bool loading = dataLoader_ && dataLoader_->isBusy();
    QString why;
    bool ok = !active && !trainWhenLoaded_;
    if (trainWhenLoaded_) why = tr("Train will start when the data is loaded.");
    if (ok && !loading && !data_) ok = false, why = tr("No data set is loaded.");
    if (ok && !loading && !document_->canTrain(&why)) ok = false;
    if (ok && !hyperPanel_->isValid(&why)) ok = false;
    if (ok && !loading && !outputFitsData(&why)) ok = false;
    trainAction_->setEnabled(ok);
    trainAction_->setToolTip(
        ok ? (loading ? tr("Train the network (F5) as soon as the data set is loaded") : tr("Train the network (F5)"))
           : (active ? tr("Training is running") : why));
    exportModelAction_->setEnabled(hasTrainedModel());
    exportOnnxAction_->setEnabled(hasTrainedModel());
    exportPytorchAction_->setEnabled(hasTrainedModel());
    pauseAction_->setEnabled(active);
    pauseAction_->setText(state == TrainingController::State::Paused ? tr("&Resume") : tr("&Pause"));
    stepAction_->setEnabled(state == TrainingController::State::Paused);
    stopAction_->setEnabled(active || trainWhenLoaded_);
    showWhyTrainIsDisabled(ok || active || trainWhenLoaded_ ? QString() : why);
}

void MainWindow::train() {
    if (!trainAction_->isEnabled()) return;
    if (dataLoader_->isBusy()) return waitForDataToTrain();
    const auto config = hyperPanel_->validConfig();
    if (!config || !data_) return;
    watchNetwork();
    try {
        controller_->start(document_->compactSpec(), data_, *config, hyperPanel_->fineTuning()->start());
    } catch (const std::exception& e) {
        showBanner(tr("Training cannot start: %1").arg(QString::fromUtf8(e.what())), true);
        return;
    }
    history_->clear();
    history_->setPlannedSteps(config->max_steps);
    runFromPretrained_ = hyperPanel_->fineTuning()->start().pretrained != nullptr;
    modelSnapshot_->clear();
    sequenceViews_->clear();
    attentionViews_->clear();
    translationViews_->clear();
    bertViews_->clear();
    sequenceViews_->setClipThreshold(config->clip_norm);
    trainedStructure_ = structureKey(document_->compactSpec(), data_->train.sample_shape());
    banner_->hide();
    progress_->setValue(0);
    progress_->show();
    statusBar()->clearMessage();  // "Train will start when the data is loaded" has come true
    runStatus_->startRun(config->epochs, config->batch_size, tokensPerExample(data_->train), config->max_steps);
    updateActions();
}

void MainWindow::togglePause() {
    if (controller_->state() == TrainingController::State::Paused)
        controller_->resume();
    else
        controller_->pause();
}

void MainWindow::onBatches(const std::vector<dl::BatchEvent>& batches) {
    if (batches.empty()) return;
    const dl::BatchEvent* last = &batches.back();
    const int epochs = history_->runInfo().epochs;
    if (epochs <= 0 || last->batches_per_epoch <= 0) return;
    double total = static_cast<double>(epochs) * last->batches_per_epoch;
    if (const int64_t steps = history_->plannedSteps(); steps > 0 && steps < total) total = static_cast<double>(steps);
    progress_->setValue(static_cast<int>(1000.0 * last->step / total));
    runStatus_->showBatch(*last);
}

void MainWindow::onFinished(const dl::TrainSummary& s) {
    progress_->hide();
    markModified();  // new weights and metrics to save
    // The ending stays in the status bar until the next run or experiment.
    runStatus_->showEnd(s, history_->epochs(), history_->runInfo().classification);
    if (s.outcome == dl::TrainSummary::Outcome::Diverged || s.outcome == dl::TrainSummary::Outcome::Failed)
        showBanner(QString::fromStdString(s.message), true);
    if (s.outcome == dl::TrainSummary::Outcome::Completed && data_ && data_->train.is_bert_pretraining())
        keepPretrainedModel();
    if (data_ && data_->train.is_bert() && !data_->train.is_bert_pretraining() && !history_->epochs().empty()) {
        comparison_->recordRun(runFromPretrained_, QString::fromStdString(document_->compactSpec().name),
                               history_->epochs());
        controller_->runOnNetwork(pairAttentionJob([this](const pair_attention::PairAttention& attention) {
            comparison_->attention()->setAfter(attention);  // the end weights, computed on the job thread
        }));
    }
    updateActions();
}

// The fine-tuning comparison's attention of one test pair: at each run's start, on the training thread before the
// first batch (the starting weights, pretrained or random); the "after" map comes from onFinished.
void MainWindow::watchFineTuningAttention() {
    controller_->setTrainBeginJob(
        "finetune.attention.before", pairAttentionJob([this](const pair_attention::PairAttention& attention) {
            comparison_->attention()->setBefore(attention, runFromPretrained_ ? tr("Pretrained") : tr("From scratch"));
        }));
}

// A completed BERT pretraining run is kept as the last pretrained model of its preset (what bert-paraphrase
// starts from), written on the controller's job thread.
void MainWindow::keepPretrainedModel() {
    const std::string name = document_->compactSpec().name;
    const std::string path = dl::pretrained_model_path(name);
    controller_->runOnNetwork(
        [this, path, name](dl::Network& net, const dl::DataSplit& data, int) -> std::function<void()> {
            QString error;
            try {
                std::filesystem::create_directories(std::filesystem::path(path).parent_path());
                dl::save_model(net, path, nullptr, nullptr, data.train.bert.get());
            } catch (const std::exception& e) {
                error = QString::fromUtf8(e.what());
            }
            const QString file = QString::fromStdString(path), preset = QString::fromStdString(name);
            return [this, error, file, preset] {
                if (!error.isEmpty()) return showBanner(tr("The pretrained model was not kept: %1").arg(error), true);
                statusBar()->showMessage(tr("Kept as the last pretrained %1: %2").arg(preset, file), 15000);
                keptPretrained_ = file;
                hyperPanel_->fineTuning()->refresh();
                Q_EMIT pretrainedModelKept(file);
            };
        });
}

void MainWindow::showBanner(const QString& text, bool error) {
    banner_->setText(text);
    banner_->setStyleSheet(error ? QStringLiteral("QLabel { background: #fdecea; color: #8a1c12; padding: 6px; }")
                                 : QStringLiteral("QLabel { background: #eef5fd; color: #17406d; padding: 6px; }"));
    banner_->show();
    // The status bar repeats it, cut to the room its permanent widgets (the run's progress) leave.
    int room = statusBar()->width() - 40;
    for (const QWidget* w : {static_cast<QWidget*>(runStatus_), static_cast<QWidget*>(progress_)})
        if (w->isVisible()) room -= w->width();
    statusBar()->showMessage(statusBar()->fontMetrics().elidedText(text, Qt::ElideRight, std::max(room, 120)), 10000);
}

QString MainWindow::bannerText() const {
    return banner_->isVisible() ? banner_->text() : QString();
}

void MainWindow::exportPlots() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export plots"), QStringLiteral("loss.png"),
                                                      tr("Images (*.png *.pdf *.svg)"));
    if (path.isEmpty()) return;
    // The loss plot goes to the chosen name, every other view beside it: loss-gradients.png, …
    const QFileInfo info(path);
    auto sibling = [&info](const char* part) {
        return info.dir().filePath(info.completeBaseName() + QLatin1Char('-') + QLatin1String(part) + QLatin1Char('.') +
                                   info.suffix());
    };
    QString error;
    QStringList written;
    auto plot = [&](QCustomPlot* p, const QString& file) {
        if (!error.isEmpty()) return;
        if (plot_export::save(p, file, &error)) written << QFileInfo(file).fileName();
    };
    auto widget = [&](QWidget* w, const QString& file) {
        if (!error.isEmpty()) return;
        if (plot_export::saveWidget(w, file, &error)) written << QFileInfo(file).fileName();
    };
    plot(lossPlot_->plot(), path);
    if (plot_export::hasData(gradientPlot_->plot())) plot(gradientPlot_->plot(), sibling("gradients"));
    if (!modelSnapshot_->histograms().empty()) plot(weightView_->plot(), sibling("weights"));
    if (boundaryView_->hasBoundary()) plot(boundaryView_->plot(), sibling("boundary"));
    if (predictionsView_->isImageData()) widget(predictionsView_, sibling("predictions"));
    if (confusionView_->hasMatrix()) widget(confusionView_, sibling("confusion"));
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export plots"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(written.join(QStringLiteral(", "))), 8000);
}

void MainWindow::exportMetrics() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export metrics"), QStringLiteral("metrics.csv"), tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!history_->writeCsv(path, &error)) QMessageBox::warning(this, tr("Export metrics"), error);
}

void MainWindow::openNetwork() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open network"), QString(), tr("Networks (*.json)"));
    if (path.isEmpty()) return;
    try {
        document_->loadSpec(dl::load_network_file(path.toStdString()), tr("Open %1").arg(QFileInfo(path).fileName()));
        view_->fitToNetwork();
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Open network"), QString::fromUtf8(e.what()));
    }
}

void MainWindow::saveNetwork() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save network"), QStringLiteral("network.json"), tr("Networks (*.json)"));
    if (path.isEmpty()) return;
    try {
        dl::write_file_atomically(path.toStdString(), dl::network_to_string(document_->compactSpec()));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Save network"), QString::fromUtf8(e.what()));
    }
}

// Help: Getting Started (F1), the keyboard shortcuts and About.
void MainWindow::createHelpMenu() {
    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* gettingStarted = helpMenu->addAction(tr("&Getting Started"), this, &MainWindow::showGettingStarted);
    gettingStarted->setObjectName(QStringLiteral("actionGettingStarted"));
    gettingStarted->setShortcut(Qt::Key_F1);
    gettingStarted->setStatusTip(tr("Build, train and watch a network in a few steps"));
    QAction* shortcuts = helpMenu->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setObjectName(QStringLiteral("actionShortcuts"));
    shortcuts->setStatusTip(tr("Every command that has a key"));
    helpMenu->addSeparator();
    aboutAction_ = helpMenu->addAction(tr("&About DiveLab"));
    aboutAction_->setObjectName(QStringLiteral("actionAbout"));
    aboutAction_->setMenuRole(QAction::AboutRole);
    connect(aboutAction_, &QAction::triggered, this, &MainWindow::showAbout);
}

// One window of each kind: asking again brings the open one to the front.
template <typename Dialog, typename Create>
static Dialog* raiseOrCreate(MainWindow* window, Create create) {
    Dialog* dialog = window->findChild<Dialog*>(QString(), Qt::FindDirectChildrenOnly);
    if (!dialog) {
        dialog = create();
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

QDialog* MainWindow::showGettingStarted() {
    return raiseOrCreate<GettingStartedDialog>(this, [this] { return new GettingStartedDialog(this); });
}

QDialog* MainWindow::showShortcuts() {
    auto* dialog = raiseOrCreate<ShortcutsDialog>(this, [this] { return new ShortcutsDialog(this); });
    dialog->refresh();  // the actions may have changed since it opened
    return dialog;
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About DiveLab"),
                       tr("<h3>DiveLab %1</h3>"
                          "<p>A desktop lab for learning deep learning, following the book "
                          "<i>Dive into Deep Learning</i> (d2l.ai).</p>"
                          "<p>Everything runs locally on your CPU.</p>")
                           .arg(QApplication::applicationVersion()));
}

// --- projects ---------------------------------------------------------------------------------

void MainWindow::showExampleViewsFor(const dl::Dataset& train) {
    // Views of one input example and one class per example have nothing to show for sentence pairs; BERT's
    // fine-tuning has classes, so it keeps the confusion matrix.
    const bool pairs = train.is_translation() || train.is_bert();
    QWidget* current = tabs_->currentWidget();
    for (QWidget* view : {static_cast<QWidget*>(boundaryView_), static_cast<QWidget*>(predictionsView_),
                          static_cast<QWidget*>(filterView_), static_cast<QWidget*>(featureMapView_),
                          static_cast<QWidget*>(batchNormView_)})
        tabs_->setTabVisible(tabs_->indexOf(view), !pairs);
    const bool classes = !train.is_translation() && !train.is_bert_pretraining();
    tabs_->setTabVisible(tabs_->indexOf(confusionView_), classes);
    // BERT sentence-pair classification: pretrained against from-scratch fine-tuning.
    tabs_->setTabVisible(tabs_->indexOf(comparison_), train.is_bert() && !train.is_bert_pretraining());
    if (tabs_->isTabVisible(tabs_->indexOf(current))) tabs_->setCurrentWidget(current);
}

bool MainWindow::showView(const QString& name) {
    for (int i = 0; i < tabs_->count(); ++i)
        if (tabs_->widget(i)->objectName() == name) {
            tabs_->setCurrentIndex(i);
            return true;
        }
    return false;
}

QDialog* MainWindow::openBlock(const QString& id) {
    const dl::NodeSpec* node = document_->node(id);
    if (!node) return nullptr;
    try {
        const dl::LayerInfo& info = dl::layer_info(node->type);
        if (!info.inside) return nullptr;
        const dl::NetworkSpec inside =
            info.inside(dl::validate_attributes(node->id, node->type, info.attrs, node->attrs));
        const dl::NodeReport* report = document_->nodeReport(id);
        const std::vector<dl::Shape> inputs = report ? report->input_shapes : std::vector<dl::Shape>{};
        auto* dialog = new BlockInsideDialog(id, QString::fromStdString(node->type), inside, inputs, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        return dialog;
    } catch (const std::exception& e) {
        statusBar()->showMessage(tr("Cannot open %1: %2").arg(id, QString::fromUtf8(e.what())), 8000);
        return nullptr;
    }
}

bool MainWindow::includeWeightsInProjects() const {
    return includeWeightsAction_->isChecked();
}

bool MainWindow::hasTrainedModel() const {
    const auto state = controller_->state();
    return controller_->network() && state != TrainingController::State::Running &&
           state != TrainingController::State::Paused;
}

dl::Project MainWindow::currentProject(bool includeWeights) const {
    dl::Project p;
    p.network = document_->compactSpec();
    p.dataset = datasetPanel_->datasetName().toStdString();
    p.dataset_options = datasetPanel_->options();
    p.train = hyperPanel_->config();
    p.history = history_->epochs();
    p.gradient_norms = project_views::gradientNormsOf(*history_);
    // The Weights view's two histograms, unless the network was edited into another since.
    if (project_views::histogramsBelongTo(modelSnapshot_->histograms(), p.network) &&
        project_views::histogramsBelongTo(modelSnapshot_->initialHistograms(), p.network)) {
        p.initial_histograms = modelSnapshot_->initialHistograms();
        p.latest_histograms = modelSnapshot_->histograms();
    }
    p.saved_by = "DiveLab " + QApplication::applicationVersion().toStdString();
    // Weights only when they belong to the network in the editor (it may have been edited since).
    if (includeWeights && hasTrainedModel() && data_ &&
        trainedStructure_ == structureKey(p.network, data_->train.sample_shape()))
        p.weights = dl::weights_to_bytes(*controller_->network());
    return p;
}

void MainWindow::applyProject(const dl::Project& p, const QString& undoText) {
    clearRunStatus();
    applyingProject_ = true;
    if (!datasetPanel_->setDatasetName(QString::fromStdString(p.dataset)))
        showBanner(tr("The project's data set \"%1\" is not available here; choose another in the Data set panel.")
                       .arg(QString::fromStdString(p.dataset)),
                   true);
    datasetPanel_->setOptions(p.dataset_options);
    datasetPanel_->loadNow();
    document_->loadSpec(p.network, undoText);
    hyperPanel_->setConfig(p.train);
    history_->clear();
    if (p.network.train.reference_test_acc)
        history_->setReference(*p.network.train.reference_test_acc,
                               QString::fromStdString(p.network.train.reference_note));
    else
        history_->clearReference();
    for (const dl::EpochMetrics& m : p.history) history_->onEpoch(m);
    project_views::restoreGradientNorms(*history_, p.gradient_norms);
    modelSnapshot_->clear();
    sequenceViews_->clear();
    attentionViews_->clear();
    translationViews_->clear();
    bertViews_->clear();
    trainedStructure_.clear();
    controller_->adoptNetwork(nullptr, data_, 0);
    // The weights are adopted on the controller's job thread once the project's data set is loaded.
    pendingWeights_.reset();
    if (!p.weights.empty()) pendingWeights_ = PendingWeights{p.weights, p.history.empty() ? 0 : p.history.back().epoch};
    // The saved histograms wait for the data too (new data clears the model views).
    savedHistograms_ = SavedHistograms{p.initial_histograms, p.latest_histograms};
    if (!dataLoader_->isBusy()) adoptPendingWeights();
    applyingProject_ = false;
    showExperimentDescription(p.network);
    view_->fitToNetwork();
    updateActions();
}

bool MainWindow::openProjectFile(const QString& path, QString* error) {
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return false;
    };
    const auto state = controller_->state();
    if (state == TrainingController::State::Running || state == TrainingController::State::Paused)
        return fail(tr("Training is running: stop it (Shift+F5) before opening a project."));
    dl::Project project;
    QString why;  // everything is read and checked before anything changes
    if (!readProject(path, &project, &why)) return fail(why);
    applyProject(project, tr("Open %1").arg(QFileInfo(path).fileName()));
    session_->setPath(QFileInfo(path).absoluteFilePath());
    session_->setModified(false);
    session_->addRecentFile(path);
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 8000);
    return true;
}

bool MainWindow::saveProjectFile(const QString& path, QString* error) {
    QString failure;
    if (!writeProject(path, &failure)) {
        if (error) *error = failure;
        return false;
    }
    session_->setPath(QFileInfo(path).absoluteFilePath());
    session_->setModified(false);
    session_->addRecentFile(path);
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 8000);
    return true;
}

// The snapshot is taken here; a worker serialises and writes it (a ResNet-18 project takes over a
// second) while the window keeps repainting.
bool MainWindow::writeProject(const QString& path, QString* error) {
    dl::Project project;
    try {
        project = currentProject(includeWeightsInProjects());
    } catch (const std::exception& e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    statusBar()->showMessage(tr("Saving %1…").arg(QDir::toNativeSeparators(path)));
    busyWithFile_ = true;
    runOffGuiThread([&] {
        try {
            dl::save_project(path.toStdString(), project);
        } catch (const std::exception& e) {
            *error = QString::fromUtf8(e.what());
        }
    });
    busyWithFile_ = false;
    return error->isEmpty();
}

// Reads and checks a project file on a worker (its weights' base64 takes most of a second for
// ResNet-18) while the window keeps repainting. False with the reason in `error`.
bool MainWindow::readProject(const QString& path, dl::Project* project, QString* error) {
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    busyWithFile_ = true;
    runOffGuiThread([&] {
        try {
            *project = dl::load_project(path.toStdString());
        } catch (const std::exception& e) {
            *error = QString::fromUtf8(e.what());
        }
    });
    busyWithFile_ = false;
    statusBar()->clearMessage();
    return error->isEmpty();
}

void MainWindow::openProject() {
    if (!maybeSave()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), QString(),
                                                      tr("DiveLab projects (*.divelab);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (!openProjectFile(path, &error))
        QMessageBox::critical(
            this, tr("Open project"),
            tr("%1 could not be opened.\n\n%2\n\nNothing was changed.").arg(QDir::toNativeSeparators(path), error));
}

bool MainWindow::saveProject() {
    if (session_->path().isEmpty()) return saveProjectAs();
    QString error;
    if (saveProjectFile(session_->path(), &error)) return true;
    QMessageBox::critical(
        this, tr("Save project"),
        tr("The project could not be saved.\n\n%1\n\nThe previous file, if any, is unchanged.").arg(error));
    return false;
}

bool MainWindow::saveProjectAs() {
    const QString suggested = session_->path().isEmpty() ? QStringLiteral("experiment.divelab") : session_->path();
    QString path =
        QFileDialog::getSaveFileName(this, tr("Save project"), suggested, tr("DiveLab projects (*.divelab)"));
    if (path.isEmpty()) return false;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".divelab");
    QString error;
    if (saveProjectFile(path, &error)) return true;
    QMessageBox::critical(
        this, tr("Save project"),
        tr("The project could not be saved.\n\n%1\n\nThe previous file, if any, is unchanged.").arg(error));
    return false;
}

bool MainWindow::writeTrainedModel(const std::function<void(dl::Network&)>& write, QString* error) {
    if (!hasTrainedModel()) {
        if (error) *error = tr("There is no trained model yet: train the network first (F5).");
        return false;
    }
    try {
        write(*controller_->network());
    } catch (const std::exception& e) {
        if (error) *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

bool MainWindow::exportModelTo(const QString& path, QString* error) {
    return writeTrainedModel([&](dl::Network& net) { dl::save_model(net, path.toStdString()); }, error);
}

void MainWindow::exportModel() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export trained model"), QStringLiteral("model.json"),
                                                      tr("DiveLab models (*.json *.safetensors)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportModelTo(path, &error))
        QMessageBox::warning(this, tr("Export trained model"), error);
    else
        statusBar()->showMessage(tr("Saved the model as %1 (architecture) and .safetensors (weights)").arg(path), 8000);
}

bool MainWindow::exportOnnxTo(const QString& path, QString* error) {
    return writeTrainedModel([&](dl::Network& net) { dl::export_onnx(net, path.toStdString()); }, error);
}

bool MainWindow::exportPytorchTo(const QString& dir, QString* error) {
    dl::PytorchTraining training;
    training.dataset = datasetPanel_->datasetName().toStdString();
    training.resize = datasetPanel_->options().resize;
    training.config = hyperPanel_->config();
    return writeTrainedModel(
        [&](dl::Network& net) {
            dl::export_pytorch(net, training, dir.toStdString(), data_ ? data_->train.text.get() : nullptr,
                               data_ ? data_->train.translation.get() : nullptr,
                               data_ ? data_->train.bert.get() : nullptr);
        },
        error);
}

void MainWindow::exportOnnx() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export trained model as ONNX"),
                                                      QStringLiteral("model.onnx"), tr("ONNX models (*.onnx)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportOnnxTo(path, &error))
        QMessageBox::warning(this, tr("Export as ONNX"), error);
    else
        statusBar()->showMessage(tr("Saved the model as %1 (ONNX, opset 17)").arg(path), 8000);
}

void MainWindow::exportPytorch() {
    const QString dir = QFileDialog::getSaveFileName(
        this, tr("Export trained model as a PyTorch project (a new folder)"), QStringLiteral("divelab-pytorch"));
    if (dir.isEmpty()) return;
    QString error;
    if (!exportPytorchTo(dir, &error))
        QMessageBox::warning(this, tr("Export as PyTorch project"), error);
    else
        statusBar()->showMessage(tr("Wrote the PyTorch project %1: run python3 train.py there, or torchrun").arg(dir),
                                 10000);
}

void MainWindow::newExperiment() {
    stopTrainingAndWait();
    clearRunStatus();
    applyingProject_ = true;
    document_->loadSpec(dl::NetworkSpec{}, tr("New experiment"));
    forgetTrainedModel();
    history_->clearReference();
    applyingProject_ = false;
    showExperimentDescription(dl::NetworkSpec{});
    session_->setPath(QString());
    session_->setModified(false);
    updateActions();
    statusBar()->showMessage(tr("New experiment: drag layers from the palette onto the canvas."), 8000);
}

bool MainWindow::recoverAutosave(const QString& path, QString* error) {
    dl::Project project;
    QString why;
    if (!readProject(path, &project, &why)) {
        if (error) *error = tr("The autosaved experiment cannot be read: %1").arg(why);
        return false;
    }
    applyProject(project, tr("Restore autosaved experiment"));
    session_->setPath(QString());
    session_->setModified(true);  // recovered work is not saved anywhere yet
    // Once it lives in this session's autosave, the crashed session's copy can go.
    connect(
        session_, &ProjectSession::autosaved, this, [path] { QFile::remove(path); }, Qt::SingleShotConnection);
    session_->autosaveNow(true);
    recoveryBar_->hide();
    statusBar()->showMessage(tr("Restored the autosaved experiment. Save it with Ctrl+S."), 10000);
    return true;
}

void MainWindow::offerRecovery() {
    const auto found = ProjectSession::recoverable();
    if (!found) {
        recoveryBar_->hide();
        return;
    }
    recoveryPath_ = found->path;
    recoveryText_->setText(tr("DiveLab did not close normally. An experiment autosaved on %1 can be restored.")
                               .arg(QLocale().toString(found->saved, QLocale::ShortFormat)));
    recoveryBar_->show();
}

bool MainWindow::maybeSave() {
    if (!session_->isModified()) return true;
    const auto answer =
        QMessageBox::question(this, tr("Unsaved changes"), tr("Save the changes to %1?").arg(session_->displayName()),
                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) return saveProject();
    return true;
}

void MainWindow::watchNetwork() {
    modelSnapshot_->setNetwork(document_->compactSpec());
    sequenceViews_->setNetwork(document_->compactSpec());
    attentionViews_->setNetwork(document_->compactSpec());
    controller_->setWatchedParameters(modelSnapshot_->watchedParameters());
    const bool images = data_ && data_->test.features.defined() && data_->test.features.dim() == 4;
    controller_->setProbeExample(images ? featureMapView_->example() : -1);
}

void MainWindow::markModified() {
    if (!applyingProject_) session_->setModified(true);
}

void MainWindow::updateTitle() {
    setWindowTitle(tr("%1[*] — DiveLab").arg(session_->displayName()));
    setWindowFilePath(session_->path());
    setWindowModified(session_->isModified());
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList files = session_->recentFiles();
    for (const QString& f : files) {
        recentMenu_
            ->addAction(QFileInfo(f).fileName(), this,
                        [this, f] {
                            if (!maybeSave()) return;
                            QString error;
                            if (!openProjectFile(f, &error))
                                QMessageBox::critical(this, tr("Open project"),
                                                      tr("%1 could not be opened.\n\n%2\n\nNothing was changed.")
                                                          .arg(QDir::toNativeSeparators(f), error));
                        })
            ->setToolTip(QDir::toNativeSeparators(f));
    }
    if (files.isEmpty()) recentMenu_->addAction(tr("No recent projects"))->setEnabled(false);
    recentMenu_->setToolTipsVisible(true);
}
