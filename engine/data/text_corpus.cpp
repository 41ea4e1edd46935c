#include "engine/data/text_corpus.h"

#include <filesystem>

#include "engine/core/error.h"
#include "engine/data/text_cleaning.h"
#include "engine/data/text_file.h"
#include "engine/data/vocabulary.h"
#include "engine/io/presets.h"

namespace dl {

TextCorpus make_text_corpus(const std::vector<std::string>& raw_lines, const TextCorpusOptions& options) {
    check_token_kind(options.token_kind);
    if (options.min_freq < 0) throw InputError("the minimum token frequency must be >= 0");
    if (options.max_tokens < 0) throw InputError("the token limit must be >= 0 (0 keeps every token)");
    TextCorpus corpus;
    corpus.token_kind = options.token_kind;
    corpus.lines = clean_lines(raw_lines);
    const std::vector<std::vector<std::string>> tokens = tokenize(corpus.lines, options.token_kind);
    const Vocabulary vocab = build_vocabulary(tokens, options.min_freq);
    if (vocab.size() <= 1)
        throw InputError(
            "no letters left after cleaning (D2L keeps only the letters A-Z): the text has nothing to learn");
    for (const auto& line : tokens)
        for (const std::string& token : line) corpus.tokens.push_back(vocab.id(token));
    if (options.max_tokens > 0 && static_cast<int64_t>(corpus.tokens.size()) > options.max_tokens)
        corpus.tokens.resize(static_cast<size_t>(options.max_tokens));
    corpus.idx_to_token = vocab.idx_to_token;
    corpus.token_counts = vocab.token_counts;
    return corpus;
}

TextCorpus load_text_corpus(const std::string& path, const TextCorpusOptions& options) {
    try {
        return make_text_corpus(read_text_lines(path), options);
    } catch (const InputError& e) {
        const std::string what = e.what();
        if (what.rfind(path, 0) == 0) throw;  // already names the file
        throw InputError(path + ": " + what);
    }
}

Dataset text_dataset(std::shared_ptr<const TextCorpus> corpus, const std::string& name, int64_t num_steps,
                     Sampling sampling) {
    if (num_steps < 1) throw InputError("num_steps must be at least 1, got " + std::to_string(num_steps));
    const auto tokens = static_cast<int64_t>(corpus->tokens.size());
    if (tokens <= num_steps)
        throw InputError(name + ": " + std::to_string(tokens) + " tokens are too few for num_steps " +
                         std::to_string(num_steps) + " (an example needs num_steps + 1 tokens)");
    Dataset data;
    data.name = name;
    data.num_classes = static_cast<int>(corpus->vocab_size());
    data.num_steps = num_steps;
    data.sampling = sampling;
    data.text = std::move(corpus);
    return data;
}

std::string time_machine_path() {
    return (std::filesystem::path(resources_dir()) / "data" / "timemachine.txt").string();
}

}  // namespace dl
