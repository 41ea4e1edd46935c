#pragma once
// Filling in masked words with a pretrained BERT (D2L §14.8's masked language model, used as a learner would try
// it: "the time <mask> was" → traveller). For the fill-in-the-blank view and `divelab-cli fill`.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network.h"

namespace dl {

class ProbeSink;

struct BlankGuess {
    int32_t id = 0;
    std::string token;
    double probability = 0;  // softmax over the whole vocabulary
};

struct FilledBlank {
    int64_t position = 0;             // in the token row (<cls> is 0)
    std::vector<BlankGuess> guesses;  // the top k, most probable first
};

struct FillResult {
    std::vector<std::string> tokens;  // the row as the model reads it, up to its valid length: <cls> … <sep>
    std::vector<FilledBlank> blanks;  // one per <mask>, in reading order
    double next_probability = std::numeric_limits<double>::quiet_NaN();  // NSP's "b follows a" (two sentences)
};

// One encoded pair (token ids and segment ids padded to the network's length, its valid length); every <mask> in it
// is a blank. Runs a pretraining network (inputs tokens, segments, positions; outputs masked-LM and next-sentence
// scores) in evaluation mode. `probes`, when given, receives what the layers publish (attention maps
// [1, heads, T, T]). Throws InputError when there is no <mask>, more than the network's positions input holds, or
// the network is not a BERT pretraining network for this vocabulary.
FillResult fill_blanks(Network& net, const BertVocabulary& vocab, const std::vector<int32_t>& ids,
                       const std::vector<int32_t>& segments, int32_t valid_length, int top_k = 5,
                       ProbeSink* probes = nullptr);

}  // namespace dl
