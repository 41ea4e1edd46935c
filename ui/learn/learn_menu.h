#pragma once
// LearnMenu: the "Learn" menu and the one place that opens the learning lab's windows (lessons,
// optimizer lab, optimizer race, ablations, learning-rate schedule designer, tensor playground,
// autograd graph), from the menu or from a lesson's "Open in lab" action.
//
// A lesson's action is a string "kind[:argument]":
//   preset:<name>              loads a preset in the main window ("preset:lenet")
//   optimizer-lab[:<function>] the optimizer lab on "quadratic", "rosenbrock", "local-minimum", "saddle"
//   race[:<preset>]            the optimizer race on a real network (default: D2L ch. 11's Fashion-MNIST MLP)
//   ablation:<id>              a ready-made ablation: "weight-decay", "dropout", "sigmoid-relu", "batchnorm",
//   "residual" schedule                   the learning-rate schedule designer tensors[:<expression>]     the tensor
//   playground, optionally with an expression typed in autograd[:<expression>]    the autograd graph of an expression
//   ("2 * x.T @ x")
#include <QObject>
#include <QPointer>
#include <QString>

namespace dl {
struct Project;
struct AblationChange;
}  // namespace dl
class MainWindow;
class QMenu;
class QWidget;

class LearnMenu : public QObject {
    Q_OBJECT

public:
    LearnMenu(MainWindow* window, QMenu* menu);

    // Runs a lesson's action; false, with the reason for a person in *error, for an unknown or malformed one.
    bool open(const QString& action, QString* error = nullptr);

    void openLessons();
    void openOptimizerLab(const QString& function = {});
    void openOptimizerRace(const QString& preset = {});
    // False (and nothing opens) for an id that is not a ready-made ablation.
    bool openAblation(const QString& id);
    // "Change one thing…": a dialog on the main window's experiment, then the comparison of the two.
    void openChangeOneThing();
    // The comparison window of an experiment and its one-change variant (what the dialog opens; tests call it).
    void openComparison(const dl::Project& current, const dl::AblationChange& change, const dl::Project& changed);
    void openScheduleDesigner();
    void openTensorPlayground(const QString& expression = {});
    void openAutogradGraph(const QString& expression = {});

    MainWindow* mainWindow() const { return window_; }
    // The window the last open…() call showed (for tests).
    QWidget* lastOpened() const { return lastOpened_; }

private:
    void addActions(QMenu* menu);
    void show(QWidget* window);

    MainWindow* window_;
    QPointer<QWidget> lastOpened_;
};
