// divelab-cli fill: a pretrained BERT fills in the masked words of a sentence (D2L §14.8's masked language model).
#include <cstdio>

#include "commands.h"
#include "engine/core/error.h"
#include "engine/core/parallel.h"
#include "engine/data/bert_encoding.h"
#include "engine/io/model_file.h"
#include "engine/train/fill_blanks.h"
#include "flag_parser.h"

namespace cli {

namespace {
// "a | b": two sentences (segments 0 and 1), else one.
void split_pair(const std::string& text, std::string& a, std::string& b) {
    const size_t bar = text.find(" | ");
    a = text.substr(0, bar);
    b = bar == std::string::npos ? std::string() : text.substr(bar + 3);
}

void print_result(const dl::FillResult& r) {
    std::string row;
    for (const std::string& t : r.tokens) row += (row.empty() ? "" : " ") + t;
    std::printf("%s\n", row.c_str());
    for (const dl::FilledBlank& blank : r.blanks) {
        std::printf("[MASK] at %lld:", static_cast<long long>(blank.position));
        for (const dl::BlankGuess& g : blank.guesses) std::printf("  %s %.3f", g.token.c_str(), g.probability);
        std::printf("\n");
    }
    if (r.next_probability == r.next_probability) std::printf("next sentence: %.3f\n", r.next_probability);
}
}  // namespace

int fill_command(int argc, char** argv) {
    const std::optional<FlagValues> flags = parse_flags(Command::Fill, argc, argv);
    if (!flags) return 0;  // --help
    if (!flags->model_file)
        throw UsageError("fill needs --model-file FILE (a BERT saved by `train --model bert-tiny --save FILE`)");
    if (!flags->sentence) throw UsageError("fill needs a sentence with [MASK] words, e.g. \"the time [MASK] was\"");
    if (flags->threads) dl::set_num_threads(static_cast<int>(*flags->threads));
    dl::LoadedModel model = dl::load_model(*flags->model_file);
    if (!model.bert)
        throw dl::InputError(*flags->model_file +
                             ": the model has no BERT vocabulary, so it is not a pretrained BERT (train one with "
                             "--model bert-tiny --save FILE)");
    std::string a, b;
    split_pair(*flags->sentence, a, b);
    const dl::BertEncodedPair pair =
        dl::encode_bert_pair(*model.bert, dl::bert_words_with_masks(a), dl::bert_words_with_masks(b),
                             model.network.input_shapes().at(0).at(0));
    print_result(dl::fill_blanks(model.network, *model.bert, pair.ids, pair.segments, pair.valid_length,
                                 static_cast<int>(flags->top.value_or(5))));
    return 0;
}

}  // namespace cli
