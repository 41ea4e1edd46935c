#include "preset_experiment.h"

#include "engine/io/presets.h"

dl::Project presetExperiment(const std::string& preset) {
    dl::Project p;
    p.network = dl::load_preset(preset);
    const dl::TrainDefaults& d = p.network.train;
    p.dataset = d.dataset.value_or("fashion-mnist");
    p.dataset_options.resize = d.resize.value_or(0);
    if (d.optimizer) p.train.optimizer = dl::optimizer_defaults(*d.optimizer);
    if (d.lr) p.train.optimizer.lr = static_cast<float>(*d.lr);
    if (d.weight_decay) p.train.optimizer.weight_decay = static_cast<float>(*d.weight_decay);
    p.train.epochs = static_cast<int>(d.epochs.value_or(10));
    p.train.batch_size = d.batch_size.value_or(256);
    if (d.loss) p.train.loss = *d.loss;
    return p;
}
