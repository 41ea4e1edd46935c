#include "flag_table.h"

#include <sstream>

namespace cli {

namespace {
using V = FlagValues;

constexpr Range at_least(double min) {
    return {.min = min};
}
constexpr Range above(double min) {
    return {.min = min, .min_excluded = true};
}
constexpr Range from_to(double min, double max) {
    return {.min = min, .max = max};
}
// [0, 1)
constexpr Range fraction() {
    return {.min = 0, .max = 1, .max_excluded = true};
}

constexpr const char* kSource = "Model and data";
constexpr const char* kHyper = "Hyperparameters";
constexpr const char* kRun = "Seeds and threads";
constexpr const char* kData = "Data set options";
constexpr const char* kText = "Text (language models)";
constexpr const char* kTranslation = "Translation";
constexpr const char* kBert = "BERT";
constexpr const char* kOutput = "Output";

std::string number_text(double x) {
    std::ostringstream out;
    out << x;
    return out.str();
}
}  // namespace

bool Range::contains(double x) const {
    return (min_excluded ? x > min : x >= min) && (max_excluded ? x < max : x <= max);
}

std::string Range::describe() const {
    const std::string low = (min_excluded ? "> " : "≥ ") + number_text(min);
    if (std::isinf(max)) return low;
    if (!min_excluded && !max_excluded) return "from " + number_text(min) + " to " + number_text(max);
    return low + " and " + (max_excluded ? "< " : "≤ ") + number_text(max);
}

const char* FlagHelp::for_command(Command command) const {
    switch (command) {
        case Command::Train:
            return train;
        case Command::Evaluate:
            return evaluate;
        case Command::Bench:
            return bench;
        case Command::Generate:
            return generate;
        case Command::Translate:
            return translate;
        case Command::Export:
            return exporting;
        case Command::Fill:
            return fill;
    }
    return nullptr;
}

// The order here is the order in --help. (clang-format would put every field of a row on a line of
// its own; a row per flag reads better.)
// clang-format off
const std::vector<FlagSpec>& flag_table() {
    static const std::vector<FlagSpec> table = {
        {"model", &V::model, "PRESET|FILE", {}, kSource,
         {.train = "what to train (required): a preset (see `divelab-cli presets`), a network JSON file or a "
                   ".divelab project"}},
        {"model", &V::models, "NAME", {}, kSource,
         {.bench = "presets to time, repeated or comma-separated (default: softmax,mlp)"}},
        {"model-file", &V::model_file, "FILE", {}, kSource,
         {.evaluate = "the model to score (required): the .json written by `train --save`",
          .generate = "the language model to continue the prefix with (required): the .json written by `train "
                      "--save`",
          .translate = "the translation model (required): the .json written by `train --save` on a translation "
                       "data set",
          .exporting = "the model to export (required): the .json (or .safetensors) written by `train --save`",
          .fill = "the pretrained BERT (required): the .json written by `train --model bert-tiny --save`"}},
        {"dataset", &V::dataset, "NAME|PATH", {}, kSource,
         {.train = "a data set name (see `divelab-cli datasets`), an IDX folder or a .csv file (default: the "
                   "preset's or the project's)",
          .evaluate = "the data set to score the model on (required)",
          .bench = "the data set to train on (default: fashion-mnist)"}},

        {"epochs", &V::epochs, "N", at_least(1), kHyper,
         {.train = "passes over the training data (default: suggested, else 10)",
          .bench = "epochs to time; the median epoch is reported (default: 3)"}},
        {"batch-size", &V::batch_size, "B", at_least(1), kHyper,
         {.train = "examples per step (default: suggested, else 256)"}},
        {"optimizer", &V::optimizer, "NAME", {}, kHyper,
         {.train = "sgd, adagrad, rmsprop, adadelta, adam or adamw (default: suggested, else sgd); switching to "
                   "another optimizer starts from its own (PyTorch's) defaults"}},
        {"lr", &V::lr, "X", above(0), kHyper,
         {.train = "learning rate (default: suggested, else the optimizer's)"}},
        {"momentum", &V::momentum, "X", fraction(), kHyper,
         {.train = "momentum for sgd and rmsprop (default: 0)"}},
        {"nesterov", &V::nesterov, "", {}, kHyper,
         {.train = "Nesterov momentum for sgd (needs --momentum > 0); --no-nesterov turns it off"},
         "no-nesterov"},
        {"weight-decay", &V::weight_decay, "X", at_least(0), kHyper,
         {.train = "L2 penalty on the weights, decoupled for adamw (default: suggested, else the optimizer's)"}},
        {"schedule", &V::schedule, "S", {}, kHyper,
         {.train = "learning rate per epoch: constant, step:E[:G] (times G, default 0.1, every E epochs), "
                   "multifactor:E1,E2,...[:G] (times G at each listed epoch, e.g. multifactor:15,30:0.5) or "
                   "cosine[:MIN[:END]] (down to MIN at epoch END, default the last; default: constant); keeps "
                   "the warm-up"}},
        {"warmup", &V::warmup, "E", at_least(0), kHyper,
         {.train = "epochs of linear learning-rate warm-up before the schedule (default: 0)"}},
        {"warmup-start", &V::warmup_start, "X", at_least(0), kHyper,
         {.train = "the learning rate warm-up starts from, rising to --lr as D2L's CosineScheduler "
                   "(default: none, warm-up rises lr/E, 2*lr/E, ..., lr)"}},
        {"clip", &V::clip, "X", at_least(0), kHyper,
         {.train = "clip the gradients' global norm to X (default: 0 = no clipping)"}},
        {"loss", &V::loss, "NAME", {}, kHyper,
         {.train = "auto, cross_entropy, bce, mse or half_mse (default: suggested, else auto: cross-entropy for "
                   "classes, mse for numbers)"}},

        {"seed", &V::seed, "S", at_least(0), kRun,
         {.train = "seed of the initial weights, the shuffling, dropout and the data set (default: 0)",
          .evaluate = "the data set's seed (generated sets, CSV splits): the --seed the model was trained with",
          .generate = "seed of the sampling with --temperature (default: 0)"}},
        {"data-seed", &V::data_seed, "S", at_least(0), kRun,
         {.train = "the data set's own seed (generated sets, CSV splits), when it should differ from --seed",
          .evaluate = "the --data-seed the model was trained with, if any"}},
        {"threads", &V::threads, "T", at_least(0), kRun,
         {.train = "worker threads (default: 0 = all cores)",
          .evaluate = "worker threads (default: 0 = all cores)",
          .bench = "worker threads (default: 0 = all cores)",
          .generate = "worker threads (default: 0 = all cores)",
          .translate = "worker threads (default: 0 = all cores)",
          .fill = "worker threads (default: 0 = all cores)"}},

        {"limit", &V::limit, "N", at_least(0), kData,
         {.train = "keep only the first N training examples (0 = all)",
          .evaluate = "score only the first N test examples (0 = all)",
          .bench = "train on the first N training examples and test on at most N (0 = all)"}},
        {"test-limit", &V::test_limit, "N", at_least(0), kData,
         {.train = "keep only the first N test examples (0 = all)"}},
        {"resize", &V::resize, "S", from_to(0, 4096), kData,
         {.train = "resize images to S×S after the limits (0 = keep their size; default: suggested, e.g. 224 "
                   "for AlexNet)",
          .evaluate = "resize images to S×S: the size the model was trained at",
          .bench = "resize images to S×S (default: each preset's D2L size, e.g. 96 for resnet18; 0 = keep their size)"}},
        {"target", &V::target, "COLUMN", {}, kData,
         {.train = "CSV tables: the column to predict (default: the last)",
          .evaluate = "CSV tables: the column the model predicts (default: the last)"}},

        {"tokens", &V::tokens, "char|word", {}, kText,
         {.train = "text corpora: character or word tokens (default: suggested, else char)"}},
        {"sampling", &V::sampling, "random|sequential", {}, kText,
         {.train = "text corpora: how minibatches are cut from the text, D2L §8.3.4 (default: suggested, else "
                   "random); sequential carries the hidden state from batch to batch"}},
        {"num-steps", &V::num_steps, "T", at_least(1), kText,
         {.train = "text corpora: tokens per subsequence (default: suggested, else 35)"}},
        {"prefix", &V::prefix, "TEXT", {}, kText,
         {.generate = "the text to continue (default: \"time traveller \")"}},
        {"length", &V::length, "N", from_to(0, 100000), kText,
         {.generate = "tokens to generate after the prefix (default: 50)"}},
        {"temperature", &V::temperature, "X", at_least(0), kText,
         {.generate = "0 picks the most likely token each time (D2L's predict_ch8); above 0 samples from "
                      "softmax(scores / X): lower is safer, higher more varied (default: 0)"}},

        {"beam", &V::beam, "K", from_to(0, 1000), kTranslation,
         {.translate = "beam search keeping K hypotheses, D2L §9.8 (default: 0 = greedy, D2L's predict_seq2seq; "
                       "1 gives the same)"}},
        {"reference", &V::reference, "TEXT", {}, kTranslation,
         {.translate = "a correct translation: also print the BLEU score (k = 2, D2L §9.7.4)"}},

        {"steps", &V::steps, "N", at_least(1), kBert,
         {.train = "stop after N batches, as D2L counts BERT's pretraining (default: suggested, e.g. 50 for "
                   "bert-tiny; else every epoch)"}},
        {"max-len", &V::max_len, "N", from_to(8, 4096), kBert,
         {.train = "BERT data: tokens per sentence pair, <cls> and <sep> included (default: suggested, e.g. 64)"}},
        {"init-from", &V::init_from, "FILE", {}, kBert,
         {.train = "fine-tuning: start from this pretrained model (a .json from `train --model bert-tiny --save`; "
                   "default: the last pretrained model of the preset it names, e.g. bert-tiny)"}},
        {"freeze-encoder", &V::freeze_encoder, "", {}, kBert,
         {.train = "fine-tuning: keep the pretrained layers fixed and train only the new head (faster, usually "
                   "worse)"}},
        {"head-lr", &V::head_lr, "X", above(0), kBert,
         {.train = "fine-tuning: learning rate of the new head (default: suggested, else --lr)"}},
        {"top", &V::top, "K", from_to(1, 100), kBert,
         {.fill = "guesses to print for each blank (default: 5)"}},

        {"save", &V::save, "FILE", {}, kOutput,
         {.train = "save the trained model as FILE.json + FILE.safetensors"}},
        {"jsonl", &V::jsonl, "", {}, kOutput,
         {.train = "report each epoch as one line of JSON"}},
        {"print-config", &V::print_config, "", {}, kOutput,
         {.train = "print the settings the run would use (the data set and hyperparameters, as a project file "
                   "holds them) as JSON and exit without training"}},
        {"format", &V::format, "onnx|pytorch", {}, kOutput,
         {.exporting = "what to write (required): onnx = one .onnx file (opset 17) for ONNX Runtime and other "
                       "runtimes; pytorch = a Python project (model.py, train.py for one process or torchrun, the "
                       "weights)"}},
        {"out", &V::out, "PATH", {}, kOutput,
         {.exporting = "where to write it (required): a .onnx file for onnx, a new or empty folder for pytorch"}},
    };
    return table;
}
// clang-format on

}  // namespace cli
