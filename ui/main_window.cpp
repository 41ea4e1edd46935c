#include "ui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QFont>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>

// The resources live in a static library: referencing its initializer here keeps the linker
// from dropping them. Q_INIT_RESOURCE must be used outside any namespace.
static void initDiveLabResources() { Q_INIT_RESOURCE(resources); }

QIcon MainWindow::appIcon() {
  initDiveLabResources();
  return QIcon(QStringLiteral(":/icons/divelab.svg"));
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("MainWindow"));
  setWindowTitle(QStringLiteral("DiveLab"));
  setWindowIcon(appIcon());
  resize(1280, 800);

  createMenus();
  setCentralWidget(createPlaceholder());
  statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
  QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
  quitAction_ = fileMenu->addAction(tr("&Quit"));
  quitAction_->setObjectName(QStringLiteral("actionQuit"));
  quitAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
  quitAction_->setMenuRole(QAction::QuitRole);
  connect(quitAction_, &QAction::triggered, this, &QWidget::close);

  QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
  aboutAction_ = helpMenu->addAction(tr("&About DiveLab"));
  aboutAction_->setObjectName(QStringLiteral("actionAbout"));
  aboutAction_->setMenuRole(QAction::AboutRole);
  connect(aboutAction_, &QAction::triggered, this, &MainWindow::showAbout);
}

QWidget* MainWindow::createPlaceholder() {
  auto* page = new QWidget(this);
  page->setObjectName(QStringLiteral("placeholder"));

  auto* icon = new QLabel(page);
  icon->setPixmap(appIcon().pixmap(128, 128));
  icon->setAlignment(Qt::AlignCenter);

  auto* title = new QLabel(tr("Welcome to DiveLab"), page);
  QFont titleFont = title->font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 2.0);
  titleFont.setBold(true);
  title->setFont(titleFont);
  title->setAlignment(Qt::AlignCenter);

  auto* text = new QLabel(
      tr("Learn deep learning hands-on, following <i>Dive into Deep Learning</i>:<br>"
         "build networks, train them and watch them learn.<br><br>"
         "The lessons and the training views are on their way."),
      page);
  text->setTextFormat(Qt::RichText);
  text->setAlignment(Qt::AlignCenter);
  text->setWordWrap(true);

  auto* layout = new QVBoxLayout(page);
  layout->addStretch(1);
  layout->addWidget(icon);
  layout->addSpacing(16);
  layout->addWidget(title);
  layout->addSpacing(8);
  layout->addWidget(text);
  layout->addStretch(2);
  return page;
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
