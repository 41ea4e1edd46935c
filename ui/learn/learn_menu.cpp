#include "learn_menu.h"

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
#include "ui/window/main_window.h"

LearnMenu::LearnMenu(MainWindow* window, QMenu* menu) : QObject(window), window_(window) {
    addActions(menu);
}

void LearnMenu::addActions(QMenu* menu) {
    // --- lessons ---

    // --- optimizer lab, race, schedule designer ---

    // --- ablations ---
    menu->addAction(tr("&Race Optimizers…"), this, [this] { openOptimizerRace(); });
    menu->addAction(tr("&Change One Thing…"), this, [this] { openChangeOneThing(); });
    QMenu* book = menu->addMenu(tr("Book &Ablations"));
    for (const std::string& id : dl::ready_ablation_ids()) {
        const dl::ReadyAblation a = dl::ready_ablation(id);
        book->addAction(tr("%1 (%2)").arg(AblationTexts::title(a), QString::fromStdString(a.section)), this,
                        [this, id] { openAblation(QString::fromStdString(id)); });
    }

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
    show(nullptr);
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
