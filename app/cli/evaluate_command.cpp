// divelab-cli evaluate / presets / layers / datasets.
#include <cmath>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "engine/data/registry.h"
#include "engine/io/model_file.h"
#include "engine/io/presets.h"
#include "engine/nn/layer_catalog.h"
#include "engine/train/trainer.h"

namespace cli {

int evaluate_command(Args& args) {
    const auto file = args.value("model-file");
    const auto dataset = args.value("dataset");
    dl::DatasetOptions options;
    options.test_limit = args.integer("limit").value_or(0);
    options.resize = args.integer("resize").value_or(0);  // the size the model was trained at
    args.finish();
    if (!file || !dataset) throw UsageError("evaluate needs --model-file FILE and --dataset NAME_OR_PATH");
    dl::LoadedModel model = dl::load_model(*file);
    const dl::DataSplit data = dl::load_dataset(*dataset, options);
    const dl::LossKind loss = model.spec.train.loss ? dl::parse_loss(*model.spec.train.loss) : dl::default_loss(data.test);
    dl::check_output_fits(model.network, data.test, loss);
    const dl::Evaluation ev = dl::evaluate(model.network, data.test, loss);
    nlohmann::json j{{"examples", ev.examples}, {"loss", ev.loss}};
    j["accuracy"] = std::isfinite(ev.accuracy) ? nlohmann::json(ev.accuracy) : nlohmann::json();
    std::cout << j.dump() << std::endl;
    return 0;
}

int list_command(const std::string& what) {
    if (what == "presets") {
        for (const std::string& name : dl::preset_names())
            std::cout << name << "\t" << dl::load_preset(name).description << "\n";
    } else if (what == "layers") {
        for (const dl::LayerInfo& info : dl::layer_catalog())
            std::cout << info.category << "\t" << info.type << "\t" << info.summary << "\n";
    } else {
        for (const dl::DatasetInfo& info : dl::dataset_catalog()) std::cout << info.name << "\t" << info.description << "\n";
    }
    return 0;
}

}  // namespace cli
