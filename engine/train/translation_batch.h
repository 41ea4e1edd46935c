#pragma once
// What the trainer needs for translation data sets (Dataset::is_translation(), D2L §9.7.2 train_seq2seq)
// beyond a batch of source rows: the decoder's input under teacher forcing, the labels and valid lengths,
// the loss of a whole split and its BLEU.
#include <cstdint>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/nn/layer.h"
#include "engine/nn/network.h"

namespace dl {

// A translation batch's second half: rows of `data` at `indices`.
struct TranslationBatch {
    Tensor target_input;          // [B, T]: <bos>, then the target without its last token (teacher forcing)
    std::vector<int32_t> labels;  // B·T: the target itself, row b·T + t
    SequenceLengths lengths;      // source and target valid lengths, for ForwardContext::lengths and the mask
    int64_t tokens = 0;           // Σ target valid lengths: what D2L divides the summed loss by
};
void fill_translation_batch(const Dataset& data, const std::vector<int64_t>& indices, TranslationBatch& out);

// The shapes per example of the network inputs a data set feeds: {source [T], target [T]} for translation,
// {sample shape} otherwise.
std::vector<Shape> network_input_shapes(const Dataset& data);

// Throws ShapeError unless the network reads "source" and "target" for a translation data set (and has a
// single input for any other).
void check_inputs_fit(const std::vector<std::string>& network_inputs, const std::string& network, const Dataset& data);

struct TranslationScore {
    double loss = 0;  // Σ masked loss / Σ valid target tokens, teacher-forced, no dropout (D2L's reported loss)
    int64_t tokens = 0, examples = 0;
};
TranslationScore evaluate_translation(Network& net, const Dataset& data, int64_t batch_size = 1000);

// Greedy translations of every example of `data` (the source rows), decoded in batches of batch_size:
// each row's ids up to (not including) its first <eos>, at most num_steps. Equal to translate() per sentence.
std::vector<std::vector<int32_t>> greedy_translations(Network& net, const Dataset& data, int64_t batch_size = 256);
// Mean BLEU (k = 2, D2L) of the greedy translations against each example's target row. A reference word the
// vocabulary does not know (<unk>) never matches, as in D2L, which compares with the raw sentence. NaN when
// `data` is empty.
double mean_bleu(Network& net, const Dataset& data, int64_t batch_size = 256);

}  // namespace dl
