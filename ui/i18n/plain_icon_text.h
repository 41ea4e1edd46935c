// Tool buttons show an action's icon text, which Qt derives from its text by dropping "&" only: a Chinese
// "训练(&T)" would show as "训练(T)". keepIconTextPlain makes the icon text the text without its accelerator
// ("&Train" → "Train", "训练(&T)" → "训练") and keeps it so when the text changes (Pause ↔ Resume).
#pragma once

#include <QString>

class QAction;

QString withoutAccelerator(QString text);
void keepIconTextPlain(QAction* action);
