// divelab-cli translate: translate one sentence with a saved translation model (D2L §9.7's predict_seq2seq,
// §9.8's beam search), optionally scoring it against a reference with BLEU.
#include <cstdio>

#include "commands.h"
#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/io/model_file.h"
#include "engine/train/bleu.h"
#include "engine/train/translation.h"
#include "flag_parser.h"

namespace cli {

int translate_command(int argc, char** argv) {
    const std::optional<FlagValues> flags = parse_flags(Command::Translate, argc, argv);
    if (!flags) return 0;  // --help
    if (!flags->model_file)
        throw UsageError("translate needs --model-file FILE (a translation model saved by `train --save`)");
    if (!flags->sentence) throw UsageError("translate needs the sentence to translate, e.g. \"go .\"");
    if (flags->threads) dl::set_num_threads(static_cast<int>(*flags->threads));
    dl::LoadedModel model = dl::load_model(*flags->model_file);
    if (!model.translation)
        throw dl::InputError(*flags->model_file +
                             ": the model has no source and target vocabularies, so it is not a translation model "
                             "(train one on sentence pairs, e.g. --model seq2seq --dataset fra-eng, with --save)");
    dl::TranslateOptions options;
    options.beam_width = static_cast<int>(flags->beam.value_or(0));
    const dl::Translation t = dl::translate(model.network, *model.translation, *flags->sentence, options);
    std::printf("%s\n", t.text.c_str());
    if (flags->reference) std::printf("bleu %.3f\n", dl::bleu(t.text, *flags->reference));
    return 0;
}

}  // namespace cli
