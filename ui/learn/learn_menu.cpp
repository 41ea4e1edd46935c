#include "learn_menu.h"

#include <QMenu>
#include <QWidget>

#include "ui/training/hyperparameter_panel.h"
#include "ui/training/schedule_designer.h"
#include "ui/window/main_window.h"

LearnMenu::LearnMenu(MainWindow* window, QMenu* menu) : QObject(window), window_(window) {
    addActions(menu);
}

void LearnMenu::addActions(QMenu* menu) {
    // --- lessons ---

    // --- optimizer lab, race, schedule designer ---
    menu->addAction(tr("Learning-Rate &Schedule\u2026"), this, [this] { openScheduleDesigner(); })
        ->setObjectName(QStringLiteral("actionScheduleDesigner"));

    // --- ablations ---

    // --- tensors and autograd ---

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

void LearnMenu::openLessons() {
    show(nullptr);
}

// --- optimizer lab ---

void LearnMenu::openOptimizerLab(const QString& function) {
    Q_UNUSED(function);
    show(nullptr);
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
    Q_UNUSED(expression);
    show(nullptr);
}

// --- autograd graph ---

void LearnMenu::openAutogradGraph(const QString& expression) {
    Q_UNUSED(expression);
    show(nullptr);
}
