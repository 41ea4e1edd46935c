#pragma once
// What the translation views compute on the network itself (on the training thread at an epoch's end, or on
// the job thread when idle), in plain data: one typed sentence translated greedily or by beam search with the
// attention of its final pass, and the BLEU table (D2L §9.7.4's four test sentences plus the learner's own).
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/network.h"
#include "engine/nn/network_spec.h"
#include "engine/train/attention_history.h"
#include "engine/train/translation.h"

namespace translation_inspection {

// What the learner asked for in the translation box.
struct Request {
    std::string sentence;  // as typed ("Go."); preprocessed like D2L's pairs before translating
    int beam_width = 3;    // 0: greedy; k ≥ 1: beam search keeping k hypotheses
    bool operator==(const Request&) const = default;
};

// One translation with what the views draw of it.
struct Result {
    Request request;
    std::string source;  // the sentence preprocessed ("go .")
    dl::Translation translation;
    std::vector<std::string> tree_tokens;       // the token of every beam tree node, as a word (<bos>, <eos>)
    bool ended = false;                         // the translation ended in <eos> (else it stopped at num_steps)
    std::vector<std::string> source_tokens;     // the key axis: the source words and <eos>, padding left out
    std::vector<std::string> written_tokens;    // the query axis: what each decoder step wrote (y1 … yn, <eos>)
    std::vector<std::string> attention_layers;  // probe prefixes, e.g. "decoder1.attention2"
    dl::AttentionHistory::Probes attention;     // "<layer>.attention" [1, heads, written, source tokens]
    int epoch = 0;
};

// The attention layers whose queries are target positions and whose keys are the source (encoder–decoder
// attention: Bahdanau's, a Transformer decoder block's second attention), as probe prefixes in network order.
// An attention node counts when it reads the "target" input (directly or not) and is not masked "causal".
std::vector<std::string> cross_attention_layers(const dl::NetworkSpec& spec);

// Translates request.sentence with the network (greedy or beam search) and takes the cross-attention of the
// final pass. Throws what dl::translate throws (a network that does not translate).
Result translate(dl::Network& net, const dl::TranslationCorpus& corpus, const Request& request);

// One row of the BLEU table.
struct BleuRow {
    std::string source, reference;  // preprocessed, as D2L's test pairs
    bool added = false;             // typed by the learner (else one of the data set's test pairs)
    std::string translation;        // the greedy translation (D2L's predict_seq2seq); empty before any epoch
    double bleu = -1;               // D2L's bleu(k = 2); −1 before any epoch
    bool operator==(const BleuRow&) const = default;
};
// A pair not scored yet.
BleuRow pair_row(std::string source, std::string reference, bool added);
// The data set's test split as rows (fra-eng: D2L's four sentences).
std::vector<BleuRow> test_rows(const dl::DataSplit& data);
// A learner's pair preprocessed like the data set's (lower case, a space before , . ! ?).
BleuRow added_row(const std::string& source, const std::string& reference);
// Translates every row greedily and scores it against its reference.
std::vector<BleuRow> score(dl::Network& net, const dl::TranslationCorpus& corpus, std::vector<BleuRow> rows);
// The mean BLEU of the rows that have one (NaN when none has).
double mean_bleu(const std::vector<BleuRow>& rows, bool testRowsOnly);

}  // namespace translation_inspection
