#include "ui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "engine/io/network_json.h"
#include "engine/io/presets.h"
#include "ui/dataset_panel.h"
#include "ui/dataset_preview.h"
#include "ui/hyperparameter_panel.h"
#include "ui/layer_inspector.h"
#include "ui/layer_palette.h"
#include "ui/metrics_history.h"
#include "ui/network_document.h"
#include "ui/network_view.h"
#include "ui/plot_export.h"
#include "ui/training_controller.h"
#include "ui/training_plots.h"

// The resources live in a static library: referencing its initializer here keeps the linker
// from dropping them. Q_INIT_RESOURCE must be used outside any namespace.
static void initDiveLabResources() { Q_INIT_RESOURCE(resources); }

QIcon MainWindow::appIcon() {
  initDiveLabResources();
  return QIcon(QStringLiteral(":/icons/divelab.svg"));
}

namespace {
QString formatDuration(double seconds) {
  const int s = static_cast<int>(seconds + 0.5);
  return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QChar('0')).arg(s % 60, 2, 10, QChar('0'))
                   : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("MainWindow"));
  setWindowTitle(QStringLiteral("DiveLab"));
  setWindowIcon(appIcon());
  resize(1280, 800);

  document_ = new NetworkDocument(this);
  view_ = new NetworkView(document_, this);
  setCentralWidget(view_);
  controller_ = new TrainingController(this);
  history_ = new MetricsHistory(this);
  connect(controller_, &TrainingController::runStarted, history_, &MetricsHistory::onRunStarted);
  connect(controller_, &TrainingController::batchesArrived, history_, &MetricsHistory::onBatches);
  connect(controller_, &TrainingController::gradientsArrived, history_, &MetricsHistory::onGradients);
  connect(controller_, &TrainingController::epochFinished, history_, &MetricsHistory::onEpoch);
  connect(controller_, &TrainingController::batchesArrived, this, &MainWindow::onBatches);
  connect(controller_, &TrainingController::finished, this, &MainWindow::onFinished);
  connect(controller_, &TrainingController::stateChanged, this, &MainWindow::updateActions);

  createDocks();
  createMenus();
  createStatusBar();
  connect(document_, &NetworkDocument::changed, this, &MainWindow::updateActions);
  connect(document_, &NetworkDocument::message, this, [this](const QString& text) { statusBar()->showMessage(text, 5000); });
  connect(hyperPanel_, &HyperparameterPanel::changed, this, &MainWindow::updateActions);
  connect(datasetPanel_, &DatasetPanel::changed, this, &MainWindow::reloadData);

  // A ready default experiment: D2L's MLP on Fashion-MNIST, or the toy MLP on the spiral.
  // The data set panel already knows whether Fashion-MNIST is installed (problem() is empty then).
  datasetPanel_->setDatasetName(QStringLiteral("fashion-mnist"));
  loadPreset(datasetPanel_->problem().isEmpty() ? QStringLiteral("mlp") : QStringLiteral("spiral-mlp"));

  QSettings settings;
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() = default;

void MainWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  // Fit once the view has its real size (in the constructor it has none yet).
  QTimer::singleShot(0, view_, &NetworkView::fitToNetwork);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings settings;
  settings.setValue(QStringLiteral("window/state"), saveState());
  controller_->stop();
  QMainWindow::closeEvent(event);
}

