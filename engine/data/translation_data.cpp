#include "engine/data/translation_data.h"

#include <filesystem>

#include "engine/core/error.h"
#include "engine/data/nmt_preprocessing.h"
#include "engine/io/presets.h"

namespace dl {

namespace {

using Sentences = std::vector<std::vector<std::string>>;

const std::vector<std::string> kReserved{"<pad>", "<bos>", "<eos>"};

Vocabulary vocabulary_of(const std::vector<std::string>& idx_to_token) {
    Vocabulary vocab;
    vocab.idx_to_token = idx_to_token;
    for (size_t i = 0; i < idx_to_token.size(); ++i)
        vocab.token_to_idx.emplace(idx_to_token[i], static_cast<int32_t>(i));
    return vocab;
}

// One side of the pairs at `rows`: the preprocessed sentences and their words.
void prepare_side(const std::vector<std::string>& raw, const std::vector<int64_t>& file_lines, bool target,
                  const std::vector<int64_t>& rows, std::vector<std::string>& text, Sentences& words) {
    for (const int64_t row : rows) {
        // In the file a target follows a tab and a source a line end, except on the file's first line.
        const bool after_separator = target || file_lines[static_cast<size_t>(row)] > 0;
        text.push_back(preprocess_nmt(raw[static_cast<size_t>(row)], after_separator));
        words.push_back(split_words_nmt(text.back()));
    }
}

// A translation data set over given sentences and the vocabularies in `corpus` (its texts are set here).
Dataset translation_dataset(TranslationCorpus corpus, const Sentences& source, const Sentences& target,
                            const std::string& name, int64_t num_steps) {
    Dataset data;
    data.name = name;
    data.num_steps = num_steps;
    build_array_nmt(source, vocabulary_of(corpus.source_vocab), num_steps, data.features, data.source_lengths);
    build_array_nmt(target, vocabulary_of(corpus.target_vocab), num_steps, data.target_tokens, data.target_lengths);
    data.translation = std::make_shared<const TranslationCorpus>(std::move(corpus));
    return data;
}

// The test split made of D2L's four sentences, over the training vocabularies.
Dataset d2l_test_set(const TranslationCorpus& train, const std::string& name, int64_t num_steps) {
    TranslationCorpus corpus;
    corpus.source_vocab = train.source_vocab;
    corpus.target_vocab = train.target_vocab;
    Sentences source, target;
    for (const auto& [english, french] : d2l_test_pairs()) {
        corpus.source_text.push_back(english);
        corpus.target_text.push_back(french);
        source.push_back(split_words_nmt(english));
        target.push_back(split_words_nmt(french));
    }
    return translation_dataset(std::move(corpus), source, target, name, num_steps);
}

void check_options(const TranslationOptions& o) {
    if (o.num_steps < 1) throw InputError("num_steps must be at least 1, got " + std::to_string(o.num_steps));
    if (o.min_freq < 0) throw InputError("the minimum word frequency must be >= 0");
    if (o.test_fraction && !(*o.test_fraction >= 0.0 && *o.test_fraction < 1.0))
        throw InputError("test fraction " + std::to_string(*o.test_fraction) + " must be in [0, 1)");
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& d2l_test_pairs() {
    static const std::vector<std::pair<std::string, std::string>> pairs{{"go .", "va !"},
                                                                        {"i lost .", "j'ai perdu ."},
                                                                        {"he's calm .", "il est calme ."},
                                                                        {"i'm home .", "je suis chez moi ."}};
    return pairs;
}

void build_array_nmt(const Sentences& lines, const Vocabulary& vocab, int64_t num_steps, Tensor& array,
                     std::vector<int32_t>& valid_lengths) {
    const auto n = static_cast<int64_t>(lines.size());
    array = Tensor::empty({n, num_steps});
    valid_lengths.assign(lines.size(), 0);
    float* out = array.data();
    for (int64_t i = 0; i < n; ++i) {
        const std::vector<std::string>& words = lines[static_cast<size_t>(i)];
        for (int64_t t = 0; t < num_steps; ++t) {
            const auto w = static_cast<size_t>(t);
            const int32_t id = w < words.size()    ? vocab.id(words[w])
                               : w == words.size() ? TranslationCorpus::kEos
                                                   : TranslationCorpus::kPad;
            out[i * num_steps + t] = static_cast<float>(id);
            valid_lengths[static_cast<size_t>(i)] += id != TranslationCorpus::kPad;
        }
    }
}

EncodedSentence encode_sentence(const std::vector<std::string>& vocab, std::string_view sentence, int64_t num_steps) {
    if (num_steps < 1) throw InputError("num_steps must be at least 1, got " + std::to_string(num_steps));
    if (vocab.size() <= TranslationCorpus::kEos)
        throw InputError("a translation vocabulary starts with <unk> <pad> <bos> <eos>; this one has " +
                         std::to_string(vocab.size()) + " entries");
    EncodedSentence out;
    out.tokens = split_words_nmt(preprocess_nmt(sentence));
    Tensor array;
    std::vector<int32_t> lengths;
    build_array_nmt({out.tokens}, vocabulary_of(vocab), num_steps, array, lengths);
    for (int64_t t = 0; t < num_steps; ++t) out.ids.push_back(static_cast<int32_t>(array.data()[t]));
    out.valid_length = lengths[0];
    return out;
}

DataSplit make_translation_split(const SentencePairs& pairs, const std::string& name, const TranslationOptions& o) {
    check_options(o);
    const auto n = static_cast<int64_t>(pairs.source.size());
    if (n == 0) throw InputError(name + ": no sentence pairs to learn from");
    std::vector<int64_t> train_rows, test_rows;
    split_indices(n, o.d2l_test_sentences ? 0.0 : o.test_fraction.value_or(0.0), o.seed, train_rows, test_rows);
    if (train_rows.empty()) throw InputError(name + ": the test share leaves no pairs to train on");

    TranslationCorpus corpus;
    corpus.skipped_lines = pairs.skipped_lines;
    Sentences source, target;
    prepare_side(pairs.source, pairs.line, false, train_rows, corpus.source_text, source);
    prepare_side(pairs.target, pairs.line, true, train_rows, corpus.target_text, target);
    corpus.source_vocab = build_vocabulary(source, o.min_freq, kReserved).idx_to_token;
    corpus.target_vocab = build_vocabulary(target, o.min_freq, kReserved).idx_to_token;

    DataSplit split;
    if (o.d2l_test_sentences) {
        split.test = d2l_test_set(corpus, name, o.num_steps);
    } else if (!test_rows.empty()) {
        TranslationCorpus held_out;
        held_out.source_vocab = corpus.source_vocab;
        held_out.target_vocab = corpus.target_vocab;
        Sentences test_source, test_target;
        prepare_side(pairs.source, pairs.line, false, test_rows, held_out.source_text, test_source);
        prepare_side(pairs.target, pairs.line, true, test_rows, held_out.target_text, test_target);
        split.test = translation_dataset(std::move(held_out), test_source, test_target, name, o.num_steps);
    } else {
        split.test.name = name;
    }
    split.train = translation_dataset(std::move(corpus), source, target, name, o.num_steps);
    return split;
}

DataSplit load_translation(const std::string& path, const std::string& name, const TranslationOptions& options) {
    try {
        return make_translation_split(read_sentence_pairs(path, options.max_pairs), name, options);
    } catch (const InputError& e) {
        const std::string what = e.what();
        if (what.rfind(path, 0) == 0 || what.rfind(name, 0) == 0) throw;  // already names the file
        throw InputError(path + ": " + what);
    }
}

std::string fra_eng_path() {
    return (std::filesystem::path(resources_dir()) / "data" / "fra-eng.txt").string();
}

}  // namespace dl
