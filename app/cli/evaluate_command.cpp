// divelab-cli evaluate / presets / layers / datasets.
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/data/registry.h"
#include "engine/io/model_file.h"
#include "engine/io/presets.h"
#include "engine/nn/layer_catalog.h"
#include "engine/train/trainer.h"
#include "flag_parser.h"

namespace cli {

int evaluate_command(int argc, char** argv) {
    const std::optional<FlagValues> flags = parse_flags(Command::Evaluate, argc, argv);
    if (!flags) return 0;  // --help
    if (!flags->model_file || !flags->dataset)
        throw UsageError("evaluate needs --model-file FILE and --dataset NAME_OR_PATH");
    // The test split as train made it: the same seed, target column and image size.
    dl::DatasetOptions options;
    options.seed = static_cast<uint64_t>(flags->data_seed.value_or(flags->seed.value_or(0)));
    options.test_limit = flags->limit.value_or(0);
    options.resize = flags->resize.value_or(0);
    options.target = flags->target.value_or("");
    if (flags->threads) dl::set_num_threads(static_cast<int>(*flags->threads));
    dl::LoadedModel model = dl::load_model(*flags->model_file);
    if (model.vocabulary) {  // a language model reads the text as it was trained on it
        options.token_kind = model.vocabulary->token_kind;
        options.num_steps = model.network.input_shape().at(0);
    }
    const dl::DataSplit data = dl::load_dataset(*flags->dataset, options);
    if (model.vocabulary && data.train.text && data.train.text->idx_to_token != model.vocabulary->idx_to_token)
        throw dl::InputError(*flags->model_file + ": the model's vocabulary (" +
                             std::to_string(model.vocabulary->vocab_size()) + " tokens) is not the one '" +
                             *flags->dataset + "' gives (" + std::to_string(data.train.text->vocab_size()) +
                             "), so its token ids would mean other tokens");
    // A text corpus has no test split (as in D2L): a language model is scored on the whole stream.
    const dl::Dataset& scored = data.train.is_language_model() && data.test.size() == 0 ? data.train : data.test;
    const dl::LossKind loss = model.spec.train.loss ? dl::parse_loss(*model.spec.train.loss) : dl::default_loss(scored);
    dl::check_output_fits(model.network, scored, loss);
    const dl::Evaluation ev = dl::evaluate(model.network, scored, loss);
    nlohmann::json j{{"examples", ev.examples}, {"loss", ev.loss}};
    j["accuracy"] = std::isfinite(ev.accuracy) ? nlohmann::json(ev.accuracy) : nlohmann::json();
    if (scored.is_language_model()) j["perplexity"] = std::exp(ev.loss);
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
        for (const dl::DatasetInfo& info : dl::dataset_catalog())
            std::cout << info.name << "\t" << info.description << "\n";
    }
    return 0;
}

}  // namespace cli
