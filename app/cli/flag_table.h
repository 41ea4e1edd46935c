#pragma once
// The one table of divelab-cli's flags: each flag's name, type (the type of the FlagValues member it
// fills), allowed range, and help text for every command that takes it. The parser (flag_parser.h)
// builds each command's options and --help from it; run_setup.h applies the training flags.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace cli {

enum class Command { Train, Evaluate, Bench, Generate, Translate, Export, Fill };

// What the command line gave; an empty optional means "not given", so the value from the model's
// suggestions or the project stays.
struct FlagValues {
    // What to run on.
    std::optional<std::string> model;       // train: a preset, a network JSON file or a .divelab project
    std::vector<std::string> models;        // bench: presets to time
    std::optional<std::string> model_file;  // evaluate, generate, translate: a saved model
    std::optional<std::string> dataset;
    // Hyperparameters (dl::TrainConfig).
    std::optional<int64_t> epochs, batch_size;
    std::optional<std::string> optimizer;
    std::optional<double> lr, momentum, weight_decay;
    std::optional<bool> nesterov;
    std::optional<std::string> schedule;
    std::optional<int64_t> warmup;
    std::optional<double> warmup_start;
    std::optional<double> clip;
    std::optional<std::string> loss;
    std::optional<int64_t> seed, threads;
    // Data set options (dl::DatasetOptions).
    std::optional<int64_t> data_seed, limit, test_limit, resize;
    std::optional<std::string> target;
    // Text corpora (language models).
    std::optional<std::string> tokens, sampling;
    std::optional<int64_t> num_steps;
    // Generation.
    std::optional<std::string> prefix;
    std::optional<int64_t> length;
    std::optional<double> temperature;
    // Translation.
    std::optional<std::string> sentence, reference;  // translate, fill: the sentence (positional); its reference
    std::optional<int64_t> beam;
    // Output.
    std::optional<std::string> save;
    std::optional<bool> jsonl, print_config;
    // BERT (pretraining and fine-tuning).
    std::optional<int64_t> steps, max_len, top;
    std::optional<std::string> init_from;
    std::optional<bool> freeze_encoder;
    std::optional<double> head_lr;
    // Export.
    std::optional<std::string> format, out;
};

// The member a flag fills; its type decides how the text is read (whole number, number, text, a
// comma-separated list, or an on/off switch).
using FlagField = std::variant<std::optional<int64_t> FlagValues::*, std::optional<double> FlagValues::*,
                               std::optional<std::string> FlagValues::*, std::vector<std::string> FlagValues::*,
                               std::optional<bool> FlagValues::*>;

// Allowed values of a numeric flag.
struct Range {
    double min = -INFINITY, max = INFINITY;
    bool min_excluded = false, max_excluded = false;

    bool contains(double x) const;
    std::string describe() const;  // "≥ 1", "> 0", "≥ 0 and < 1", "from 0 to 4096"
};

// Help text per command; nullptr = that command does not take the flag.
struct FlagHelp {
    const char* train = nullptr;
    const char* evaluate = nullptr;
    const char* bench = nullptr;
    const char* generate = nullptr;
    const char* translate = nullptr;
    const char* exporting = nullptr;  // export (a C++ keyword)
    const char* fill = nullptr;

    const char* for_command(Command command) const;
};

struct FlagSpec {
    const char* name;        // the flag is "--" + name
    FlagField field;         // where its value goes
    const char* value_name;  // shown in --help: N, X, NAME, ... (empty for switches)
    Range range;             // for whole numbers and numbers
    const char* group;       // the --help section
    FlagHelp help;
    const char* off_name = nullptr;  // switches: another name that turns it off ("no-nesterov")
};

const std::vector<FlagSpec>& flag_table();

}  // namespace cli
