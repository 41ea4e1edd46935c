#pragma once
// Turning the model (a preset, a network JSON file or a .divelab project) plus the command-line flags
// into one training run. Each setting comes from, in rising precedence: built-in defaults < the
// network's suggested TrainDefaults < a project's saved settings < flags. The same flag does the same
// thing whatever the model came from.
#include <string>

#include "engine/data/registry.h"
#include "engine/nn/network_spec.h"
#include "engine/train/trainer.h"
#include "flag_table.h"

namespace cli {

struct RunSetup {
    dl::NetworkSpec spec;
    std::string dataset;
    dl::DatasetOptions data_options;
    dl::TrainConfig config;
};

// Built-in defaults overlaid with the network's suggestions (spec.train).
RunSetup suggested_setup(const dl::NetworkSpec& spec);
// The project's network, data set, data set options and hyperparameters (over its network's suggestions).
RunSetup project_setup(const std::string& path);
// Every training flag, in one fixed order (--optimizer before the optimizer's settings, --seed before
// --data-seed); flags not given leave the setting as it was.
void apply_flags(const FlagValues& flags, RunSetup& setup);
// --model's setup with the flags applied; throws UsageError without --model or a data set.
RunSetup read_run_setup(const FlagValues& flags);
// Loads the data set named in the setup (applying its limits, resize, ...).
dl::DataSplit load_run_data(const RunSetup& setup);

}  // namespace cli
