#pragma once
// Data sets by name, for the command line and the UI: "fashion-mnist", "spiral", "xor", "circles",
// "gaussians", "linear", "high-dim-linear", "sine", "nadaraya-watson", "timemachine", "fra-eng", a folder of IDX files,
// a .csv file, a .txt file (a language-model corpus, or sentence pairs when its lines are "source<TAB>target") or a
// .tsv file of pairs.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/data/progress.h"

namespace dl {

// What a BERT model reads from a data set (D2L §14.8–14.10, §15.6–15.7). Pretraining: "timemachine" and text
// files become masked-LM + next-sentence examples. Pairs: a fra.txt-like pair file becomes paraphrase pairs.
// "tatoeba-paraphrase" and SNLI files are sentence-pair classification whatever the task.
enum class BertTask { None, Pretraining, Pairs };

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
    std::string token_kind = "char";  // "char" or "word"
    // Tokens per example; unset ⇒ that kind's default: 35 for text corpora (D2L §8.3), 10 for translation.
    std::optional<int64_t> num_steps;
    Sampling sampling = Sampling::Random;  // how the trainer cuts minibatches
    // Rarer tokens become <unk>; unset ⇒ 0 for text corpora, 2 for translation (D2L's load_data_nmt).
    std::optional<int64_t> min_freq;
    // Keep the first max_tokens tokens; unset ⇒ 10000 for "timemachine" (D2L's load_data_time_machine),
    // every token for other files; 0 = every token.
    std::optional<int64_t> max_tokens;
    // Translation ("fra-eng", pair files; D2L §9.5): keep lines 0..max_pairs of the file (D2L's num_examples,
    // whose off-by-one keeps 601 pairs for 600); unset ⇒ 600 for "fra-eng" and a file named fra.txt, every
    // pair for other files; 0 = every pair. The test split of "fra-eng" and fra.txt is D2L's four test
    // sentences; other pair files get a random test_fraction of the pairs when it is set, else no test split.
    std::optional<int64_t> max_pairs;
    // BERT: the task, a pretrained model's vocabulary for fine-tuning data (null ⇒ built from the training
    // data), and the padded sequence length (unset ⇒ 64 pretraining, 32 paraphrase, 128 SNLI). min_freq and
    // test_fraction above apply too (unset ⇒ 5 for pretraining and SNLI, 1 for paraphrase; test 0.1).
    BertTask bert = BertTask::None;
    std::shared_ptr<const BertVocabulary> bert_vocabulary;
    std::optional<int64_t> max_len;
};

// The defaults of unset num_steps / min_freq for text corpora (translation's are in translation_data.h).
inline constexpr int64_t kLanguageModelNumSteps = 35;
inline constexpr int64_t kLanguageModelMinFreq = 0;

// The default token limit of "timemachine" (D2L's max_tokens = 10000).
inline constexpr int64_t kTimeMachineMaxTokens = 10000;
// True for the names load_dataset reads as a language-model corpus ("timemachine", *.txt that are not pairs).
bool is_text_dataset(const std::string& name_or_path);
// True for the names load_dataset reads as sentence pairs: "fra-eng", *.tsv, and *.txt files whose first
// lines are mostly "source<TAB>target" (looks_like_sentence_pairs; it reads the first 64 KiB of the file).
bool is_translation_dataset(const std::string& name_or_path);
// num_steps and min_freq as load_dataset uses them for this data set (the options' or the kind's default).
int64_t resolved_num_steps(const std::string& name_or_path, const DatasetOptions& options);
int64_t resolved_min_freq(const std::string& name_or_path, const DatasetOptions& options);

// Throws InputError for an unknown name (listing the valid ones) or a file that cannot be read.
// `progress` (see progress.h) follows reading and resizing the images; generated sets and CSV
// tables report only their end.
DataSplit load_dataset(const std::string& name_or_path, const DatasetOptions& options = {},
                       const Progress& progress = {});

// The shape of one example, when it is known without reading any data (Fashion-MNIST, the toys,
// linear regression, the sine wave, text and translation: [num_steps] token ids); nullopt for CSV files and IDX
// folders, whose shape only loading tells.
std::optional<Shape> dataset_sample_shape(const std::string& name_or_path, const DatasetOptions& options = {});

struct DatasetInfo {
    std::string name;
    std::string description;  // one line
};
// The built-in names in a stable order (paths to CSV files and IDX folders are accepted too).
const std::vector<DatasetInfo>& dataset_catalog();

}  // namespace dl
