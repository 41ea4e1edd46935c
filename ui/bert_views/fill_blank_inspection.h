#pragma once
// What the fill-in-the-blank view computes on a BERT pretraining network (D2L §14.8's masked language model, tried
// the way a learner would: hide "traveller" in "the time traveller was …" and see what the model guesses), in
// plain data: the sentence with its hidden words, the top guesses of every blank and the attention maps of
// every encoder block on that same sentence (D2L §11.9's heatmaps, one per layer and head).
#include <cstdint>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network.h"
#include "engine/train/attention_history.h"
#include "engine/train/fill_blanks.h"

namespace fill_blank_inspection {

inline constexpr const char* kDefaultSentence = "the time traveller was expounding a recondite matter to us";
inline constexpr int kTopGuesses = 5;

// The sentence as words, and which of them the model must guess.
struct Request {
    std::vector<std::string> words;
    std::vector<bool> masked;  // one per word
    bool operator==(const Request&) const = default;
    int maskedCount() const;
};
// The default sentence with "traveller" hidden.
Request default_request();
// `text` as words (lower-cased, punctuation apart; "[MASK]" stays one hidden word). A word keeps its hidden state
// when the same word stands at the same place in `previous`; a text with no hidden word hides its longest word.
Request request_for_text(const std::string& text, const Request& previous);
// The words joined by spaces, the hidden ones included as they are.
std::string text_of(const Request& request);
// The request with word `index` hidden or shown again (no change for an index out of range).
Request toggled(const Request& request, int index);

struct Outcome {
    Request request;
    dl::FillResult result;                     // tokens <cls> … <sep>, one FilledBlank per hidden word
    std::vector<std::string> attention_nodes;  // probe prefixes, e.g. "encoder1.attention"
    dl::AttentionHistory::Probes attention;    // "<prefix>.attention" → [1, heads, tokens, tokens]
    int epoch = 0;                             // the epoch just finished when it ran (0: idle network)
    int64_t step = 0;                          // the training step whose weights it saw (0: before any)
};

// Runs the request through the network in evaluation mode (the hidden words become <mask>). Throws InputError for
// a request with nothing hidden or a network that is not a BERT pretraining network for `vocab`.
Outcome fill(dl::Network& net, const dl::BertVocabulary& vocab, const Request& request);

}  // namespace fill_blank_inspection
