#pragma once
// What the trainer needs for BERT data sets (Dataset::is_bert(), D2L §14.10 and §15.7) beyond a batch of token
// rows: the segments, valid lengths and, for pretraining, the masked-LM positions and labels; the pretraining loss
// (masked LM + next sentence) and the scores of a whole split.
//
// The network inputs are named: "tokens" and "segments" (fine-tuning), then "positions" (pretraining: the
// masked-LM positions to predict). A pretraining network has two outputs (NetworkSpec::outputs): the masked-LM
// scores [positions, vocabulary] first, then the next-sentence scores [2].
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/data/batch_loader.h"
#include "engine/data/dataset.h"
#include "engine/nn/layer.h"
#include "engine/nn/network.h"

namespace dl {

// A BERT batch's inputs besides the token rows: rows of `data` at `indices`.
struct BertBatch {
    Tensor tokens;                    // [B, T]
    Tensor segments;                  // [B, T]
    Tensor positions;                 // [B, P]: pretraining only
    std::vector<int32_t> mlm_labels;  // B·P: pretraining only
    std::vector<int32_t> mlm_counts;  // B: real positions per row (D2L's mlm_weights)
    std::vector<int32_t> labels;      // B: next-sentence labels (pretraining) or classes (fine-tuning)
    SequenceLengths lengths;          // source = the valid lengths, for ForwardContext::lengths
    int64_t mlm_tokens = 0;           // Σ mlm_counts
};
void fill_bert_batch(const Dataset& data, const std::vector<int64_t>& indices, BertBatch& out);
// The network's inputs for a batch, in NetworkSpec::inputs order.
std::vector<Var> bert_inputs(const Dataset& data, const BertBatch& batch);
// The input names a network needs for a BERT data set.
std::vector<std::string> bert_input_names(const Dataset& data);

// D2L §14.10's _get_batch_loss_bert: the masked-LM cross-entropy averaged over the real predicted positions
// (weights 1 for the first mlm_counts of a row, 0 after), plus the next-sentence cross-entropy averaged over the
// batch; total = mlm + nsp is what trains. (D2L's PyTorch code averages the masked-LM loss over the padded
// positions too, because its CrossEntropyLoss already reduces to a mean before the weights apply; we keep the
// weighted mean the code intends.)
struct BertPretrainingLoss {
    Var total;
    double mlm = 0, nsp = 0;  // values
    int64_t nsp_correct = 0;
};
// outputs: the network's two outputs, masked-LM scores [B, P, V] and next-sentence scores [B, 2].
BertPretrainingLoss bert_pretraining_loss(const std::vector<Var>& outputs, const BertBatch& batch);

// Throws ShapeError when the network's outputs do not fit the pretraining data (two outputs, [P, V] and [2]).
void check_bert_pretraining_outputs(const Network& net, const Dataset& data);

// Every batch of `data` in order, in evaluation mode (no graph), with a context that carries the batch's lengths.
void for_each_bert_batch(const Dataset& data, int64_t batch_size,
                         const std::function<void(const BertBatch&, ForwardContext&)>& visit);

struct BertPretrainingScore {
    double mlm_loss = 0, nsp_loss = 0, nsp_accuracy = 0;
    int64_t examples = 0;
};
// Scores of a whole pretraining split in evaluation mode (no dropout, no graph).
BertPretrainingScore evaluate_bert_pretraining(Network& net, const Dataset& data, int64_t batch_size = 256);

}  // namespace dl
