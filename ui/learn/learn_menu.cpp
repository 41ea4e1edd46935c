#include "learn_menu.h"

#include <QAction>
#include <QKeySequence>
#include <QMenu>
#include <QWidget>
#include <algorithm>

#include "engine/core/error.h"
#include "engine/train/ready_ablations.h"
#include "ui/ablation/ablation_texts.h"
#include "ui/ablation/ablation_window.h"
#include "ui/ablation/change_one_thing_dialog.h"
#include "ui/ablation/optimizer_race.h"
#include "ui/ablation/preset_experiment.h"
#include "ui/lessons/lessons_window.h"
#include "ui/optimizer_lab/optimizer_lab_window.h"
#include "ui/tensor_lab/autograd_graph_view.h"
#include "ui/tensor_lab/tensor_playground.h"
#include "ui/training/hyperparameter_panel.h"
#include "ui/training/schedule_designer.h"
#include "ui/window/main_window.h"

LearnMenu::LearnMenu(MainWindow* window, QMenu* menu) : QObject(window), window_(window) {
    addActions(menu);
}

void LearnMenu::addActions(QMenu* menu) {
    QAction* lessons = menu->addAction(tr("&Lessons…"), this, &LearnMenu::openLessons);
    lessons->setObjectName(QStringLiteral("actionLessons"));
    lessons->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    menu->addSeparator();

    // Chapter 11: optimizers.
    QAction* optimizerLab = menu->addAction(tr("&Optimizer Lab…"));
    optimizerLab->setObjectName(QStringLiteral("learn-optimizer-lab"));
    connect(optimizerLab, &QAction::triggered, this, [this] { openOptimizerLab(); });
    menu->addAction(tr("&Race Optimizers…"), this, [this] { openOptimizerRace(); });
    menu->addAction(tr("Learning-Rate &Schedule…"), this, [this] { openScheduleDesigner(); })
        ->setObjectName(QStringLiteral("actionScheduleDesigner"));
    menu->addSeparator();

    // Ablations: one change, two runs.
    menu->addAction(tr("&Change One Thing…"), this, [this] { openChangeOneThing(); });
    QMenu* book = menu->addMenu(tr("Book &Ablations"));
    for (const std::string& id : dl::ready_ablation_ids()) {
        const dl::ReadyAblation a = dl::ready_ablation(id);
        book->addAction(tr("%1 (%2)").arg(AblationTexts::title(a), QString::fromStdString(a.section)), this,
                        [this, id] { openAblation(QString::fromStdString(id)); });
    }
    menu->addSeparator();

    // Chapter 2: tensors and autograd by hand.
    menu->addAction(tr("&Tensor Playground…"), this, [this] { openTensorPlayground(); });
    menu->addAction(tr("Autograd &Graph…"), this, [this] { openAutogradGraph(); });
}

