// divelab-cli export --format pytorch: a saved model as a PyTorch project (engine/io/pytorch_export.h) that
// trains with the settings the model suggests (its preset's data set, optimizer, lr, epochs, ...).
#include <iostream>

#include "commands.h"
#include "engine/io/model_file.h"
#include "engine/io/pytorch_export.h"
#include "flag_table.h"
#include "run_setup.h"

namespace cli {

int export_pytorch_command(const FlagValues& flags) {
    dl::LoadedModel model = dl::load_model(*flags.model_file);
    const RunSetup setup = suggested_setup(model.spec);
    dl::PytorchTraining training;
    training.dataset = setup.dataset;
    training.resize = setup.data_options.resize;
    training.config = setup.config;
    dl::export_pytorch(model.network, training, *flags.out, model.vocabulary.get(), model.translation.get(),
                       model.bert.get());
    std::cout << "wrote " << *flags.out << ": model.py, train.py, safetensors_io.py, weights.safetensors ("
              << model.network.parameter_count() << " parameters)\n";
    return 0;
}

}  // namespace cli
