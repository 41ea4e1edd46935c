#pragma once
// Data sets by name, for the command line and the UI: "fashion-mnist", "spiral", "xor", "circles",
// "gaussians", "linear", "sine", "nadaraya-watson", "timemachine", a folder of IDX files, a .csv file, or a .txt file
// (a language-model corpus).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/data/progress.h"

namespace dl {

struct DatasetOptions {
    // Generated sets (toys, linear); unset ⇒ that set's own default.
    std::optional<int64_t> size;          // examples in train + test together
    std::optional<double> noise;          // toys: point jitter; linear: label noise stddev
    std::optional<int> num_classes;       // spiral arms, Gaussian blobs
    std::optional<double> test_fraction;  // generated sets and CSV (default 0.2)
    // CSV tables.
    std::string target;            // column to predict; empty = the last column
    bool classify_target = false;  // treat a numeric target (e.g. 0/1) as class ids
    bool standardize = false;      // standardize numeric feature columns
    // Everything.
    uint64_t seed = 0;
    int64_t train_limit = 0;  // keep only the first n training examples (0 = all)
    int64_t test_limit = 0;   // keep only the first n test examples (0 = all)
    // Image sets: bilinearly resize every image to resize×resize (0 = off), as D2L does for AlexNet (224)
    // and ResNet (96). Applied after the limits; Fashion-MNIST at 96 takes 2.6 GB, and sizes needing
    // more than 4 GB are refused.
    int64_t resize = 0;
    // Text corpora ("timemachine", .txt files; D2L §8.2–8.3). They have no test set (D2L's language
    // models have none), and the example limits above do not apply to them.
    std::string token_kind = "char";       // "char" or "word"
    int64_t num_steps = 35;                // tokens per example
    Sampling sampling = Sampling::Random;  // how the trainer cuts minibatches
    int64_t min_freq = 0;                  // rarer tokens become <unk>
    // Keep the first max_tokens tokens; unset ⇒ 10000 for "timemachine" (D2L's load_data_time_machine),
    // every token for other files; 0 = every token.
    std::optional<int64_t> max_tokens;
};

// The default token limit of "timemachine" (D2L's max_tokens = 10000).
inline constexpr int64_t kTimeMachineMaxTokens = 10000;
// True for the names load_dataset reads as a language-model corpus ("timemachine", *.txt).
bool is_text_dataset(const std::string& name_or_path);

// Throws InputError for an unknown name (listing the valid ones) or a file that cannot be read.
// `progress` (see progress.h) follows reading and resizing the images; generated sets and CSV
// tables report only their end.
DataSplit load_dataset(const std::string& name_or_path, const DatasetOptions& options = {},
                       const Progress& progress = {});

// The shape of one example, when it is known without reading any data (Fashion-MNIST, the toys,
// linear regression, the sine wave, and text: [num_steps] token ids); nullopt for CSV files and IDX
// folders, whose shape only loading tells.
std::optional<Shape> dataset_sample_shape(const std::string& name_or_path, const DatasetOptions& options = {});

struct DatasetInfo {
    std::string name;
    std::string description;  // one line
};
// The built-in names in a stable order (paths to CSV files and IDX folders are accepted too).
const std::vector<DatasetInfo>& dataset_catalog();

}  // namespace dl
