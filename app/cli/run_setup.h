#pragma once
// Turning command-line options plus a preset's suggested hyperparameters into a training run.
#include <string>

#include "args.h"
#include "engine/data/registry.h"
#include "engine/nn/network_spec.h"
#include "engine/train/trainer.h"

namespace cli {

struct RunSetup {
    dl::NetworkSpec spec;
    std::string dataset;
    dl::DatasetOptions data_options;
    dl::TrainConfig config;
};

// Reads --model, --dataset and every hyperparameter flag; flags override the preset's "train" values.
RunSetup read_run_setup(Args& args);
// Loads the data set named in the setup (applying --limit/--test-limit).
dl::DataSplit load_run_data(const RunSetup& setup);

}  // namespace cli