bool LearnMenu::open(const QString& action, QString* error) {
    const QString kind = action.section(QLatin1Char(':'), 0, 0).trimmed();
    const QString argument = action.section(QLatin1Char(':'), 1).trimmed();
    auto fail = [&](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (kind == QLatin1String("preset")) {
        if (argument.isEmpty()) return fail(tr("The action \"%1\" names no preset.").arg(action));
        return window_->choosePreset(argument) || fail(tr("The preset \"%1\" could not be loaded.").arg(argument));
    }
    if (kind == QLatin1String("optimizer-lab")) return openOptimizerLab(argument), true;
    if (kind == QLatin1String("race")) return openOptimizerRace(argument), true;
    if (kind == QLatin1String("ablation"))
        return openAblation(argument) || fail(tr("There is no ready-made ablation called \"%1\".").arg(argument));
    if (kind == QLatin1String("schedule")) return openScheduleDesigner(), true;
    if (kind == QLatin1String("tensors")) return openTensorPlayground(argument), true;
    if (kind == QLatin1String("autograd")) return openAutogradGraph(argument), true;
    return fail(tr("Unknown lab action \"%1\".").arg(action));
}

void LearnMenu::show(QWidget* window) {
    lastOpened_ = window;
    if (!window) return;
    window->show();
    window->raise();
    window->activateWindow();
}

// --- lessons ---

// One lessons window per main window, kept (hidden) when closed so that it reopens where the learner was.
void LearnMenu::openLessons() {
    auto* lessons = window_->findChild<LessonsWindow*>(QStringLiteral("lessonsWindow"), Qt::FindDirectChildrenOnly);
    if (!lessons) {
        auto opener = [this](const QString& action, QString* error) {
            const bool opened = open(action, error);
            if (opened && action.startsWith(QLatin1String("preset:"))) {  // bring the loaded preset to the front
                window_->raise();
                window_->activateWindow();
            }
            return opened;
        };
        lessons = new LessonsWindow(LessonLibrary::defaultPath(), opener, window_);
    }
    show(lessons);
}

// --- optimizer lab ---

void LearnMenu::openOptimizerLab(const QString& function) {
    // One lab per main window: a second call brings it forward (on the function asked for, if any).
    auto* lab = window_->findChild<OptimizerLabWindow*>(QString(), Qt::FindDirectChildrenOnly);
    if (!lab) lab = new OptimizerLabWindow(window_);
    if (!function.isEmpty()) lab->choosePreset(function);
    show(lab);
}

// --- optimizer race ---

// A preset when named; else the main window's experiment when it has a network; else D2L's Fashion-MNIST MLP.
void LearnMenu::openOptimizerRace(const QString& preset) {
    auto* race = new OptimizerRace(window_);
    try {
        if (!preset.isEmpty()) {
            dl::Project p = presetExperiment(preset.toStdString());
            p.train.epochs = 3;
            race->setExperiment(p, preset);
        } else if (dl::Project current = window_->currentProject(false); !current.network.nodes.empty()) {
            current.train.epochs = 3;  // four runs: D2L's three-epoch comparison rather than the preset's budget
            race->setExperiment(current, QString::fromStdString(current.network.name));
        }
    } catch (const dl::InputError&) {  // an unknown preset: the default experiment stays
    }
    show(race);
}

// --- ablations ---

bool LearnMenu::openAblation(const QString& id) {
    const auto& ids = dl::ready_ablation_ids();
    if (std::find(ids.begin(), ids.end(), id.toStdString()) == ids.end()) return false;
    auto* window = new AblationWindow(window_);
    window->setAblation(dl::ready_ablation(id.toStdString()));
    show(window);
    window->run();
    return true;
}

void LearnMenu::openChangeOneThing() {
    const dl::Project current = window_->currentProject(false);
    ChangeOneThingDialog dialog(current, window_);
    if (dialog.exec() != QDialog::Accepted) return;
    openComparison(current, dialog.change(), dialog.changedExperiment());
}

void LearnMenu::openComparison(const dl::Project& current, const dl::AblationChange& change,
                               const dl::Project& changed) {
    const QString what = ChangeOneThingDialog::whatLabel(change.what);
    const QString now = QString::fromStdString(dl::current_value(current, change.what));
    const QString then = QString::fromStdString(change.value);
    const bool classification = current.dataset != "linear" && current.dataset != "sine";
    auto* window = new AblationWindow(window_);
    window->setComparison(tr("%1: %2 against %3").arg(what, now, then),
                          tr("The two runs differ only in %1; any gap between their curves is its effect.").arg(what),
                          classification ? dl::AblationMeasure::TestAccuracy : dl::AblationMeasure::TestLoss,
                          {{tr("%1 = %2").arg(what, now), current}, {tr("%1 = %2").arg(what, then), changed}});
    show(window);
    window->run();
}

// --- schedule designer ---

void LearnMenu::openScheduleDesigner() {
    show(window_->hyperparameterPanel()->scheduleDesigner());
}

// --- tensor playground ---

void LearnMenu::openTensorPlayground(const QString& expression) {
    auto* playground = window_->findChild<TensorPlayground*>();  // one playground: its variables persist
    if (!playground) playground = new TensorPlayground(window_);
    show(playground);
    if (!expression.isEmpty()) playground->run(expression);
}

// --- autograd graph ---

void LearnMenu::openAutogradGraph(const QString& expression) {
    auto* graph = window_->findChild<AutogradGraphView*>();
    if (!graph) graph = new AutogradGraphView(window_);
    show(graph);
    if (!expression.isEmpty()) graph->showStatements(expression);
}
