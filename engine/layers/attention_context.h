#pragma once
// What every attention layer takes from the forward context, and its settings shared in the inspector:
// the key mask (attribute "mask": "none" | "source" | "causal", masks from ForwardContext::lengths as
// described in engine/nn/layer.h), dropout on the attention weights, and the probes "attention" and
// "scores", both [batch, heads, queries, keys] (heads = 1 for single-head scorers).
//
// "scores" are published UNMASKED (q·k/√d, or the additive score, for every key): −∞ or −1e6 entries
// would swamp a colour scale; "attention" shows which keys were masked (weight exactly 0).
#include <string>

#include "engine/nn/layer.h"
#include "engine/ops/dot_product_attention.h"

namespace dl {

AttrSpec attention_mask_spec(const char* default_mask);
AttrSpec attention_dropout_spec(double default_p);

// The softmax mask of `mask` for a batch of `batch` examples whose heads are folded into the leading axis.
// Throws ShapeError when ctx.lengths has a source length count other than the batch.
SoftmaxMask attention_mask(const std::string& mask, const ForwardContext& ctx, int64_t batch, int64_t heads);

// Dropout p on the weights in training (ctx.rng required then), none in evaluation.
AttentionDropout attention_dropout(double p, const ForwardContext& ctx);

// Publishes r.weights as "attention" and r.scores as "scores", [batch, heads, Q, K], where wanted.
void publish_attention(const ForwardContext& ctx, const AttentionResult& r, int64_t batch, int64_t heads);

}  // namespace dl
