// divelab-cli bench: seconds per training epoch of presets on Fashion-MNIST (median of the epochs),
// comparable with ../shared/bench/torch_ref.py, which times the same models with PyTorch; rnn, gru and lstm
// give training tokens per second instead (sequence_bench.h).
#include <algorithm>
#include <iostream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "engine/core/cpu_features.h"
#include "engine/core/parallel.h"
#include "engine/data/registry.h"
#include "engine/io/presets.h"
#include "engine/train/trainer.h"
#include "flag_parser.h"
#include "sequence_bench.h"
#include "translation_bench.h"

namespace cli {

int bench_command(int argc, char** argv) {
    const std::optional<FlagValues> flags = parse_flags(Command::Bench, argc, argv);
    if (!flags) return 0;             // --help
    std::vector<std::string> models;  // "--model a,b" and "--model a --model b" alike
    std::copy_if(flags->models.begin(), flags->models.end(), std::back_inserter(models),
                 [](const std::string& m) { return !m.empty(); });
    if (models.empty()) models = {"softmax", "mlp"};
    const int threads = static_cast<int>(flags->threads.value_or(0));
    const int epochs = static_cast<int>(flags->epochs.value_or(3));
    const int64_t limit = flags->limit.value_or(0);
    const std::string dataset = flags->dataset.value_or("fashion-mnist");

    dl::set_num_threads(threads);
    const auto sequence_end = std::stable_partition(models.begin(), models.end(), is_sequence_bench_model);
    for (auto it = models.begin(); it != sequence_end; ++it) std::cout << sequence_bench(*it).dump() << std::endl;
    models.erase(models.begin(), sequence_end);
    const auto translation_end = std::stable_partition(models.begin(), models.end(), is_translation_bench_model);
    for (auto it = models.begin(); it != translation_end; ++it) std::cout << translation_bench(*it).dump() << std::endl;
    models.erase(models.begin(), translation_end);
    if (models.empty()) return 0;
    std::map<int64_t, dl::DataSplit> data_by_size;  // presets that share an image size share its data
    for (const std::string& name : models) {
        const dl::NetworkSpec spec = dl::load_network(name);
        // Each preset at its own D2L image size (ResNet-18: 96×96), as `train` runs it, unless --resize says.
        const int64_t size = flags->resize.value_or(spec.train.resize.value_or(0));
        auto found = data_by_size.find(size);
        if (found == data_by_size.end()) {
            dl::DatasetOptions options;
            options.train_limit = limit;
            options.test_limit = limit;  // like torch_ref.py: evaluate on at most as many test images as trained on
            options.resize = size;
            found = data_by_size.emplace(size, dl::load_dataset(dataset, options)).first;
        }
        const dl::DataSplit& data = found->second;
        dl::Network net(spec, data.train.sample_shape());
        dl::TrainConfig config;
        config.epochs = epochs;
        config.batch_size = spec.train.batch_size.value_or(256);
        config.optimizer = dl::optimizer_defaults(spec.train.optimizer.value_or("sgd"));
        if (spec.train.lr) config.optimizer.lr = static_cast<float>(*spec.train.lr);
        config.gradient_norms = false;
        const dl::TrainSummary summary = dl::Trainer(net, data, config).run();
        std::vector<double> seconds;
        for (const auto& m : summary.history) seconds.push_back(m.seconds);
        std::sort(seconds.begin(), seconds.end());
        const double median = seconds.empty() ? 0 : seconds[seconds.size() / 2];
        nlohmann::json j{{"model", name},
                         {"sec_per_epoch", median},
                         {"examples_per_sec", data.train.size() / std::max(median, 1e-9)},
                         {"epochs", epochs},
                         {"threads", dl::num_threads()},
                         {"kernels", dl::kernel_set_name(dl::active_kernel_set())},
                         {"train_examples", data.train.size()},
                         {"image_size", data.train.sample_shape().size() == 3 ? data.train.sample_shape()[1] : 0},
                         {"test_acc", summary.history.empty() ? 0.0 : summary.history.back().test_acc}};
        std::cout << j.dump() << std::endl;
    }
    return 0;
}

}  // namespace cli
