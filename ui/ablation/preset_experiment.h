#pragma once
// A preset as a ready experiment (network, its data set and D2L's hyperparameters), for the lab windows that
// start from a preset rather than from the main window.
#include <string>

#include "engine/io/project_file.h"

// Throws dl::InputError for an unknown preset.
dl::Project presetExperiment(const std::string& preset);
