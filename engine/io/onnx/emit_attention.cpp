// ONNX forms of attention (D2L §10.3–10.7): the single-head scorers, MultiHeadAttention, AddNorm, PositionwiseFFN,
// PositionalEncoding, PositionEmbedding, and the encoder and decoder blocks (whose insides are those parts).
// The exported graph is the teacher-forced one the engine trains: the decoder reads the whole target at once,
// causal masking keeping each position from seeing later ones.
//
// Masking by source length (mask "source": a Transformer encoder's self-attention, its decoder's attention to the
// encoder, BERT's encoder) reads the graph input "valid_lens" [batch] (int64), which the engine gets beside the
// batch (ForwardContext::lengths): keys at or past an example's length get −1e6 before the softmax, as D2L's
// masked_softmax does.
#include <cmath>

#include "engine/io/onnx/emitters.h"
#include "engine/ops/positional_table.h"

namespace dl {

namespace {
using Values = std::vector<std::string>;

// [B, T, hidden] → [B, heads, T, hidden/heads] (or [B, heads, hidden/heads, T] with keys_last, for q·kᵀ).
std::string split_heads(OnnxGraph& g, const std::string& x, int64_t heads, bool keys_last, const std::string& out) {
    const std::string r = g.op("Reshape", {x, g.ints(out + "/shape", {0, 0, heads, -1})}, out + "/heads");
    const std::vector<int64_t> perm = keys_last ? std::vector<int64_t>{0, 2, 3, 1} : std::vector<int64_t>{0, 2, 1, 3};
    return g.op("Transpose", {r}, out, {{"perm", perm}});
}

// Scores [..., Q, K] where key j > query i get −1e9, so their softmax weight is exactly 0 in float32.
std::string causal_mask(OnnxGraph& g, const std::string& scores, const std::string& base) {
    const std::string shape = g.op("Shape", {scores}, base + "/scores_shape");
    const std::string zero = g.index(base + "/zero", 0), one = g.index(base + "/one", 1);
    const std::string q =
        g.op("Gather", {shape, g.index(base + "/q_axis", -2)}, base + "/queries", {{"axis", int64_t{0}}});
    const std::string k =
        g.op("Gather", {shape, g.index(base + "/k_axis", -1)}, base + "/keys", {{"axis", int64_t{0}}});
    const std::string qpos = g.op("Range", {zero, q, one}, base + "/query_positions");
    const std::string kpos = g.op("Range", {zero, k, one}, base + "/key_positions");
    const std::string column = g.op("Unsqueeze", {qpos, g.ints(base + "/axis1", {1})}, base + "/query_column");
    const std::string row = g.op("Unsqueeze", {kpos, g.ints(base + "/axis0", {0})}, base + "/key_row");
    const std::string allowed = g.op("LessOrEqual", {row, column}, base + "/allowed");
    return g.op("Where", {allowed, scores, g.scalar(base + "/masked", -1e9f)}, base + "/masked_scores");
}

// Scores [B, Q, K] or [B, heads, Q, K] (`rank`) where key j ≥ the example's valid length get −1e6 (D2L's value: a
// row with no valid key then weighs every key alike, as the engine does).
std::string length_mask(OnnxGraph& g, const std::string& scores, size_t rank, const std::string& base) {
    const std::string shape = g.op("Shape", {scores}, base + "/scores_shape");
    const std::string k =
        g.op("Gather", {shape, g.index(base + "/k_axis", -1)}, base + "/keys", {{"axis", int64_t{0}}});
    const std::string kpos =
        g.op("Range", {g.index(base + "/zero", 0), k, g.index(base + "/one", 1)}, base + "/key_positions");
    std::vector<int64_t> column(rank, 1);  // [B, 1, ..., 1]: one length per example, broadcast over heads and keys
    column[0] = -1;
    const std::string lens =
        g.op("Reshape", {g.valid_lens(), g.ints(base + "/lens_shape", column)}, base + "/valid_lens");
    const std::string valid = g.op("Less", {kpos, lens}, base + "/valid_keys");
    return g.op("Where", {valid, scores, g.scalar(base + "/masked", -1e6f)}, base + "/masked_scores");
}

// softmax(scores) · values with the layer's mask ("none", "source" or "causal"); scores [..., Q, K] of rank
// `rank` with the batch axis, values [..., K, dv].
std::string attend(OnnxGraph& g, const std::string& scores, const std::string& values, const std::string& mask,
                   size_t rank, const std::string& base, const std::string& out) {
    std::string s = scores;
    if (mask == "causal") s = causal_mask(g, scores, base);
    if (mask == "source" && !g.valid_lens().empty()) s = length_mask(g, scores, rank, base);
    const std::string weights = g.op("Softmax", {s}, base + "/attention", {{"axis", int64_t{-1}}});
    return g.op("MatMul", {weights, values}, out);
}

Values emit_multi_head_attention(OnnxGraph& g, OnnxNode& n) {
    const Attributes& a = n.layer.attributes();
    const int64_t hidden = a.get_int("hidden"), heads = a.get_int("heads");
    const std::string& queries = n.inputs.front();
    const std::string& keys = n.inputs.back();
    const size_t rank = n.input_shapes.front().size() + 1;
    const std::string q =
        split_heads(g, onnx_linear(g, n, queries, rank, "W_q.", n.id + "/q_proj"), heads, false, n.id + "/q");
    const std::string k =
        split_heads(g, onnx_linear(g, n, keys, rank, "W_k.", n.id + "/k_proj"), heads, true, n.id + "/k_t");
    const std::string v =
        split_heads(g, onnx_linear(g, n, keys, rank, "W_v.", n.id + "/v_proj"), heads, false, n.id + "/v");
    const float scale = std::sqrt(static_cast<float>(hidden / heads));
    std::string scores =
        g.op("Div", {g.op("MatMul", {q, k}, n.id + "/qk"), g.scalar(n.id + "/sqrt_d", scale)}, n.id + "/scores");
    const std::string per_head = attend(g, scores, v, a.get_string("mask"), 4, n.id, n.id + "/per_head");
    const std::string t =
        g.op("Transpose", {per_head}, n.id + "/heads_last", {{"perm", std::vector<int64_t>{0, 2, 1, 3}}});
    const std::string joined = g.op("Reshape", {t, g.ints(n.id + "/joined_shape", {0, 0, hidden})}, n.id + "/joined");
    return {onnx_linear(g, n, joined, rank, "W_o.", n.id)};
}

// D2L §10.3's scorers: queries [B, Q, dq], keys [B, K, dk], values (the last input) [B, K, dv].
Values emit_dot_product_attention(OnnxGraph& g, OnnxNode& n) {
    const std::string kt =
        g.op("Transpose", {n.inputs[1]}, n.id + "/keys_t", {{"perm", std::vector<int64_t>{0, 2, 1}}});
    const float scale = std::sqrt(static_cast<float>(n.input_shapes[0].back()));
    const std::string scores = g.op(
        "Div", {g.op("MatMul", {n.inputs[0], kt}, n.id + "/qk"), g.scalar(n.id + "/sqrt_d", scale)}, n.id + "/scores");
    return {attend(g, scores, n.inputs.back(), n.layer.attributes().get_string("mask"), 3, n.id, n.id)};
}

// Bahdanau's score w_vᵀ tanh(W_q q + W_k k) for every query–key pair: [B, Q, 1, h] + [B, 1, K, h] broadcast.
Values emit_additive_attention(OnnxGraph& g, OnnxNode& n) {
    const std::string q = onnx_linear(g, n, n.inputs[0], 3, "W_q.", n.id + "/q_proj");
    const std::string k = onnx_linear(g, n, n.inputs[1], 3, "W_k.", n.id + "/k_proj");
    const std::string q4 = g.op("Unsqueeze", {q, g.ints(n.id + "/axis2", {2})}, n.id + "/q_column");
    const std::string k4 = g.op("Unsqueeze", {k, g.ints(n.id + "/axis1", {1})}, n.id + "/k_row");
    const std::string features = g.op("Tanh", {g.op("Add", {q4, k4}, n.id + "/sum")}, n.id + "/features");
    const std::string scored = onnx_linear(g, n, features, 4, "w_v.", n.id + "/scored");  // [B, Q, K, 1]
    const std::string scores = g.op("Squeeze", {scored, g.ints(n.id + "/last", {-1})}, n.id + "/scores");
    return {attend(g, scores, n.inputs.back(), n.layer.attributes().get_string("mask"), 3, n.id, n.id)};
}

// LayerNorm(X + Y) over the last axis (dropout is the identity in inference).
Values emit_add_norm(OnnxGraph& g, OnnxNode& n) {
    const std::string sum = g.op("Add", {n.inputs[0], n.inputs[1]}, n.id + "/sum");
    return {g.op("LayerNormalization", {sum, onnx_param(g, n, "ln.weight"), onnx_param(g, n, "ln.bias")}, n.id,
                 {{"axis", int64_t{-1}}, {"epsilon", 1e-5f}})};
}

Values emit_positionwise_ffn(OnnxGraph& g, OnnxNode& n) {
    const size_t rank = n.input_shapes[0].size() + 1;
    const std::string h = onnx_linear(g, n, n.inputs[0], rank, "dense1.", n.id + "/dense1");
    const std::string act = n.layer.attributes().get_string("activation") == "gelu" ? onnx_gelu(g, h, n.id + "/gelu")
                                                                                    : g.op("Relu", {h}, n.id + "/relu");
    return {onnx_linear(g, n, act, rank, "dense2.", n.id)};
}

// The first T rows of a [max_len, d] table, T being the length of the sequence x [B, T, d].
std::string first_rows(OnnxGraph& g, const std::string& table, const std::string& x, const std::string& base) {
    const std::string steps = g.op("Shape", {x}, base + "/steps", {{"start", int64_t{1}}, {"end", int64_t{2}}});
    return g.op("Slice", {table, g.ints(base + "/from", {0}), steps, g.ints(base + "/axes", {0})}, base + "/rows");
}

// X·(√d if scale_input) + P[:T], with the fixed sinusoid table as a constant.
Values emit_positional_encoding(OnnxGraph& g, OnnxNode& n) {
    const Attributes& a = n.layer.attributes();
    const int64_t d = n.input_shapes[0].at(1);
    const std::string table = g.initializer(n.id + "/sinusoids", sinusoidal_positions(a.get_int("max_len"), d));
    std::string x = n.inputs[0];
    if (a.get_bool("scale_input"))
        x = g.op("Mul", {x, g.scalar(n.id + "/sqrt_d", std::sqrt(static_cast<float>(d)))}, n.id + "/scaled");
    return {g.op("Add", {x, first_rows(g, table, n.inputs[0], n.id)}, n.id)};
}

Values emit_position_embedding(OnnxGraph& g, OnnxNode& n) {
    const std::string rows = first_rows(g, onnx_param(g, n, "weight"), n.inputs[0], n.id);
    return {g.op("Add", {n.inputs[0], rows}, n.id)};
}
}  // namespace

void add_attention_emitters(OnnxEmitterTable& t) {
    t["DotProductAttention"] = emit_dot_product_attention;
    t["AdditiveAttention"] = emit_additive_attention;
    t["MultiHeadAttention"] = emit_multi_head_attention;
    t["AddNorm"] = emit_add_norm;
    t["PositionwiseFFN"] = emit_positionwise_ffn;
    t["PositionalEncoding"] = emit_positional_encoding;
    t["PositionEmbedding"] = emit_position_embedding;
    for (const char* type : {"TransformerEncoderBlock", "TransformerDecoderBlock"}) t[type] = emit_block_inside;
}

}  // namespace dl
