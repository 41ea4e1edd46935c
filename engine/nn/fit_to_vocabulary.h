#pragma once
// Vocabulary sizes a network takes from its text data set, filled in before the network is built:
//  - Embedding and OneHot nodes whose vocab_size is 0 ("the data set's vocabulary", the default) get the
//    vocabulary of the network input they read: a language model's corpus; for translation "source" → the
//    source vocabulary, "target" → the target vocabulary;
//  - Linear nodes with vocabulary_out = true get out_features = the vocabulary the network predicts (the
//    corpus, or the translation's target vocabulary).
// Nodes with an explicit vocab_size keep it.
#include <cstdint>

#include "engine/nn/network_spec.h"

namespace dl {

// A language model (one input).
void fit_to_vocabulary(NetworkSpec& spec, int64_t vocab_size);
// A translation network with the inputs "source" and "target" (D2L §9.7).
void fit_to_vocabularies(NetworkSpec& spec, int64_t source_vocab_size, int64_t target_vocab_size);

}  // namespace dl
