#pragma once
// ONNX export: a network with its trained weights as one .onnx file (opset 17) that any inference runtime
// runs. Written with the ONNX project's own protobuf classes (Debian's libonnx-dev).
//
//   inputs        named like the network's ("input"; "source" and "target"; BERT's "tokens", "segments",
//                 "positions"), batch axis symbolic ("batch"); float32, except token inputs (every reader an
//                 Embedding or OneHot: int64 ids [batch, "sequence"], or "<name>_sequence" for several) and
//                 positions to gather (GatherPositions' second input: int64 [batch, "predictions"]). A network
//                 whose attention masks by source length (mask "source": the Transformer, BERT) gets one more
//                 input, "valid_lens" [batch] int64: keys at or past it get −1e6 before the softmax, as in D2L
//                 (pass the full length for unpadded rows)
//   outputs       one per network output (NetworkSpec::output_ids(): BERT pretraining has "mlm_output" and
//                 "nsp_output"), named after the output node's id, float32 [batch, ...]
//   weights       initializers named as in the model file ("conv1.weight", "layer1_0.conv1.weight",
//                 "bn1.running_mean")
//   layers        each type through one emitter table (engine/io/onnx/emitters.h); Dropout is the identity and
//                 BatchNorm uses its running statistics, as in evaluation; blocks are emitted node by node;
//                 RNN/GRU/LSTM become ONNX's own operators (emit_recurrent.cpp says why); the Transformer is the
//                 teacher-forced graph, causal masks included; BERT's GatherPositions is GatherND over the
//                 batch, ClsPooling a Gather of position 0. Not exported: NadarayaWatson (it keeps the training
//                 set) and AttentionGRUDecoder (a step loop inside one layer).
//
// A network with a layer that has no ONNX form throws InputError naming the node and its type, and writes
// nothing.
#include <cstdint>
#include <string>

#include "engine/nn/network.h"

namespace dl {

struct OnnxExportOptions {
    int64_t opset = 17;  // the newest python3-onnx 1.12 (Debian) checks; older ones are refused
};

// Whether the exported graph takes "valid_lens": some attention layer (inside blocks too) masks by source length.
bool onnx_takes_valid_lens(Network& net);

// The serialized ModelProto.
std::string onnx_model_bytes(Network& net, const OnnxExportOptions& options = {});
// Writes onnx_model_bytes() to `path` atomically (temporary file + rename), like save_model.
void export_onnx(Network& net, const std::string& path, const OnnxExportOptions& options = {});

}  // namespace dl
