// divelab-cli generate: continue a prefix with a saved language model (D2L §8.5's predict_ch8).
#include <iostream>

#include "commands.h"
#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/io/model_file.h"
#include "engine/train/text_generation.h"
#include "flag_parser.h"

namespace cli {

int generate_command(int argc, char** argv) {
    const std::optional<FlagValues> flags = parse_flags(Command::Generate, argc, argv);
    if (!flags) return 0;  // --help
    if (!flags->model_file)
        throw UsageError("generate needs --model-file FILE (a language model saved by `train --save`)");
    if (flags->threads) dl::set_num_threads(static_cast<int>(*flags->threads));
    dl::LoadedModel model = dl::load_model(*flags->model_file);
    if (!model.vocabulary)
        throw dl::InputError(*flags->model_file +
                             ": the model has no vocabulary, so it is not a language model (train one on a text, "
                             "e.g. --dataset timemachine, and save it with --save)");
    if (!model.network.takes_token_sequences())
        throw dl::InputError(*flags->model_file +
                             ": the network does not read token ids (its first layer must be "
                             "Embedding or OneHot), so it cannot generate text");
    dl::GenerationOptions options;
    options.length = flags->length.value_or(options.length);
    options.temperature = flags->temperature.value_or(0.0);
    options.seed = static_cast<uint64_t>(flags->seed.value_or(0));
    const dl::GeneratedText text =
        dl::generate_text(model.network, *model.vocabulary, flags->prefix.value_or("time traveller "), options);
    std::cout << text.text() << std::endl;
    return 0;
}

}  // namespace cli
