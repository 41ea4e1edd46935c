#pragma once
// The ready-made ablations' words as the UI shows them, through tr() so that they are translated: the engine's
// ReadyAblation holds the same sentences in English (for the command line and the tests).
#include <QCoreApplication>
#include <QString>

#include "engine/train/ready_ablations.h"

class AblationTexts {
    Q_DECLARE_TR_FUNCTIONS(AblationTexts)

public:
    // The engine's text for an id this table does not know.
    static QString title(const dl::ReadyAblation& ablation);
    static QString lesson(const dl::ReadyAblation& ablation);
    static QString variantLabel(const dl::ReadyAblation& ablation, int index);
};
