#pragma once
// The palette category "Attention" (D2L chapter 10 of zh-v2): attention scorers, multi-head attention,
// positional encodings, the Transformer's add & norm and feed-forward parts, its encoder and decoder
// blocks, and the Bahdanau attention decoder (AttentionGRUDecoder). TransformerEncoderBlock is a Block (its inside
// opens in the editor):
//   attention (MultiHeadAttention, mask "source") → addnorm1 (input, attention) → ffn → addnorm2 (addnorm1, ffn)
#include <vector>

#include "engine/nn/layer_catalog.h"

namespace dl {

std::vector<LayerInfo> attention_catalog();

}  // namespace dl