void MainWindow::createDocks() {
  auto dock = [this](const QString& title, const QString& name, QWidget* widget, Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(widget);
    addDockWidget(area, d);
    return d;
  };
  palette_ = new LayerPalette(this);
  connect(palette_, &LayerPalette::layerActivated, view_, &NetworkView::appendLayer);
  dock(tr("Layers"), QStringLiteral("paletteDock"), palette_, Qt::LeftDockWidgetArea);

  inspector_ = new LayerInspector(document_, this);
  connect(view_, &NetworkView::currentNodeChanged, inspector_, &LayerInspector::setNode);
  QDockWidget* inspectorDock = dock(tr("Inspector"), QStringLiteral("inspectorDock"), inspector_, Qt::RightDockWidgetArea);

  auto* dataPage = new QWidget(this);
  auto* dataLayout = new QVBoxLayout(dataPage);
  dataLayout->setContentsMargins(0, 0, 0, 0);
  datasetPanel_ = new DatasetPanel(dataPage);
  preview_ = new DatasetPreview(dataPage);
  dataLayout->addWidget(datasetPanel_);
  dataLayout->addWidget(preview_, 1);
  auto* dataScroll = new QScrollArea(this);
  dataScroll->setWidget(dataPage);
  dataScroll->setWidgetResizable(true);
  dataScroll->setFrameShape(QFrame::NoFrame);
  QDockWidget* dataDock = dock(tr("Data set"), QStringLiteral("datasetDock"), dataScroll, Qt::RightDockWidgetArea);

  hyperPanel_ = new HyperparameterPanel(this);
  auto* hyperScroll = new QScrollArea(this);  // the form is taller than a laptop screen allows
  hyperScroll->setWidget(hyperPanel_);
  hyperScroll->setWidgetResizable(true);
  hyperScroll->setFrameShape(QFrame::NoFrame);
  QDockWidget* hyperDock = dock(tr("Hyperparameters"), QStringLiteral("hyperDock"), hyperScroll, Qt::RightDockWidgetArea);
  tabifyDockWidget(inspectorDock, hyperDock);
  tabifyDockWidget(hyperDock, dataDock);
  inspectorDock->raise();

  auto* plots = new QWidget(this);
  auto* plotsLayout = new QVBoxLayout(plots);
  plotsLayout->setContentsMargins(0, 0, 0, 0);
  banner_ = new QLabel(plots);
  banner_->setObjectName(QStringLiteral("banner"));
  banner_->setWordWrap(true);
  banner_->hide();
  auto* tabs = new QTabWidget(plots);
  lossPlot_ = new LossAccuracyPlot(tabs);
  lossPlot_->setHistory(history_);
  gradientPlot_ = new GradientNormPlot(tabs);
  gradientPlot_->setHistory(history_);
  tabs->addTab(lossPlot_, tr("Loss && accuracy"));
  tabs->addTab(gradientPlot_, tr("Gradient norms"));
  plotsLayout->addWidget(banner_);
  plotsLayout->addWidget(tabs, 1);
  QDockWidget* plotDock = dock(tr("Training"), QStringLiteral("plotDock"), plots, Qt::BottomDockWidgetArea);
  resizeDocks({plotDock}, {300}, Qt::Vertical);
}

