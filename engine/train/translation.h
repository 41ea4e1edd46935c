#pragma once
// Translating one sentence with a trained encoder–decoder network (D2L §9.7.3 predict_seq2seq, §9.8 beam
// search). The network is ONE graph with inputs "source" [num_steps] and "target" [t] (token ids) whose output
// holds one score per target-vocabulary token at every target step, [t, V].
//
// Both decoders re-run the whole graph on the growing target prefix (<bos> y1 … y_t) and read the scores of
// its last step. That is correct for any causal decoder — a GRU, Bahdanau attention, a Transformer with a
// causal mask — without a decoder-specific state API, and at D2L's num_steps = 10 it costs ≤ 10 short passes.
// ForwardContext::lengths is set on every pass (source: the sentence's valid length; target: the prefix).
#include <cstdint>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network.h"

namespace dl {

class ProbeSink;

// D2L's source side: the lower-cased sentence split at spaces (already preprocessed like "go ."), each word
// its id (<unk> when unknown), then <eos>; truncated or padded with <pad> to num_steps. valid_length: the
// tokens before the padding.
std::vector<int32_t> encode_source(const std::string& sentence, const TranslationCorpus& corpus, int64_t num_steps,
                                   int32_t& valid_length);
// Target ids as words joined by single spaces (D2L's ' '.join(tgt_vocab.to_tokens(...))).
std::string decode_target(const std::vector<int32_t>& ids, const TranslationCorpus& corpus);

// One node of the beam-search tree: a hypothesis, the token that made it and how good it is.
struct BeamNode {
    int parent = -1;      // index into the tree; −1 for the root (<bos>)
    int32_t token = 0;    // the token this hypothesis appended (the root: <bos>)
    int step = 0;         // tokens generated so far (the root: 0)
    double log_prob = 0;  // Σ log p of the tokens generated so far
    double score = 0;     // log_prob / L^α, L = step (the tokens scored, <eos> included)
    bool ended = false;   // it generated <eos>
};

struct Translation {
    std::vector<int32_t> tokens;  // the translation's ids, without <eos>
    std::string text;             // the same as words
    double score = 0;             // greedy: Σ log p; beam: the chosen hypothesis' normalised score
    // Beam search only: every hypothesis ever kept (tree[0] the root) and which one was chosen.
    std::vector<BeamNode> tree;
    int best = -1;
};

// The source's padded length num_steps is the network's ("source" shape [num_steps]); at most num_steps tokens
// are emitted (D2L).
struct TranslateOptions {
    int beam_width = 0;   // 0: greedy; k ≥ 1: beam search keeping k hypotheses (k = 1 equals greedy)
    double alpha = 0.75;  // beam search's length penalty exponent (D2L §9.8)
    // Non-null: after decoding, one more pass on the chosen translation (<bos> y1 … y_n as the target) publishes
    // into this sink, e.g. every attention layer's "attention" [1, heads, queries, keys].
    ProbeSink* probes = nullptr;
};

// Greedy (D2L's predict_seq2seq): each step appends the arg-max token; stops at <eos> or num_steps tokens.
// Throws InputError when the network does not read "source" and "target" or its output is not [t, V].
Translation translate(Network& net, const TranslationCorpus& corpus, const std::string& sentence,
                      const TranslateOptions& options = {});

// Beam search (D2L §9.8): every step extends each live hypothesis by every token and keeps the k with the
// highest Σ log p; a kept hypothesis ending in <eos> is finished and leaves the beam. Among the finished ones
// and those still live after num_steps, the one with the highest Σ log p / L^α wins.
Translation beam_search(Network& net, const TranslationCorpus& corpus, const std::string& sentence,
                        const TranslateOptions& options);

}  // namespace dl
