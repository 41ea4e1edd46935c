#pragma once
// Qt meta-type declarations for the engine's observer events, so they can travel in queued
// signals. Include this (not the declarations themselves) wherever such a signal or slot appears:
// moc's generated code must see them before any use.
#include <QMetaType>

#include "engine/train/observer.h"

Q_DECLARE_METATYPE(dl::RunInfo)
Q_DECLARE_METATYPE(dl::EpochMetrics)
Q_DECLARE_METATYPE(dl::TrainSummary)
Q_DECLARE_METATYPE(dl::TrainWarning)

#include "engine/train/inspection.h"

Q_DECLARE_METATYPE(dl::DecisionGrid)

#include <map>
#include <string>

// Copies of parameters by name ("conv1.weight"), as the views asked for them.
using TensorMap = std::map<std::string, dl::Tensor>;
