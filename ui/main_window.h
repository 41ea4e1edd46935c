// The DiveLab main window. For now an empty shell (menus, status bar, a welcome placeholder);
// the lessons, network editor and training views are added in later issues.
#pragma once

#include <QMainWindow>

class QAction;

class MainWindow : public QMainWindow {
  Q_OBJECT

public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // The window icon, loaded from the embedded resources (":/icons/divelab.svg").
  static QIcon appIcon();

public Q_SLOTS:
  void showAbout();

private:
  void createMenus();
  QWidget* createPlaceholder();

  QAction* quitAction_ = nullptr;
  QAction* aboutAction_ = nullptr;
};
