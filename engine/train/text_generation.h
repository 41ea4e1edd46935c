#pragma once
// Text generation with a trained language model (D2L §8.5's predict_ch8): warm the recurrent state
// up on the prefix, one token at a time, then emit tokens one at a time, each fed back as the next
// input — greedily (arg-max, as D2L) or sampled from softmax(logits / temperature).
#include <cstdint>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network.h"

namespace dl {

struct GenerationOptions {
    int64_t length = 50;     // tokens to emit after the prefix
    double temperature = 0;  // 0 = greedy (arg-max); > 0 = sample from softmax(logits / temperature)
    uint64_t seed = 0;       // for sampling
};

struct GeneratedText {
    std::string prefix;        // the prefix as the model read it (unknown tokens shown as "<unk>")
    std::string continuation;  // the emitted tokens, joined like the corpus ("" for chars, " " for words)
    std::vector<int32_t> ids;  // the emitted token ids
    std::string separator;     // between tokens: "" for chars, " " for words
    std::string text() const;  // prefix followed by the continuation, as D2L prints it
};

// The prefix as vocabulary ids: each character (char tokens) or each space-separated word (word
// tokens); anything not in the vocabulary becomes "<unk>" (id 0).
std::vector<int32_t> encode_prefix(const std::string& prefix, const TextCorpus& vocabulary);
// The ids as text: joined with "" for char tokens and " " for word tokens.
std::string decode_tokens(const std::vector<int32_t>& ids, const TextCorpus& vocabulary);

// Continues `prefix` with `net` (eval mode, no graph), a network whose input is a token sequence and
// whose output ends in one score per vocabulary entry (e.g. [T, V] or [V] per example). Uses
// vocabulary.token_kind and vocabulary.idx_to_token only. Throws InputError for an empty prefix, a
// vocabulary the network's output does not match, or a negative length.
GeneratedText generate_text(Network& net, const TextCorpus& vocabulary, const std::string& prefix,
                            const GenerationOptions& options = {});

}  // namespace dl
