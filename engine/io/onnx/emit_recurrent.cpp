// ONNX forms of token inputs and recurrent layers: OneHot, Embedding, SequenceOutput, AppendContext and
// RNN/GRU/LSTM.
//
// Recurrent layers map to ONNX's own RNN, GRU and LSTM operators rather than an unrolled loop: one node per layer
// whatever the sequence length (the exported model takes sequences of any length, as DiveLab's token networks do),
// and runtimes run them with their fused kernels. The parameters match once the gate blocks are reordered, as
// PyTorch's exporter does: the engine keeps PyTorch's order (GRU r, z, n; LSTM i, f, g, o), ONNX wants GRU z, r, h
// and LSTM i, o, f, c. The reordering is done by Split/Concat nodes on the initializers, so they keep the model
// file's names ("lstm.weight_ih_l0"); runtimes fold them once at load time. PyTorch's GRU applies the reset gate
// after the hidden-state product (r ⊙ (W_hn h + b_hn)): ONNX's linear_before_reset=1. The operators run
// time-major (layout 0: ONNX Runtime does not implement the batch-major layout 1), so the input and outputs are
// transposed around them.
#include "engine/io/onnx/emitters.h"

namespace dl {

namespace {
using Values = std::vector<std::string>;

Values emit_one_hot(OnnxGraph& g, OnnxNode& n) {
    const int64_t vocab = n.output_shapes[0].back();
    return {g.op("OneHot", {n.inputs[0], g.ints(n.id + "/depth", {vocab}), g.floats(n.id + "/values", {0.0f, 1.0f})},
                 n.id, {{"axis", int64_t{-1}}})};
}

// Embedding: rows of the weight picked by the token ids.
Values emit_embedding(OnnxGraph& g, OnnxNode& n) {
    return {g.op("Gather", {onnx_param(g, n, "weight"), n.inputs[0]}, n.id, {{"axis", int64_t{0}}})};
}

Values emit_sequence_output(OnnxGraph& g, OnnxNode& n) {
    if (n.layer.attributes().get_string("steps") != "last") return {g.op("Identity", {n.inputs[0]}, n.id)};
    return {g.op("Gather", {n.inputs[0], g.index(n.id + "/last", -1)}, n.id, {{"axis", int64_t{1}}})};
}

// [B, T, E] and a context [B, H] (or a state stack [B, L, H], whose last row counts) → [B, T, E + H].
Values emit_append_context(OnnxGraph& g, OnnxNode& n) {
    std::string context = n.inputs[1];
    if (n.input_shapes[1].size() == 2)
        context = g.op("Gather", {context, g.index(n.id + "/top", -1)}, n.id + "/top_state", {{"axis", int64_t{1}}});
    const int64_t h = n.input_shapes[1].back();
    const std::string steps = g.op("Unsqueeze", {context, g.ints(n.id + "/axis1", {1})}, n.id + "/step");
    const std::string bt =
        g.op("Shape", {n.inputs[0]}, n.id + "/batch_steps", {{"start", int64_t{0}}, {"end", int64_t{2}}});
    const std::string shape =
        g.op("Concat", {bt, g.ints(n.id + "/hidden", {h})}, n.id + "/shape", {{"axis", int64_t{0}}});
    const std::string every = g.op("Expand", {steps, shape}, n.id + "/context");
    return {g.op("Concat", {n.inputs[0], every}, n.id, {{"axis", int64_t{2}}})};
}

struct Cell {
    const char* op;
    std::vector<int64_t> onnx_order;  // for each ONNX gate block, the engine's (PyTorch's) block
};

Cell cell_of(const std::string& type) {
    if (type == "GRU") return {"GRU", {1, 0, 2}};       // z, r, h  ←  r, z, n
    if (type == "LSTM") return {"LSTM", {0, 3, 1, 2}};  // i, o, f, c  ←  i, f, g, o
    return {"RNN", {0}};
}

// A [G·H, …] parameter with its gate blocks in ONNX's order, as [1, G·H, …] (one direction).
std::string onnx_gates(OnnxGraph& g, const std::string& param, const Cell& cell, int64_t hidden) {
    std::string reordered = param;
    const auto gates = static_cast<int64_t>(cell.onnx_order.size());
    if (gates > 1) {
        Values bases;
        for (int64_t k = 0; k < gates; ++k) bases.push_back(param + "/gate" + std::to_string(k));
        const Values blocks = g.node("Split", {param, g.ints(param + "/split", std::vector<int64_t>(gates, hidden))},
                                     bases, {{"axis", int64_t{0}}});
        Values ordered;
        for (int64_t k : cell.onnx_order) ordered.push_back(blocks[k]);
        reordered = g.op("Concat", ordered, param + "/onnx_order", {{"axis", int64_t{0}}});
    }
    return g.op("Unsqueeze", {reordered, g.ints(param + "/axis0", {0})}, param + "/onnx");
}

// W, R and B of one layer: both directions stacked on ONNX's num_directions axis.
Values layer_weights(OnnxGraph& g, OnnxNode& n, const Cell& cell, int64_t layer, int64_t directions, int64_t hidden) {
    Values w, r, b;
    for (int64_t d = 0; d < directions; ++d) {
        const std::string sfx = "_l" + std::to_string(layer) + (d == 1 ? "_reverse" : "");
        w.push_back(onnx_gates(g, onnx_param(g, n, "weight_ih" + sfx), cell, hidden));
        r.push_back(onnx_gates(g, onnx_param(g, n, "weight_hh" + sfx), cell, hidden));
        const std::string bi = onnx_gates(g, onnx_param(g, n, "bias_ih" + sfx), cell, hidden);
        const std::string bh = onnx_gates(g, onnx_param(g, n, "bias_hh" + sfx), cell, hidden);
        b.push_back(g.op("Concat", {bi, bh}, n.id + sfx + "/B", {{"axis", int64_t{1}}}));  // ONNX's [Wb, Rb]
    }
    if (directions == 1) return {w[0], r[0], b[0]};
    const auto stack = [&](const Values& v, const char* what) {
        return g.op("Concat", v, n.id + "_l" + std::to_string(layer) + "/" + what, {{"axis", int64_t{0}}});
    };
    return {stack(w, "W"), stack(r, "R"), stack(b, "B")};
}

// Layer l's starting state from the "state"-shaped input [B, L·D, H], as ONNX's initial_h [D, B, H].
std::string initial_state(OnnxGraph& g, OnnxNode& n, int64_t layer, int64_t directions) {
    const std::string base = n.id + "_l" + std::to_string(layer);
    const std::string rows = g.op("Slice",
                                  {n.inputs[1], g.ints(base + "/from", {layer * directions}),
                                   g.ints(base + "/to", {(layer + 1) * directions}), g.ints(base + "/axes", {1})},
                                  base + "/state_in");
    return g.op("Transpose", {rows}, base + "/initial_h", {{"perm", std::vector<int64_t>{1, 0, 2}}});
}

Values emit_recurrent(OnnxGraph& g, OnnxNode& n) {
    const Attributes& a = n.layer.attributes();
    const Cell cell = cell_of(n.layer.type());
    const int64_t hidden = a.get_int("hidden_size"), layers = a.get_int("num_layers");
    const int64_t directions = a.get_bool("bidirectional") ? 2 : 1;
    OnnxAttrs attrs{{"hidden_size", hidden}, {"direction", std::string(directions == 2 ? "bidirectional" : "forward")}};
    if (cell.op == std::string("GRU")) attrs.push_back({"linear_before_reset", int64_t{1}});
    const std::vector<int64_t> time_major{1, 0, 2};
    std::string x = g.op("Transpose", {n.inputs[0]}, n.id + "/time_major", {{"perm", time_major}});
    Values states;
    for (int64_t l = 0; l < layers; ++l) {
        const std::string base = n.id + "_l" + std::to_string(l);
        Values in = layer_weights(g, n, cell, l, directions, hidden);
        in.insert(in.begin(), x);
        in.push_back("");  // sequence_lens: every sequence is whole
        if (n.inputs.size() > 1) in.push_back(initial_state(g, n, l, directions));
        const Values out = g.node(cell.op, in, {base + "/Y", base + "/Y_h"}, attrs);
        // Y [T, D, B, H] → [T, B, D·H], the next layer's input; Y_h [D, B, H] → [B, D, H].
        const std::string tbdh =
            g.op("Transpose", {out[0]}, base + "/Y_tb", {{"perm", std::vector<int64_t>{0, 2, 1, 3}}});
        x = g.op("Reshape", {tbdh, g.ints(base + "/merge_directions", {0, 0, -1})}, base + "/output");
        states.push_back(g.op("Transpose", {out[1]}, base + "/state", {{"perm", time_major}}));
    }
    const std::string y = g.op("Transpose", {x}, n.id, {{"perm", time_major}});
    const std::string state =
        states.size() == 1 ? states[0] : g.op("Concat", states, n.id + ":state", {{"axis", int64_t{1}}});
    return {y, state};
}
}  // namespace

void add_recurrent_emitters(OnnxEmitterTable& t) {
    t["OneHot"] = emit_one_hot;
    t["Embedding"] = emit_embedding;
    t["SequenceOutput"] = emit_sequence_output;
    t["AppendContext"] = emit_append_context;
    for (const char* type : {"RNN", "GRU", "LSTM"}) t[type] = emit_recurrent;
}

}  // namespace dl
