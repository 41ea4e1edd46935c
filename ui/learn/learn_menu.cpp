#include "learn_menu.h"

#include <QAction>
#include <QKeySequence>
#include <QMenu>
#include <QWidget>

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
    // --- lessons ---
    QAction* lessons = menu->addAction(tr("&Lessons…"), this, &LearnMenu::openLessons);
    lessons->setObjectName(QStringLiteral("actionLessons"));
    lessons->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));

    // --- optimizer lab, race, schedule designer ---
    QAction* optimizerLab = menu->addAction(tr("&Optimizer Lab…"));
    optimizerLab->setObjectName(QStringLiteral("learn-optimizer-lab"));
    connect(optimizerLab, &QAction::triggered, this, [this] { openOptimizerLab(); });
    menu->addAction(tr("Learning-Rate &Schedule…"), this, [this] { openScheduleDesigner(); })
        ->setObjectName(QStringLiteral("actionScheduleDesigner"));

    // --- ablations ---

    // --- tensors and autograd ---
    menu->addAction(tr("&Tensor Playground…"), this, [this] { openTensorPlayground(); });
    menu->addAction(tr("&Autograd Graph…"), this, [this] { openAutogradGraph(); });

    Q_UNUSED(menu);
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

void LearnMenu::openOptimizerRace(const QString& preset) {
    Q_UNUSED(preset);
    show(nullptr);
}

// --- ablations ---

bool LearnMenu::openAblation(const QString& id) {
    Q_UNUSED(id);
    show(nullptr);
    return false;
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