void MainWindow::createMenus() {
  QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
  QAction* open = fileMenu->addAction(tr("&Open Network…"), this, &MainWindow::openNetwork);
  open->setShortcut(QKeySequence::Open);
  QAction* save = fileMenu->addAction(tr("Save Network &As…"), this, &MainWindow::saveNetwork);
  save->setShortcut(QKeySequence::SaveAs);
  fileMenu->addSeparator();
  fileMenu->addAction(tr("Export &Plots…"), this, &MainWindow::exportPlots);
  fileMenu->addAction(tr("Export &Metrics (CSV)…"), this, &MainWindow::exportMetrics);
  fileMenu->addSeparator();
  quitAction_ = fileMenu->addAction(tr("&Quit"));
  quitAction_->setObjectName(QStringLiteral("actionQuit"));
  quitAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
  quitAction_->setMenuRole(QAction::QuitRole);
  connect(quitAction_, &QAction::triggered, this, &QWidget::close);

  QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
  editMenu->addAction(view_->undoAction());  // the view owns the Ctrl+Z shortcuts
  editMenu->addAction(view_->redoAction());

  QMenu* presetMenu = menuBar()->addMenu(tr("&Presets"));
  for (const std::string& name : dl::preset_names()) {
    const QString qname = QString::fromStdString(name);
    QAction* a = presetMenu->addAction(qname, this, [this, qname] { loadPreset(qname); });
    try {
      a->setToolTip(QString::fromStdString(dl::load_preset(name).description));
    } catch (const std::exception&) {
    }
  }
  presetMenu->setToolTipsVisible(true);

  QMenu* trainMenu = menuBar()->addMenu(tr("&Train"));
  trainAction_ = trainMenu->addAction(tr("&Train"), this, &MainWindow::train);
  trainAction_->setObjectName(QStringLiteral("actionTrain"));
  trainAction_->setShortcut(Qt::Key_F5);
  pauseAction_ = trainMenu->addAction(tr("&Pause"), this, &MainWindow::togglePause);
  pauseAction_->setObjectName(QStringLiteral("actionPause"));
  pauseAction_->setShortcut(Qt::Key_F6);
  stepAction_ = trainMenu->addAction(tr("S&tep One Batch"), controller_, &TrainingController::step);
  stepAction_->setShortcut(Qt::Key_F10);
  stopAction_ = trainMenu->addAction(tr("&Stop"), controller_, &TrainingController::stop);
  stopAction_->setObjectName(QStringLiteral("actionStop"));
  stopAction_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
  QToolBar* toolbar = addToolBar(tr("Training"));
  toolbar->setObjectName(QStringLiteral("trainingToolbar"));
  toolbar->addAction(trainAction_);
  toolbar->addAction(pauseAction_);
  toolbar->addAction(stepAction_);
  toolbar->addAction(stopAction_);

  QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
  aboutAction_ = helpMenu->addAction(tr("&About DiveLab"));
  aboutAction_->setObjectName(QStringLiteral("actionAbout"));
  aboutAction_->setMenuRole(QAction::AboutRole);
  connect(aboutAction_, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createStatusBar() {
  progressText_ = new QLabel(this);
  progress_ = new QProgressBar(this);
  progress_->setMaximumWidth(220);
  progress_->setRange(0, 1000);
  progress_->hide();
  statusBar()->addPermanentWidget(progressText_);
  statusBar()->addPermanentWidget(progress_);
}

bool MainWindow::loadPreset(const QString& name) {
  try {
    const dl::NetworkSpec spec = dl::load_preset(name.toStdString());
    if (spec.train.dataset) datasetPanel_->setDatasetName(QString::fromStdString(*spec.train.dataset));
    reloadData();
    document_->loadSpec(spec, tr("Load preset %1").arg(name));
    hyperPanel_->applyDefaults(spec.train);
    history_->clear();
    if (spec.train.reference_test_acc)
      history_->setReference(*spec.train.reference_test_acc, QString::fromStdString(spec.train.reference_note));
    else
      history_->clearReference();
    view_->fitToNetwork();
    statusBar()->showMessage(tr("Loaded preset %1: %2").arg(name, QString::fromStdString(spec.description)), 8000);
    updateActions();
    return true;
  } catch (const std::exception& e) {
    showBanner(tr("Could not load preset %1: %2").arg(name, QString::fromUtf8(e.what())), true);
    return false;
  }
}

void MainWindow::reloadData() {
  const dl::DatasetOptions o = datasetPanel_->options();
  const QString key = datasetPanel_->datasetName() + QStringLiteral("|%1|%2|%3|%4|%5|%6")
                                                         .arg(o.size.value_or(-1))
                                                         .arg(o.noise.value_or(-1))
                                                         .arg(o.num_classes.value_or(-1))
                                                         .arg(o.test_fraction.value_or(-1))
                                                         .arg(QString::fromStdString(o.target))
                                                         .arg(o.seed);
  if (key == dataKey_ && data_) return;
  QString error;
  auto data = datasetPanel_->load(&error);
  dataKey_ = key;
  data_ = data;
  preview_->setData(data_);
  if (!data_) {
    showBanner(tr("The data set cannot be loaded: %1").arg(error), true);
  } else {
    if (banner_->property("dataError").toBool()) banner_->hide();
    document_->setInputShape(data_->train.sample_shape());
  }
  banner_->setProperty("dataError", !data_);
  updateActions();
}

void MainWindow::updateActions() {
  const auto state = controller_->state();
  const bool active = state == TrainingController::State::Running || state == TrainingController::State::Paused;
  QString why;
  bool ok = !active;
  if (ok && !data_) ok = false, why = tr("No data set is loaded.");
  if (ok && !document_->canTrain(&why)) ok = false;
  if (ok && !hyperPanel_->isValid(&why)) ok = false;
  if (ok) {
    try {
      dl::Network net(document_->compactSpec(), data_->train.sample_shape());
      dl::check_output_fits(net, data_->train, dl::default_loss(data_->train));
    } catch (const std::exception& e) {
      ok = false;
      why = QString::fromUtf8(e.what());
    }
  }
  trainAction_->setEnabled(ok);
  trainAction_->setToolTip(ok ? tr("Train the network (F5)") : (active ? tr("Training is running") : why));
  pauseAction_->setEnabled(active);
  pauseAction_->setText(state == TrainingController::State::Paused ? tr("&Resume") : tr("&Pause"));
  stepAction_->setEnabled(state == TrainingController::State::Paused);
  stopAction_->setEnabled(active);
}

void MainWindow::train() {
  if (!trainAction_->isEnabled()) return;
  const auto config = hyperPanel_->validConfig();
  if (!config || !data_) return;
  try {
    controller_->start(document_->compactSpec(), data_, *config);
  } catch (const std::exception& e) {
    showBanner(tr("Training cannot start: %1").arg(QString::fromUtf8(e.what())), true);
    return;
  }
  history_->clear();
  banner_->hide();
  progress_->setValue(0);
  progress_->show();
  statusBar()->showMessage(tr("Training…"));
  updateActions();
}

void MainWindow::togglePause() {
  if (controller_->state() == TrainingController::State::Paused) controller_->resume();
  else controller_->pause();
}

void MainWindow::onBatches(const std::vector<dl::BatchEvent>& batches) {
  if (batches.empty()) return;
  const dl::BatchEvent* last = &batches.back();
  const int epochs = history_->runInfo().epochs;
  if (epochs <= 0 || last->batches_per_epoch <= 0) return;
  const double total = static_cast<double>(epochs) * last->batches_per_epoch;
  progress_->setValue(static_cast<int>(1000.0 * last->step / total));
  const double batch = static_cast<double>(history_->runInfo().batch_size);
  const double eta = last->examples_per_sec > 0 ? (total - last->step) * batch / last->examples_per_sec : 0;
  progressText_->setText(tr("epoch %1/%2 · batch %3/%4 · %5 examples/s · ETA %6")
                             .arg(last->epoch)
                             .arg(epochs)
                             .arg(last->batch)
                             .arg(last->batches_per_epoch)
                             .arg(QLocale().toString(last->examples_per_sec, 'f', 0))
                             .arg(formatDuration(eta)));
}

void MainWindow::onFinished(const dl::TrainSummary& s) {
  progress_->hide();
  switch (s.outcome) {
    case dl::TrainSummary::Outcome::Completed:
      statusBar()->showMessage(tr("Training finished: %1 epochs.").arg(s.epochs_done), 10000);
      break;
    case dl::TrainSummary::Outcome::Stopped:
      statusBar()->showMessage(tr("Training stopped."), 10000);
      break;
    case dl::TrainSummary::Outcome::Diverged:
    case dl::TrainSummary::Outcome::Failed:
      showBanner(QString::fromStdString(s.message), true);
      break;
  }
  updateActions();
}

void MainWindow::showBanner(const QString& text, bool error) {
  banner_->setText(text);
  banner_->setStyleSheet(error ? QStringLiteral("QLabel { background: #fdecea; color: #8a1c12; padding: 6px; }")
                               : QStringLiteral("QLabel { background: #eef5fd; color: #17406d; padding: 6px; }"));
  banner_->show();
  statusBar()->showMessage(text, 10000);
}

QString MainWindow::bannerText() const { return banner_->isVisible() ? banner_->text() : QString(); }

void MainWindow::exportPlots() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export plots"), QStringLiteral("loss.png"),
                                                    tr("Images (*.png *.pdf *.svg)"));
  if (path.isEmpty()) return;
  QString error;
  const QFileInfo info(path);
  const QString gradPath = info.dir().filePath(info.completeBaseName() + QStringLiteral("-gradients.") + info.suffix());
  if (!plot_export::save(lossPlot_->plot(), path, &error) || !plot_export::save(gradientPlot_->plot(), gradPath, &error))
    QMessageBox::warning(this, tr("Export plots"), error);
  else
    statusBar()->showMessage(tr("Saved %1 and %2").arg(path, gradPath), 8000);
}

void MainWindow::exportMetrics() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export metrics"), QStringLiteral("metrics.csv"),
                                                    tr("CSV (*.csv)"));
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
  const QString path = QFileDialog::getSaveFileName(this, tr("Save network"), QStringLiteral("network.json"),
                                                    tr("Networks (*.json)"));
  if (path.isEmpty()) return;
  try {
    dl::write_file_atomically(path.toStdString(), dl::network_to_string(document_->compactSpec()));
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Save network"), QString::fromUtf8(e.what()));
  }
}

void MainWindow::showAbout() {
  QMessageBox::about(
      this, tr("About DiveLab"),
      tr("<h3>DiveLab %1</h3>"
         "<p>A desktop lab for learning deep learning, following the book "
         "<i>Dive into Deep Learning</i> (d2l.ai).</p>"
         "<p>Everything runs locally on your CPU.</p>")
          .arg(QApplication::applicationVersion()));
}
