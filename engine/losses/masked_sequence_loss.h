#pragma once
// D2L §9.7.2's MaskedSoftmaxCELoss for padded token sequences, and its reduction as train_seq2seq uses it.
#include <cstdint>
#include <vector>

#include "engine/autograd/variable.h"

namespace dl {

// logits [B, T, V], labels B·T token ids (row b·T + t), valid_lengths B counts of real tokens. Per token the
// cross-entropy, weight 0 at steps t ≥ valid_lengths[b]; per sequence the mean over ALL T steps (padding
// counts in the denominator, as D2L's .mean(dim=1)); returned: the SUM of the B sequence losses, one value.
//
// Why this scale: D2L's train_seq2seq calls l.sum().backward() and then clips the gradient norm at θ = 1.
// With clipping, the gradient's scale decides how far each Adam/SGD step may go, so a batch mean (or a mean
// per token) would train differently. The number D2L prints is Σ loss / Σ valid tokens (masked_tokens()).
Var masked_sequence_cross_entropy(const Var& logits, const std::vector<int32_t>& labels,
                                  const std::vector<int32_t>& valid_lengths);

// Σ_b min(valid_lengths[b], T): the tokens that the loss above scores.
int64_t masked_tokens(const std::vector<int32_t>& valid_lengths, int64_t steps);

}  // namespace dl
