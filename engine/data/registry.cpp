#include "engine/data/registry.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "engine/core/error.h"
#include "engine/data/bert_paragraphs.h"
#include "engine/data/bert_pretraining.h"
#include "engine/data/csv.h"
#include "engine/data/idx.h"
#include "engine/data/nadaraya_watson.h"
#include "engine/data/paraphrase_data.h"
#include "engine/data/resize.h"
#include "engine/data/sine_wave.h"
#include "engine/data/snli_data.h"
#include "engine/data/synthetic.h"
#include "engine/data/text_corpus.h"
#include "engine/data/toy.h"
#include "engine/data/translation_data.h"

namespace dl {

namespace fs = std::filesystem;

const std::vector<DatasetInfo>& dataset_catalog() {
    static const std::vector<DatasetInfo> catalog{
        {"fashion-mnist", "Fashion-MNIST: 70000 greyscale 28x28 clothing images in 10 classes (D2L ch. 4)"},
        {"spiral", "2-D toy: interleaved spiral arms, one class per arm (hard for linear models)"},
        {"xor", "2-D toy: class by the sign of x*y; not linearly separable"},
        {"circles", "2-D toy: a disc inside a ring; needs a non-linear boundary"},
        {"gaussians", "2-D toy: Gaussian blobs, one per class; linearly separable"},
        {"linear", "synthetic regression y = Xw + b + noise, w = [2, -3.4], b = 4.2 (D2L 3.1)"},
        {"high-dim-linear",
         "high-dimensional linear regression y = 0.05 + sum 0.01 x_i + N(0, 0.01^2), d = 200, 20 training and 100 "
         "test examples (D2L 4.5 weight decay; fixed seed)"},
        {"sine",
         "noisy sine wave x_t = sin(0.01 t) + N(0, 0.2), T = 1000, predicted from the 4 values before "
         "(D2L 8.1); the first 600 examples train, in order"},
        {"timemachine",
         "H. G. Wells, The Time Machine: 3221 lines of text for language models, as character or "
         "word tokens (D2L 8.2-8.3); the first 10000 tokens unless asked otherwise"},
        {"nadaraya-watson",
         "50 noisy points y = 2 sin x + x^0.8 + N(0, 0.5) on [0, 5) for attention pooling (D2L 10.2); "
         "the test set is the noise-free curve at x = 0, 0.1, ..., 4.9"},
        {"fra-eng",
         "English-French sentence pairs from Tatoeba (manythings.org, CC-BY 2.0 FR): D2L's first 601 pairs for "
         "machine translation, padded to 10 tokens (D2L 9.5); tested on D2L's four sentences"},
        {"tatoeba-paraphrase",
         "English paraphrases from Tatoeba (CC-BY 2.0 FR): sentences sharing a French translation, 10483 pairs, "
         "plus as many random and hard non-paraphrases, for fine-tuning BERT; stands in for D2L's SNLI (15.6-15.7)"},
    };
    return catalog;
}

namespace {

bool ends_with(std::string path, const std::string& extension) {
    std::transform(path.begin(), path.end(), path.begin(), [](unsigned char c) { return std::tolower(c); });
    return path.size() >= extension.size() &&
           path.compare(path.size() - extension.size(), extension.size(), extension) == 0;
}

bool ends_with_csv(const std::string& path) {
    return ends_with(path, ".csv");
}

std::optional<ToyKind> toy_kind(const std::string& name) {
    if (name == "spiral") return ToyKind::Spiral;
    if (name == "xor") return ToyKind::Xor;
    if (name == "circles") return ToyKind::Circles;
    if (name == "gaussians") return ToyKind::Gaussians;
    return std::nullopt;
}

DataSplit load_toy(ToyKind kind, const DatasetOptions& o) {
    ToyOptions toy;
    toy.size = o.size.value_or(toy.size);
    toy.noise = o.noise.value_or(toy.noise);
    toy.num_classes = o.num_classes.value_or(toy.num_classes);
    toy.test_fraction = o.test_fraction.value_or(toy.test_fraction);
    toy.seed = o.seed;
    return make_toy(kind, toy);
}

DataSplit load_linear(const DatasetOptions& o) {
    LinearOptions linear;
    linear.size = o.size.value_or(linear.size);
    linear.noise = o.noise.value_or(linear.noise);
    linear.test_fraction = o.test_fraction.value_or(linear.test_fraction);
    linear.seed = o.seed;
    return make_linear(linear);
}

// D2L's 20 + 100 examples always; the noise may change, the seed is fixed (the lesson's numbers stay put).
DataSplit load_high_dim_linear(const DatasetOptions& o) {
    HighDimLinearOptions options;
    options.noise = o.noise.value_or(options.noise);
    options.seed = kHighDimLinearSeed;
    return make_high_dim_linear(options);
}

DataSplit load_csv_file(const std::string& path, const DatasetOptions& o) {
    CsvOptions csv;
    csv.target = o.target;
    csv.target_kind = o.classify_target ? TargetKind::Classification : TargetKind::Auto;
    csv.standardize = o.standardize;
    csv.test_fraction = o.test_fraction.value_or(csv.test_fraction);
    csv.seed = o.seed;
    return load_csv(path, csv);
}

DataSplit load_sine(const DatasetOptions& o) {
    SineWaveOptions sine;
    sine.length = o.size.value_or(sine.length);
    sine.noise = o.noise.value_or(sine.noise);
    sine.seed = o.seed;
    return make_sine_wave(sine);
}

// D2L's 50 training points always (the size of the generated sets does not apply); the noise does.
DataSplit load_nadaraya_watson(const DatasetOptions& o) {
    NadarayaWatsonOptions nw;
    nw.noise = o.noise.value_or(nw.noise);
    nw.seed = o.seed;
    return make_nadaraya_watson(nw);
}

DataSplit load_text(const std::string& name, const DatasetOptions& o) {
    const bool time_machine = name == "timemachine";
    TextCorpusOptions text;
    text.token_kind = o.token_kind;
    text.min_freq = o.min_freq.value_or(kLanguageModelMinFreq);
    text.max_tokens = o.max_tokens.value_or(time_machine ? kTimeMachineMaxTokens : 0);
    const std::string path = time_machine ? time_machine_path() : name;
    std::error_code ec;
    if (time_machine && !fs::is_regular_file(path, ec))
        throw InputError("The Time Machine is missing from DiveLab's resources (expected at " + path +
                         "): reinstall DiveLab, or set DIVELAB_RESOURCES to the folder holding data/timemachine.txt");
    auto corpus = std::make_shared<const TextCorpus>(load_text_corpus(path, text));
    DataSplit split;
    split.train = text_dataset(std::move(corpus), name, o.num_steps.value_or(kLanguageModelNumSteps), o.sampling);
    split.test.name = name;
    return split;
}

// manythings.org's English-French file, bundled ("fra-eng") or the whole fra.txt: D2L's 600 examples and
// its four test sentences.
bool is_d2l_fra_eng(const std::string& name) {
    return name == "fra-eng" || fs::path(name).filename() == "fra.txt";
}

DataSplit load_pairs(const std::string& name, const DatasetOptions& o) {
    const bool bundled = name == "fra-eng";
    TranslationOptions translation;
    translation.num_steps = o.num_steps.value_or(kTranslationNumSteps);
    translation.min_freq = o.min_freq.value_or(kTranslationMinFreq);
    translation.max_pairs = o.max_pairs.value_or(is_d2l_fra_eng(name) ? kFraEngMaxPairs : 0);
    translation.d2l_test_sentences = is_d2l_fra_eng(name);
    translation.test_fraction = o.test_fraction;
    translation.seed = o.seed;
    const std::string path = bundled ? fra_eng_path() : name;
    std::error_code ec;
    if (bundled && !fs::is_regular_file(path, ec))
        throw InputError("the English-French pairs are missing from DiveLab's resources (expected at " + path +
                         "): reinstall DiveLab, or set DIVELAB_RESOURCES to the folder holding data/fra-eng.txt");
    return load_translation(path, name, translation);
}

// The bundled Time Machine, or a text file (WikiText-2 when it ends in .tokens), as BERT pretraining examples.
DataSplit load_bert_pretraining(const std::string& name, const DatasetOptions& o) {
    const bool time_machine = name == "timemachine";
    const std::string path = time_machine ? time_machine_path() : name;
    std::error_code ec;
    if (time_machine && !fs::is_regular_file(path, ec))
        throw InputError("The Time Machine is missing from DiveLab's resources (expected at " + path +
                         "): reinstall DiveLab, or set DIVELAB_RESOURCES to the folder holding data/timemachine.txt");
    BertPretrainingOptions bert;
    bert.max_len = o.max_len.value_or(kBertPretrainingMaxLen);
    bert.min_freq = o.min_freq.value_or(kBertMinFreq);
    bert.seed = o.seed;
    bert.vocabulary = o.bert_vocabulary;
    return make_bert_pretraining(read_bert_paragraphs(path), name, bert);
}

DataSplit load_bert_paraphrase(const std::string& name, const DatasetOptions& o) {
    const bool bundled = name == "tatoeba-paraphrase";
    const std::string path = bundled ? tatoeba_paraphrase_path() : name;
    std::error_code ec;
    if (bundled && !fs::is_regular_file(path, ec))
        throw InputError("the Tatoeba paraphrases are missing from DiveLab's resources (expected at " + path +
                         "): reinstall DiveLab, or set DIVELAB_RESOURCES to the folder holding "
                         "data/tatoeba-paraphrase.tsv");
    ParaphraseOptions paraphrase;
    paraphrase.max_len = o.max_len.value_or(kParaphraseMaxLen);
    paraphrase.min_freq = o.min_freq.value_or(paraphrase.min_freq);
    paraphrase.test_fraction = o.test_fraction.value_or(paraphrase.test_fraction);
    paraphrase.seed = o.seed;
    paraphrase.vocabulary = o.bert_vocabulary;
    return load_paraphrase(path, name, paraphrase);
}

DataSplit load_bert_snli(const std::string& name, const DatasetOptions& o) {
    SnliOptions snli;
    snli.max_len = o.max_len.value_or(kSnliMaxLen);
    snli.min_freq = o.min_freq.value_or(snli.min_freq);
    snli.vocabulary = o.bert_vocabulary;
    return load_snli(name, name, snli);
}

// BERT's data sets, or nullopt when `name` under these options is not one.
std::optional<DataSplit> load_bert(const std::string& name, const DatasetOptions& o) {
    const bool pair_data = name == "tatoeba-paraphrase" || is_snli_path(name);
    if (pair_data && o.bert == BertTask::Pretraining)
        throw InputError(name +
                         " holds labelled sentence pairs for fine-tuning; BERT pretraining reads text "
                         "(timemachine, a .txt file or WikiText's .tokens)");
    if (name == "tatoeba-paraphrase") return load_bert_paraphrase(name, o);
    if (is_snli_path(name)) return load_bert_snli(name, o);
    if (o.bert == BertTask::Pretraining) return load_bert_pretraining(name, o);
    if (o.bert == BertTask::Pairs) return load_bert_paraphrase(name, o);
    return std::nullopt;
}

std::string valid_names() {
    std::string names;
    for (const DatasetInfo& info : dataset_catalog()) names += (names.empty() ? "" : ", ") + info.name;
    return names;
}

DataSplit load_by_name(const std::string& name, const DatasetOptions& o, const Progress& progress) {
    if (name == "fashion-mnist") return load_fashion_mnist("", progress);
    if (auto kind = toy_kind(name)) return load_toy(*kind, o);
    if (name == "linear") return load_linear(o);
    if (name == "high-dim-linear") return load_high_dim_linear(o);
    if (name == "sine") return load_sine(o);
    if (name == "nadaraya-watson") return load_nadaraya_watson(o);
    if (auto bert = load_bert(name, o)) return std::move(*bert);
    if (is_translation_dataset(name)) return load_pairs(name, o);
    if (is_text_dataset(name)) return load_text(name, o);
    if (ends_with_csv(name)) return load_csv_file(name, o);
    std::error_code ec;
    if (fs::is_directory(name, ec)) return load_idx_folder(name, "", {}, progress);
    if (fs::exists(name, ec))
        throw InputError(name +
                         ": DiveLab reads data from .csv files, .txt files, .tsv files and folders of IDX files, not "
                         "from this file");
    throw InputError("unknown data set '" + name + "'; valid names are " + valid_names() +
                     ", or a path to a .csv file, a .txt file, a .tsv file of sentence pairs or a folder of IDX files");
}

}  // namespace

bool is_text_dataset(const std::string& name_or_path) {
    return name_or_path == "timemachine" || (ends_with(name_or_path, ".txt") && !is_translation_dataset(name_or_path));
}

bool is_translation_dataset(const std::string& name_or_path) {
    if (name_or_path == "fra-eng" || ends_with(name_or_path, ".tsv")) return true;
    return ends_with(name_or_path, ".txt") && looks_like_sentence_pairs(name_or_path);
}

int64_t resolved_num_steps(const std::string& name_or_path, const DatasetOptions& options) {
    return options.num_steps.value_or(is_translation_dataset(name_or_path) ? kTranslationNumSteps
                                                                           : kLanguageModelNumSteps);
}

int64_t resolved_min_freq(const std::string& name_or_path, const DatasetOptions& options) {
    return options.min_freq.value_or(is_translation_dataset(name_or_path) ? kTranslationMinFreq
                                                                          : kLanguageModelMinFreq);
}

std::optional<Shape> dataset_sample_shape(const std::string& name_or_path, const DatasetOptions& options) {
    if (name_or_path == "fashion-mnist") {
        const int64_t side = options.resize > 0 ? options.resize : 28;
        return Shape{1, side, side};
    }
    if (toy_kind(name_or_path)) return Shape{2};
    if (name_or_path == "linear") return Shape{static_cast<int64_t>(LinearOptions{}.w.size())};
    if (name_or_path == "high-dim-linear") return Shape{HighDimLinearOptions{}.num_inputs};
    if (name_or_path == "sine") return Shape{SineWaveOptions{}.tau};
    if (name_or_path == "nadaraya-watson") return Shape{1};
    if (name_or_path == "tatoeba-paraphrase") return Shape{options.max_len.value_or(kParaphraseMaxLen)};
    if (is_snli_path(name_or_path)) return Shape{options.max_len.value_or(kSnliMaxLen)};
    if (options.bert == BertTask::Pretraining) return Shape{options.max_len.value_or(kBertPretrainingMaxLen)};
    if (options.bert == BertTask::Pairs) return Shape{options.max_len.value_or(kParaphraseMaxLen)};
    if (is_translation_dataset(name_or_path) || is_text_dataset(name_or_path))
        return Shape{resolved_num_steps(name_or_path, options)};
    return std::nullopt;
}

DataSplit load_dataset(const std::string& name_or_path, const DatasetOptions& options, const Progress& progress) {
    if (options.train_limit < 0 || options.test_limit < 0)
        throw InputError("example limits must be >= 0 (0 keeps every example)");
    DataSplit split = load_by_name(name_or_path, options, progress);
    if (split.train.is_language_model()) {  // a token stream: example limits and resizing mean nothing
        if (progress) progress(1.0);
        return split;
    }
    if (options.train_limit > 0 && options.train_limit < split.train.size())
        split.train = head(split.train, options.train_limit);
    if (options.test_limit > 0 && options.test_limit < split.test.size())
        split.test = head(split.test, options.test_limit);
    if (options.resize != 0 && !split.train.is_translation() &&
        !split.train.is_bert())  // after the limits: a limited set resizes fast
        resize_dataset(split, options.resize);
    if (progress) progress(1.0);
    return split;
}

}  // namespace dl
