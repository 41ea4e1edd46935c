// divelab-cli bench: seconds per training epoch of presets on Fashion-MNIST (median of the epochs),
// comparable with ../shared/bench/torch_ref.py, which times the same models with PyTorch.
#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "engine/core/cpu_features.h"
#include "engine/core/parallel.h"
#include "engine/data/registry.h"
#include "engine/io/presets.h"
#include "engine/train/trainer.h"

namespace cli {

int bench_command(Args& args) {
    std::vector<std::string> models;
    for (const std::string& m : args.values("model")) {
        for (size_t start = 0, comma; start <= m.size(); start = comma + 1) {  // "--model a,b" works too
            comma = m.find(',', start);
            if (comma == std::string::npos) comma = m.size();
            if (comma > start) models.push_back(m.substr(start, comma - start));
        }
    }
    if (models.empty()) models = {"softmax", "mlp"};
    const int threads = static_cast<int>(args.integer("threads").value_or(0));
    const int epochs = static_cast<int>(args.integer("epochs").value_or(3));
    const int64_t limit = args.integer("limit").value_or(0);
    const std::string dataset = args.value("dataset").value_or("fashion-mnist");
    const int64_t resize = args.integer("resize").value_or(0);
    args.finish();

    dl::set_num_threads(threads);
    dl::DatasetOptions options;
    options.train_limit = limit;
    options.test_limit = limit;  // like torch_ref.py: evaluate on at most as many test images as trained on
    options.resize = resize;
    const dl::DataSplit data = dl::load_dataset(dataset, options);
    for (const std::string& name : models) {
        const dl::NetworkSpec spec = dl::load_network(name);
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
                         {"test_acc", summary.history.empty() ? 0.0 : summary.history.back().test_acc}};
        std::cout << j.dump() << std::endl;
    }
    return 0;
}

}  // namespace cli
