// ONNX forms of BERT's heads (D2L §14.8.5): GatherPositions for the masked-LM head and ClsPooling for the
// next-sentence head and the fine-tuning classifier. The encoder itself is embeddings, PositionEmbedding and
// Transformer encoder blocks, emitted elsewhere.
#include "engine/io/onnx/emitters.h"

namespace dl {

namespace {
using Values = std::vector<std::string>;

// sequence [B, T, H] and positions [B, P] (int64, the graph input "positions") → [B, P, H]: GatherND with one
// batch axis picks row positions[b, p] of example b.
Values emit_gather_positions(OnnxGraph& g, OnnxNode& n) {
    const std::string index =
        g.op("Unsqueeze", {n.inputs[1], g.ints(n.id + "/last_axis", {-1})}, n.id + "/indices");  // [B, P, 1]
    return {g.op("GatherND", {n.inputs[0], index}, n.id, {{"batch_dims", int64_t{1}}})};
}

// [B, T, H] → [B, H]: the row of position 0 (the <cls> token).
Values emit_cls_pooling(OnnxGraph& g, OnnxNode& n) {
    return {g.op("Gather", {n.inputs[0], g.index(n.id + "/cls", 0)}, n.id, {{"axis", int64_t{1}}})};
}
}  // namespace

void add_bert_emitters(OnnxEmitterTable& t) {
    t["GatherPositions"] = emit_gather_positions;
    t["ClsPooling"] = emit_cls_pooling;
}

}  // namespace dl
