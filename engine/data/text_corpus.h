#pragma once
// A text file as a language-model corpus (D2L §8.2–8.3): read, cleaned, tokenized, a vocabulary
// built, and all tokens of all lines turned into one stream of ids.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/data/dataset.h"

namespace dl {

struct TextCorpusOptions {
    std::string token_kind = "char";  // "char" or "word"
    int64_t min_freq = 0;             // rarer tokens become <unk>
    int64_t max_tokens = 0;           // keep only the first max_tokens of the stream (0 = all)
};

// From raw (uncleaned) lines. Throws InputError when nothing is left after cleaning.
TextCorpus make_text_corpus(const std::vector<std::string>& raw_lines, const TextCorpusOptions& options = {});
// From a UTF-8 text file (see read_text_lines for the errors); `path` names the file in messages.
TextCorpus load_text_corpus(const std::string& path, const TextCorpusOptions& options = {});

// A language-model data set over `corpus`: examples are num_steps tokens, num_classes the vocabulary.
Dataset text_dataset(std::shared_ptr<const TextCorpus> corpus, const std::string& name, int64_t num_steps,
                     Sampling sampling);

// The bundled copy of H. G. Wells's The Time Machine (D2L's corpus), under resources_dir()/data.
std::string time_machine_path();

}  // namespace dl
