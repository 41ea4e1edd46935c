#include "engine/layers/attention_catalog.h"

#include "engine/layers/add_norm.h"
#include "engine/layers/attention_gru_decoder.h"
#include "engine/layers/attention_scorers.h"
#include "engine/layers/cls_pooling.h"
#include "engine/layers/gather_positions.h"
#include "engine/layers/multi_head_attention.h"
#include "engine/layers/positional_encoding.h"
#include "engine/layers/positionwise_ffn.h"
#include "engine/layers/transformer_decoder_block.h"
#include "engine/nn/block.h"
#include "engine/nn/make_node.h"

namespace dl {

namespace {
template <class L>
LayerInfo entry(std::string type, std::string summary, int min_inputs, int max_inputs) {
    return {std::move(type),
            "Attention",
            std::move(summary),
            min_inputs,
            max_inputs,
            L::attribute_specs(),
            [](Attributes a) { return std::make_unique<L>(std::move(a)); }};
}

NetworkSpec transformer_encoder_block(const Attributes& a) {
    NodeSpec attention = make_node("attention", "MultiHeadAttention", {kNetworkInput});
    attention.attrs.set("hidden", a.get_int("hidden"));
    attention.attrs.set("heads", a.get_int("heads"));
    attention.attrs.set("dropout", a.get_float("dropout"));
    attention.attrs.set("mask", std::string("source"));
    NodeSpec addnorm1 = make_node("addnorm1", "AddNorm", {kNetworkInput, "attention"});
    addnorm1.attrs.set("dropout", a.get_float("dropout"));
    NodeSpec ffn = make_node("ffn", "PositionwiseFFN", {"addnorm1"});
    ffn.attrs.set("hidden", a.get_int("ffn_hidden"));
    ffn.attrs.set("outputs", a.get_int("hidden"));
    ffn.attrs.set("activation", a.get_string("activation"));
    NodeSpec addnorm2 = make_node("addnorm2", "AddNorm", {"addnorm1", "ffn"});
    addnorm2.attrs.set("dropout", a.get_float("dropout"));
    NetworkSpec s;
    s.nodes = {attention, addnorm1, ffn, addnorm2};
    return s;
}

LayerInfo encoder_block() {
    // The same settings as the decoder block's (hidden, ffn_hidden, heads, dropout, activation).
    LayerInfo info{"TransformerEncoderBlock",
                   "Attention",
                   "Transformer encoder block (D2L §10.7.4): multi-head self-attention and a feed-forward network, "
                   "each followed by add & norm.",
                   1,
                   1,
                   TransformerDecoderBlock::attribute_specs(),
                   nullptr};
    info.inside = transformer_encoder_block;
    info.create = [](Attributes a) {
        return std::make_unique<Block>("TransformerEncoderBlock", std::move(a), transformer_encoder_block);
    };
    return info;
}
LayerInfo decoder_block() {
    LayerInfo info = entry<TransformerDecoderBlock>(
        "TransformerDecoderBlock",
        "Transformer decoder block (D2L §10.7.5): causal self-attention, attention to the encoder's outputs (second "
        "input), a feed-forward network, each followed by add & norm.",
        2, 2);
    info.inside = TransformerDecoderBlock::inside;  // double-click opens it
    return info;
}
}  // namespace

std::vector<LayerInfo> attention_catalog() {
    std::vector<LayerInfo> c;
    c.push_back(entry<DotProductAttention>(
        "DotProductAttention",
        "Scaled dot-product attention (D2L §10.3): weights = softmax(q·k/√d) over the keys, output = weights · values.",
        2, 3));
    c.push_back(entry<AdditiveAttention>(
        "AdditiveAttention",
        "Additive (Bahdanau) attention (D2L §10.3): a small tanh layer scores every query–key pair.", 2, 3));
    c.push_back(entry<MultiHeadAttention>(
        "MultiHeadAttention",
        "Multi-head attention (D2L §10.5): several scaled dot-product attentions on learned projections, joined. "
        "One input: self-attention; two: queries, then keys = values.",
        1, 2));
    c.push_back(entry<PositionalEncoding>(
        "PositionalEncoding",
        "Adds fixed sines and cosines of each position so attention can tell the order (D2L §10.6).", 1, 1));
    c.push_back(entry<PositionEmbedding>("PositionEmbedding",
                                         "Adds a learned vector for each position (BERT's position embedding).", 1, 1));
    c.push_back(entry<AddNorm>(
        "AddNorm", "Residual connection and layer normalisation: LayerNorm(X + Dropout(Y)) (D2L §10.7).", 2, 2));
    c.push_back(entry<PositionwiseFFN>(
        "PositionwiseFFN", "The same two-layer MLP applied at every position of a sequence (D2L §10.7).", 1, 1));
    c.push_back(encoder_block());
    c.push_back(entry<GatherPositions>("GatherPositions",
                                       "BERT's masked-LM head starts here (D2L §14.8.5): the encoder's vectors at the "
                                       "positions to predict (second input: the network input \"positions\").",
                                       2, 2));
    c.push_back(entry<ClsPooling>("ClsPooling",
                                  "Keeps the vector of position 0, BERT's <cls> token, which stands for the whole "
                                  "sentence pair (D2L §14.8.5).",
                                  1, 1));
    c.push_back(decoder_block());
    c.push_back(entry<AttentionGRUDecoder>(
        "AttentionGRUDecoder",
        "GRU decoder with Bahdanau attention (D2L §10.4): at every step the previous state attends to the encoder's "
        "outputs and the context joins the input. Inputs: embedded target, encoder outputs, encoder state.",
        3, 3));
    return c;
}

}  // namespace dl
