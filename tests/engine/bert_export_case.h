#pragma once
// A tiny BERT and a padded batch for the export tests (test_onnx_export, test_pytorch_export): random weights,
// three rows of different valid lengths (so the attention mask matters) and masked-LM positions with a repeated
// position. Token ids follow D2L's reserved tokens: <pad> 1, <cls> 3, <sep> 4, words from 5.
#include <string>
#include <vector>

#include "engine/core/random.h"
#include "engine/io/network_json.h"
#include "engine/io/presets.h"
#include "engine/nn/fit_to_vocabulary.h"
#include "engine/nn/network.h"

namespace dltest {

constexpr int64_t kBertVocab = 20;

// Embeddings + learned positions + two encoder blocks (ReLU and GELU FFNs), then the next-sentence head (or a
// fine-tuning classifier) on <cls> and, for pretraining, the masked-LM head on the gathered positions.
inline dl::NetworkSpec tiny_bert_spec(bool pretraining) {
    std::string text = R"({"name": "tiny-bert", "inputs": ["tokens", "segments")" +
                       std::string(pretraining ? R"(, "positions"])" : "]") + R"(, "layers": [
      {"id": "token_embedding", "type": "Embedding", "vocab_size": 0, "embedding_dim": 8, "inputs": ["tokens"]},
      {"id": "segment_embedding", "type": "Embedding", "vocab_size": 2, "embedding_dim": 8, "inputs": ["segments"]},
      {"id": "embeddings", "type": "Add", "inputs": ["token_embedding", "segment_embedding"]},
      {"id": "position_embedding", "type": "PositionEmbedding", "max_len": 16},
      {"id": "encoder1", "type": "TransformerEncoderBlock", "hidden": 8, "ffn_hidden": 12, "heads": 2, "dropout": 0.2},
      {"id": "encoder2", "type": "TransformerEncoderBlock", "hidden": 8, "ffn_hidden": 12, "heads": 2, "dropout": 0.2, "activation": "gelu"},
      {"id": "cls", "type": "ClsPooling", "inputs": ["encoder2"]},
      {"id": "hidden", "type": "Linear", "out_features": 8},
      {"id": "hidden_tanh", "type": "Tanh"})";
    if (pretraining)
        text += R"(,
      {"id": "nsp_output", "type": "Linear", "out_features": 2},
      {"id": "mlm_gather", "type": "GatherPositions", "inputs": ["encoder2", "positions"]},
      {"id": "mlm_hidden", "type": "Linear", "out_features": 8},
      {"id": "mlm_relu", "type": "ReLU"},
      {"id": "mlm_norm", "type": "LayerNorm"},
      {"id": "mlm_output", "type": "Linear", "out_features": 1, "vocabulary_out": true}],
      "outputs": ["mlm_output", "nsp_output"]})";
    else
        text += R"(,
      {"id": "output", "type": "Linear", "out_features": 2}]})";
    dl::NetworkSpec spec = dl::parse_network(text, "tiny-bert");
    dl::fit_to_vocabulary(spec, kBertVocab);
    return spec;
}

// The network inputs of a batch and its valid lengths.
struct BertBatchCase {
    std::vector<dl::Tensor> inputs;  // tokens [B, T], segments [B, T] (, positions [B, P]), ids as floats
    std::vector<int32_t> valid_lens;
};

// Rows "<cls> a <sep> b <sep> <pad>…" of the given valid lengths (each ≥ 5), random words from `seed`, segment 1
// on b, padding with <pad> and segment 0 as D2L pads; P positions to predict per row inside its valid part,
// with row 0 predicting one position twice.
inline BertBatchCase padded_bert_batch(int64_t T, const std::vector<int32_t>& lens, int64_t P, int64_t vocab,
                                       bool pretraining, uint64_t seed) {
    const auto B = static_cast<int64_t>(lens.size());
    BertBatchCase c{{dl::Tensor::zeros({B, T}), dl::Tensor::zeros({B, T})}, lens};
    if (pretraining) c.inputs.push_back(dl::Tensor::zeros({B, P}));
    dl::Rng rng(seed);
    auto word = [&] { return static_cast<float>(5 + static_cast<int64_t>(rng.uniform() * (vocab - 5)) % (vocab - 5)); };
    for (int64_t b = 0; b < B; ++b) {
        const int64_t len = lens[static_cast<size_t>(b)], sep = len / 2;
        for (int64_t t = 0; t < T; ++t) {
            const float token = t >= len ? 1.0f : t == 0 ? 3.0f : (t == sep || t == len - 1) ? 4.0f : word();
            c.inputs[0][b * T + t] = token;
            c.inputs[1][b * T + t] = (t > sep && t < len) ? 1.0f : 0.0f;
        }
        if (!pretraining) continue;
        for (int64_t p = 0; p < P; ++p)
            c.inputs[2][b * P + p] =
                static_cast<float>(1 + static_cast<int64_t>(rng.uniform() * (len - 2)) % (len - 2));
    }
    if (pretraining && P >= 2) c.inputs[2][1] = c.inputs[2][0];  // a repeated position
    return c;
}

// bert-tiny at its real sizes (hidden 128, 2 blocks, 2 heads, FFN 256, max_len 128) with vocabulary `vocab`.
inline dl::NetworkSpec bert_tiny_preset(int64_t vocab) {
    dl::NetworkSpec spec = dl::load_preset("bert-tiny");
    dl::fit_to_vocabulary(spec, vocab);
    return spec;
}

}  // namespace dltest
